"""JSON/ARB/YAML catalogue formats and the ICU reader: what is translated, what stays byte for
byte, and how broken or hostile files are refused."""

from __future__ import annotations

import json
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from error_helpers import raises_at
from formats_helpers import fake_translate, tr
from glossa.errors import FormatError
from glossa.formats import arb, catalog, icu, jsoncat, yamlcat


def _texts(doc):
    return [s.text for s in doc.segments]


def _pieces(message: str) -> list[str]:
    return [message[r.start:r.end] for r in icu.text_runs(message)]


# --- ICU ------------------------------------------------------------------------------------


def test_icu_runs_are_branch_texts_and_structure_is_skeleton():
    message = ("You have {n, plural, offset:1 =0 {no {kind, select, a {apples} other {# things}}}"
               " one {one {x} thing} other {# things}}. Done")
    assert _pieces(message) == ["You have ", "no ", "apples", "# things", "one {x} thing",
                                "# things", ". Done"]
    runs = icu.text_runs(message)
    protected = [message[s.start:s.end] for r in runs for s in r.protected]
    assert protected == ["#", "{x}", "#"]
    assert "".join(icu.skeleton(message)).startswith("{n, plural, offset:1 =0 {")


def test_icu_apostrophes_quote_only_before_special_characters():
    message = "{n, plural, one {Don't '{'keep'}' it} other {It''s #}}"
    runs = icu.text_runs(message)
    protected = [message[s.start:s.end] for r in runs for s in r.protected]
    assert protected == ["'{'", "'}'", "''", "#"]
    assert "Don't" in _pieces(message)[0]


@pytest.mark.parametrize("bad", ["{a, plural, one {x}", "{", "}", "{a, plural,}",
                                 "{a, select, x}", "{, plural, one {x}}"])
def test_icu_malformed_messages_raise(bad):
    with pytest.raises(icu.IcuError):
        icu.text_runs(bad)


def test_icu_deep_nesting_is_an_error_not_a_recursion_crash():
    deep = "{a, select, x {" * 5000 + "t" + "}}" * 5000
    with pytest.raises(icu.IcuError, match="nested too deeply"):
        icu.text_runs(deep)


def test_translated_icu_must_keep_its_structure():
    source = "{count, plural, one {# file} other {# files}}"
    assert catalog.icu_intact(source, "{count, plural, one {# arquivo} other {# arquivos}}")
    assert not catalog.icu_intact(source, "{count, plural, one {# arquivo} outro {# arquivos}}")
    assert not catalog.icu_intact(source, "{count, plural, one {# arquivo} other {# arquivos}")


# --- JSON -----------------------------------------------------------------------------------

NESTED = """{
    "nav": {"home": "Home", "about": "About us"},
    "greeting": "Hello, {{name}}!",
    "count": 3, "on": true, "none": null, "sizes": [1, 2.5e3],
    "items_one": "{{count}} item",
    "items_other": "{{count}} items",
    "help": "See https:\\/\\/example.com or press %s",
    "ext": "Open $1 in $BROWSER$ via $t(common.app)",
    "sep": "<b>%{first}\\u2013%{last}</b>"
}
"""


def test_json_segments_only_string_values_with_placeholders_protected():
    doc = jsoncat.read(NESTED, "x.json")
    assert _texts(doc) == ["Home", "About us", "Hello, {{name}}!", "{{count}} item",
                           "{{count}} items", "See https://example.com or press %s",
                           "Open $1 in $BROWSER$ via $t(common.app)"]
    ext = doc.segments[6]
    assert [ext.text[s.start:s.end] for s in ext.protected] == ["$1", "$BROWSER$",
                                                                "$t(common.app)"]
    assert [s.context["key"] for s in doc.segments][:2] == ["nav.home", "nav.about"]
    assert doc.segments[2].context["line"] == 3


def test_json_write_changes_only_values_and_keeps_escape_style():
    doc = fake_translate(jsoncat.read(NESTED, "x.json"), tr)
    out = jsoncat.write(doc)
    data = json.loads(out)
    assert data["nav"] == {"home": "hOME", "about": "aBOUT US"}
    assert data["help"] == "sEE https://example.com OR PRESS %s"
    assert '"help": "sEE https:\\/\\/example.com OR PRESS %s"' in out  # \/ as the file wrote
    assert data["count"] == 3 and data["sizes"] == [1, 2.5e3]
    # Portuguese needs _many by CLDR: added after _other with the same layout
    assert '"items_other": "{{count}} ITEMS",\n    "items_many": "{{count}} ITEMS",\n' in out
    assert out.replace('    "items_many": "{{count}} ITEMS",\n', "").count("\n") == \
        NESTED.count("\n")


def test_json_ascii_only_file_gets_escaped_translations():
    text = json.dumps({"a": "caf\u00e9", "b": "Hello"}, indent=2)  # ensure_ascii: \u00e9
    doc = jsoncat.read(text)
    for segment in doc.segments:
        segment.translation = "Olá 👋" if segment.text == "Hello" else None
    doc.meta["target"] = "pt"
    out = jsoncat.write(doc)
    assert '"b": "Ol\\u00e1 \\ud83d\\udc4b"' in out
    assert '"a": "caf\\u00e9"' in out
    assert json.loads(out)["b"] == "Olá 👋"


def test_json_literal_utf8_file_stays_literal_and_go_style_escapes_are_kept():
    text = '{"a": "Café \\u003cb\\u003e", "b": "Tea & <i>cake</i>"}'
    doc = fake_translate(jsoncat.read(text), str.upper)
    out = jsoncat.write(doc)
    assert out == '{"a": "CAFÉ \\u003cb\\u003e", "b": "TEA & \\u003ci\\u003eCAKE\\u003c/i\\u003e"}'


def test_chrome_messages_translate_message_only_with_description_as_context():
    text = ('{\n "extName": {"message": "Tab Saver", "description": "Name shown in the store"},\n'
            ' "count": {"message": "Saved $COUNT$ tabs", "description": "",\n'
            '   "placeholders": {"count": {"content": "$1", "example": "Three"}}}\n}\n')
    doc = jsoncat.read(text, "messages.json")
    assert _texts(doc) == ["Tab Saver", "Saved $COUNT$ tabs"]
    assert doc.segments[0].context["description"] == "Name shown in the store"
    out = json.loads(jsoncat.write(fake_translate(doc, tr)))
    assert out["extName"]["description"] == "Name shown in the store"
    assert out["count"]["placeholders"]["count"] == {"content": "$1", "example": "Three"}
    assert out["count"]["message"] == "sAVED $COUNT$ TABS"


ARB = """{
  "@@locale": "en",
  "title": "Shopping list",
  "@title": {"description": "App bar title"},
  "items": "{count, plural, =0{No items} one{One item} other{{count} items}}",
  "@items": {"placeholders": {"count": {"type": "int"}}}
}
"""


def test_arb_messages_are_icu_metadata_is_context_and_locale_is_updated():
    doc = arb.read(ARB, "app_en.arb")
    assert doc.format == "arb"
    assert _texts(doc) == ["Shopping list", "No items", "One item", "{count} items"]
    assert doc.segments[0].context["description"] == "App bar title"
    out = jsoncat.write(fake_translate(doc, tr))
    data = json.loads(out)
    assert data["@@locale"] == "pt"
    assert data["@title"] == {"description": "App bar title"}
    assert data["items"] == "{count, plural, =0{nO ITEMS} one{oNE ITEM} other{{count} ITEMS}}"
    assert arb.sniff(ARB) and jsoncat.sniff(ARB) and not jsoncat.sniff("[1, 2]")


def test_broken_icu_translation_is_kept_in_the_source_and_noted():
    doc = arb.read(ARB, "app_en.arb")
    for segment in doc.segments:
        segment.translation = segment.text.upper() + ("}" if segment.text == "One item" else "")
    doc.meta["target"] = "pt"
    data = json.loads(jsoncat.write(doc))
    assert data["items"] == ARB.split('"items": "')[1].split('",')[0]
    assert any("ICU" in note for s in doc.segments for note in s.notes)
    assert data["title"] == "SHOPPING LIST"


@pytest.mark.parametrize("text, line, message", [
    ('{\n  "a": "x",\n  "a": "y"\n}', 3, "duplicate key 'a'"),
    ('{\n  "a": "x",\n}', 3, "invalid JSON"),
    ('{\n  "a": NaN\n}', None, "NaN is not valid JSON"),
    ("", 1, "invalid JSON"),
    ('{"a": "x"} trailing', 1, "invalid JSON: Extra data"),
])
def test_malformed_json_names_file_and_line(text, line, message):
    with raises_at(FormatError, "bad.json", line, message):
        jsoncat.read(text, "bad.json")


@pytest.mark.parametrize("depth", [300, 200_000])
def test_deeply_nested_json_is_refused_without_recursion_error(depth):
    with pytest.raises(FormatError, match="nested more than"):
        jsoncat.read("[" * depth + "]" * depth, "deep.json")


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(string.printable + "éß€😀\u2028\x00\t"),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(string.ascii_letters + "_@", min_size=1, max_size=8)
                      .map(lambda k: k), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=_json_values, indent=st.sampled_from([None, 0, 2, "\t"]), ascii=st.booleans(),
       bom=st.booleans(), newline=st.booleans())
def test_json_round_trips_and_fake_translation_keeps_keys(value, indent, ascii, bom, newline):
    text = ("\ufeff" if bom else "") + json.dumps(value, indent=indent, ensure_ascii=ascii) + (
        "\n" if newline else "")
    doc = jsoncat.read(text, "x.json")
    assert jsoncat.write(doc) == text
    out = jsoncat.write(fake_translate(doc, tr))
    back = json.loads(out.lstrip("\ufeff"))
    assert _shape(_without_added_plurals(back, value)) == _shape(value)
    if ascii:
        assert out.lstrip("\ufeff").isascii() or not any(ord(c) > 127 for c in text[1:])


def _without_added_plurals(back, value):
    """``back`` less the plural keys (``x_many``) the writer added for the target."""
    if isinstance(back, dict) and isinstance(value, dict):
        extra = [k for k in back if k not in value]
        assert all(re.search(r"_(zero|one|two|few|many|other)$", k) for k in extra), extra
        return {k: _without_added_plurals(v, value[k]) for k, v in back.items() if k in value}
    if isinstance(back, list) and isinstance(value, list):
        return [_without_added_plurals(b, v) for b, v in zip(back, value, strict=True)]
    return back


def _shape(value):
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


# --- YAML -----------------------------------------------------------------------------------

RAILS = """\
# comment kept
en:
  greeting: Hello there   # trailing comment
  quoted: 'It''s here'
  double: "Line one\\nline two \\u00e9"
  anchored: &shared Shared text
  alias: *shared
  block: |
    First paragraph.

    Second paragraph with %{name}.
  folded: >
    Folded text
    over two lines.
  order:
    - :year
    - :month
  count: 3
  on: true
  errors:
    too_short:
      one: is too short (1 character)
      other: "is too short (%{count} characters)"
"""


def test_yaml_segments_skip_symbols_numbers_and_keys():
    doc = yamlcat.read(RAILS, "en.yml")
    assert _texts(doc) == ["Hello there", "It's here", "Line one", "line two é", "Shared text",
                           "First paragraph.", "Second paragraph with %{name}.",
                           "Folded text over two lines.", "is too short (1 character)",
                           "is too short (%{count} characters)"]
    assert doc.segments[0].context["line"] == 3
    assert yamlcat.sniff(RAILS) and not yamlcat.sniff("a: b\n")


def test_yaml_write_keeps_styles_comments_anchors_and_renames_the_root():
    out = yamlcat.write(fake_translate(yamlcat.read(RAILS, "en.yml"), tr))
    assert out.startswith("# comment kept\npt:\n  greeting: hELLO THERE   # trailing comment\n")
    assert "  quoted: 'iT''S HERE'\n" in out
    assert '  double: "lINE ONE\\nLINE TWO \\u00c9"\n' in out
    assert "  anchored: &shared sHARED TEXT\n  alias: *shared\n" in out
    assert "  block: |\n    fIRST PARAGRAPH.\n\n    sECOND PARAGRAPH WITH %{name}.\n" in out
    assert "  folded: >\n    fOLDED TEXT OVER TWO LINES.\n" in out
    assert "    - :year\n" in out
    assert '      many: "IS TOO SHORT (%{count} CHARACTERS)"\n' in out
    data = YAML(typ="safe").load(out)["pt"]
    assert data["alias"] == data["anchored"] == "sHARED TEXT"
    assert data["block"] == "fIRST PARAGRAPH.\n\nsECOND PARAGRAPH WITH %{name}.\n"
    assert data["count"] == 3 and data["on"] is True
    assert data["errors"]["too_short"]["many"] == data["errors"]["too_short"]["other"]


@pytest.mark.parametrize("translation", ["yes: no", "- item", "#hash", " lead", "true", "42",
                                         "a 'b' \"c\"", "x\ny", "@at", "{flow}"])
def test_yaml_plain_values_that_need_quotes_read_back_exactly(translation):
    text = "en:\n  key: Plain value\n  other: 'Single'\n  flow: {a: Inside}\n"
    doc = yamlcat.read(text, "en.yml")
    for segment in doc.segments:
        segment.translation = translation
    doc.meta["target"] = "pt"
    out = yamlcat.write(doc)
    data = YAML(typ="safe").load(out)["pt"]
    assert data == {"key": translation, "other": translation, "flow": {"a": translation}}


@pytest.mark.parametrize("text, line, message", [
    ("en:\n  a: x\n  a: y\n", 3, "duplicate key 'a'"),
    ("en:\n  a: [x\n", 3, "invalid YAML"),
    ("en:\n  a: *missing\n", 2, "invalid YAML"),
    ("a: b\n c: d\n", 2, "invalid YAML"),
])
def test_malformed_yaml_names_file_and_line(text, line, message):
    with raises_at(FormatError, "bad.yml", line, message):
        yamlcat.read(text, "bad.yml")


def test_yaml_alias_bomb_is_refused():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(FormatError, match="alias bomb"):
        yamlcat.read("\n".join(lines) + "\n", "bomb.yml")


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "- " * 50_000 + "x\n",
                                  "".join(f"{' ' * i}k{i}:\n" for i in range(300)) + " " * 300
                                  + "v\n"])
def test_deep_yaml_is_refused_in_one_line(text):
    with pytest.raises(FormatError, match="nested more than 200 levels deep"):
        yamlcat.read(text, "deep.yml")


_YAML_PIECES = ["en:", "\n", "  ", "key: ", "value", "'q''s'", '"d\\n\\u00e9"', "- ", "&x ",
                "*x", "# c", "|", ">", "\r\n", ":sym", "3", "true", "one: ", "other: ", "{",
                "}", "[", "]", ",", "%{n}", "é", "---", "\t", "\ufeff"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=30).map("".join))
def test_yaml_round_trips_or_refuses(text):
    try:
        doc = yamlcat.read(text, "x.yml")
    except FormatError:
        return
    assert yamlcat.write(doc) == text
    out = yamlcat.write(fake_translate(doc, tr))
    yamlcat.read(out, "out.yml")  # still valid YAML


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=6),
                       st.text(string.ascii_letters + " %{}é'\"#:-\n", max_size=30)
                       | st.integers(), min_size=1, max_size=6),
       st.sampled_from([None, "'", '"', "|", ">"]))
def test_yaml_dumped_catalogues_translate_back_to_the_same_keys(values, style):
    import io

    dumper = YAML()
    dumper.default_style = style if style in ("'", '"') else None
    buffer = io.StringIO()
    dumper.dump({"en": values}, buffer)
    text = buffer.getvalue()
    doc = yamlcat.read(text, "en.yml")
    assert yamlcat.write(doc) == text
    out = yamlcat.write(fake_translate(doc, tr))
    back = YAML(typ="safe").load(out)["pt"]
    assert set(back) >= set(values)
    for key, value in values.items():
        if isinstance(value, str) and not any(s.context["key"] == f"en.{key}" and s.notes
                                              for s in doc.segments):
            expected = catalog.translated_value(
                value, [s for s in doc.segments if s.context["key"] == f"en.{key}"])
            assert back[key] == (expected if expected is not None else value)


@pytest.mark.parametrize("source, expected", [
    ("locales/messages.en.json", "locales/messages.pt.json"),
    ("config/locales/en.yml", "config/locales/pt.yml"),
    ("config/locales/devise.en.yml", "config/locales/devise.pt.yml"),
    ("en-US.json", "pt.json"),
    ("lib/l10n/app_en.arb", "lib/l10n/app_pt.arb"),
    ("package.json", "package.pt.json"),
    ("en.txt", "en.pt.txt"),  # only catalogues are named by their language alone
])
def test_catalogue_output_names(source, expected):
    from pathlib import Path

    from glossa.api import output_path

    assert output_path(source, "pt") == Path(expected)


@pytest.mark.parametrize("quote", ['"', "'", ""])
def test_a_yaml_file_with_a_byte_order_mark_keeps_it_and_its_offsets(quote):
    """The YAML reader drops a leading U+FEFF and counts its marks without it: every edit
    (the values, the root language key) must land on the same bytes all the same."""
    text = f"\ufeffen:\n  welcome: {quote}Welcome aboard{quote}\n  farewell: See you soon\n"
    doc = yamlcat.read(text, "en.yml")
    assert yamlcat.write(doc) == text
    out = yamlcat.write(fake_translate(doc, str.upper))
    assert out == (f"\ufeffpt:\n  welcome: {quote}WELCOME ABOARD{quote}\n"
                   "  farewell: SEE YOU SOON\n")
    yamlcat.read(out, "pt.yml")


def test_a_stray_backslash_u_is_not_taken_for_an_escape():
    from glossa.formats.jsoncat import EscapeStyle

    EscapeStyle.of(["\\u00e", "caf\\u00e9"])  # a truncated escape must not crash the reader
