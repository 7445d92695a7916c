"""Markdown: which text is translated, what stays byte-identical, markup that survives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from formats_helpers import fake_translate, tr
from glossa.formats import md

DATA = Path(__file__).parent / "data" / "formats"
GUIDE = (DATA / "guide.md").read_text(encoding="utf-8")


def texts(source: str) -> list[str]:
    return [s.text for s in md.read(source).segments]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title *here*\n", ["Title *here*", "here"]),
        ("Setext\n======\n", ["Setext"]),
        ("para one\ncontinues\n", ["para one continues"]),
        ("> quoted\n> more\n", ["quoted more"]),
        ("- one\n- two\n\n1. three\n", ["one", "two", "three"]),
        ("| a | b |\n|---|---|\n| c | d \\| e |\n", ["a", "b", "c", "d \\| e"]),
        ("line one  \nline two\\\nline three\n", ["line one", "line two", "line three"]),
        ("```\ncode here\n```\n", []),
        ("    indented code\n", []),
        ("<div>\nhtml block\n</div>\n", []),
        ("---\ntitle: Front matter\n---\nBody text\n", ["Body text"]),
        ("+++\ntitle = \"TOML front\"\n+++\nBody text\n", ["Body text"]),
        ("[ref]: https://example.org\n", []),
        ("`only code`\n", []),
        ("https://example.org/only-a-url\n", []),
        ("See [the docs](https://x.org/a_b) now\n", ["See [the docs](https://x.org/a_b) now",
                                                     "the docs"]),
    ],
)
def test_what_is_translated(source, expected):
    assert texts(source) == expected


@pytest.mark.parametrize(
    ("source", "protected"),
    [
        ("Run `ls -la` now", ["`ls -la`"]),
        ("Press <kbd>Ctrl</kbd> twice", ["<kbd>", "</kbd>"]),
        ("A **bold** move", ["**bold**"]),
        ("Read [this](http://x.org \"T\") first", ['[this](http://x.org "T")']),
        ("An ![image](a.png) here", ["![image](a.png)"]),
        ("Use [Foo] or [bar][] or [baz][foo]", ["[Foo]", "[bar][]", "[baz][foo]"]),
        ("Escaped \\*stars\\* and &amp; entity", ["\\*", "\\*", "&amp;"]),
        ("Go to <https://x.org> or www.example.com today", ["<https://x.org>",
                                                            "www.example.com"]),
        ("snake_case_name and 2 * 3", []),
        ("Footnote[^1] here", ["[^1]"]),
    ],
)
def test_protected_markup(source, protected):
    text = source + "\n\n[foo]: /foo\n[bar]: /bar\n"
    segment = md.read(text).segments[0]
    assert [segment.text[p.start:p.end] for p in segment.protected] == protected


def test_round_trip_without_translation_is_byte_identical():
    for text in (GUIDE, GUIDE.replace("\n", "\r\n"), "\ufeff" + GUIDE):
        assert md.write(md.read(text)) == text


def _non_text_parts(text: str) -> list[str]:
    """Front matter, code fences, HTML blocks and reference definitions, verbatim."""
    parts = re.findall(r"^---\n.*?\n---\n", text, re.S)
    parts += re.findall(r"^```.*?^```\n", text, re.S | re.M)
    parts += re.findall(r"^<div.*$", text, re.M)
    parts += re.findall(r"^\[\w+\]: .*$", text, re.M)
    parts += re.findall(r"`[^`\n]+`", text)
    parts += re.findall(r"\]\([^)]*\)", text)
    return parts


def test_fake_translation_keeps_code_html_front_matter_links():
    out = md.write(fake_translate(md.read(GUIDE), tr))
    assert _non_text_parts(out) == _non_text_parts(GUIDE)
    assert "gETTING STARTED WITH *gLOSSA*" in out
    assert "[USER GUIDE](https://example.org/guide \"Guide\")" in out
    assert "![a SMALL BLUE BIRD](img/bird.png)" in out  # a phrase keeps its lower case
    assert "| `glossa translate` | tRANSLATES THE FILES YOU GIVE IT |" in out


def test_multi_line_paragraph_keeps_lines_and_prefixes():
    source = "> one two three four five\n> six seven eight nine\n"
    out = md.write(fake_translate(md.read(source), tr))
    assert out == "> ONE TWO THREE FOUR FIVE\n> SIX SEVEN EIGHT NINE\n"


def test_rewrapped_line_never_starts_a_block():
    source = "alpha beta\ngamma delta\n"
    doc = md.read(source)
    doc.segments[0].translation = "alfa - beta gama delta"
    doc.meta["target"] = "pt"
    out = md.write(doc)
    assert not any(line.startswith(("- ", "# ")) for line in out.split("\n"))
    assert out.replace("\n", " ").split() == "alfa - beta gama delta".split()


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("- 🐍 Installable\n", "- 🐍 Instalável", "- 🐍 Instalável\n"),  # not "- - 🐍"
        ("Chapter one\n", "# Capítulo um", "\\# Capítulo um\n"),
        ("In 1990. It rained\n", "1990. Choveu", "1990\\. Choveu\n"),
        ("> quote\n", "> citação", "> \\> citação\n"),
        ("- item\n", "Item", "- Item\n"),
    ],
)
def test_translation_never_opens_a_new_block(source, translation, expected):
    doc = md.read(source)
    doc.segments[0].translation = translation
    assert md.write(doc) == expected


def test_nested_translation_goes_back_inside_its_markup():
    doc = md.read("Read **the [user guide](u)** today\n")
    assert [s.text for s in doc.segments] == [
        "Read **the [user guide](u)** today", "the [user guide](u)", "user guide"]
    outer, middle, inner = doc.segments
    outer.translation = "Leia hoje **the [user guide](u)**"
    middle.translation = "o [user guide](u)"
    inner.translation = "Guia do utilizador."
    assert md.write(doc) == "Leia hoje **o [guia do utilizador](u)**\n"


def test_untranslated_parent_keeps_children_in_source_language():
    doc = md.read("Read the [guide](u) today\n")
    doc.segments[1].translation = "guia"
    assert md.write(doc) == "Read the [guide](u) today\n"


def _block_types(text: str) -> list[str]:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return [t.type for t in parser.parse(text) if t.type != "inline"]


def test_cli_translates_markdown_with_real_model(tmp_path, cli):
    src = tmp_path / "guide.md"
    src.write_text(GUIDE, encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "guide.pt.md").read_text(encoding="utf-8")
    assert _block_types(out) == _block_types(GUIDE)
    assert _non_text_parts(out) == _non_text_parts(GUIDE)
    assert len(out.split("\n")) == len(GUIDE.split("\n"))
    assert out.count("**") == GUIDE.count("**") and out.count("*Glossa*") == 1
    assert "<kbd>Ctrl</kbd>" in out and out.count("][log]") == 1
    assert "https://example.org/docs" in out
    assert "sem" in out and "tradutores" in out  # really translated
    assert "0 failed" in result.err


@pytest.mark.parametrize(
    "source",
    [
        "> [x]: /u[x]: /u\nword\n",  # lazy line; re-wrapped, line 1 reads as a reference def
        "> one two three\nfour five six\n",  # lazy continuation line without "> "
        "- item text here\ncontinued lazily\n",
        "Text\n* \n\t<div> two words\n",  # "* " and an indented "<div>" continue it
        "Some words `code\n``` more` words\n",
    ],
)
def test_translation_keeps_block_structure(source):
    out = md.write(fake_translate(md.read(source), tr))
    assert _block_types(out) == _block_types(source)
    assert out.count("\n") <= source.count("\n")
    assert out != source  # translated, not just left alone


def test_translation_that_would_change_structure_is_kept_and_noted():
    doc = md.read("> Some words\n\nMore words\n")
    doc.segments[0].translation = "[x]: /u"  # would become a reference definition
    doc.segments[1].translation = "Mais palavras"
    assert md.write(doc) == "> Some words\n\nMais palavras\n"
    assert "Markdown block structure" in doc.segments[0].notes[0]
    assert doc.segments[1].notes == []


def test_parser_slip_at_end_of_blockquote_is_not_a_crash():
    text = ">- <!--\n>"  # markdown-it-py alone raises IndexError on this
    assert md.write(md.read(text)) == text
