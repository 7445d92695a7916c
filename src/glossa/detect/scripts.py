"""Writing systems of characters and languages.

A change of script is the strongest evidence of a language switch there is, and
it costs nothing to compute, so the detector checks scripts before asking any
statistical model.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

LATIN, CYRILLIC, GREEK, ARMENIAN, HEBREW, ARABIC = "Latin", "Cyrillic", "Greek", "Armenian", \
    "Hebrew", "Arabic"
DEVANAGARI, BENGALI, GURMUKHI, GUJARATI, TAMIL, TELUGU = "Devanagari", "Bengali", "Gurmukhi", \
    "Gujarati", "Tamil", "Telugu"
THAI, GEORGIAN, HANGUL, CJK = "Thai", "Georgian", "Hangul", "CJK"
OTHER = "Other"

# (first code point, script) for ranges; a code point belongs to the last range starting at or
# before it.  Only letters are ever looked up, so gaps between blocks map to OTHER.
_RANGES: list[tuple[int, str]] = [
    (0x0000, OTHER), (0x0041, LATIN), (0x0250, OTHER), (0x0370, GREEK), (0x0400, CYRILLIC),
    (0x0530, ARMENIAN), (0x0590, HEBREW), (0x0600, ARABIC), (0x0700, OTHER),
    (0x0750, ARABIC), (0x0780, OTHER), (0x08A0, ARABIC), (0x0900, DEVANAGARI),
    (0x0980, BENGALI), (0x0A00, GURMUKHI), (0x0A80, GUJARATI), (0x0B00, OTHER),
    (0x0B80, TAMIL), (0x0C00, TELUGU), (0x0C80, OTHER), (0x0E00, THAI), (0x0E80, OTHER),
    (0x10A0, GEORGIAN), (0x1100, HANGUL), (0x1200, OTHER), (0x1C80, CYRILLIC),
    (0x1C90, GEORGIAN), (0x1CC0, OTHER), (0x1D00, LATIN), (0x1DC0, OTHER), (0x1E00, LATIN),
    (0x1F00, GREEK), (0x2000, OTHER), (0x2C60, LATIN), (0x2C80, OTHER), (0x2DE0, CYRILLIC),
    (0x2E00, OTHER), (0x2E80, CJK), (0xA000, OTHER), (0xA640, CYRILLIC), (0xA6A0, OTHER),
    (0xA720, LATIN), (0xA800, OTHER), (0xAC00, HANGUL), (0xD7B0, OTHER), (0xF900, CJK),
    (0xFB00, LATIN), (0xFB07, OTHER), (0xFB1D, HEBREW), (0xFB50, ARABIC), (0xFE00, OTHER),
    (0xFE70, ARABIC), (0xFF00, OTHER), (0xFF21, LATIN), (0xFF3B, OTHER), (0xFF41, LATIN),
    (0xFF5B, OTHER), (0xFF66, CJK), (0xFFA0, HANGUL), (0xFFE0, OTHER), (0x20000, CJK),
    (0x30000, OTHER),
]
_STARTS = [start for start, _ in _RANGES]

# Script of every language glossa knows; anything else is written in Latin.
LANGUAGE_SCRIPTS: dict[str, str] = {
    "ru": CYRILLIC, "uk": CYRILLIC, "be": CYRILLIC, "bg": CYRILLIC, "mk": CYRILLIC,
    "sr": CYRILLIC, "kk": CYRILLIC, "mn": CYRILLIC, "el": GREEK, "hy": ARMENIAN,
    "he": HEBREW, "ar": ARABIC, "fa": ARABIC, "ur": ARABIC, "hi": DEVANAGARI,
    "mr": DEVANAGARI, "bn": BENGALI, "pa": GURMUKHI, "gu": GUJARATI, "ta": TAMIL,
    "te": TELUGU, "th": THAI, "ka": GEORGIAN, "ko": HANGUL, "zh": CJK, "zt": CJK, "ja": CJK,
}


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str:
    """Script of one character (Latin letters with diacritics are Latin)."""
    cp = ord(ch)
    if cp < 0x80:
        return LATIN if ch.isalpha() else OTHER
    if 0x00C0 <= cp < 0x0250:
        return LATIN if ch.isalpha() else OTHER
    return _RANGES[bisect_right(_STARTS, cp) - 1][1]


def word_script(word: str) -> str:
    """Script of a word: the script of its first letter that has one."""
    for ch in word:
        script = char_script(ch)
        if script != OTHER:
            return script
    return OTHER


def language_script(code: str) -> str:
    return LANGUAGE_SCRIPTS.get(code, LATIN)


def is_cased(script: str) -> bool:
    """Scripts with capital letters, where capitalisation marks proper names."""
    return script in (LATIN, CYRILLIC, GREEK, ARMENIAN, GEORGIAN)
