"""In-memory termbase: concepts (rows) with one term per language, plus everything a
file had that glossa does not interpret (unknown columns, comment lines, row order),
so an editor can load, change and save a glossary without losing anything."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from glossa.document import Span
    from glossa.glossary.match import TermMatch, TermMiss
    from glossa.glossary.termbase import Termbase

ALL_LANGS = "*"  # key of Entry.forbidden for variants forbidden in every language
CASE_VALUES = {"": None, "auto": None, "sensitive": True, "insensitive": False}


@dataclass
class Entry:
    """One concept: its term in each language and how to treat it.

    ``case_sensitive`` None means "auto": capitals written in the glossary are required,
    lowercase letters may be capitalised in text (so "log in" matches "Log in" but
    "Security Council" does not match "security council").
    ``forbidden`` maps a language code (or ``"*"`` for every language) to variants that
    must not appear in a translation. ``extra`` holds unknown columns verbatim.
    """

    terms: dict[str, str]
    note: str = ""
    case_sensitive: bool | None = None
    pos: str = ""
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    id: int = 0
    line: int | None = None
    origin: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)  # as read, for writers

    @property
    def keep_verbatim(self) -> bool:
        """True when at least two languages give the same term: never translate it."""
        values = [t for t in self.terms.values() if t]
        return len(values) >= 2 and len({unicodedata.normalize("NFC", t) for t in values}) == 1

    def term(self, lang: str) -> str:
        return self.terms.get(lang, "")

    def forbidden_for(self, lang: str) -> list[str]:
        return [*self.forbidden.get(ALL_LANGS, []), *self.forbidden.get(lang, [])]

    @property
    def case_name(self) -> str:
        return {None: "", True: "sensitive", False: "insensitive"}[self.case_sensitive]

    def canonical(self) -> dict:
        """What affects translation, in a stable form (for fingerprints)."""
        return {
            "terms": {k: unicodedata.normalize("NFC", v) for k, v in sorted(self.terms.items())
                      if v},
            "case": self.case_name,
            "pos": self.pos,
            "forbidden": {k: list(v) for k, v in sorted(self.forbidden.items()) if v},
        }


@dataclass
class RawLine:
    """A comment or blank line kept in place between rows."""

    text: str
    line: int | None = None


Row = Entry | RawLine


@dataclass
class Glossary:
    """Rows in file order. ``columns`` is the header as written (language codes,
    ``note``, ``case``, ``pos``, ``forbidden``/``forbidden_xx``, unknown names)."""

    rows: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    path: str | None = None
    delimiter: str = "\t"
    preamble: list[str] = field(default_factory=list)  # comment lines before the header
    newline: str = "\n"
    bom: bool = False

    @property
    def entries(self) -> list[Entry]:
        return [r for r in self.rows if isinstance(r, Entry)]

    @property
    def languages(self) -> list[str]:
        from glossa.glossary.tsv import column_language

        langs = [c for c in (column_language(col) for col in self.columns) if c]
        for entry in self.entries:
            langs += [lang for lang in entry.terms if lang not in langs]
        return list(dict.fromkeys(langs))

    def add(self, entry: Entry) -> Entry:
        """Append an entry with the next free id."""
        entry.id = max((e.id for e in self.entries), default=0) + 1
        at = len(self.rows)
        while at and isinstance(self.rows[at - 1], RawLine) and not self.rows[at - 1].text.strip():
            at -= 1  # before trailing blank lines
        self.rows.insert(at, entry)
        self._invalidate()
        return entry

    def remove(self, entry: Entry) -> None:
        self.rows = [r for r in self.rows if r is not entry]
        self._invalidate()

    def get(self, entry_id: int) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def fingerprint(self) -> str:
        """Stable hash of everything that changes translations (not notes or comments)."""
        return fingerprint_of(self.entries)

    def keep_verbatim_terms(self) -> set[str]:
        """Terms written the same in two or more languages of their entry (names, brands):
        text that language detection should not count as foreign."""
        return verbatim_terms_of(self.entries)

    def compile(self, languages: Iterable[str] = ()) -> Termbase:
        """A new immutable Termbase of the entries as they are now (what a run uses)."""
        from glossa.glossary.termbase import Termbase

        return Termbase(self.entries, languages)

    def termbase(self) -> Termbase:
        """The compiled entries, recompiled when they changed since the last call (for
        the editor and one-off lookups; a run compiles once and keeps the Termbase)."""
        sig = self._signature()
        cached = self.__dict__.get("_termbase")
        if cached is None or cached[0] != sig:
            cached = self.__dict__["_termbase"] = (sig, self.compile())
        return cached[1]

    def find(self, text: str, lang: str, protected: Sequence[Span] = ()) -> list[TermMatch]:
        """Non-overlapping term occurrences in ``text`` (longest first), sorted by start;
        see Termbase.find."""
        return self.termbase().find(text, lang, protected)

    def verify(self, source: str, output: str, src: str, tgt: str,
               protected: Sequence[Span] = ()) -> list[TermMiss]:
        """Terms of ``source`` whose prescribed ``tgt`` term (any inflected form) is
        missing from ``output``, and forbidden variants present in it."""
        return self.termbase().verify(source, output, src, tgt, protected)

    def _signature(self) -> tuple:
        """Cheap change detector: entries may be edited in place between calls."""
        return tuple((id(e), tuple(e.terms.items()), e.case_sensitive, e.pos,
                      tuple((k, tuple(v)) for k, v in e.forbidden.items()))
                     for e in self.entries)

    def _invalidate(self) -> None:
        self.__dict__.pop("_termbase", None)


def fingerprint_of(entries: Iterable[Entry]) -> str:
    """Stable hash of what in ``entries`` changes translations."""
    data = json.dumps([e.canonical() for e in entries], ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def verbatim_terms_of(entries: Iterable[Entry]) -> set[str]:
    """Terms written the same in two or more languages of their entry."""
    found = set()
    for entry in entries:
        values = [unicodedata.normalize("NFC", t) for t in entry.terms.values() if t]
        found |= {t for t in values if values.count(t) >= 2}
    return found
