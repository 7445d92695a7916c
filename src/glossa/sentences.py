"""A light, rule-based sentence splitter (no models, no downloads).

Splits after ``.``, ``!``, ``?``, ``…`` (and CJK full stops) when followed by
whitespace and something that can start a sentence, unless the word before the
stop is an abbreviation of the text's language (glossa.lang: "Dr.", "e.g.", Portuguese
"art."; "No." only before a number) or an initial. A placeholder before the stop
(``%s.``, ``%(email)s.``) is never an initial, and a stop glued to the next sentence
(``...%(email)s.However``) still ends one. Returns spans so the caller can keep the
original whitespace between sentences exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from glossa.document import Span
from glossa.lang import LANGUAGES, language
from glossa.placeholders import find_placeholders

# a stop, closing quotes/brackets, then whitespace or (glued) a letter
_BOUNDARY = re.compile(r"([.!?…]+|[。！？]+)([\"'”’»)\]]*)(\s+|(?=[^\W\d_]))")
_STARTER = re.compile(r"[\"'“‘«(\[¿¡—–-]*[\w]", re.UNICODE)
_NUMBER = re.compile(r"\d|[IVXLC]{2,}\b")  # "No. 5", "séc. XIX"
_GLUED_WORD = re.compile(r"([^\W\d_])([^\W\d_]+)(?=[\s,;:!?]|$)")
_PLACEHOLDER_KINDS = ("printf", "brace", "url")


@cache
def _abbreviations(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(always, before a number only) abbreviations of ``lang``; for a language without a
    module, those of every registered one (a missed split costs less than a cut
    sentence)."""
    code = (lang or "").replace("_", "-").split("-")[0].lower()
    if code in LANGUAGES:
        grammar = language(code)
        return grammar.abbreviations, grammar.number_abbreviations
    always = frozenset().union(*(language(c).abbreviations for c in LANGUAGES))
    numbers = frozenset().union(*(language(c).number_abbreviations for c in LANGUAGES))
    return always, numbers - always


def _word_start(text: str, stop: int) -> int:
    """Where the run of word characters and dots ending at ``stop`` starts (``stop`` when
    there is none); a backward scan, so a paragraph of many sentences stays linear (a
    regex search of ``text[:stop]`` per stop made it quadratic)."""
    start = stop
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return start


def _is_abbreviation(text: str, stop: int, rest: str, lang: str | None,
                     code: Sequence[Span]) -> bool:
    start = _word_start(text, stop)
    if start == stop:
        return False
    if any(s.start <= start < s.end or s.end == stop for s in code):
        return False  # "%s." "%(email)s.": a placeholder, not an initial
    token = text[start:stop].lower().rstrip(".")
    always, numbers = _abbreviations(lang)
    if token in always:
        return True
    if token in numbers:
        return bool(_NUMBER.match(rest))
    return len(token) == 1 and token.isalpha()  # an initial: "A. Lavrentyev"


def _starts_sentence(rest: str) -> bool:
    match = _STARTER.match(rest)
    if not match:
        return False
    first = match.group()[-1]
    return first.isupper() or first.isdigit() or not first.isalpha() or bool(match.group()[:-1])


def _glued_end(text: str, stop: int, rest: str, code: Sequence[Span]) -> bool:
    """A stop with no space after it that still ends a sentence: right after a placeholder
    or a lowercase word, before a capitalised word ("%(email)s.However", "left.Then we")."""
    word = _GLUED_WORD.match(rest)
    if not word or not word.group(1).isupper() or not word.group(2).islower():
        return False
    if any(s.end == stop for s in code):
        return True
    before = text[_word_start(text, stop):stop]
    return "." not in before and len(before) >= 3 and before.isalpha() \
        and before[-1].islower() and len(word.group()) >= 3


def split_sentences(text: str, protected: Sequence[Span] = (),
                    lang: str | None = None) -> list[Span]:
    """Spans of the sentences in ``text`` (whitespace between them is left out), with the
    abbreviations of ``lang`` (None: of any language glossa knows)."""
    spans: list[Span] = []
    start = len(text) - len(text.lstrip())
    code: list[Span] | None = None
    for match in _BOUNDARY.finditer(text):
        stop, end = match.start(1), match.end(2)
        rest = text[match.end():]
        if code is None:
            code = [*protected, *find_placeholders(text, _PLACEHOLDER_KINDS)]
        glued = not match.group(3)
        if glued and (match.group(1) not in (".", "!", "?") or match.group(2)
                      or not _glued_end(text, stop, rest, code)):
            continue
        if match.group(1) == "." and _is_abbreviation(text, stop, rest, lang, code):
            continue
        opens_markup = any(p.start == match.end() for p in protected)  # "<code>x</code> is"
        if not opens_markup and not _starts_sentence(rest):
            continue
        if any(p.start < end <= p.end - 1 or p.start < match.end() < p.end for p in code):
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
