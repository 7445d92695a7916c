"""Word frequencies (the ``wordfreq`` package's small lists) as per-word evidence.

Character n-grams (lingua) cannot tell that "est", "ce" and "trop" are among the
commonest French words and nearly absent from English, nor that "loader" and
"chats" are ordinary English; a frequency list can.  Names are rare in every
list, so they weigh little either way.  Lists load in about 10 ms per language.
"""

from __future__ import annotations

import math
import re
from functools import cache

FLOOR = -6.5  # log10 frequency assumed for a word missing from a list (lists stop near -6)
_PARTS = re.compile(r"(?<=['’])|[-‐]")


@cache
def word_list(lang: str) -> dict[str, float] | None:
    """log10 frequencies of a language's common words, or None when there is no list."""
    try:
        from wordfreq import available_languages, get_frequency_dict
    except ImportError:
        return None
    if lang not in available_languages("small"):
        return None
    return {w: math.log10(f) for w, f in get_frequency_dict(lang, "small").items()}


def log_frequencies(word: str, langs: tuple[str, ...]) -> dict[str, float] | None:
    """log10 frequency of a lower-cased word per language that has a list; None if
    the word is in none of them (a name, a rare word, a typo)."""
    lists = {lang: word_list(lang) for lang in langs}
    lists = {lang: table for lang, table in lists.items() if table is not None}
    word = word.replace("’", "'")
    out = {lang: table.get(word, FLOOR) for lang, table in lists.items()}
    if not any(v > FLOOR for v in out.values()):
        parts = [p for p in _PARTS.split(word) if p.strip("'")]
        if len(parts) > 1:
            out = {lang: sum(table.get(p, FLOOR) for p in parts) / len(parts)
                   for lang, table in lists.items()}
    return out if any(v > FLOOR for v in out.values()) else None
