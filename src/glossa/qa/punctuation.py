"""``punctuation`` (warning): the sentence-final mark differs (a question became a
statement, a colon before a list got lost). Script variants count as the same mark:
"?" = "？" = "؟" = Greek ";", "." = "。" = "।", "..." = "…"."""

from __future__ import annotations

import re

from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

_CLASSES = {
    ".": "stop", "。": "stop", "।": "stop", "۔": "stop", "｡": "stop",
    "?": "question", "？": "question", "؟": "question", ";": "semicolon", "；": "semicolon",
    "!": "exclamation", "！": "exclamation", "¡": "exclamation",
    ":": "colon", "：": "colon", "…": "ellipsis", ",": "comma", "，": "comma", "、": "comma",
}
_CLOSERS = "\"'”’»›)]}」』】*_`"
_TRAILING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][^<>]*>)+\s*$")


def final_mark(text: str, lang: str | None = None) -> str | None:
    """Class of the last punctuation mark, ignoring closing quotes, brackets and tags."""
    core = _TRAILING_TAGS.sub("", text).rstrip().rstrip(_CLOSERS).rstrip()
    if core.endswith("...") or core.endswith("…"):
        return "ellipsis"
    mark = _CLASSES.get(core[-1:]) if core else None
    if mark == "semicolon" and lang == "el" and core.endswith(";"):
        return "question"
    return mark


@register("punctuation", "warning")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) or is_blank(ctx.source):
        return []
    src = final_mark(ctx.source, ctx.src_lang)
    tgt = final_mark(ctx.target, ctx.tgt_lang)
    if src == tgt or {src, tgt} <= {"stop", "exclamation"}:
        return []
    describe = lambda m: m or "no mark"  # noqa: E731
    return [flag("punctuation", f"ends with {describe(tgt)}, source ends with {describe(src)}")]
