"""``empty``: the source has text but the translation is empty (or only whitespace)."""

from __future__ import annotations

from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank


@register("empty", "error")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) and not is_blank(ctx.source):
        return [flag("empty", "translation is empty")]
    return []
