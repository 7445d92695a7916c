"""A light, rule-based sentence splitter (no models, no downloads).

Splits after ``.``, ``!``, ``?``, ``…`` (and CJK full stops) when followed by
whitespace and something that can start a sentence, unless the word before the
stop is a known abbreviation, an initial, or a number. Returns spans so the
caller can keep the original whitespace between sentences exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossa.document import Span

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr sra srta jr st no nos vol vols fig figs p pp ed eds etc e.g i.e
    vs approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    gen col lt sgt capt cmdr adm gov pres rep sen rev hon u.s u.k u.n
    av art cap dra exa exmo ilmo pág sec séc tel
    г гг т тт стр см им ул д рис тыс млн млрд руб коп проф акад""".split()
)

_BOUNDARY = re.compile(r"([.!?…]+|[。！？]+)([\"'”’»)\]]*)(\s+)")
_STARTER = re.compile(r"[\"'“‘«(\[¿¡—–-]*[\w]", re.UNICODE)


def _is_abbreviation(text: str, stop: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:stop])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha()  # an initial: "A. Lavrentyev"


def _starts_sentence(rest: str) -> bool:
    match = _STARTER.match(rest)
    if not match:
        return False
    first = match.group()[-1]
    return first.isupper() or first.isdigit() or not first.isalpha() or bool(match.group()[:-1])


def split_sentences(text: str, protected: Sequence[Span] = ()) -> list[Span]:
    """Spans of the sentences in ``text`` (whitespace between them is left out)."""
    spans: list[Span] = []
    start = len(text) - len(text.lstrip())
    for match in _BOUNDARY.finditer(text):
        stop, end = match.start(1), match.end(2)
        if match.group(1) == "." and _is_abbreviation(text, stop):
            continue
        opens_markup = any(p.start == match.end() for p in protected)  # "<code>x</code> is"
        if not opens_markup and not _starts_sentence(text[match.end():]):
            continue
        if any(p.start < end <= p.end - 1 or p.start < match.end() < p.end for p in protected):
            continue
        if end > start:
            spans.append(Span(start, end))
        start = match.end()
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append(Span(start, tail_end))
    return spans


MAX_SENTENCE_CHARS = 400  # the tiny models drop text beyond ~250 tokens; measured, not guessed
_CLAUSE_BREAK = re.compile(r"[,;:)\]—–]\s+|\s+[—–(\[]\s*")


def _cut_point(text: str, start: int, limit: int, protected: Sequence[Span]) -> int:
    """Where to end a piece of at most ``limit`` chars: a clause break, else a space."""
    window_end = start + limit
    lowest = start + limit // 3

    def allowed(pos: int) -> bool:
        return not any(p.start < pos < p.end for p in protected)

    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, lowest, window_end)]
    for pos in reversed(breaks):
        if allowed(pos):
            return pos
    spaces = [m.end() for m in re.finditer(r"\s+", text[lowest:window_end])]
    for pos in reversed(spaces):
        if allowed(lowest + pos):
            return lowest + pos
    return window_end  # no space at all (long token, CJK): cut anyway rather than lose text


def cap_length(text: str, sentences: Sequence[Span], protected: Sequence[Span] = (),
               limit: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Split sentences longer than ``limit`` into pieces at clause breaks or spaces.

    Engines truncate over-long input silently; several shorter pieces, spliced back
    with their original whitespace, lose nothing.
    """
    out: list[Span] = []
    for sentence in sentences:
        start = sentence.start
        while sentence.end - start > limit:
            cut = _cut_point(text, start, limit, protected)
            end = len(text[start:cut].rstrip()) + start
            out.append(Span(start, end))
            start = cut
        if sentence.end > start:
            out.append(Span(start, sentence.end))
    return out
