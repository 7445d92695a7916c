"""Plain text: line structure, blank lines and spacing come back exactly.

Two ways to cut a file into segments (``wrap``):

- ``keep``: one segment per non-blank line, without its indentation and trailing whitespace.
- ``join``: the lines of a paragraph (a block of lines with one indentation, a new list item
  starting a new paragraph) are joined into one segment, translated as one text, and the
  translation is wrapped again to the paragraph's width and indentation.
- ``auto`` (the default): ``join`` for paragraphs that look hard-wrapped (at least two
  lines, 40 columns or more, each line broken where the next word would not have fit or in
  the middle of a sentence, most lines not ending a sentence, and nothing that looks like
  a table, a command, code, labels or a ruler), ``keep`` for everything else (one
  sentence a line). Lines translated one by one come out as fragments ("to take away
  your freedom to share and change the works. By contrast,"), which is why this exists.

Leading list markers (``- ``, ``* ``, ``+ ``, ``o ``, ``1. ``, ``a) ``, ``(iv) ``) stay
outside the segments, so the engine can neither eat them nor merge them into a sentence.
A paragraph that is not translated keeps its bytes, line breaks included.

Placeholders, markup, URLs, paths, variables, code and symbols inside a line (``{name}``,
``%d``, ``<b>``, ``https://…``, ``~/.config``, ``$HOME``, `` `make` ``, emoji) are
protected: the tiny models mangle them otherwise.
Accelerators and backslash escapes are not, because in prose ``&`` and ``\\`` are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossa.document import Document, Segment, splice
from glossa.errors import UsageError
from glossa.placeholders import TEXT_KINDS, find_placeholders, merge_adjacent, widen_quoted

PROTECT_KINDS = TEXT_KINDS
WRAP_MODES = ("auto", "keep", "join")
MIN_WIDTH = 40  # narrower blocks (verse, addresses, short UI lines) are line-structured
SLACK = 3  # columns a hand-wrapped line may stop short of the width and still be "full"

# "o" is a bullet only before a capital or digit ("o gato" is a Portuguese article), and so
# is "(1)", which in prose also enumerates inside a sentence ("two steps: (1) assert ...").
_MARKER = re.compile(
    r"(?:[-+*•‣◦▪–]|\d{1,3}[.)]|[A-Za-z]\)|(?:o|\([A-Za-z0-9]{1,4}\))"
    r"(?=[ \t]+[A-Z0-9\"'(]))[ \t]+(?=\S)"
)
_SENTENCE_END = re.compile(r"[.!?:][\"')\]’”»]*$")
_STRUCTURE = re.compile(r"\t|\S {3,}\S|^[|>#$]|\|$|^[^\w]*$")  # tables, quotes, code, rulers
# Commands and code: an option flag, an assignment, a call, a line ending in a backslash or
# a brace. (A path alone is not code: prose wraps onto "/var/mail may be a link".)
_CODE = re.compile(r"(?:^|\s)--?[A-Za-z][\w-]*(?:\s|=|$)|\w=\S|\w\(\)|[\\{]$")
_LABEL = re.compile(r"^\w[\w .-]{0,30}:\s")  # "Version: 1.2", "Homepage: https://…"


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # offset of the line in the text
    indent: str
    marker: str
    body: str  # after indentation and marker, trailing whitespace stripped
    eol: str  # "\r" when the line ends in CRLF

    @property
    def body_start(self) -> int:
        return self.start + len(self.indent) + len(self.marker)

    @property
    def width(self) -> int:
        return len(self.indent) + len(self.marker) + len(self.body)

    @property
    def first_word(self) -> str:
        return self.body.split(maxsplit=1)[0] if self.body else ""


def read(text: str, path: str | None = None, wrap: str = "auto", **_options: object) -> Document:
    if wrap not in WRAP_MODES:
        raise UsageError(f"unknown --wrap mode {wrap!r}; choose one of: {', '.join(WRAP_MODES)}")
    segments: list[Segment] = []
    for block in _blocks(_lines(text)):
        for paragraph in _paragraphs(block, wrap):
            segments.append(_segment(paragraph))
    return Document(text, segments, "txt", path)


def write(doc: Document) -> str:
    return splice(
        doc.text,
        [
            (s.start, s.end, _rewrapped(s))
            for s in doc.segments
            if s.translation is not None and s.start is not None and s.end is not None
        ],
    )


# --- reading --------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.rstrip()
        bom = "\ufeff" if number == 1 and content.startswith("\ufeff") else ""
        plain = content[len(bom) :]  # a byte order mark stays outside the segment, as indent
        indent = bom + plain[: len(plain) - len(plain.lstrip())]
        rest = content[len(indent) :]
        marker = _MARKER.match(rest)
        mark = marker.group() if marker else ""
        lines.append(
            _Line(
                number, offset, indent, mark, rest[len(mark) :], "\r" if raw.endswith("\r") else ""
            )
        )
        offset += len(raw) + 1
    return lines


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of non-blank lines."""
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if line.body:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _paragraphs(block: list[_Line], wrap: str) -> list[list[_Line]]:
    """A block cut into paragraphs: single lines, or runs of lines to join."""
    if wrap == "keep":
        return [[line] for line in block]
    out: list[list[_Line]] = []
    for group in _structural(block):
        if wrap == "join":
            out.append(group)
        elif len(group) < 2 or not _looks_wrapped(group):
            out += [[line] for line in group]
        else:
            out += _split_at_hard_breaks(group)
    return out


def _structural(block: list[_Line]) -> list[list[_Line]]:
    """Lines that may belong together: a new list item, or a change of indentation other
    than a first line's own (an indented first line, a hanging list item), starts over."""
    groups: list[list[_Line]] = []
    for line in block:
        group = groups[-1] if groups else None
        if group is not None and _wrapped_number(group[-1], line):
            line.body, line.marker = line.marker + line.body, ""
        if group is None or line.marker or not _continues(group, line):
            groups.append([line])
        else:
            group.append(line)
    return groups


def _wrapped_number(previous: _Line, line: _Line) -> bool:
    """ "…added under section\n7.  This requirement…": a number the wrapping put at the
    start of a line, not a list item (the line before is long and stops mid-sentence)."""
    return (
        bool(re.fullmatch(r"\d{1,3}[.)]\s*", line.marker))
        and previous.width >= MIN_WIDTH
        and bool(re.search(r"[a-z]$", previous.body))
    )


def _continues(group: list[_Line], line: _Line) -> bool:
    first = group[0]
    if len(group) > 1:
        return line.indent == group[1].indent
    column = len(first.indent) + len(first.marker)
    return len(line.indent) == column or len(line.indent) <= len(first.indent)


def _looks_wrapped(group: list[_Line]) -> bool:
    width = max(line.width for line in group)
    labels = sum(bool(_LABEL.match(line.body)) for line in group)
    ended = sum(bool(_SENTENCE_END.search(line.body)) for line in group[:-1])
    return (
        width >= MIN_WIDTH
        and labels < 2
        and ended * 2 <= len(group) - 1
        and not any(_STRUCTURE.search(line.body) or _CODE.search(line.body) for line in group)
    )


def _soft_break(line: _Line, following: _Line, width: int) -> bool:
    """The line was broken by wrapping: the next word would not have fitted (and the next
    line is not a short one without end punctuation after a finished sentence: "Menu"),
    or the sentence goes on (no end punctuation, and not a short line, a heading, before
    a capitalised one)."""
    natural = line.width + 1 + len(following.first_word) > width - SLACK
    short = following.width < width * 0.6
    if _SENTENCE_END.search(line.body):  # a short line after a sentence: its own line
        return natural and (not short or bool(_SENTENCE_END.search(following.body)))
    return natural or not (following.body[:1].isupper() and line.width < width * 0.6)


def _split_at_hard_breaks(group: list[_Line]) -> list[list[_Line]]:
    width = max(line.width for line in group)
    out = [[group[0]]]
    for line, following in zip(group, group[1:], strict=False):
        if len(group) == 2:  # the longer line sets the width: "would not fit" proves nothing
            soft = not _SENTENCE_END.search(line.body) and not following.body[:1].isupper()
        else:
            soft = _soft_break(line, following, width)
        if soft:
            out[-1].append(following)
        else:
            out.append([following])
    return out


def _segment(paragraph: list[_Line]) -> Segment:
    first, last = paragraph[0], paragraph[-1]
    text = first.body
    for line in paragraph[1:]:
        glue = "" if re.search(r"\w-$", text) and line.body[:1].islower() else " "
        text += glue + line.body
    protected = merge_adjacent(widen_quoted(find_placeholders(text, PROTECT_KINDS), text), text)
    context: dict[str, object] = {"line": first.number}
    if len(paragraph) > 1:
        context["wrap"] = {
            "width": max(line.width for line in paragraph),
            "first": len(first.indent) + len(first.marker),
            "indent": paragraph[1].indent,
            "newline": first.eol + "\n",
            "keep": [text[p.start : p.end] for p in protected if " " in text[p.start : p.end]],
        }
    return Segment(
        text, first.body_start, last.body_start + len(last.body), protected, context=context
    )


# --- writing --------------------------------------------------------------------------------


def _rewrapped(segment: Segment) -> str:
    """The translation, wrapped again like the paragraph it replaces."""
    wrap = segment.context.get("wrap")
    text = segment.translation or ""
    if not wrap:
        return text
    import textwrap

    for piece in wrap["keep"]:  # a protected span with spaces is never broken across lines
        text = text.replace(piece, piece.replace(" ", "\0"))
    # nor a line started with what would read as a list marker ("section\n7. This", "- ")
    text = re.sub(r" (?=(?:\d{1,3}[.)]|[-+*•–—])\s)", "\0", text)
    lines = textwrap.wrap(
        " ".join(text.split()),
        width=wrap["width"],
        initial_indent="\0" * wrap["first"],
        subsequent_indent=wrap["indent"],
        break_long_words=False,
        break_on_hyphens=False,
    )
    if not lines:
        return text
    lines[0] = lines[0][wrap["first"] :]
    return wrap["newline"].join(lines).replace("\0", " ")
