"""PO / POT: what gets translated, minimal-diff writing, plurals, fuzzy, header, errors."""

from __future__ import annotations

import subprocess

import polib
import pytest

from error_helpers import raises_at
from formats_helpers import MSGFMT, fake_translate, tr, untouched_lines
from glossa.errors import FormatError
from glossa.formats import po

POT = """\
# Template for the demo app.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2024-01-01 12:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=CHARSET\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"

#. Shown on the toolbar
#: app/views.py:10
msgid "Open the file"
msgstr ""

#: app/views.py:12
#, python-format
msgid "Delete %(name)s now"
msgstr ""

#: app/views.py:14
#, python-format
msgid "%(count)d file was removed."
msgid_plural "%(count)d files were removed."
msgstr[0] ""
msgstr[1] ""

#: app/menu.py:3
msgctxt "menu"
msgid "&Save As"
msgstr ""

#: app/help.py:40
msgid ""
"Usage: demo [options]\\n"
"\\n"
"Prints a very long help text that goes on and on so that gettext wraps it over "
"several lines.\\n"
msgstr ""

#: app/views.py:20
msgid "Already translated"
msgstr "Já traduzido"

#: app/views.py:22
msgid "%s"
msgstr ""

#~ msgid "Old entry"
#~ msgstr ""
"""


def translated(text: str, fn=tr, target: str = "pt", **options) -> str:
    doc = po.read(text, "demo.pot", **options)
    return po.write(fake_translate(doc, fn, target))


def by_msgid(text: str) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(text) if not e.obsolete}


def test_segments_are_empty_entries_line_by_line():
    doc = po.read(POT, "demo.pot")
    texts = [s.text for s in doc.segments]
    assert texts == [
        "Open the file", "Delete %(name)s now", "%(count)d file was removed.",
        "%(count)d files were removed.", "Save As", "Usage: demo [options]",
        "Prints a very long help text that goes on and on so that gettext wraps it over "
        "several lines.",
    ]
    delete = doc.segments[1]
    assert [delete.text[p.start:p.end] for p in delete.protected] == ["%(name)s"]


def test_retranslate_includes_filled_entries():
    texts = [s.text for s in po.read(POT, retranslate=True).segments]
    assert "Already translated" in texts


def test_round_trip_without_translation_is_byte_identical():
    doc = po.read(POT, "demo.pot")
    assert po.write(doc) == POT


def test_filled_entries_plurals_and_line_structure():
    out = translated(POT)
    entries = by_msgid(out)
    assert entries["Open the file"].msgstr == "oPEN THE FILE"
    assert entries["Delete %(name)s now"].msgstr == "dELETE %(name)s NOW"
    plural = entries["%(count)d file was removed."]
    assert plural.msgstr_plural == {0: "%(count)d FILE WAS REMOVED.",
                                    1: "%(count)d FILES WERE REMOVED."}
    usage = entries["Usage: demo [options]\n\nPrints a very long help text that goes on and on "
                    "so that gettext wraps it over several lines.\n"]
    assert usage.msgstr.split("\n") == ["uSAGE: DEMO [options]", "", usage.msgstr.split("\n")[2],
                                        ""]
    assert entries["Already translated"].msgstr == "Já traduzido"
    assert entries["%s"].msgstr == ""  # nothing to translate: left for the translator


def test_accelerator_is_kept_before_the_same_letter():
    out = translated(POT, fn=lambda t: t.replace("Save As", "Salvar como"))
    entry = next(e for e in polib.pofile(out) if e.msgctxt == "menu")
    assert entry.msgstr == "&Salvar como"


def test_accelerator_prefers_the_same_letter_then_the_first_letter():
    from glossa.accelerators import restore
    from glossa.placeholders import find_placeholders

    assert restore("Abrir ficheiro", "Open file", 5, "&") == "Abrir &ficheiro"
    assert restore("Sair", "Exit", 1, "&") == "&Sair"
    taken = find_placeholders("Gravar %s", po.PROTECT_KINDS)
    assert restore("Gravar %s", "Save %s", 0, "_", taken=taken) == "_Gravar %s"  # not in %s
    assert restore("Salva", "Save", 2, "_") == "Sal_va"


def test_new_translations_are_fuzzy_and_other_flags_kept():
    entries = by_msgid(translated(POT))
    assert entries["Open the file"].flags == ["fuzzy"]
    assert entries["Delete %(name)s now"].flags == ["fuzzy", "python-format"]
    assert entries["Already translated"].flags == []
    no_fuzzy = by_msgid(translated(POT, fuzzy=False))
    assert no_fuzzy["Open the file"].flags == []
    assert no_fuzzy["Delete %(name)s now"].flags == ["python-format"]


def test_only_filled_entries_and_header_change():
    out = translated(POT)
    before, after = untouched_lines(POT, out)
    assert before == after
    header_before = [line for line in POT.split("\n\n")[0].split("\n") if line != "#, fuzzy"]
    header_after = out.split("\n\n")[0].split("\n")  # msginit's rule: no fuzzy header
    changed = {a for b, a in zip(header_before, header_after, strict=True) if a != b}
    assert {line.split(":")[0] for line in changed} == {
        '"PO-Revision-Date', '"Language', '"Content-Type', '"Plural-Forms'}


def test_header_fields_for_target(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    catalogue = polib.pofile(translated(POT, target="ru"))
    assert catalogue.metadata["Language"] == "ru"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert catalogue.metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata["Project-Id-Version"] == "demo 1.0"
    entry = next(e for e in catalogue if e.msgid_plural)
    assert sorted(entry.msgstr_plural) == [0, 1, 2]


def test_one_form_languages_use_the_plural_text():
    entry = next(e for e in polib.pofile(translated(POT, target="ja")) if e.msgid_plural)
    assert entry.msgstr_plural == {0: "%(count)d FILES WERE REMOVED."}


def test_existing_plural_forms_for_same_language_are_kept():
    text = POT.replace('"Language: \\n"', '"Language: pt_BR\\n"').replace(
        "nplurals=INTEGER; plural=EXPRESSION;", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);")
    catalogue = polib.pofile(translated(text))
    assert catalogue.metadata["Language"] == "pt_BR"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3")
    assert len(next(e for e in catalogue if e.msgid_plural).msgstr_plural) == 3


def test_missing_header_is_added():
    text = 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    out = translated(text)
    catalogue = polib.pofile(out)
    assert catalogue.metadata["Language"] == "pt"
    assert catalogue.metadata["Plural-Forms"] == po.plural_forms("pt")
    assert out.endswith(text.replace('msgstr[0] ""\nmsgstr[1] ""',
                                     'msgstr[0] "ONE"\nmsgstr[1] "MANY"').replace(
        'msgid "one"', '#, fuzzy\nmsgid "one"'))


def test_failed_entry_keeps_empty_msgstr():
    doc = fake_translate(po.read(POT, "demo.pot"), tr)
    failed = next(s for s in doc.segments if s.text.startswith("Delete"))
    failed.translation = None
    failed.notes.append("placeholders lost by the engine: %(name)s")
    entries = by_msgid(po.write(doc))
    assert entries["Delete %(name)s now"].msgstr == ""
    assert "fuzzy" not in entries["Delete %(name)s now"].flags
    assert entries["Open the file"].msgstr == "oPEN THE FILE"


def test_crlf_and_bom_are_kept():
    text = "\ufeff" + POT.replace("\n", "\r\n")
    out = translated(text)
    assert out.startswith("\ufeff#")
    assert "\n" not in out.replace("\r\n", "")
    assert by_msgid(out.lstrip("\ufeff"))["Open the file"].msgstr == "oPEN THE FILE"


def test_long_translation_is_wrapped_like_gettext():
    out = translated(POT, fn=lambda t: (t + " ") * 4)
    new_lines = [line for line in out.split("\n") if line not in POT.split("\n")]
    assert len(new_lines) > 10
    assert max(len(line) for line in new_lines) <= po.WRAP


@pytest.mark.skipif(MSGFMT is None, reason="msgfmt not installed")
def test_output_passes_msgfmt_check(tmp_path):
    path = tmp_path / "demo.pt.po"
    path.write_text(translated(POT), encoding="utf-8")
    proc = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("lang", sorted(po.PLURAL_FORMS))
def test_plural_table_is_valid_gettext(lang):
    forms = po.plural_forms(lang)
    assert po.nplurals(forms) is not None
    expr = forms.split("plural=", 1)[1].rstrip(";")
    py = expr.replace("&&", " and ").replace("||", " or ").replace("!=", "__NE__")
    py = py.replace("!", " not ").replace("__NE__", "!=")
    py = _ternary(py)
    for n in (0, 1, 2, 3, 5, 11, 21, 101, 111):
        assert 0 <= int(eval(py, {"n": n})) < po.nplurals(forms)  # noqa: S307


def _ternary(expr: str) -> str:
    """Turn C ternaries `a ? b : c` into Python (right-associative)."""
    import re

    expr = expr.strip()
    while expr.startswith("(") and _balanced(expr[1:-1]) and expr.endswith(")"):
        expr = expr[1:-1].strip()
    depth = 0
    for i, ch in enumerate(expr):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "?" and depth == 0:
            cond, rest = expr[:i], expr[i + 1:]
            d2 = 0
            for j, c in enumerate(rest):
                d2 += c == "("
                d2 -= c == ")"
                if c == ":" and d2 == 0:
                    return (f"(({_ternary(rest[:j])}) if ({_ternary(cond)}) "
                            f"else ({_ternary(rest[j + 1:])}))")
    return re.sub(r"\s+", " ", expr)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\ngarbage here\n', 3, "unexpected text"),
        ('msgid "a"\nmsgstr "b\n', 2, "malformed string"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3, "before the previous entry's msgstr"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr ""\n', 3, "msgstr[0]"),
        ('msgid "a"\nmsgstr[0] ""\n', 2, "msgstr[n] without msgid_plural"),
        ('msgid "a"\nmsgstr "b"\n"dangling"\n\n"more"\n', 5, "outside an entry"),
        ('msgid "a"\n', 1, "entry without msgstr"),
        ('msgid "a"\nmsgstr "say "hi""\n', 2, "malformed string"),
    ],
)
def test_malformed_po_names_file_and_line(text, line, message):
    with raises_at(FormatError, "broken.po", line, message):
        po.read(text, "broken.po")


def test_polib_errors_are_mapped_with_line(monkeypatch):
    def boom(*_a, **_k):
        raise OSError("Syntax error in po file (line 7): unescaped double quote found")

    monkeypatch.setattr(po.polib, "pofile", boom)
    with pytest.raises(FormatError) as info:
        po.read('msgid "a"\nmsgstr ""\n', "x.po")
    assert str(info.value) == "x.po:7: PO syntax error: unescaped double quote found"
