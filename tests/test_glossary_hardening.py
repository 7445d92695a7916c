"""Glossary readers/writers on hostile input: a leading '#' survives TSV/CSV, broken PO/CSV/
TBX files stop with file and line, and no input makes a reader raise anything else."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from error_helpers import raises_at
from glossa.cli import main
from glossa.errors import GlossaError, GlossaryError
from glossa.glossary import Entry, dumps, load_glossary, loads
from glossary_helpers import SAMPLE_TSV, sample

PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\n'


def _with(fmt: str, *terms: dict[str, str]) -> str:
    sep = "\t" if fmt == "tsv" else ","
    g = loads(f"en{sep}pt\nNATO{sep}OTAN\n", fmt)
    for number, t in enumerate(terms, 2):
        g.rows.append(Entry(terms=dict(t), id=number))
    return dumps(g, fmt)


@pytest.mark.parametrize("fmt, terms, line", [
    ("tsv", {"en": "#hashtag", "pt": "#hashtag"}, "\\#hashtag\t#hashtag"),
    ("tsv", {"pt": "#só"}, "\t\\#só"),
    ("tsv", {"en": "\\#literal"}, "\\\\#literal\t"),
    ("tsv", {"en": "\\n", "pt": "x"}, "\\n\tx"),  # backslashes not before '#' stay as they are
    ("csv", {"en": "#hashtag", "pt": "#x"}, '"#hashtag",#x'),
    ("csv", {"pt": "#só"}, ",#só"),
])
def test_leading_hash_is_written_so_it_reads_back_as_a_term(fmt, terms, line):
    text = _with(fmt, terms)
    assert text.split("\n")[2] == line
    back = loads(text, fmt)
    assert [e.terms for e in back.entries] == [{"en": "NATO", "pt": "OTAN"}, terms]
    assert dumps(back, fmt) == text


@pytest.mark.parametrize("fmt, text", [
    ("tsv", "# c\nen\tpt\n\\#tag\t#tag\n#real comment\n  # indented comment\n\\\\#x\ty\n"),
    ("csv", '# c\nen,pt\n"#tag",#tag\n#real, "comment\n"a\n#b",c\n'),
])
def test_files_with_escaped_hashes_round_trip_byte_identical(fmt, text):
    g = loads(text, fmt)
    assert dumps(g, fmt) == text
    assert g.entries[0].terms == {"en": "#tag", "pt": "#tag"}
    assert len(g.entries) == 2


_cell = st.text(st.sampled_from(list("#\\ abé")), max_size=6)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.tuples(_cell, _cell), min_size=1, max_size=5),
       fmt=st.sampled_from(["tsv", "csv"]))
def test_property_any_term_survives_tsv_and_csv(rows, fmt):
    wanted = [{k: v.strip() for k, v in zip(("en", "pt"), row, strict=True) if v.strip()}
              for row in rows]
    wanted = [t for t in wanted if t]
    text = _with(fmt, *wanted)
    assert [e.terms for e in loads(text, fmt).entries][1:] == wanted


def test_comment_lines_from_other_formats_stay_comments():
    tbx = dumps(sample(), "tbx").replace(
        "<body>", "<body>\n<!-- licence: CC-BY\n  second line -->", 1)
    g = loads(tbx, "tbx")
    text = dumps(g)
    assert "#second line" not in text and "#  second line" in text
    assert len(loads(text).entries) == len(g.entries)


@pytest.mark.parametrize("body, line, message", [  # the PO format's reader's messages
    ('msgid "a"\nmsgstr "b\n', 6, "malformed string after msgstr: no closing quote"),
    ('msgid "a\nmsgstr "b"\n', 5, "malformed string after msgid: no closing quote"),
    ('msgid "a"\nmsgstr "b" c\n', 6, "unexpected text after the closing quote: 'c'"),
    ('garbage here\nmsgid "a"\nmsgstr "b"\n', 5, "unexpected text 'garbage here'"),
    ('msgstr "b"\n', 5, "msgstr without a msgid before it"),
    ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 6, "msgid before the previous entry's msgstr"),
    ('msgid "a"\n', 5, "entry without msgstr"),
    ('msgid "a"\n# note\nmsgstr "b"\n', 6, "comment inside an entry (msgstr missing?)"),
    ('msgid "a"\nmsgstr "b"\n\n"stray"\n# c\n"x"\n', 8, "string continuation outside"),
    ('msgid "a\\q"\nmsgstr "b"\n', 5, "unsupported escape '\\q'"),
    ('msgid "a\\\nmsgstr "b"\n', 5, "no closing quote"),
    ('msgid a\nmsgstr "b"\n', 5, "expected a quoted string"),
    ('msgstr[0] "b"\n', 5, "msgstr[n] without msgid_plural"),
    ('msgid "a\u2028b"\nmsgstr "c"\n', 5, "U+2028"),
])
def test_malformed_po_names_file_and_line(body, line, message):
    with raises_at(GlossaryError, "bad.po", line, message):
        loads(PO_HEAD + body, "po", "bad.po")


def test_well_formed_po_variants_are_read():
    body = ('#, fuzzy\nmsgctxt "ui"\nmsgid ""\n"log "\n"in"\nmsgstr "entrar"\n\n'
            'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "arquivo"\nmsgstr[1] "arquivos"\n\n'
            '#~ msgid "old\n#~ msgstr "x"\n\nmsgid "tab\\there \\"q\\" \\\\"\nmsgstr "ok"   \n')
    g = loads(PO_HEAD + body, "po", "ok.po")
    assert [e.terms["en"] for e in g.entries] == ["log in", "file", 'tab\there "q" \\']


def test_po_text_naming_an_existing_file_is_not_read_as_that_file(tmp_path, monkeypatch):
    (tmp_path / "other.po").write_text(PO_HEAD + 'msgid "secret"\nmsgstr "x"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GlossaryError, match="unexpected text 'other.po'"):
        loads("other.po", "po")


@pytest.mark.parametrize("header, message", [
    ('"X-Glossa-Columns: note\\tsource\\n"', "must name language codes"),
    ('"X-Glossa-Columns: en\\tnote\\n"', "lacks a column for en or pt"),
])
def test_po_column_header_is_validated(header, message):
    text = PO_HEAD.replace('"Language: pt\\n"', '"Language: pt\\n"\n' + header)
    with pytest.raises(GlossaryError, match=message):
        loads(text + 'msgid "a"\nmsgstr "b"\n', "po", "x.po")


@pytest.mark.parametrize("text, line, message", [
    ('en,pt\n"foo,bar\nx,y\n', 2, "never closed"),
    ('en,pt\na,b\n"x\n', 3, "never closed"),
    ('en,pt\n"a"b,c\n', 2, "',' expected after '\"'"),
    ('en,pt\na\rb,c\n', 2, "line break (CR)"),
    ('en,pt,my\tnote\na,b,c\n', 1, "column name 'my\\tnote' holds a tab"),  # TBX/PO join them
])
def test_malformed_csv_names_file_and_line(text, line, message):
    with raises_at(GlossaryError, "bad.csv", line, message):
        loads(text, "csv", "bad.csv")


@pytest.mark.parametrize("text, line, message", [
    ("<martif><text><body>\n<termEntry>\n</body></text></martif>", 3, "mismatched tag"),
    ("<martif><text><body></body></text></martif>", None, "without any termEntry"),
    ("<martif><text><body><div><termEntry/></div></body></text></martif>", None,
     "directly under <body>"),
    ('<?xml version="1.0"?>\n<!-- ' + "x" * 5000 + ' -->\n<!DOCTYPE martif [\n'
     '<!ENTITY a "aaaa">\n]>\n<martif/>', 4, "entity declarations are refused"),
    ('<!DOCTYPE martif [<!ENTITY % p "x">]><martif/>', 1, "entity declarations are refused"),
    ("<martif><text><body>&ext;</body></text></martif>", 1, "undefined entity"),
])
def test_malformed_tbx_names_file_and_line(text, line, message):
    with raises_at(GlossaryError, "bad.tbx", line, message):
        loads(text, "tbx", "bad.tbx")


def test_tbx_with_external_dtd_and_entity_text_in_comments_is_read():
    tbx = dumps(sample(), "tbx").replace(
        "<martif", '<!-- mentions <!ENTITY x "y"> -->\n'
        '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n<martif', 1)
    assert loads(tbx, "tbx").entries[0].terms["en"] == "Southern Front"


def test_empty_glossary_written_by_glossa_reads_back_from_tbx():
    g = loads("en\tpt\n")
    assert loads(dumps(g, "tbx"), "tbx").entries == []


@pytest.mark.parametrize("fmt, term, message", [
    ("tbx", "a\x0cb", "U+000C"),
    ("po", "a\u2028b", "U+2028"),
])
def test_writers_refuse_what_their_format_cannot_hold(fmt, term, message):
    g = loads("en\tpt\nx\ty\n")
    g.entries[0].terms["en"] = term
    with pytest.raises(GlossaryError, match=re.escape(message)):
        dumps(g, fmt)


@pytest.mark.parametrize("name, text, message", [
    ("bad.po", PO_HEAD + 'msgid "a"\nmsgstr "b\n', "bad.po:6: malformed string after msgstr"),
    ("bad.csv", 'en,pt\n"a,b\nc,d\n', "bad.csv:2: bad CSV"),
    ("bad.tbx", "<martif><text><body>\n<termEntry>", "bad.tbx:2: broken XML"),
])
def test_cli_reports_broken_glossary_and_exits_2(tmp_path, capsys, name, text, message):
    (tmp_path / "x.txt").write_text("Hello world\n", "utf-8")
    (tmp_path / name).write_text(text, "utf-8")
    code = main(["terms", str(tmp_path / "x.txt"), "-g", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err


# --- fuzzing: the only exception a reader may raise is GlossaryError ---------------------

_g = sample()
_SEEDS = {"tsv": SAMPLE_TSV, "csv": dumps(_g, "csv"), "tbx": dumps(_g, "tbx"),
          "po": dumps(_g, "po", src="en", tgt="pt")}
_PIECES = st.sampled_from([*'"\\#\t\n\r,<>/&;!-=[]: \x00\x0c\u2028\ufeffé', "msgid ", "msgstr ",
                           "msgstr[0] ", "#~ ", "<termEntry>", "</langSet>", "&a;",
                           '<!DOCTYPE x [<!ENTITY a "b">]>', "X-Glossa-Columns: ", "en", "case"])


@st.composite
def _mutated(draw, fmt):
    text = _SEEDS[fmt]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 8)))
        text = text[:i] + "".join(draw(st.lists(_PIECES, max_size=3))) + text[j:]
    return text


def _read_and_rewrite(text: str, fmt: str) -> None:
    try:
        g = loads(text, fmt, "fuzz")
    except GlossaryError:
        return
    for out in ("tsv", "csv", "tbx", "po"):
        try:
            written = dumps(g, out)
        except GlossaError:  # a writer refusing (e.g. PO needs two languages) is fine
            continue
        loads(written, out, "rewritten")  # what glossa writes, it must read back


@pytest.mark.parametrize("fmt", sorted(_SEEDS))
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzz_readers_raise_only_glossary_errors(fmt, data):
    text = data.draw(st.one_of(_mutated(fmt), st.text(max_size=120),
                               st.lists(_PIECES, max_size=40).map("".join)))
    _read_and_rewrite(text, fmt)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=200), suffix=st.sampled_from([".tsv", ".csv", ".tbx", ".po"]))
def test_fuzz_files_of_random_bytes(tmp_path_factory, raw, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"g{suffix}"
    path.write_bytes(raw)
    try:
        load_glossary(path)
    except GlossaError as exc:  # not UTF-8 / binary (InputError) or GlossaryError
        assert str(path) in str(exc)
