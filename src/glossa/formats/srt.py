"""SubRip subtitles (.srt).

Cue numbers and timing lines are copied byte for byte; only cue text is translated.
A cue's lines are joined into one segment (a sentence often runs over both lines) and
the translation is split back into the same number of lines, balanced at a word
boundary. Dialogue cues, where every line starts with a dash ("- Hi." / "- Hello."),
keep one segment per line so each speaker stays on their own line. Formatting tags
(``<i>``, ``<font color=…>``, ``{\\an8}``) are protected spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossa.document import Document, Segment, Span, splice
from glossa.errors import FormatError
from glossa.placeholders import find_placeholders, merge_adjacent

_TIME = r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})"
_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_INDEX_RE = re.compile(r"^\s*\d+\s*$")
_DASH_RE = re.compile(r"^[-–—]\s*")


def _ms(h: str, m: str, s: str, frac: str) -> int:
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0"))


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its terminator) for every line."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, raw[:-1] if raw.endswith("\r") else raw))
        pos += len(raw) + 1
    return out


def _check_timing(line: str, number: int, path: str | None) -> None:
    match = _TIMING_RE.match(line)
    if not match:
        raise FormatError(f"bad timing line {line.strip()[:60]!r} "
                          "(expected HH:MM:SS,mmm --> HH:MM:SS,mmm)", path, number)
    g = match.groups()
    start, end = _ms(*g[:4]), _ms(*g[4:])
    if end < start:
        raise FormatError(f"cue ends before it starts ({line.strip()})", path, number)


def _protected(text: str):
    return merge_adjacent(find_placeholders(text, ("html", "brace", "symbol")), text)


def read(text: str, path: str | None = None, **_options: object) -> Document:
    lines = _lines(text)
    if lines and lines[0][1].startswith("\ufeff"):
        lines[0] = (lines[0][0] + 1, lines[0][1][1:])
    segments: list[Segment] = []
    i = 0
    cue = 0
    while i < len(lines):
        if not lines[i][1].strip():
            i += 1
            continue
        # a cue: [number line] timing line, then text lines up to a blank line
        if _INDEX_RE.match(lines[i][1]):
            if i + 1 >= len(lines) or not lines[i + 1][1].strip():
                raise FormatError("cue number without a timing line", path, i + 1)
            _check_timing(lines[i + 1][1], i + 2, path)
            i += 2
        elif "-->" in lines[i][1]:
            _check_timing(lines[i][1], i + 1, path)
            i += 1
        else:
            raise FormatError(f"expected a cue number, found {lines[i][1].strip()[:40]!r}",
                              path, i + 1)
        cue += 1
        body, first_line = [], i + 1
        while i < len(lines) and lines[i][1].strip():
            if _TIMING_RE.match(lines[i][1]):
                raise FormatError("timing line inside cue text (missing blank line?)",
                                  path, i + 1)
            body.append(lines[i])
            i += 1
        for segment in _cue_segments(body, cue):
            segment.context["line"] = first_line + _line_in_body(body, segment.start)
            segments.append(segment)
    return Document(text, segments, "srt", path)


def _line_in_body(body: list[tuple[int, str]], offset: int | None) -> int:
    """0-based line of ``offset`` among a cue's text lines."""
    return max((n for n, (start, _line) in enumerate(body) if offset is not None
                and start <= offset), default=0)


def _cue_segments(body: list[tuple[int, str]], cue: int) -> list[Segment]:
    if not body:
        return []
    texts = [line.strip() for _, line in body]
    dialogue = len(body) > 1 and all(_DASH_RE.match(t) for t in texts)
    if dialogue or len(body) == 1:
        segments = []
        for offset, line in body:
            lead = len(line) - len(line.lstrip())
            dash = _DASH_RE.match(line[lead:]) if dialogue else None
            lead += dash.end() if dash else 0
            text = line[lead:].rstrip()
            if text:
                segments.append(Segment(text, offset + lead, offset + lead + len(text),
                                        _protected(text), context={"cue": cue}))
        return segments
    first, last = body[0], body[-1]
    start = first[0] + len(first[1]) - len(first[1].lstrip())
    end = last[0] + len(last[1].rstrip())
    text = " ".join(t for t in texts if t)
    return [Segment(text, start, end, _protected(text),
                    context={"cue": cue, "lines": [len(t) for t in texts]})]


def _cost(text: str, cut: int, goal: float) -> float:
    """How bad a line break at space ``cut`` is: distance from the goal, less after the end
    of a sentence or clause, more after a short word ("a", "de") left dangling."""
    cost = abs(cut - goal)
    word = text[:cut].rsplit(" ", 1)[-1]
    if word.endswith((".", "!", "?", "…")):
        cost -= 15
    elif word.endswith((",", ";", ":")):
        cost -= 6
    elif len(word) <= 2 and word.isalpha():
        cost += 6
    return cost


def balance(text: str, lengths: list[int], protected: Sequence[Span] = ()) -> list[str]:
    """Split ``text`` into ``len(lengths)`` lines at spaces, each break as close as possible
    to where the original line lengths put it, never inside a protected span (a tag).
    Fewer lines come back only when the text has too few spaces."""
    n = len(lengths)
    spaces = [m.start() for m in re.finditer(" ", text)
              if not any(p.start <= m.start() < p.end for p in protected)]
    total = sum(lengths) or 1
    out, prev = [], 0
    for k in range(1, n):
        goal = len(text) * sum(lengths[:k]) / total
        later = n - k - 1  # breaks still to place after this one
        options = [s for s in spaces if s > prev]
        options = options[: len(options) - later] if later else options
        if not options:
            break
        cut = min(options, key=lambda s: _cost(text, s, goal))
        out.append(text[prev:cut].rstrip())
        prev = cut + 1
    out.append(text[prev:].lstrip())
    return out


def write(doc: Document) -> str:
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    edits = []
    for segment in doc.segments:
        if segment.translation is None or segment.start is None or segment.end is None:
            continue
        lengths = segment.context.get("lines")
        new = segment.translation
        if lengths:
            tags = [Span(m.start(), m.end()) for m in re.finditer(r"<[^<>]*>|\{[^{}]*\}", new)]
            new = newline.join(balance(new, lengths, tags))
        edits.append((segment.start, segment.end, new))
    return splice(doc.text, edits)


def sniff(head: str) -> bool:
    """SubRip: the first non-blank lines are a cue number and a ``-->`` timing line."""
    lines = [line.strip() for line in head.lstrip("\ufeff").splitlines()]
    lines = [line for line in lines[:10] if line]
    return len(lines) >= 2 and bool(_INDEX_RE.match(lines[0])) and \
        bool(_TIMING_RE.match(lines[1]))
