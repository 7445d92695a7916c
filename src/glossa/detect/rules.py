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


def refine(text: str, label: str, candidates: Collection[str]) -> str:
    """A better label for ``text`` than ``label`` when its letters say so, else ``label``."""
    lowered = text.lower()
    for langs, markers in _RULES:
        if label not in langs:
            continue
        present = [lang for lang, pattern in markers.items()
                   if lang in candidates and pattern.search(lowered)]
        if len(present) == 1:
            return present[0]
    return label
