"""Borrowed phrases: multi-word expressions that texts in many languages write as their own.

"per se", "je ne sais quoi", "persona non grata", "happy hour" are made of foreign
words, and word lists cannot tell them from a quotation: English writes "quoi" and
"sais" about as often as it writes "merci" or "azar", and an English page does quote
"Parfait, merci".  What tells them apart is that the phrase as a whole is an entry
of the host language's dictionary.  Single borrowed words ("fiesta", "zeitgeist")
need no list: the word lists know the host uses them.  The shape checks of
``segment.check_runs`` already keep short lower-case borrowings after a host word
("a certain joie de vivre"); this list covers the rest — after a comma, at the start
of a sentence, four words long, or next to a name.

Only lexicalised borrowings are listed (Latin phrases, and French, Italian,
Spanish, German and English phrases that dictionaries of other languages carry),
not greetings or sayings a text may quote as speech ("merci beaucoup", "hasta
mañana", "c'est la vie").  Phrases match case-insensitively, with or without
accents, with ' or ’.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

LOAN_PHRASES: tuple[str, ...] = (
    # Latin
    "a priori", "a posteriori", "ad hoc", "ad infinitum", "ad nauseam", "alma mater",
    "alter ego", "bona fide", "carpe diem", "curriculum vitae", "de facto", "de jure",
    "deus ex machina", "et cetera", "habeas corpus", "honoris causa", "in situ", "in vitro",
    "in vivo", "in memoriam", "ipso facto", "magnum opus", "mea culpa", "modus operandi",
    "modus vivendi", "non sequitur", "per annum", "per capita", "per se", "persona non grata",
    "post mortem", "prima facie", "pro bono", "pro forma", "quid pro quo", "sine qua non",
    "status quo", "sui generis", "terra incognita", "vice versa",
    # French
    "à la carte", "à la mode", "art deco", "art nouveau", "avant-garde", "belle époque",
    "bête noire", "bon appétit", "bon vivant", "carte blanche", "cause célèbre",
    "coup de grâce", "coup d'état", "crème brûlée", "crème de la crème", "cul-de-sac",
    "déjà vu", "double entendre", "enfant terrible", "esprit de corps", "fait accompli",
    "femme fatale", "film noir", "fin de siècle", "force majeure", "haute couture",
    "haute cuisine", "hors d'œuvre", "hors d'oeuvre", "idée fixe", "je ne sais quoi",
    "joie de vivre", "laissez-faire", "laissez faire", "mise en scène", "noblesse oblige",
    "nom de plume", "nouveau riche", "objet d'art", "par excellence", "pièce de résistance",
    "raison d'être", "savoir-faire", "savoir faire", "tête-à-tête", "tour de force",
    "trompe-l'œil", "trompe l'oeil", "vis-à-vis",
    # Italian, Spanish, German
    "a cappella", "al dente", "al fresco", "bel canto", "dolce far niente", "dolce vita",
    "prima donna", "sotto voce", "tempo rubato", "hasta la vista", "sturm und drang",
    # English phrases other languages write as their own
    "all inclusive", "best seller", "big data", "business class", "call center",
    "coffee break", "dress code", "fair play", "fast food", "food truck", "happy end",
    "happy hour", "home office", "know-how", "low cost", "open source", "open space",
    "prime time", "reality show", "self-service", "small talk", "social media",
    "soft skills", "talk show", "team building", "work in progress",
)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_WORD = re.compile(r"\w+")


def _part(variant: str) -> str:
    return re.escape(variant).replace("'", "['’]").replace(r"\ ", r"\s+")


@cache
def _alternations() -> dict[str, str]:
    """One alternation per first word ("joie" -> the phrases that start with it), longest
    phrase first as in one big alternation, so each word of a text is tried only
    against the phrases it can start (one alternation of them all was tried at every
    position: 2 s per MB). Kept as text: compiling all ~120 costs 0.1 s, and a short
    text meets few of those first words."""
    variants = {v for phrase in LOAN_PHRASES for v in (phrase, _fold(phrase))}
    groups: dict[str, list[str]] = {}
    for variant in sorted(variants, key=lambda v: len(_part(v)), reverse=True):
        first = _WORD.match(variant)
        assert first is not None, variant  # every phrase starts with a letter
        groups.setdefault(first.group().lower(), []).append(_part(variant))
    return {word: "|".join(parts) for word, parts in groups.items()}


@cache
def _pattern(word: str) -> re.Pattern[str] | None:
    """The compiled phrases starting with ``word``, compiled the first time it is seen."""
    parts = _alternations().get(word)
    if parts is None:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + parts + r")(?![\w'’-])", re.IGNORECASE)


def loan_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) of every borrowed phrase in ``text``, left to right, not overlapping.

    A phrase can only start where a run of word characters starts, and only with its
    own first word, so only those words are tried (against their own phrases)."""
    starts, found, end = _alternations(), [], 0
    for word in _WORD.finditer(text):
        if word.start() < end:
            continue
        key = word.group().lower()
        pattern = _pattern(key) if key in starts else None
        hit = pattern.match(text, word.start()) if pattern else None
        if hit:
            found.append((hit.start(), hit.end()))
            end = hit.end()
    return found
