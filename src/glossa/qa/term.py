"""``term``: a glossary term of the source whose prescribed translation (any inflected
form) is missing from the target, or a forbidden variant used in it (glossa.glossary)."""

from __future__ import annotations

import re

from glossa.document import Span
from glossa.qa.base import Issue, SegmentContext, register
from glossa.qa.text import is_blank


def _locate(text: str, found: str) -> Span | None:
    m = re.search(rf"(?<!\w){re.escape(found)}(?!\w)", text, re.IGNORECASE)
    return Span(m.start(), m.end()) if m else None


@register("term")
def check(ctx: SegmentContext) -> list[Issue]:
    if ctx.glossary is None or is_blank(ctx.target) or not ctx.src_lang or not ctx.tgt_lang:
        return []
    issues = []
    for miss in ctx.glossary.verify(ctx.source, ctx.target, ctx.src_lang, ctx.tgt_lang):
        if miss.kind == "forbidden":
            issues.append(Issue("term", "error", miss.message, _locate(ctx.target, miss.found)))
        else:
            issues.append(Issue("term", "error", miss.message,
                                _locate(ctx.source, miss.source_form), where="source"))
    return issues
