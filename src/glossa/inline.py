"""Inline elements translated inside their tags: the last try for a sentence whose
engine output emptied an element or moved its words out of it (``Read the <em>house
rules</em> first`` -> ``Leia as regras da casa <em></em> primeiro``).

The whole element goes to the engine as one token of its sentence, and the element's
own text as a sentence of its own; the translated text is then put back between the
element's tags. Agreement across the tag boundary may suffer ("a <b>casa</b>" for a
phrase the engine would have joined), which is why this is the last try, after the
sentence as a whole failed verification, and why the result is verified again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossa.document import Span

_OPEN = re.compile(r"<([A-Za-z][\w:.-]*)\b[^<>]*(?<!/)>")
_CLOSE = re.compile(r"</([A-Za-z][\w:.-]*)\s*>")


@dataclass(frozen=True)
class Element:
    """An inline element of a sentence: its tags and the text between them."""

    start: int  # where the opening tag starts
    inner_start: int  # where its text starts (the opening tag's end)
    inner_end: int  # where its text ends (the closing tag's start)
    end: int  # where the closing tag ends


def elements(text: str, protected: Sequence[Span]) -> list[Element]:
    """The innermost paired elements among the protected tag spans of ``text`` whose
    content has letters (placeholders inside are fine; another tag inside is not)."""
    spans = sorted(protected, key=lambda s: s.start)
    tags = [(s, _OPEN.fullmatch(text, s.start, s.end), _CLOSE.fullmatch(text, s.start, s.end))
            for s in spans]
    tags = [(s, o, c) for s, o, c in tags if o or c]
    found = []
    for (span, opening, _), (after, _, closing) in zip(tags, tags[1:], strict=False):
        if opening is None or closing is None:
            continue
        if opening.group(1).lower() != closing.group(1).lower():
            continue
        if any(ch.isalpha() for ch in text[span.end:after.start]):
            found.append(Element(span.start, span.end, after.start, after.end))
    return found


def outer_protected(protected: Sequence[Span], found: Sequence[Element]) -> list[Span]:
    """The sentence's protected spans with each element as one span of its own."""
    inside = [p for p in protected
              if not any(e.start <= p.start and p.end <= e.end for e in found)]
    return sorted([*inside, *(Span(e.start, e.end) for e in found)], key=lambda s: s.start)


def inner_text(text: str, protected: Sequence[Span], element: Element) -> tuple[str, list[Span]]:
    """An element's text without its outer spaces, with the protected spans inside it
    relative to that text (what the engine is given as a sentence of its own)."""
    inner = text[element.inner_start:element.inner_end]
    start = element.inner_start + len(inner) - len(inner.lstrip())
    stripped = inner.strip()
    spans = [Span(p.start - start, p.end - start) for p in protected
             if start <= p.start and p.end <= start + len(stripped)]
    return stripped, spans


def rejoin(text: str, outer_output: str, found: Sequence[Element],
           inner_outputs: Sequence[str]) -> str | None:
    """``outer_output`` (where each element came back as it was) with each element's
    translated text between its tags; None when an element is not found once in order."""
    pieces, pos = [], 0
    for element, inner in zip(found, inner_outputs, strict=True):
        original = text[element.start:element.end]
        at = outer_output.find(original, pos)
        if at < 0:
            return None
        pieces += [outer_output[pos:at], text[element.start:element.inner_start],
                   _spaced(text[element.inner_start:element.inner_end], inner),
                   text[element.inner_end:element.end]]
        pos = at + len(original)
    pieces.append(outer_output[pos:])
    return "".join(pieces)


def _spaced(source: str, output: str) -> str:
    """``output`` with the leading and trailing spaces of the element's source text."""
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()):]
    return lead + output.strip() + trail
