"""Every format: read then write without translating gives the input back byte for byte
(CRLF, BOM, odd whitespace and markup included), and translating changes only text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from formats_helpers import fake_translate, po_files, tr
from glossa.errors import GlossaError
from glossa.formats import FORMATS, get_format, md, txt

# Pieces that make block structure depend on line starts and line ends: lazy continuation
# lines (a line without its "> " or indent), reference definitions (which may only start a
# paragraph and end at a line end), setext underlines, table rows, HTML block openers,
# list markers that can or cannot interrupt a paragraph, fences.
_PIECES = ["word", "Olá", "  ", "\t", "\n", "\r\n", "\n\n", "# ", "> ", "- ", "1. ", "*", "**",
           "_", "`", "```", "[", "]", "(", ")", "![", "<b>", "</b>", "&amp;", "|", "---",
           "\\", "http://x.org/a", "    ", "===", "~~", "[x]: /u", ":", "{", "}", "é", "\ufeff",
           "2) ", "+ ", "<div>", "<!--", "-->", ' "t"', "[x]", "[^1]", "|---|", "~~~", "♪"]
markdownish = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(markdownish)
@example(">- <!--\n>")  # markdown-it-py indexes past the end of this text
def test_markdown_round_trips(text):
    assert md.write(md.read(text)) == text


@settings(max_examples=500, deadline=None)
@given(markdownish)
@example("> [x]: /u[x]: /u\nword")  # re-wrapped, the first line read as a reference definition
@example("Text\n* \n\t<div> two words")  # "* " and an indented "<div>" continue the paragraph
@example("- [x]:~~http://x.org/a\\|[x]: /u2)\n    | ( <b> a|b \nOlá")
@example(">- <!--\n>")
def test_markdown_fake_translation_keeps_lines_and_markup(text):
    out = md.write(fake_translate(md.read(text), tr))
    # a wrapped line that would start a new block is joined to the previous one instead
    assert out.count("\n") <= text.count("\n")
    assert out.count("`") == text.count("`")
    assert out.count("<b>") - out.count("\\<b>") == text.count("<b>") - text.count("\\<b>")
    assert md.write(md.read(out)) == out
    assert _blocks(out) == _blocks(text)


def _blocks(text: str) -> list[str]:
    # the final newline keeps markdown-it-py from indexing past the end (">- <!--\n>")
    return [t.type for t in md._parser().parse(text.lstrip("\ufeff") + "\n")
            if t.type != "inline"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_txt_round_trips_any_text(text):
    assert txt.write(txt.read(text)) == text


@settings(max_examples=100, deadline=None)
@given(po_files())
def test_po_via_registry_round_trips(case):
    fmt = get_format("po")
    assert fmt.write(fmt.read(case[0])) == case[0]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_ignores_unknown_options(name):
    text = {"srt": "1\n00:00:01,000 --> 00:00:02,000\nHi\n", "po": 'msgid "a"\nmsgstr ""\n',
            "json": '{"a": "Hello"}\n', "arb": '{"@@locale": "en", "a": "Hello"}\n',
            "yaml": "en:\n  a: Hello\n"}.get(name, "Hello\n")
    text = {"xliff": '<xliff version="1.2"><file><body><trans-unit id="1"><source>Hi</source>'
                     "</trans-unit></body></file></xliff>\n"}.get(name, text)
    fmt = get_format(name)
    if name in ZIPPED:
        text = (OFFICE / f"rich.{name}").read_bytes()
    doc = fmt.read(text, "x", retranslate=False, fuzzy=True, something_new=1)
    assert fmt.write(doc) == text


OFFICE = Path(__file__).parent / "data" / "formats" / "office"
ZIPPED = ("docx", "odt")  # binary formats fed real documents (XLIFF reads bytes too, as text)


def _damaged(name: str):
    """Binary formats: random bytes, or a real document cut short or with bytes overwritten."""
    sample = (OFFICE / f"rich.{name}").read_bytes()
    overwrite = st.tuples(st.integers(0, len(sample) - 1), st.binary(min_size=1, max_size=8)).map(
        lambda c: sample[:c[0]] + c[1] + sample[c[0] + len(c[1]):])
    cut = st.integers(0, len(sample)).map(lambda n: sample[:n])
    part = "word/document.xml" if name == "docx" else "content.xml"
    xml = zipfile.ZipFile(io.BytesIO(sample)).read(part)
    pieces = [b"<w:r>", b"</w:r>", b"<w:t>x</w:t>", b"<w:p/>", b"<w:tab/>", b"&amp;", b"<",
              b'<w:fldChar w:fldCharType="begin"/>', b"<text:span>", b"</text:span>",
              b"<text:s/>", b"<text:p>y</text:p>", b"\xf3\xb0\x80\x80", b"<!DOCTYPE x>"]
    edited = st.tuples(st.integers(0, len(xml)), st.sampled_from(pieces)).map(
        lambda c: _replace_member(sample, part, xml[:c[0]] + c[1] + xml[c[0]:]))
    return st.binary() | overwrite | cut | edited | st.just(sample)


def _replace_member(sample: bytes, part: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(sample))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, data if info.filename == part else source.read(info))
    return buffer.getvalue()


_SYNTAX = {
    "md": _PIECES,
    "po": ["msgid ", "msgstr ", "msgctxt ", "msgid_plural ", "msgstr[0] ", "msgstr[1] ", '"',
           '""', "\\", "\\n", "#~ ", "#, fuzzy", "#| ", "#: a.py:1", "\n", "\r\n", "a", " ",
           "\ufeff", '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', "%s", "é"],
    "srt": ["1", "2", "\n", "\r\n", "\n\n", "00:00:01,000", "00:00:02.000", " --> ", "-->",
            "a", " ", "<i>", "{\\an8}", "- ", ":", ",", "\ufeff", "X1:10", "é"],
    "txt": ["a", " ", "\n", "\r\n", "\r", "\t", "\ufeff", "\u2028", "\x85", "é"],
    "xliff": ['<xliff version="1.2">', '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:'
              'document:2.0">', "</xliff>", "<file>", "</file>", '<trans-unit id="1">',
              "</trans-unit>", "<unit id='u'>", "</unit>", "<segment>", "</segment>", "<source>",
              "</source>", "<target>", "</target>", "<target/>", '<g id="1">', "</g>", "<x/>",
              "<pc id='p'>", "</pc>", "Hi", " ", "\n", "&amp;", "&lt;", "<!DOCTYPE x>", "é"],
    "json": ["{", "}", "[", "]", '"', '"a"', ":", ",", " ", "\n", "\\", "\\u00e9", "\\/",
             "1", "true", "null", '"x_one"', '"x_other"', "{n, plural, one {#} other {a}}",
             "{{v}}", "é", "\ufeff"],
    "yaml": ["en:", "\n", "  ", "k: ", "v", "'", '"', "- ", "&a ", "*a", "#", "|", ">",
             "one: ", "other: ", "{", "}", ",", ":", "é", "\r\n", "---"],
}
_SYNTAX["arb"] = _SYNTAX["json"] + ['"@@locale"', '"@a"']


@pytest.mark.parametrize("name", sorted(FORMATS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_reading_any_text_gives_a_document_or_a_format_error(name, data):
    """Whatever the file holds, read() either refuses it with a GlossaError (one clear
    line for the user) or returns a document that writes back byte for byte and whose
    fake translation is readable again: never a traceback."""
    pieces = _SYNTAX.get(name, _SYNTAX["txt"])
    fmt = get_format(name)
    if name in ZIPPED:
        text = data.draw(_damaged(name))
    else:
        text = data.draw(st.text() | st.lists(st.sampled_from(pieces), max_size=30).map("".join))
    try:
        doc = fmt.read(text, "in." + name)
    except GlossaError:
        return
    assert fmt.write(doc) == text
    fmt.read(fmt.write(fake_translate(doc, tr)), "out." + name)
