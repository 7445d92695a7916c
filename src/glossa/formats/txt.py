"""Plain text: one segment per non-blank line, without its indentation and trailing
whitespace, so line structure, blank lines and spacing come back exactly.

Placeholders, markup, URLs, paths, variables, code and symbols inside a line (``{name}``,
``%d``, ``<b>``, ``https://…``, ``~/.config``, ``$HOME``, `` `make` ``, emoji) are
protected: the tiny models mangle them otherwise.
Accelerators and backslash escapes are not, because in prose ``&`` and ``\\`` are text.
"""

from __future__ import annotations

from glossa.document import Document, Segment, splice_segments
from glossa.placeholders import TEXT_KINDS, find_placeholders, merge_adjacent, widen_quoted

PROTECT_KINDS = TEXT_KINDS


def read(text: str, path: str | None = None, **_options: object) -> Document:
    segments: list[Segment] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            protected = merge_adjacent(
                widen_quoted(find_placeholders(stripped, PROTECT_KINDS), stripped), stripped)
            segments.append(Segment(stripped, start, start + len(stripped), protected,
                                    context={"line": number}))
        offset += len(line) + 1
    return Document(text, segments, "txt", path)


def write(doc: Document) -> str:
    return splice_segments(doc)
