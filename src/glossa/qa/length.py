"""``length`` (warning): the translation is much shorter or longer than the source, which
usually means a sentence was dropped or repeated. Ideographs and kana count as several
letters so that Chinese or Japanese is compared fairly with alphabetic scripts."""

from __future__ import annotations

import unicodedata

from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

MIN_CHARS = 20  # below this, ratios are noise ("OK" -> "Aceptar")
LOW, HIGH = 0.4, 2.5
_DENSE = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def weighted_length(text: str) -> float:
    total = 0.0
    for ch in text:
        if ch.isspace():
            continue
        name = unicodedata.name(ch, "")
        total += 2.5 if name.startswith(_DENSE) else 1.0
    return total


@register("length", "warning")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target):
        return []
    src, tgt = weighted_length(ctx.source), weighted_length(ctx.target)
    if max(src, tgt) < MIN_CHARS or src == 0:
        return []
    ratio = tgt / src
    if LOW <= ratio <= HIGH:
        return []
    word = "short" if ratio < LOW else "long"
    return [flag("length", f"translation is unusually {word} ({ratio:.0%} of the source length)")]
