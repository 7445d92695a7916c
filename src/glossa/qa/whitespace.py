"""``whitespace`` (warning): leading/trailing whitespace or line breaks differ, or the
translation has doubled spaces the source does not (often a sign of a dropped word)."""

from __future__ import annotations

import re

from glossa.document import Span
from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

_DOUBLE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


@register("whitespace", "warning")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) or is_blank(ctx.source):
        return []
    issues = []
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(ctx.source), _edges(ctx.target)
    if src_lead != tgt_lead:
        issues.append(flag("whitespace",
                           f"leading whitespace differs ({src_lead!r} vs {tgt_lead!r})",
                           Span(0, len(tgt_lead))))
    if src_trail != tgt_trail:
        issues.append(flag("whitespace",
                           f"trailing whitespace differs ({src_trail!r} vs {tgt_trail!r})",
                           Span(len(ctx.target) - len(tgt_trail), len(ctx.target))))
    if ctx.source.strip().count("\n") != ctx.target.strip().count("\n"):
        issues.append(flag("whitespace",
                           f"line breaks differ ({ctx.source.strip().count(chr(10))} in source, "
                           f"{ctx.target.strip().count(chr(10))} in target)"))
    doubled = _DOUBLE.search(ctx.target)
    if doubled and not _DOUBLE.search(ctx.source):
        issues.append(flag("whitespace", "doubled space",
                            Span(doubled.start(), doubled.end())))
    return issues
