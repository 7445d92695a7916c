"""Plain text: one segment per non-blank line, without its indentation and trailing
whitespace, so line structure, blank lines and spacing come back exactly."""

from __future__ import annotations

from glossa.document import Document, Segment, splice_segments


def read(text: str, path: str | None = None, **_options: object) -> Document:
    segments: list[Segment] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            segments.append(Segment(stripped, start, start + len(stripped),
                                    context={"line": number}))
        offset += len(line) + 1
    return Document(text, segments, "txt", path)


def write(doc: Document) -> str:
    return splice_segments(doc)
