"""Placeholder detection (shared by the formats and QA) and token glue in the shield."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.document import Span
from glossa.placeholders import (
    find_placeholders,
    merge_adjacent,
    placeholder_texts,
    widen_quoted,
)
from glossa.shield import prepare


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delete %(count)d selected %(name)s", [("%(count)d", "printf"), ("%(name)s", "printf")]),
        ("%1$s of %2$s", [("%1$s", "printf"), ("%2$s", "printf")]),
        ("%% done %.2f %ld %-10s %@", [("%%", "printf"), ("%.2f", "printf"), ("%ld", "printf"),
                                       ("%-10s", "printf"), ("%@", "printf")]),
        ("Qt %1 and %2", [("%1", "printf"), ("%2", "printf")]),
        ("{0} files in {count} {0:.2f} {}", [("{0}", "brace"), ("{count}", "brace"),
                                             ("{0:.2f}", "brace"), ("{}", "brace")]),
        ("{{ user.name }} and ${HOME}", [("{{ user.name }}", "brace"), ("${HOME}", "brace")]),
        ("{\\an8}Hi", [("{\\an8}", "brace")]),
        ("<b>Note:</b> see<br/>", [("<b>", "html"), ("</b>", "html"), ("<br/>", "html")]),
        ('<a href="x">y</a> &amp; &#160; &#x2014;', [('<a href="x">', "html"), ("</a>", "html"),
                                                    ("&amp;", "html"), ("&#160;", "html"),
                                                    ("&#x2014;", "html")]),
        ("See https://x.org/a_(b). Or www.x.org.", [("https://x.org/a_(b)", "url"),
                                                    ("www.x.org", "url")]),
        ("Tab\there\nline \\n", [("\t", "escape"), ("\n", "escape"), ("\\n", "escape")]),
        ("&File", [("&", "accelerator")]),
        ("E&xit", [("&", "accelerator")]),
        ("_Save As", [("_", "accelerator")]),
        ("♪ La la ♪", [("♪", "symbol"), ("♪", "symbol")]),
        ("🐍 Installable → now ✓", [("🐍", "symbol"), ("→", "symbol"), ("✓", "symbol")]),
        ("Family 👨\u200d👩\u200d👧 here", [("👨\u200d👩\u200d👧", "symbol")]),
    ],
)
def test_detects(text, expected):
    assert [(text[p.start:p.end], p.kind) for p in find_placeholders(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["100% sure, 50% off", "R&D and AT&T", "snake_case_name", "Tom & Jerry", "{ spaced }",
     "a < b > c", "&File &Edit", "plain words only"],
)
def test_prose_is_not_a_placeholder(text):
    assert find_placeholders(text) == []


def test_kinds_filter_and_texts():
    text = "<b>%s</b> {0}"
    assert placeholder_texts(text, ["printf"]) == ["%s"]
    assert placeholder_texts(text) == ["<b>", "%s", "</b>", "{0}"]
    with pytest.raises(ValueError, match="unknown placeholder kinds"):
        find_placeholders(text, ["nope"])


def test_merge_and_widen():
    text = "Open “{obj}” <b>%s</b>"
    spans = find_placeholders(text)
    widened = widen_quoted(spans, text)
    assert text[widened[0].start:widened[0].end] == "“{obj}”"
    merged = merge_adjacent(widened, text)
    assert [text[s.start:s.end] for s in merged] == ["“{obj}”", "<b>%s</b>"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab %s{}()<>/&_;#x1\\n\t$")))
def test_spans_are_ordered_disjoint_and_inside(text):
    spans = find_placeholders(text)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


@pytest.mark.parametrize(
    ("text", "spans", "masked", "output", "restored"),
    [
        ("This is **very** good", [(8, 10), (14, 16)], "This is XT0X very XT1X good",
         "Isto é XT0X muito XT1X bom", "Isto é **muito** bom"),
        ("<b>Note:</b> read it", [(0, 3), (8, 12)], "XT0X Note:XT1X read it",
         "XT0X Nota:XT1X leia", "<b>Nota:</b> leia"),
        ("Delete (%s) now", [(8, 10)], "Delete (XT0X) now", "Apagar (XT0X) agora",
         "Apagar (%s) agora"),
        ("Hello %s, bye", [(6, 8)], "Hello XT0X, bye", "Olá XT0X, tchau", "Olá %s, tchau"),
    ],
)
def test_shield_pads_tokens_glued_to_letters(text, spans, masked, output, restored):
    prepared = prepare(text, "en", "pt", [Span(*s) for s in spans])
    assert prepared.masked == masked
    result = prepared.restore(output)
    assert result.lost == [] and result.text == restored
