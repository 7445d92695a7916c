"""Plain text: one segment per non-blank line, without its indentation and trailing
whitespace, so line structure, blank lines and spacing come back exactly."""

from __future__ import annotations

import re

from glossa.document import Document, Segment, splice_segments

_LINE = re.compile(r"[^\n]*")


def read(text: str, path: str | None = None) -> Document:
    segments: list[Segment] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        segments.append(Segment(stripped, start, end, context={"line": text.count("\n", 0, start) + 1}))
    return Document(text, segments, "txt", path)


def write(doc: Document) -> str:
    return splice_segments(doc)
