"""The compiled glossary a run shares: matching, shielding, verification and QA all look
terms up here.

``Glossary`` (glossa.glossary.model) is the editable form, keeping everything a file had.
``Termbase.compile(glossary)`` snapshots its entries once and indexes each language's terms
by the normalised keys (lemmas, plural and gender variants) of their first two words, and
forbidden variants by their first word: a lookup costs the same with a hundred entries as
with a hundred thousand (scripts/bench_termbase.py measures it).

Matching skips protected text: the spans a caller passes (a format's code spans) and the
placeholders, markup and URLs in the text itself (glossa.placeholders), so "email" in
``%(email)s``, ``{email}`` or ``mailto:%(email)s`` is neither enforced nor checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from threading import Lock

from glossa.document import Span
from glossa.glossary.match import ForbiddenIndex, Matcher, TermMatch, TermMiss
from glossa.glossary.model import Entry, Glossary, fingerprint_of, verbatim_terms_of
from glossa.glossary.morph import norm
from glossa.placeholders import find_placeholders

CODE_KINDS = ("printf", "brace", "html", "url", "escape")  # never prose: no terms inside


def code_spans(text: str) -> list[Span]:
    """Placeholders, markup and URLs of ``text``: where glossary terms are not looked for."""
    return list(_code_spans(text))


@lru_cache(maxsize=256)
def _code_spans(text: str) -> tuple[Span, ...]:
    """Cached: a text is looked up in each language, then verified against its output."""
    return tuple(find_placeholders(text, CODE_KINDS))


class Termbase:
    """An immutable snapshot of glossary entries with per-language lookup indexes.

    Indexes are built for a language the first time it is used (a run needs two of a
    termbase's languages); everything else is fixed at compile time.
    """

    def __init__(self, entries: Iterable[Entry], languages: Iterable[str] = ()):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._matchers: dict[str, Matcher] = {}
        self._forbidden: dict[str, ForbiddenIndex] = {}
        self._lock = Lock()
        self._fingerprint: str | None = None
        self._verbatim: frozenset[str] | None = None
        for lang in languages:
            self.matcher(lang)
            self._forbidden_index(lang)

    @classmethod
    def compile(cls, glossary: Glossary | Termbase | Iterable[Entry],
                languages: Iterable[str] = ()) -> Termbase:
        """The termbase of ``glossary`` (a Termbase is returned as it is)."""
        if isinstance(glossary, Termbase):
            return glossary
        entries = glossary.entries if isinstance(glossary, Glossary) else glossary
        return cls(entries, languages)

    def __len__(self) -> int:
        return len(self.entries)

    def matcher(self, lang: str) -> Matcher:
        found = self._matchers.get(lang)
        if found is None:
            with self._lock:
                found = self._matchers.get(lang) or Matcher(self.entries, lang)
                self._matchers[lang] = found
        return found

    def _forbidden_index(self, lang: str) -> ForbiddenIndex:
        found = self._forbidden.get(lang)
        if found is None:
            with self._lock:
                found = self._forbidden.get(lang) or ForbiddenIndex(self.entries, lang)
                self._forbidden[lang] = found
        return found

    def find(self, text: str, lang: str, protected: Sequence[Span] = ()) -> list[TermMatch]:
        """Non-overlapping term occurrences in ``text`` (longest first), sorted by start,
        none inside ``protected`` or the text's own placeholders, markup and URLs."""
        return self.matcher(lang).find(text, [*protected, *code_spans(text)])

    def verify(self, source: str, output: str, src: str, tgt: str,
               protected: Sequence[Span] = ()) -> list[TermMiss]:
        """Terms of ``source`` whose prescribed ``tgt`` term (any inflected form) is missing
        from ``output``, and forbidden variants present in it. Protected text is not
        checked: ``protected`` spans of the source (and the same text in the output) and
        both sides' placeholders."""
        misses: list[TermMiss] = []
        needed: dict[int, list[TermMatch]] = {}
        for m in self.find(source, src, protected):
            if m.entry.term(tgt):
                needed.setdefault(id(m.entry), []).append(m)
        kept = _occurrences(output, {source[p.start:p.end] for p in protected})
        present: dict[int, int] = {}
        if needed:
            for m in self.find(output, tgt, kept):
                present[id(m.entry)] = present.get(id(m.entry), 0) + 1
        for key, matches in needed.items():
            for m in matches[present.get(key, 0):]:
                misses.append(TermMiss("missing", m.entry, m.entry.term(tgt), m.form))
        forbidden = self._forbidden_index(tgt)
        if forbidden:
            folded = norm(_blank(output, [*kept, *code_spans(output)]))
            for entry, variant in forbidden.find(folded):
                misses.append(TermMiss("forbidden", entry, entry.term(tgt), found=variant))
        return misses

    def keep_verbatim_terms(self) -> frozenset[str]:
        """Terms written the same in two or more languages of their entry (names, brands)."""
        if self._verbatim is None:
            self._verbatim = frozenset(verbatim_terms_of(self.entries))
        return self._verbatim

    def fingerprint(self) -> str:
        """Stable hash of everything that changes translations (see Glossary.fingerprint)."""
        if self._fingerprint is None:
            self._fingerprint = fingerprint_of(self.entries)
        return self._fingerprint


def _occurrences(text: str, pieces: set[str]) -> list[Span]:
    """Where each of ``pieces`` (protected source text) occurs in ``text``."""
    return [Span(m.start(), m.end()) for piece in pieces if piece.strip()
            for m in re.finditer(re.escape(piece), text)]


def _blank(text: str, spans: Sequence[Span]) -> str:
    """``text`` with ``spans`` replaced by a space each (not searched)."""
    merged: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    for start, end in reversed(merged):
        text = text[:start] + " " + text[end:]
    return text
