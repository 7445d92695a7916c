"""Letters and spellings that settle close languages lingua can confuse on short runs.

Each rule names the languages it may choose between and only fires when the
text carries the distinguishing letters of one side and none of the other.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# (languages the rule arbitrates, {language: marker regex}); markers are matched on lower case.
_RULES: list[tuple[frozenset[str], dict[str, re.Pattern[str]]]] = [
    (frozenset({"ru", "uk"}), {
        "uk": re.compile(r"[іїєґ]|\bі\b"),
        "ru": re.compile(r"[ыэъё]"),
    }),
    (frozenset({"es", "pt", "it", "gl", "ca"}), {
        "pt": re.compile(r"[ãõ]|ç[ãaõo]|\bnão\b|\bvocê|lh[aeo]\b|\bum[a]?\b"),
        "es": re.compile(r"[ñ¿¡]|ción\b|\bel\b|\by\b|\blos\b"),
        "it": re.compile(r"\bgli\b|\bil\b|\bche\b|zion[ei]\b|\bdi\b|\bè\b|\bsono\b"),
    }),
]


# Full alphabets of languages whose spelling is strict enough that one letter outside
# them rules a word out: "было" (ы) is not Ukrainian, "нашої" (ї) is not Russian.
_ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
}


def outside_alphabet(word: str, lang: str) -> bool:
    """True when the lower-cased ``word`` has a letter ``lang`` never writes (only for
    languages with a known alphabet; False for the rest)."""
    alphabet = _ALPHABETS.get(lang)
    return alphabet is not None and any(c.isalpha() and c not in alphabet for c in word)


def marked(text: str, label: str, candidates: Collection[str]) -> str | None:
    """The language among ``label``'s close relatives whose letters alone ``text`` carries."""
    lowered = text.lower()
    for langs, markers in _RULES:
        if label not in langs:
            continue
        present = [lang for lang, pattern in markers.items()
                   if lang in candidates and pattern.search(lowered)]
        if len(present) == 1:
            return present[0]
    return None


def refine(text: str, label: str, candidates: Collection[str]) -> str:
    """A better label for ``text`` than ``label`` when its letters say so, else ``label``."""
    return marked(text, label, candidates) or label
