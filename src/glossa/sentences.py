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
        if not _starts_sentence(text[match.end():]):
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
