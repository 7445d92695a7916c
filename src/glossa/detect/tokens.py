"""Split text into words and classify the gaps between them.

The detector labels words, not characters; what separates two words (a line
break, a full stop, a colon or quote, a comma, or just a space) decides how
cheap a language switch between them is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from glossa.detect.scripts import is_cased, word_script

# Letters (and combining marks) possibly joined by an apostrophe or hyphen: "l'école",
# "Libya's", "онлайн-кинотеатр".
_WORD = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")
# A "word" glued to digits, underscores, dots, slashes or @ is an identifier, a URL, an
# e-mail address or a version string: code, not language.
_CODE_NEIGHBOUR = re.compile(r"[\w@/\\.#$%&*+=<>~^|]")
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?:\s|$)")
_STRONG = re.compile(r"[:;\"“”„«»‹›()\[\]{}|/\\—–•·*#>]|(?:^|\s)-(?:\s|$)|(?:^|\s)'|'(?:\s|$)"
                     r"|(?:^|\s)‘|’(?:\s|$)")


class Gap(IntEnum):
    """How strongly the characters between two words separate them (strongest first)."""

    LINE = 0      # a line break
    SENTENCE = 1  # . ! ? followed by a space
    PUNCT = 2     # colon, semicolon, quote, bracket, dash
    COMMA = 3
    SPACE = 4


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    script: str
    case: str          # "lower", "title", "upper", "mixed" (CamelCase), "none" (uncased script)
    gap_before: Gap    # separation from the previous word (LINE for the first word)
    letters: int

    @property
    def key(self) -> str:
        return self.text.lower()


def classify_gap(gap: str) -> Gap:
    if "\n" in gap or "\r" in gap or "\u2028" in gap:
        return Gap.LINE
    if _SENTENCE_END.search(gap):
        return Gap.SENTENCE
    if _STRONG.search(gap):
        return Gap.PUNCT
    if "," in gap or "，" in gap or "、" in gap:
        return Gap.COMMA
    return Gap.SPACE


def word_case(word: str, script: str) -> str:
    if not is_cased(script):
        return "none"
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    if any(c.isupper() for c in letters[1:]):
        return "mixed"
    return "lower"


def _is_code(text: str, start: int, end: int) -> bool:
    """True when the letters touch digits/underscores/dots-between-letters and similar."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isdigit() or before in "_@/\\#$%&=<>~^|" or after.isdigit() or after in "_@/\\=<>~^|":
        return True
    # "olha.p", "example.com", "v2.8": a dot glued on both sides
    if before == "." and start > 1 and _CODE_NEIGHBOUR.match(text[start - 2]) and \
            not text[start - 2].isspace():
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _split_scripts(text: str, start: int, end: int):
    """Split a match where the script changes ("Wi-Fi-роутер" -> Wi-Fi, роутер)."""
    pieces: list[tuple[int, int]] = []
    cur = start
    cur_script = None
    for i in range(start, end):
        ch = text[i]
        if not ch.isalpha():
            continue
        script = word_script(ch)
        if cur_script is None:
            cur_script = script
        elif script != cur_script:
            cut = i
            while cut > cur and not text[cut - 1].isalpha():
                cut -= 1
            pieces.append((cur, cut))
            cur, cur_script = i, script
    pieces.append((cur, end))
    return pieces


def tokenize(text: str) -> list[Word]:
    """Words of ``text`` with their scripts, case and the gap before each of them."""
    words: list[Word] = []
    prev_end = 0
    for match in _WORD.finditer(text):
        token = match.group()
        pieces = [(match.start(), match.end())] if token.isascii() else \
            _split_scripts(text, match.start(), match.end())
        for start, end in pieces:
            token = text[start:end]
            if _is_code(text, start, end):
                continue
            script = word_script(token)
            gap = Gap.LINE if not words else classify_gap(text[prev_end:start])
            letters = sum(c.isalpha() for c in token)
            words.append(Word(start, end, token, script, word_case(token, script), gap, letters))
            prev_end = end
    return words

