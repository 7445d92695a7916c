"""Glossary editing operations shared by the command line and the terminal editor.

Every function works on a ``glossa.glossary.Glossary`` in memory and changes entries in
place, so rows that are not touched are written back byte for byte by the glossary
layer's writer (row order, comments and unknown columns survive).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache

from glossa.errors import UsageError
from glossa.glossary import Entry, Glossary
from glossa.glossary.model import ALL_LANGS
from glossa.glossary.morph import norm, word_keys
from glossa.glossary.tsv import RESERVED, column_language, forbidden_column_language
from glossa.languages import normalize_code

CASE_CHOICES = {"auto": None, "": None, "sensitive": True, "insensitive": False}
_CONTROL = re.compile(r"[\t\r\n]")


# --- problems ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a glossary or a candidate entry.

    ``severity`` "error" blocks an add/edit; "warning" is reported but allowed.
    """

    kind: str
    message: str
    entries: tuple[int, ...] = ()
    line: int | None = None
    severity: str = "error"

    def to_json(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "message": self.message,
                "entries": list(self.entries), "line": self.line}


def label(entry: Entry) -> str:
    """Short human name of an entry: ``#3 Southern Front = Южный фронт``."""
    terms = " = ".join(t for t in entry.terms.values() if t) or "(no terms)"
    return f"#{entry.id} {terms}" if entry.id else f"new entry {terms}"


def where(entry: Entry) -> str:
    return f"line {entry.line}" if entry.line else "new row"


# --- finding entries ----------------------------------------------------------------------

def find_entry(glossary: Glossary, ref: str) -> Entry:
    """The entry named by ``ref``: an id (as shown by ``list``) or a term in any language."""
    ref = ref.strip()
    if ref.lstrip("#").isdigit() and (entry := glossary.get(int(ref.lstrip("#")))):
        return entry
    key = norm(ref)
    found = [e for e in glossary.entries if any(norm(t) == key for t in e.terms.values())]
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(f"#{e.id}" for e in found)
        raise UsageError(f"{ref!r} names {len(found)} entries ({ids}); use the id instead")
    hint = ""
    close = search(glossary, ref, limit=3, cutoff=80)
    if close:
        hint = "; did you mean " + ", ".join(f"{h.term!r} (#{h.entry.id})" for h in close) + "?"
    raise UsageError(f"no entry {ref!r} in the glossary{hint}")


# --- building and checking entries ------------------------------------------------------

def parse_case(value: str | None) -> bool | None:
    key = (value or "").strip().lower()
    if key not in CASE_CHOICES:
        raise UsageError(f"--case must be auto, sensitive or insensitive, not {value!r}")
    return CASE_CHOICES[key]


def normalize_terms(terms: dict[str, str]) -> dict[str, str]:
    """Language codes normalised (``pt-BR`` -> ``pt``), values stripped; '' kept (= remove)."""
    out: dict[str, str] = {}
    for code, value in terms.items():
        lang = normalize_code(code)
        if lang in out:
            raise UsageError(f"language {lang!r} given twice ({code!r})")
        out[lang] = unicodedata.normalize("NFC", value.strip())
    return out


def cell_problems(entry: Entry) -> list[Problem]:
    """Values a glossary file cannot hold in a cell."""
    problems = []
    values = {**{f"the {lang} term": t for lang, t in entry.terms.items()},
              "the note": entry.note, "pos": entry.pos}
    for name, value in values.items():
        if _CONTROL.search(value or ""):
            problems.append(Problem("bad-cell", f"{name} contains a tab or line break"))
    return problems


def check_entry(glossary: Glossary, entry: Entry, exclude: Entry | None = None) -> list[Problem]:
    """Problems ``entry`` would have (or cause) in ``glossary``; errors first."""
    problems = cell_problems(entry)
    if not any(entry.terms.values()):
        problems.append(Problem("empty", "the entry has no terms"))
    others = [e for e in glossary.entries if e is not entry and e is not exclude]
    for other in others:
        problem = _pair_problem(entry, other)
        if problem:
            problems.append(problem)
    problems += _verbatim_problems(entry)
    return sorted(problems, key=lambda p: p.severity != "error")


def _pair_problem(entry: Entry, other: Entry) -> Problem | None:
    """Duplicate or conflicting translations between two entries, if any."""
    mine = {k: _nfc(v) for k, v in entry.terms.items() if v}
    theirs = {k: _nfc(v) for k, v in other.terms.items() if v}
    if mine and mine == theirs:
        return Problem("duplicate", f"same terms as {label(other)} ({where(other)})",
                       (entry.id, other.id))
    for lang, term in mine.items():
        if lang not in theirs or norm(term) != norm(theirs[lang]):
            continue
        if term != theirs[lang] and entry.case_sensitive and other.case_sensitive:
            continue  # "US" and "us", both case-sensitive: different terms
        for tgt, value in mine.items():
            if tgt != lang and theirs.get(tgt) and theirs[tgt] != value:
                return Problem(
                    "conflict",
                    f"{term!r} ({lang}) is translated {value!r} here but {theirs[tgt]!r} in "
                    f"{label(other)} ({where(other)})", (entry.id, other.id))
    return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Cyrillic and Greek letters that look like Latin ones: "СNN" typed on a Russian keyboard.
_LOOKALIKE = str.maketrans(
    "АВЕКМНОРСТХаеорсхуіІјЈѕЅԁԛԜԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοκνρτυχ",
    "ABEKMHOPCTXaeopcxyiIjJsSdqWwABEZHIKMNOPTYXokvptux",
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def fold(term: str) -> str:
    """What a reader sees: case, spacing, look-alike letters and invisible marks ignored."""
    text = unicodedata.normalize("NFKC", term).translate(_INVISIBLE)
    text = " ".join(text.split())
    return text.translate(_LOOKALIKE).casefold()


def _verbatim_problems(entry: Entry) -> list[Problem]:
    """Rows meant to keep a term untranslated that the model will not treat so.

    The glossary model keeps a term verbatim between two languages when the row gives
    the exact same (NFC) text for both (Entry.keep_verbatim: for all of them). Terms
    that are *almost* the same (case inside the word, spacing, a Cyrillic "С" in
    "CNN", a soft hyphen) are almost surely meant to be verbatim but are not; only a
    different first capital ("Internet" / "internet") is accepted as a convention.
    """
    terms = {lang: _nfc(t) for lang, t in entry.terms.items() if t}
    folded: dict[str, list[str]] = {}
    for lang, term in terms.items():
        folded.setdefault(fold(term), []).append(lang)
    for langs in folded.values():
        pairs = [(a, b) for a in langs for b in langs
                 if a < b and terms[a] != terms[b] and not _capital_only(terms[a], terms[b])]
        if pairs:
            shown = ", ".join(f"{lang} {terms[lang]!r}" for lang in dict.fromkeys(
                lang for pair in pairs for lang in pair))
            return [Problem("near-verbatim",
                            f"{label(entry)}: {shown} differ only by case, spacing or "
                            "look-alike letters, so the term is not kept verbatim; make them "
                            "identical (or clearly different)", (entry.id,), entry.line,
                            "warning")]
    return []


def _capital_only(a: str, b: str) -> bool:
    """"Internet" / "internet": languages capitalise differently; not a typo
    (but "iPhone" / "IPhone" is: a capital inside the word marks a brand's spelling)."""
    rest = a[1:]
    return rest == b[1:] and a[:1].lower() == b[:1].lower() and rest == rest.lower()


_FORBIDDEN_LANG = re.compile(r"^([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?):\s*(.+)$")


def parse_forbidden(values: Iterable[str]) -> dict[str, list[str]]:
    """``--forbidden`` values: ``variant`` (every language) or ``pt:variant`` (one)."""
    out: dict[str, list[str]] = {}
    for value in values:
        value = value.strip()
        match = _FORBIDDEN_LANG.match(value)
        key, variant = (normalize_code(match.group(1)), match.group(2).strip()) if match \
            else (ALL_LANGS, value)
        if variant and variant not in out.get(key, []):
            out.setdefault(key, []).append(variant)
    return out


def make_entry(terms: dict[str, str], note: str = "", case: str | None = None,
               pos: str = "", forbidden: Iterable[str] = ()) -> Entry:
    """A new Entry from command-line style values (empty terms dropped)."""
    return Entry(terms={k: v for k, v in normalize_terms(terms).items() if v},
                 note=note.strip(), case_sensitive=parse_case(case), pos=pos.strip(),
                 forbidden=parse_forbidden(forbidden))


def _raise_errors(problems: list[Problem], force: bool) -> list[Problem]:
    errors = [p for p in problems
              if p.severity == "error" and not (force and p.kind in {"duplicate", "conflict",
                                                                     "near-verbatim"})]
    if errors:
        hint = "" if all(p.kind in {"empty", "bad-cell"} for p in errors) else \
            " (use --force to keep it anyway)"
        raise UsageError("; ".join(p.message for p in errors) + hint)
    return [p for p in problems if p not in errors]


def add_entry(glossary: Glossary, entry: Entry, force: bool = False) -> list[Problem]:
    """Append ``entry``; refuses duplicates, conflicts and unusable values unless forced.
    Returns the warnings (and forced errors) to show."""
    problems = _raise_errors(check_entry(glossary, entry), force)
    glossary.add(entry)
    return problems


def edited_copy(entry: Entry, terms: dict[str, str] | None = None, note: str | None = None,
                case: str | None = None, pos: str | None = None,
                forbidden: list[str] | None = None) -> Entry:
    """``entry`` with changes applied (a copy); a term set to '' removes that language."""
    new = deepcopy(entry)
    for lang, value in normalize_terms(terms or {}).items():
        if value:
            new.terms[lang] = value
        else:
            new.terms.pop(lang, None)
    if note is not None:
        new.note = note.strip()
    if case is not None:
        new.case_sensitive = parse_case(case)
    if pos is not None:
        new.pos = pos.strip()
    if forbidden is not None:  # replaces every forbidden variant; [""] clears them
        new.forbidden = parse_forbidden(forbidden)
    return new


def apply_edit(glossary: Glossary, entry: Entry, new: Entry, force: bool = False
               ) -> list[Problem]:
    """Replace ``entry``'s values with ``new``'s in place (row position and id kept)."""
    problems = _raise_errors(check_entry(glossary, new, exclude=entry), force)
    for name in ("terms", "note", "case_sensitive", "pos", "forbidden", "extra"):
        setattr(entry, name, deepcopy(getattr(new, name)))
    return problems  # the glossary's matcher cache notices changed terms by itself


def remove_entry(glossary: Glossary, entry: Entry) -> None:
    glossary.remove(entry)


# --- listing and searching ----------------------------------------------------------------

def entry_json(entry: Entry) -> dict:
    return {"id": entry.id, "line": entry.line, "terms": dict(entry.terms), "note": entry.note,
            "case": entry.case_name or "auto", "pos": entry.pos,
            "forbidden": {k: list(v) for k, v in entry.forbidden.items() if v},
            "extra": dict(entry.extra), "keep_verbatim": entry.keep_verbatim}


def select(glossary: Glossary, langs: list[str] | None = None) -> list[Entry]:
    """Entries that have a term in every one of ``langs`` (all entries when None)."""
    if not langs:
        return list(glossary.entries)
    return [e for e in glossary.entries if all(e.term(lang) for lang in langs)]


@dataclass(frozen=True)
class Hit:
    """A search result: ``entry`` matched through ``term`` (in ``lang``) by ``how``."""

    entry: Entry
    lang: str
    term: str
    score: float
    how: str  # exact, form (an inflected form), contains, fuzzy, note

    def to_json(self) -> dict:
        return {"score": round(self.score, 1), "how": self.how, "lang": self.lang,
                "term": self.term, **entry_json(self.entry)}


def _words(text: str) -> list[str]:
    from glossa.glossary.match import tokenize

    return [t.text for t in tokenize(text)]


@lru_cache(maxsize=100_000)
def _phrase_keys(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """Match keys of each word of ``text`` (all forms the glossary matcher accepts)."""
    return tuple(word_keys(w, lang, head=True) | word_keys(w, lang, head=False)
                 for w in _words(text))


def _form_match(query: str, term: str, lang: str) -> bool:
    """Every word of ``query`` is a form of some word of ``term`` ("фронтом" ~ "Южный фронт")."""
    qkeys, tkeys = _phrase_keys(query, lang), _phrase_keys(term, lang)
    return bool(qkeys and tkeys) and all(any(q & k for k in tkeys) for q in qkeys)


def search(glossary: Glossary, query: str, lang: str | None = None, limit: int = 20,
           cutoff: float = 70.0) -> list[Hit]:
    """Entries whose terms match ``query``: exactly, as an inflected form (via the
    glossary matcher's morphology), as a substring, or fuzzily (rapidfuzz); best first."""
    from rapidfuzz import fuzz, process

    query = query.strip()
    if not query:
        return []
    langs = [lang] if lang else glossary.languages
    best: dict[int, Hit] = {}

    def offer(hit: Hit) -> None:
        old = best.get(id(hit.entry))
        if old is None or hit.score > old.score:
            best[id(hit.entry)] = hit

    key = norm(query)
    entries = glossary.entries
    for code in langs:
        for m in glossary.find(query, code):  # the query contains an inflected term
            offer(Hit(m.entry, code, m.term, 99.0, "form"))
        for entry in entries:
            term = entry.term(code)
            if not term:
                continue
            if norm(term) == key:
                offer(Hit(entry, code, term, 100.0, "exact"))
            elif _form_match(query, term, code):
                offer(Hit(entry, code, term, 95.0, "form"))
            elif key in norm(term):
                offer(Hit(entry, code, term, 90.0, "contains"))
        choices = {i: e.term(code) for i, e in enumerate(entries) if e.term(code)}
        for _, score, i in process.extract(key, choices, scorer=fuzz.WRatio, processor=norm,
                                           score_cutoff=cutoff, limit=None):
            offer(Hit(entries[i], code, entries[i].term(code), min(float(score), 89.0),
                      "fuzzy"))
    if not lang:
        notes = {i: e.note for i, e in enumerate(entries) if e.note}
        for _, score, i in process.extract(key, notes, scorer=fuzz.partial_ratio,
                                           processor=norm, score_cutoff=max(cutoff, 80),
                                           limit=None):
            offer(Hit(entries[i], "note", entries[i].note, float(score) * 0.8, "note"))
    hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.id))
    return hits[:limit]


def filter_entries(glossary: Glossary, query: str) -> list[Entry]:
    """Live filter for the editor: entries with a term or note containing ``query``
    (case-insensitive) or matching it as an inflected form; file order kept."""
    key = norm(query.strip())
    if not key:
        return list(glossary.entries)
    out = []
    for entry in glossary.entries:
        texts = [*entry.terms.values(), entry.note, str(entry.id)]
        if any(key in norm(t) for t in texts if t) or any(
                _form_match(query, t, lang) for lang, t in entry.terms.items() if t):
            out.append(entry)
    return out


# --- validation --------------------------------------------------------------------------

_CODE_LIKE = re.compile(r"^[A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,4})?$|^[A-Za-z]{3}[-_][A-Za-z0-9]{2,4}$")
_FORBIDDEN_NAME = re.compile(r"^forbidden[_-](.+)$", re.I)


def _column_problems(glossary: Glossary) -> list[Problem]:
    problems = []
    for column in glossary.columns:
        name = column.strip()
        if name.lower() in RESERVED or column_language(name):
            continue
        m = _FORBIDDEN_NAME.match(name)
        if m and not forbidden_column_language(name):
            problems.append(Problem("unknown-language",
                                    f"column {name!r}: {m.group(1)!r} is not a known language "
                                    "code; its values are not used"))
        elif _CODE_LIKE.match(name):
            problems.append(Problem("unknown-language",
                                    f"column {name!r} looks like a language code but is not "
                                    "one glossa knows; its terms are ignored (use ISO 639-1 "
                                    "codes such as en, pt, ru)"))
    return problems


def validate(glossary: Glossary) -> list[Problem]:
    """Everything worth fixing in a glossary, in file order."""
    problems = _column_problems(glossary)
    entries = glossary.entries
    index: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        for lang, term in entry.terms.items():
            if term:
                index.setdefault((lang, norm(term)), []).append(entry)
    reported: set[tuple[int, int]] = set()
    for entry in entries:
        found = [Problem("empty", f"#{entry.id} has no terms", (entry.id,), entry.line)] \
            if not any(entry.terms.values()) else []
        found += [Problem(p.kind, f"#{entry.id}: {p.message}", (entry.id,), entry.line)
                  for p in cell_problems(entry)]
        if len([t for t in entry.terms.values() if t]) == 1:
            lang, term = next((k, v) for k, v in entry.terms.items() if v)
            found.append(Problem("incomplete", f"{label(entry)} has only a {lang} term; it "
                                 "has no effect on translations", (entry.id,), entry.line,
                                 "warning"))
        earlier = {id(o): o for lang, term in entry.terms.items() if term
                   for o in index[(lang, norm(term))] if o.id < entry.id}
        for other in sorted(earlier.values(), key=lambda e: e.id):
            pair = (other.id, entry.id)
            problem = _pair_problem(entry, other)
            if problem and pair not in reported:
                reported.add(pair)
                found.append(Problem(problem.kind, f"#{entry.id}: {problem.message}", pair,
                                     entry.line))
        found += _verbatim_problems(entry)
        problems += found
    return problems


# --- importing and merging ----------------------------------------------------------------

@dataclass
class Conflict:
    """Two different values for one field of one concept."""

    entry: Entry
    field: str  # a language code, "note", "case", "pos" or an extra column name
    ours: str
    theirs: str
    resolution: str = "unresolved"  # ours, theirs, unresolved

    def to_json(self) -> dict:
        return {"entry": self.entry.id, "field": self.field, "ours": self.ours,
                "theirs": self.theirs, "resolution": self.resolution}


@dataclass
class ImportReport:
    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    ambiguous: list[tuple[Entry, list[Entry]]] = field(default_factory=list)
    applied: bool = False

    @property
    def blocked(self) -> bool:
        """Conflicts nobody decided: nothing may be written."""
        return any(c.resolution == "unresolved" for c in self.conflicts)

    def to_json(self) -> dict:
        return {"applied": self.applied, "added": [entry_json(e) for e in self.added],
                "updated": [e.id for e in self.updated], "unchanged": self.unchanged,
                "conflicts": [c.to_json() for c in self.conflicts],
                "ambiguous": [{"terms": dict(e.terms), "matches": [o.id for o in os]}
                              for e, os in self.ambiguous]}


def _keys(entry: Entry) -> set[tuple[str, str]]:
    return {(lang, norm(t)) for lang, t in entry.terms.items() if t}


def _fields(entry: Entry) -> dict[str, str]:
    values = {lang: t for lang, t in entry.terms.items() if t}
    values |= {"note": entry.note, "case": entry.case_name, "pos": entry.pos}
    values |= {f"column {k}": v for k, v in entry.extra.items()}
    return {k: v for k, v in values.items() if v}


def _set_field(entry: Entry, name: str, value: str) -> None:
    if name == "note":
        entry.note = value
    elif name == "case":
        entry.case_sensitive = parse_case(value)
    elif name == "pos":
        entry.pos = value
    elif name.startswith("column "):
        entry.extra[name[len("column "):]] = value
    else:
        entry.terms[name] = value


def import_glossary(ours: Glossary, theirs: Glossary, prefer: str | None = None) -> ImportReport:
    """Merge ``theirs`` into ``ours`` (in place unless blocked).

    An incoming entry is the same concept as ours when they share a term (case- and
    ё-insensitive) in some language. Missing languages, notes and columns are filled in;
    a field both give differently is a conflict, resolved by ``prefer`` ("ours" or
    "theirs"). With unresolved conflicts nothing is changed. New concepts are appended.
    """
    if prefer not in (None, "ours", "theirs"):
        raise UsageError(f"--prefer must be 'ours' or 'theirs', not {prefer!r}")
    report = ImportReport()
    plan: list[tuple[Entry, Entry | None, dict[str, str]]] = []
    index: dict[tuple[str, str], list[Entry]] = {}  # (lang, term) -> entries, ours + new

    def remember(entry: Entry) -> None:
        for key in _keys(entry):
            index.setdefault(key, []).append(entry)

    for entry in ours.entries:
        remember(entry)
    for incoming in theirs.entries:
        keys = _keys(incoming)
        if not keys:
            continue
        found = {id(e): e for key in keys for e in index.get(key, ())}
        matches = list(found.values())
        if len(matches) > 1:
            report.ambiguous.append((incoming, matches))
            continue
        if not matches:
            new = deepcopy(incoming)
            new.raw, new.line, new.id = {}, None, 0
            remember(new)
            plan.append((new, None, {}))
            continue
        target = matches[0]
        have, give = _fields(target), _fields(incoming)
        changes: dict[str, str] = {}
        for name, value in give.items():
            if name not in have:
                changes[name] = value
            elif _nfc(have[name]) != _nfc(value):
                resolution = prefer or "unresolved"
                report.conflicts.append(Conflict(target, name, have[name], value, resolution))
                if prefer == "theirs":
                    changes[name] = value
        extra_forbidden = {k: [v for v in vs if v not in target.forbidden.get(k, [])]
                           for k, vs in incoming.forbidden.items()}
        if changes or any(extra_forbidden.values()):
            plan.append((target, incoming, changes))
        else:
            report.unchanged += 1
    if report.blocked:
        return report
    for target, incoming, changes in plan:
        if incoming is None:
            report.added.append(ours.add(target))
            continue
        for name, value in changes.items():
            _set_field(target, name, value)
        for key, variants in incoming.forbidden.items():
            for v in variants:
                if v not in target.forbidden.setdefault(key, []):
                    target.forbidden[key].append(v)
        if target not in report.updated:
            report.updated.append(target)
    report.applied = True
    return report
