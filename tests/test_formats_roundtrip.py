"""Every format: read then write without translating gives the input back byte for byte
(CRLF, BOM, odd whitespace and markup included), and translating changes only text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formats_helpers import fake_translate, po_files, tr
from glossa.formats import FORMATS, get_format, md, txt

_PIECES = ["word", "Olá", "  ", "\t", "\n", "\r\n", "\n\n", "# ", "> ", "- ", "1. ", "*", "**",
           "_", "`", "```", "[", "]", "(", ")", "![", "<b>", "</b>", "&amp;", "|", "---",
           "\\", "http://x.org/a", "    ", "===", "~~", "[x]: /u", ":", "{", "}", "é", "\ufeff"]
markdownish = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_markdown_round_trips(text):
    assert md.write(md.read(text)) == text


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_markdown_fake_translation_keeps_lines_and_markup(text):
    out = md.write(fake_translate(md.read(text), tr))
    # a wrapped line that would start a new block is joined to the previous one instead
    assert out.count("\n") <= text.count("\n")
    assert out.count("`") == text.count("`")
    assert out.count("<b>") - out.count("\\<b>") == text.count("<b>") - text.count("\\<b>")
    assert md.write(md.read(out)) == out
    assert _blocks(out) == _blocks(text)


def _blocks(text: str) -> list[str]:
    return [t.type for t in md._parser().parse(text.lstrip("\ufeff")) if t.type != "inline"]


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
    text = {"srt": "1\n00:00:01,000 --> 00:00:02,000\nHi\n", "po": 'msgid "a"\nmsgstr ""\n'}.get(
        name, "Hello\n")
    fmt = get_format(name)
    doc = fmt.read(text, "x", retranslate=False, fuzzy=True, something_new=1)
    assert fmt.write(doc) == text
