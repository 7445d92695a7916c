"""A small ICU MessageFormat reader: where the translatable text of a message is.

``{count, plural, one {# file} other {# files}}`` has two texts to translate (``# file``
and ``# files``); the argument names, keywords and selectors are structure that must
stay. ``text_runs`` returns each stretch of message text with its offsets, and inside
it the spans a translation must keep verbatim: simple arguments (``{name}``,
``{n, number}``), the plural ``#`` and apostrophe-quoted literals (``'{'``). Complex
arguments (plural, select, selectordinal) end a run; their branches are runs of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossa.document import Span

MAX_DEPTH = 40  # nested plural/select levels; real messages use two or three
COMPLEX_TYPES = ("plural", "select", "selectordinal")
_NAME_RE = re.compile(r"\s*([^\s{}',#]+)\s*")
_SELECTOR_RE = re.compile(r"\s*(=\s*-?\d+(?:\.\d+)?|[^\s{}]+)\s*")
_OFFSET_RE = re.compile(r"\s*offset\s*:\s*\d+\s*")
_LOOKS_ICU = re.compile(r"\{\s*[\w.$]+\s*,\s*(?:plural|select|selectordinal|number|date|time"
                        r"|spellout|ordinal|duration)\s*[,}]")


class IcuError(ValueError):
    """The message is not valid ICU MessageFormat (unbalanced braces, bad argument)."""


@dataclass
class Run:
    """Message text at one nesting level: [start, end) with protected spans inside."""

    start: int
    end: int
    protected: list[Span] = field(default_factory=list)


def looks_like_icu(message: str) -> bool:
    """True when ``message`` has a typed argument (``{n, plural, …}``, ``{d, date}``);
    a plain ``{name}`` is not enough: it is a placeholder in every brace syntax."""
    return bool(_LOOKS_ICU.search(message))


def text_runs(message: str) -> list[Run]:
    """The translatable runs of ``message``, in order; raises IcuError when it is malformed."""
    parser = _Parser(message)
    end = parser.message(0, 0, in_plural=False)
    if end != len(message):
        raise IcuError(f"unmatched '}}' at offset {end}")
    return sorted(parser.runs, key=lambda r: r.start)


def skeleton(message: str) -> list[str]:
    """The message outside its text runs: what a translation must leave as it is."""
    pieces, pos = [], 0
    for run in text_runs(message):
        pieces.append(message[pos:run.start])
        pos = run.end
    pieces.append(message[pos:])
    return pieces


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.runs: list[Run] = []

    def message(self, pos: int, depth: int, in_plural: bool) -> int:
        """Read message text from ``pos`` up to an unmatched '}' (or the end)."""
        if depth > MAX_DEPTH:
            raise IcuError("messages nested too deeply")
        text = self.text
        run = Run(pos, pos)
        while pos < len(text):
            ch = text[pos]
            if ch == "}":
                break
            if ch == "{":
                end, complex_ = self.argument(pos, depth, in_plural)
                if complex_:
                    self._close(run, pos)
                    run = Run(end, end)
                else:
                    run.protected.append(Span(pos, end))
                pos = end
            elif ch == "'":
                pos = self._quoted(pos, run, in_plural)
            else:
                if ch == "#" and in_plural:
                    run.protected.append(Span(pos, pos + 1))
                pos += 1
        self._close(run, pos)
        return pos

    def _close(self, run: Run, end: int) -> None:
        run.end = end
        if run.end > run.start:
            self.runs.append(run)

    def _quoted(self, pos: int, run: Run, in_plural: bool) -> int:
        """Apostrophe rules of ICU 4.8+: '' is one quote; ' starts quoting only before a
        special character; the quoted literal is kept verbatim."""
        text = self.text
        nxt = text[pos + 1] if pos + 1 < len(text) else ""
        if nxt == "'":
            run.protected.append(Span(pos, pos + 2))
            return pos + 2
        if nxt in "{}|" or (nxt == "#" and in_plural):
            close = text.find("'", pos + 1)
            while close != -1 and text[close + 1:close + 2] == "'":
                close = text.find("'", close + 2)
            end = len(text) if close == -1 else close + 1
            run.protected.append(Span(pos, end))
            return end
        return pos + 1

    def argument(self, pos: int, depth: int, in_plural: bool) -> tuple[int, bool]:
        """Parse ``{...}`` at ``pos``; return (offset after it, is it plural/select)."""
        text = self.text
        name = _NAME_RE.match(text, pos + 1)
        if not name:
            raise IcuError(f"argument without a name at offset {pos}")
        pos = name.end()
        if text.startswith("}", pos):
            return pos + 1, False
        if not text.startswith(",", pos):
            raise IcuError(f"expected ',' or '}}' at offset {pos}")
        kind = _NAME_RE.match(text, pos + 1)
        if not kind:
            raise IcuError(f"argument without a type at offset {pos}")
        pos = kind.end()
        if kind.group(1) in COMPLEX_TYPES:
            if not text.startswith(",", pos):
                raise IcuError(f"{kind.group(1)} without branches at offset {pos}")
            hash_is_number = in_plural or kind.group(1) != "select"
            return self._branches(pos + 1, depth, kind.group(1) != "select", hash_is_number), True
        if text.startswith("}", pos):
            return pos + 1, False
        if not text.startswith(",", pos):
            raise IcuError(f"expected ',' or '}}' at offset {pos}")
        return self._style(pos + 1), False

    def _style(self, pos: int) -> int:
        """Skip a number/date style (``::currency/EUR``, ``'at' HH:mm``) to its '}'."""
        text, level = self.text, 0
        while pos < len(text):
            ch = text[pos]
            if ch == "'":
                close = text.find("'", pos + 1)
                pos = len(text) if close == -1 else close + 1
                continue
            if ch == "{":
                level += 1
            elif ch == "}":
                if level == 0:
                    return pos + 1
                level -= 1
            pos += 1
        raise IcuError("argument style without a closing '}'")

    def _branches(self, pos: int, depth: int, plural: bool, in_plural: bool) -> int:
        text = self.text
        if plural:
            offset = _OFFSET_RE.match(text, pos)
            pos = offset.end() if offset else pos
        count = 0
        while True:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if text.startswith("}", pos):
                if count == 0:
                    raise IcuError(f"no branches before offset {pos}")
                return pos + 1
            selector = _SELECTOR_RE.match(text, pos)
            if not selector or not text.startswith("{", selector.end()):
                raise IcuError(f"expected a selector and '{{' at offset {pos}")
            end = self.message(selector.end() + 1, depth + 1, in_plural)
            if not text.startswith("}", end):
                raise IcuError(f"branch without a closing '}}' at offset {selector.end()}")
            pos = end + 1
            count += 1
