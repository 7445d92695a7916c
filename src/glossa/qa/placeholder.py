"""``placeholder``: printf, Python, brace, HTML/XML tag, escape and accelerator
placeholders (found by glossa.placeholders) must survive
translation: same multiset in source and target, and unnumbered printf specifiers in
the same order (their order is their meaning). A PO plural form may drop the count
(``%d``), since languages spell "one file" out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from glossa.document import Span
from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank

_TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>")
_COUNT = re.compile(r"%(?:\d+\$)?[diu]")
# compared across languages: URLs may be localised, entities and comments rewritten
_COMPARED = ("printf", "brace", "html", "escape")
# accelerators are compared by marker, not by text: the key letter changes with the words
# ("Be_fore" -> "_Antes"), and GTK puts the marker inside a word (glossa.accelerators)


@dataclass(frozen=True)
class Placeholder:
    """A placeholder occurrence; ``key`` is what must match across languages
    (HTML tags keep only their name: attribute values such as ``title`` may be translated)."""

    span: Span
    text: str
    kind: str
    key: str


def _key(kind: str, text: str) -> str:
    if kind == "html":
        m = _TAG_NAME.match(text)
        if m:
            closing, name, selfclosing = m.groups()
            return f"<{closing}{name.lower()}{selfclosing}>"
    if kind == "brace" and text.startswith("{{"):
        return "{{" + " ".join(text[2:-2].split()) + "}}"
    return text


def find_placeholders(text: str) -> list[Placeholder]:
    """Every placeholder in ``text`` that must match across languages, in order
    (detection is glossa.placeholders'; HTML entities and comments are left out)."""
    from glossa.placeholders import find_placeholders as find

    found = []
    for p in find(text, _COMPARED):
        written = text[p.start:p.end]
        if p.kind == "html" and not written.startswith("<") or written.startswith("<!--"):
            continue
        found.append(Placeholder(Span(p.start, p.end), written, p.kind, _key(p.kind, written)))
    return found


def accelerator_markers(text: str) -> Counter:
    """The accelerator markers ``text`` uses ("_" for "Sa_ve", "&" for "&Open"), one each."""
    from glossa import accelerators
    from glossa.placeholders import find_placeholders as find

    taken = find(text, ("printf", "brace", "html", "url", "escape"))
    return Counter(m for m in accelerators.MARKERS if accelerators.candidates(text, m, taken))


def _cached(ctx: SegmentContext, which: str) -> list[Placeholder]:
    key = f"placeholders.{which}"
    if key not in ctx.cache:
        ctx.cache[key] = find_placeholders(getattr(ctx, which))
    return ctx.cache[key]


def _listing(keys: Counter) -> str:
    return ", ".join(k if n == 1 else f"{k} (x{n})" for k, n in keys.items())


@register("placeholder", "error")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target):
        return []
    src, tgt = _cached(ctx, "source"), _cached(ctx, "target")
    src_keys = Counter(p.key for p in src) + accelerator_markers(ctx.source)
    tgt_keys = Counter(p.key for p in tgt) + accelerator_markers(ctx.target)
    missing = src_keys - tgt_keys
    if ctx.plural is not None:  # a plural form may spell the count out ("One file")
        missing = Counter({k: n for k, n in missing.items() if not _COUNT.fullmatch(k)})
    extra = tgt_keys - src_keys
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing in target: {_listing(missing)}")
        if extra:
            parts.append(f"not in source: {_listing(extra)}")
        span = next((p.span for p in tgt if p.key in extra), None)
        return [flag("placeholder", "; ".join(parts), span)]
    src_seq = [p.key for p in src if p.kind == "printf" and "$" not in p.key and p.key != "%%"]
    tgt_seq = [p.key for p in tgt if p.kind == "printf" and "$" not in p.key and p.key != "%%"]
    if src_seq != tgt_seq and Counter(src_seq) == Counter(tgt_seq):
        return [flag("placeholder", f"printf placeholders reordered ({' '.join(src_seq)} -> "
                      f"{' '.join(tgt_seq)}); use numbered ones such as %1$s")]
    return []
