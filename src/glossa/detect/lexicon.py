"""Word frequencies (the ``wordfreq`` package's small lists) as per-word evidence.

Character n-grams (lingua) cannot tell that "est", "ce" and "trop" are among the
commonest French words and nearly absent from English, nor that "loader" and
"chats" are ordinary English; a frequency list can.  Names are rare in every
list, so they weigh little either way.  Lists load in about 10 ms per language.
"""

from __future__ import annotations

import importlib.util
import math
import re
from functools import cache, lru_cache
from pathlib import Path

FLOOR = -6.5  # log10 frequency assumed for a word missing from a list (lists stop near -6)
_PARTS = re.compile(r"(?<=['’])|[-‐]")


@cache
def word_list(lang: str) -> dict[str, float] | None:
    """log10 frequencies of a language's common words, or None when there is no list."""
    path = _data_dir() / f"small_{lang}.msgpack.gz"
    if not path.exists():
        return None
    try:
        return _read_cbpack(path)
    except (OSError, ValueError, ImportError):
        pass
    from wordfreq import get_frequency_dict  # slower to import (ftfy, langcodes, regex)

    return {w: math.log10(f) for w, f in get_frequency_dict(lang, "small").items()}


@cache
def _data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read_cbpack(path: Path) -> dict[str, float]:
    """wordfreq's list format read directly: buckets of words, bucket i holding the words
    of frequency 10**(-i/100).  Importing wordfreq itself costs 0.25 s we need not pay."""
    import gzip

    import msgpack

    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack list")
    return {word: -index / 100 for index, bucket in enumerate(data[1:]) for word in bucket}


@lru_cache(maxsize=100_000)
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
