"""``brackets`` (warning): brackets or paired quotes unbalanced in the translation while
balanced in the source (a dropped ")" or "»" is easy to miss)."""

from __future__ import annotations

from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‘": "’", "„": "“", "「": "」",
         "『": "』", "（": "）"}


def balanced(text: str) -> bool:
    """True when every opener in PAIRS is closed in order (“ … ” and „ … “ both fine)."""
    stack: list[str] = []
    for ch in text:
        if stack and ch == PAIRS[stack[-1]]:
            stack.pop()
        elif ch in PAIRS:
            stack.append(ch)
        elif ch in PAIRS.values() and ch != "’":  # ’ is also an apostrophe
            return False
    return not [c for c in stack if c != "‘"]


@register("brackets", "warning")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) or not balanced(ctx.source) or balanced(ctx.target):
        return []
    return [flag("brackets", "unbalanced brackets or quotes")]
