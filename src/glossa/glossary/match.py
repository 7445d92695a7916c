"""Finding glossary terms in text: longest match first, on word boundaries, with
per-entry case rules and inflected forms (see glossa.glossary.morph)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

from glossa.document import Span
from glossa.glossary.model import Entry
from glossa.glossary.morph import compute_keys, norm, word_keys

_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = re.compile(rf"(?:[\w{_MARKS}])+(?:-(?:[\w{_MARKS}])+)*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TermMatch:
    """``text[start:end] == form`` is an occurrence of ``entry``'s term in ``lang``."""

    start: int
    end: int
    entry: Entry
    form: str
    lang: str = ""

    @property
    def term(self) -> str:
        return self.entry.term(self.lang)

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "form": self.form, "lang": self.lang,
                "term": self.term, "entry": self.entry.id, "terms": dict(self.entry.terms),
                "keep_verbatim": self.entry.keep_verbatim, "note": self.entry.note}


@dataclass(frozen=True)
class TermMiss:
    """A glossary violation in one translated segment.

    kind "missing": ``expected`` (any inflected form) is absent from the output although
    the source has ``source_form``; kind "forbidden": ``found`` appears in the output.
    """

    kind: str
    entry: Entry
    expected: str
    source_form: str = ""
    found: str = ""

    @property
    def message(self) -> str:
        if self.kind == "forbidden":
            return f"forbidden variant {self.found!r} used (glossary: {self.expected!r})"
        return f"{self.source_form!r} should be translated as {self.expected!r}"

    def __str__(self) -> str:
        return self.message

    def to_json(self) -> dict:
        return {"kind": self.kind, "entry": self.entry.id, "expected": self.expected,
                "source_form": self.source_form, "found": self.found, "message": self.message}


class _Token(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@dataclass(frozen=True)
class _Pattern:
    entry: Entry
    words: tuple[str, ...]
    keys: tuple[frozenset[str], ...]
    seps: tuple[str, ...]  # normalised text between consecutive words
    prefix: str  # literal non-word text before the first word ("." of ".NET")
    suffix: str  # literal non-word text after the last word ("++" of "C++")
    order: int


def _compile(entry: Entry, term: str, lang: str, order: int,
             memo: dict | None = None) -> _Pattern | None:
    term = unicodedata.normalize("NFC", term.strip())
    tokens = tokenize(term)
    if not tokens:
        return None
    words = tuple(t.text for t in tokens)
    memo = {} if memo is None else memo
    keys = []
    for i, w in enumerate(words):
        found = memo.get((w, i == 0))
        if found is None:
            found = memo[(w, i == 0)] = compute_keys(w, lang, head=i == 0)
        keys.append(found)
    pairs = zip(tokens, tokens[1:], strict=False)
    seps = tuple(_SPACE.sub(" ", term[a.end:b.start]) for a, b in pairs)
    return _Pattern(entry, words, tuple(keys), seps, term[: tokens[0].start],
                    term[tokens[-1].end:], order)


def _case_ok(word: str, found: str, sensitive: bool | None) -> bool:
    if sensitive is False:
        return True
    if sensitive is True:
        if norm(word) == norm(found):
            return unicodedata.normalize("NFC", word) == unicodedata.normalize("NFC", found)
        return word[:1].isupper() == found[:1].isupper()
    # auto: capitals written in the glossary are required
    if len(word) > 1 and word.isupper():
        return found.isupper()
    return not word[:1].isupper() or found[:1].isupper()


class Matcher:
    """Glossary terms of one language indexed by the keys of their first two words, so a
    lookup costs the same with a hundred entries as with a hundred thousand."""

    def __init__(self, entries: Sequence[Entry], lang: str):
        self.lang = lang
        self.singles: dict[str, list[_Pattern]] = {}  # one-word terms by key
        self.pairs: dict[tuple[str, str], list[_Pattern]] = {}  # longer ones by two keys
        memo: dict[tuple[str, bool], frozenset[str]] = {}
        for order, entry in enumerate(entries):
            term = entry.term(lang)
            pattern = _compile(entry, term, lang, order, memo) if term else None
            if pattern is None:
                continue
            if len(pattern.keys) == 1:
                for key in pattern.keys[0]:
                    self.singles.setdefault(key, []).append(pattern)
            else:
                for pair in product(pattern.keys[0], pattern.keys[1]):
                    self.pairs.setdefault(pair, []).append(pattern)

    def _candidates(self, tokens: list[_Token], i: int) -> list[_Pattern]:
        found: dict[int, _Pattern] = {}
        heads = word_keys(tokens[i].text, self.lang, head=True)
        for key in heads:
            for pattern in self.singles.get(key, ()):
                found[id(pattern)] = pattern
        if i + 1 < len(tokens) and self.pairs:
            for pair in product(heads, word_keys(tokens[i + 1].text, self.lang, head=False)):
                for pattern in self.pairs.get(pair, ()):
                    found[id(pattern)] = pattern
        return list(found.values())

    def _try(self, text: str, tokens: list[_Token], i: int, p: _Pattern) -> tuple[int, int] | None:
        n = len(p.words)
        if i + n > len(tokens):
            return None
        sensitive = p.entry.case_sensitive
        for k in range(n):
            tok = tokens[i + k]
            if k and _SPACE.sub(" ", text[tokens[i + k - 1].end:tok.start]) != p.seps[k - 1]:
                return None
            if not (word_keys(tok.text, self.lang, head=k == 0) & p.keys[k]):
                return None
            if not _case_ok(p.words[k], tok.text, sensitive):
                return None
        start, end = tokens[i].start, tokens[i + n - 1].end
        if p.prefix and text[start - len(p.prefix):start] != p.prefix:
            return None
        if p.suffix and text[end:end + len(p.suffix)] != p.suffix:
            return None
        return start - len(p.prefix), end + len(p.suffix)

    def find(self, text: str, protected: Sequence[Span] = ()) -> list[TermMatch]:
        """Non-overlapping occurrences, longest first, none overlapping ``protected``."""
        tokens = tokenize(text)
        found: list[tuple[int, int, int, _Pattern]] = []
        for i in range(len(tokens)):
            for p in self._candidates(tokens, i):
                span = self._try(text, tokens, i, p)
                if span and not _overlaps(span, protected):
                    found.append((span[0], span[1], p.order, p))
        # longest first; on ties the earlier start, then the later (winning) entry
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0], -f[2]))
        taken: list[tuple[int, int]] = []
        chosen: list[TermMatch] = []
        for start, end, _, p in found:
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            chosen.append(TermMatch(start, end, p.entry, text[start:end], self.lang))
        return sorted(chosen, key=lambda m: m.start)


def _overlaps(span: tuple[int, int], protected: Sequence[Span]) -> bool:
    return any(span[0] < p.end and p.start < span[1] for p in protected)


_FIRST_WORD = re.compile(r"\w+")


class ForbiddenIndex:
    """Forbidden variants of one target language indexed by their first word, checked in
    the output only when that word occurs in it."""

    def __init__(self, entries: Sequence[Entry], lang: str):
        self.by_word: dict[str, list[tuple[int, int, Entry, str, re.Pattern[str]]]] = {}
        self.always: list[tuple[int, int, Entry, str, re.Pattern[str]]] = []
        for order, entry in enumerate(entries):
            for k, variant in enumerate(entry.forbidden_for(lang)):
                folded = norm(variant)
                if not folded:
                    continue
                item = (order, k, entry, variant,
                        re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)"))
                first = _FIRST_WORD.match(folded)  # starts with a word: found by that word
                if first:
                    self.by_word.setdefault(first.group(), []).append(item)
                else:
                    self.always.append(item)

    def __bool__(self) -> bool:
        return bool(self.by_word or self.always)

    def find(self, folded: str) -> list[tuple[Entry, str]]:
        """(entry, variant) of every forbidden variant in ``folded``, in glossary order."""
        items = list(self.always)
        for word in set(_FIRST_WORD.findall(folded)):
            items += self.by_word.get(word, ())
        items.sort(key=lambda item: item[:2])
        return [(entry, variant) for _, _, entry, variant, rx in items if rx.search(folded)]
