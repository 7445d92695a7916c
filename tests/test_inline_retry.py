"""An inline element the engine empties (its words moved out of the tags) no longer
sends the whole sentence back untranslated: a last try translates the element's text on
its own inside its tags, verifies the result, and warns that agreement around it needs a
look. Tested with a scripted engine that empties elements the way the tiny models do."""

from __future__ import annotations

import re

import pytest

from glossa import inline
from glossa.document import Span
from scripted_engine import install, scripted_translate, shout

TAG_TOKEN = re.compile(r"XT\d+X|ZXQ\d+")


@pytest.fixture
def scripted(monkeypatch):
    return install(monkeypatch)


def empties_elements(text: str, source: str, target: str) -> str:
    """Moves a masked element's words out of it: "a XT0X b c XT1X d" -> "a XT0X XT1X B C D"
    (two tag tokens with words between come back adjacent, the words after them)."""
    tokens = TAG_TOKEN.findall(text)
    if len(tokens) >= 2:
        first, second = tokens[0], tokens[1]
        before, rest = text.split(first, 1)
        inner, after = rest.split(second, 1)
        return shout(f"{before}{first}{second} {inner.strip()}{after}")
    return shout(text)


def html(body: str) -> str:
    return f'<html lang="en"><body>{body}</body></html>\n'


def test_elements_are_the_innermost_tag_pairs_with_text():
    text = 'See <a href="/x">the <b>new</b> rules</a> and <i> </i><em>this</em>.'
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"<[^>]+>", text)]
    found = inline.elements(text, spans)
    assert [text[e.inner_start:e.inner_end] for e in found] == ["new", "this"]
    outer = inline.outer_protected(spans, found)
    assert [text[s.start:s.end] for s in outer if "new" in text[s.start:s.end]] == ["<b>new</b>"]


def test_rejoin_puts_each_translation_between_its_tags():
    text = "Read the <em> house rules </em> today."
    spans = [Span(9, 13), Span(26, 31)]
    found = inline.elements(text, spans)
    assert inline.inner_text(text, spans, found[0]) == ("house rules", [])
    joined = inline.rejoin(text, "Leia hoje <em> house rules </em>.", found, ["regras da casa"])
    assert joined == "Leia hoje <em> regras da casa </em>."
    assert inline.rejoin(text, "Leia hoje.", found, ["x"]) is None


def test_an_emptied_element_is_translated_inside_its_tags_and_warned(cli, tmp_path, scripted):
    scripted.answer = empties_elements
    src = tmp_path / "page.html"
    src.write_text(html("<p>Bring the <em>signed form</em> to the desk.</p>"), encoding="utf-8")
    result = scripted_translate(cli, src)
    assert result.code == 0, result.err
    assert "<em>SIGNED FORM</em>" in result.out
    assert "BRING THE" in result.out and "TO THE DESK." in result.out
    assert "warning: the text of <em> was translated apart from its sentence" in result.err
    assert "0 failed" in result.err


def test_when_the_last_try_fails_too_the_sentence_stays_in_the_source(cli, tmp_path, scripted):
    def always_empty(text, source, target):  # the element's own text comes back empty too
        return "" if not TAG_TOKEN.search(text) else empties_elements(text, source, target)

    scripted.answer = always_empty
    src = tmp_path / "page.html"
    body = "<p>Bring the <em>signed form</em> to the desk.</p>"
    src.write_text(html(body), encoding="utf-8")
    result = scripted_translate(cli, src)
    assert result.code == 1
    assert body in result.out  # kept as it was, and reported
    assert "failed: the text of <em> moved out of it" in result.err
