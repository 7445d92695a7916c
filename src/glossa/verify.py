"""Every restored unit is checked before it is written.

A *fatal* problem means the output is wrong and must not be written: the pipeline tries
the unit once more with its fallback shielding and otherwise keeps it in the source
language and reports it. A *warning* means the output is suspicious (tiny models invent
parentheticals and drop names): it is written, and reported with its ``file:line`` for a
translator to look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Pieces of glossa's own masks (XT0X, ZXQ0, __T0__) or of the model's special tokens.
_MASK_PIECES = re.compile(
    r"X\s?T\s?\d+\s?X|Z\s?X\s?Q\s?\d+|__T\d+__|(?<![\w])(?:XT\d*|ZXQ\d*)(?![\w])"
    r"|</?s>|<unk>|<pad>|▁", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)\b[^<>]*?(/?)>")
_EMPTY_ELEMENT = re.compile(r"<([A-Za-z][\w:.-]*)\b[^<>/]*>\s*</\1\s*>")
_BRACKETS = "()[]"
_DOUBLED = re.compile(r"(?<!\w)(\w{2,})\s+\1(?!\w)", re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*")


def fatal(source: str, output: str) -> list[str]:
    """What makes ``output`` unusable as a translation of ``source``."""
    problems = []
    leaked = sorted({m.group() for m in _MASK_PIECES.finditer(output)}
                    - {m.group() for m in _MASK_PIECES.finditer(source)})
    if leaked:
        problems.append(f"mask or model token left in the output: {', '.join(leaked)}")
    if Counter(_tags(source)) != Counter(_tags(output)) or not _well_nested(output):
        problems.append("markup tags lost, added or no longer nested properly")
    elif len(_EMPTY_ELEMENT.findall(output)) > len(_EMPTY_ELEMENT.findall(source)):
        problems.append("an element's text moved out of it (it came back empty)")
    for ch in "<>":
        if source.count(ch) != output.count(ch):
            problems.append(f"'{ch}' count changed ({source.count(ch)} -> {output.count(ch)})")
    return problems


def warnings(source: str, output: str, names_known: frozenset[str] = frozenset()) -> list[str]:
    """Signs of an invented or lossy translation worth a translator's look.

    ``names_known`` holds lower-cased capitalised words of the source that are ordinary
    words of its language (the caller looks them up), so only names are checked.
    """
    found = []
    gained = gains_brackets(source, output)
    if gained:
        found.append(f"the translation adds {' '.join(repr(ch) for ch in gained)} the source "
                     "does not have")
    doubled = gains_doubled_word(source, output)
    if doubled:
        found.append(f"the translation repeats a word: {doubled!r}")
    lost = [name for name in capitalised_words(source)
            if name.lower() not in names_known and not _has_name(output, name)]
    if lost:
        found.append(f"name{'s' if len(lost) > 1 else ''} missing from the translation: "
                     + ", ".join(dict.fromkeys(lost)))
    return found


def gains_doubled_word(source: str, output: str) -> str | None:
    """A word the output doubles ("Log log") where the source doubles none."""
    match = _DOUBLED.search(output)
    if match and not _DOUBLED.search(source):
        return match.group()
    return None


def gains_brackets(source: str, output: str) -> list[str]:
    """The brackets ``output`` has more of than ``source`` (an invented parenthetical)."""
    src, out = Counter(source), Counter(output)
    return [ch for ch in _BRACKETS if out[ch] > src[ch]]


def capitalised_words(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: the candidates for names."""
    words = []
    for match in _CAPITALISED.finditer(text):
        before = text[:match.start()].rstrip(" \t\"'“‘«(")
        if not before or before[-1] in ".!?:;…\n":
            continue  # sentence-initial: capitalised anyway
        words.append(match.group())
    return words


def _has_name(output: str, name: str) -> bool:
    """The name, or a respelling sharing its first letters (Lisbon/Lisboa), is there."""
    plain = _fold(output)
    stem = _fold(name)[:max(4, len(name) - 3)]
    return stem in plain


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tags(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2).lower()) for m in _TAG.finditer(text) if not m.group(3)]


def _well_nested(text: str) -> bool:
    """Every closing tag closes the innermost open element (void tags aside)."""
    stack: list[str] = []
    for closing, name in _tags(text):
        if not closing:
            stack.append(name)
        elif name in stack:
            if stack[-1] != name:
                return False
            stack.pop()
    return True
