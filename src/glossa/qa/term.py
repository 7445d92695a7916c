"""``term``: a glossary term of the source whose prescribed translation (any inflected
form) is missing from the target, or a forbidden variant used in it (glossa.glossary).

Glossary matching knows regular plurals; a review must not call a correct translation
wrong because of an irregular one ("energia renovável" -> "energias renováveis"), so a
missing term is looked for once more word by word with a looser stem comparison."""

from __future__ import annotations

import re
import unicodedata

from glossa.document import Span
from glossa.lang import language
from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank, words

_MIN_STEM = 4


def _locate(text: str, found: str) -> Span | None:
    m = re.search(rf"(?<!\w){re.escape(found)}(?!\w)", text, re.IGNORECASE)
    return Span(m.start(), m.end()) if m else None


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _same_word(a: str, b: str, lang: str) -> bool:
    """Equal, linked short words, or two inflected forms: a shared stem of at least
    _MIN_STEM letters followed by endings of the language's inflection (its module's
    ``inflection_endings``; a language without a module has none)."""
    a, b = _fold(a), _fold(b)
    grammar = language(lang)
    links = grammar.linked_words
    if a == b or (a in links and links[a] == links.get(b)):
        return True
    if "-" in a and a.count("-") == b.count("-"):  # "primeiros-ministros"
        return all(_same_word(x, y, lang) for x, y in zip(a.split("-"), b.split("-"),
                                                           strict=True))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    endings = grammar.inflection_endings
    return common >= _MIN_STEM and a[common:] in endings and b[common:] in endings


def loosely_present(term: str, text: str, lang: str) -> int:
    """How often ``term`` occurs in ``text`` with each word possibly inflected."""
    want = [w.group() for w in words(term)]
    have = [w.group() for w in words(text)]
    if not want:
        return 0
    return sum(1 for i in range(len(have) - len(want) + 1)
               if all(_same_word(w, h, lang) for w, h in zip(want, have[i:i + len(want)],
                                                       strict=True)))


def _termbase(glossary):
    """The compiled glossary: a Termbase as given, a Glossary's cached one."""
    from glossa.glossary.termbase import Termbase

    return glossary if isinstance(glossary, Termbase) else glossary.termbase()


@register("term", "error")
def check(ctx: SegmentContext) -> list[Issue]:
    if ctx.glossary is None or is_blank(ctx.target) or not ctx.src_lang or not ctx.tgt_lang:
        return []
    termbase = _termbase(ctx.glossary)
    issues = []
    misses = termbase.verify(ctx.source, ctx.target, ctx.src_lang, ctx.tgt_lang)
    needed: dict[int, int] = {}
    for m in termbase.find(ctx.source, ctx.src_lang) if misses else ():
        needed[id(m.entry)] = needed.get(id(m.entry), 0) + 1
    for miss in misses:
        if miss.kind == "forbidden":
            issues.append(flag("term", miss.message, _locate(ctx.target, miss.found)))
        elif loosely_present(miss.expected, ctx.target, ctx.tgt_lang) < needed.get(
                id(miss.entry), 1):
            issues.append(flag("term", miss.message,
                                _locate(ctx.source, miss.source_form), where="source"))
    return issues
