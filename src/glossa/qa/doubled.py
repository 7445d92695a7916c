"""``doubled`` (warning): the same word twice in a row ("the the") in the translation
beyond the repetitions the source has (those may be intended: "tchau tchau" ->
"bye bye")."""

from __future__ import annotations

import re

from glossa.document import Span
from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

_DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]+)\s+(\1)(?![\w-])", re.IGNORECASE)


def doubled_words(text: str) -> list[re.Match[str]]:
    return list(_DOUBLED.finditer(text))


@register("doubled", "warning")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target):
        return []
    # a source with its own repetition ("tchau tchau") licenses as many in the target
    allowed = len(doubled_words(ctx.source))
    return [flag("doubled", f"doubled word {m.group(1)!r}", Span(m.start(), m.end()))
            for m in doubled_words(ctx.target)[allowed:]]
