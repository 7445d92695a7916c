"""Core data classes of the pipeline: Document -> Segments -> translated text.

A format reads a file into a Document whose Segments remember where they came
from (character offsets into the original text plus format-specific context);
writing puts each Segment's translation back and copies everything else, so a
file read and written without translation comes back byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of code points in a segment's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class SoftSpan(Span):
    """A protected span the engine may lose without spoiling the sentence (an office
    format's boundary between two formatting runs): restored where its token comes back,
    left out otherwise, and the format decides what a missing one means (merged runs)."""


@dataclass
class Segment:
    """One translatable unit.

    Attributes:
        text: the source text to translate (already unescaped by the format).
        start, end: offsets of the text in the Document's original text, when the
            format splices by offset (txt, md, srt); None otherwise (po).
        protected: spans of ``text`` that must reach the output unchanged
            (inline code, placeholders, markup); the pipeline shields them from the engine.
        context: format-specific data (PO entry index, plural index, line number).
        translation: filled by the pipeline; None means "leave the source as it is".
    """

    text: str
    start: int | None = None
    end: int | None = None
    protected: list[Span] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    translation: str | None = None
    source_lang: str | None = None
    notes: list[str] = field(default_factory=list)
    provenance: str | None = None  # the model ids of machine translation in it
    origin: str | None = None  # "mt", "fuzzy" (a fuzzy TM match in it) or "human" (TM/own)


@dataclass
class Document:
    """A file as a format sees it: the original text plus its translatable segments."""

    text: str
    segments: list[Segment]
    format: str
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """Return ``text`` with each (start, end, new) range replaced; ranges must not overlap."""
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(replacements, key=lambda r: r[0]):
        if start < pos:
            raise ValueError("overlapping replacements")
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def splice_segments(doc: Document) -> str:
    """Write helper for offset-based formats: put translations back into the original text."""
    return splice(
        doc.text,
        [
            (s.start, s.end, s.translation)
            for s in doc.segments
            if s.translation is not None and s.start is not None and s.end is not None
        ],
    )
