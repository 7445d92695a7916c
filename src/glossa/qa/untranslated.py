"""``untranslated``: the translation is the source copied (ignoring segments that need
no translation: numbers, URLs, codes, placeholders, keep-verbatim glossary names), is
mostly made of the source's words, or is still written in the source language (lingua,
choosing between the two languages only). Names are left out before judging.

``identical`` (warning): a one-word or all-capitalised segment copied unchanged; often
right ("Hotel", "Google Maps"), sometimes a miss, so it is not counted as an error.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from glossa.document import Span
from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import is_blank, mask, non_language_spans, words

_TOKENS = re.compile(r"\w+")
COPIED_SHARE = 0.75  # share of the target's words found in the source: "mostly copied"
MIN_WORDS = 4  # fewer words than this are too short to tell languages apart
MIN_LETTERS = 15
MIN_RUN_LETTERS = 12  # a copied run of words must be this long to count
CONFIDENCE = 0.9  # lingua confidence for the source language, between the two only


def _fold(text: str) -> str:
    """Words and numbers only, casefolded: "Tente de novo!" equals "tente de novo." """
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(m.group() for m in _TOKENS.finditer(folded))


def _keep_verbatim(text: str, lang: str | None, ctx: SegmentContext) -> list[Span]:
    if ctx.glossary is None or not lang:
        return []
    try:
        return [Span(m.start, m.end) for m in ctx.glossary.find(text, lang)
                if m.entry.keep_verbatim]
    except Exception:  # the glossary layer is optional here: fall back to plain words
        return []


def language_words(text: str, lang: str | None, ctx: SegmentContext,
                   drop_names: bool = False, names: frozenset[str] = frozenset()) -> list[str]:
    """Words that carry language: no codes, URLs, placeholders or keep-verbatim names;
    with ``drop_names``, capitalised words inside a sentence (likely names) and the
    capitalised words of ``names`` go too."""
    clean = mask(text, non_language_spans(text) + _keep_verbatim(text, lang, ctx))
    out = []
    for m in words(clean):
        word = m.group()
        before = clean[:m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:;\"'“«(¿¡-–—•*#>"
        if drop_names and word[:1].isupper() and (not sentence_start or word in names):
            continue
        if len(word) > 1 and word.isupper():  # acronyms: NATO, URL, PDF
            continue
        out.append(word)
    return out


@cache
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = []
    for code in codes:
        iso = getattr(IsoCode639_1, {"zt": "zh"}.get(code, code).upper(), None)
        if iso is None:
            return None
        isos.append(iso)
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


def source_language_confidence(text: str, src: str, tgt: str) -> float | None:
    """How sure lingua is that ``text`` is in ``src`` rather than ``tgt`` (None: unknown)."""
    detector = _detector(tuple(sorted({src, tgt})))
    if detector is None:
        return None
    for value in detector.compute_language_confidence_values(text):
        code = value.language.iso_code_639_1.name.lower()
        if code == {"zt": "zh"}.get(src, src):
            return value.value
    return None


def _needs_translation(kept: list[str]) -> bool:
    """Two or more words of which one is not capitalised (all-capitalised short strings
    such as "Google Maps" are names), or a longer run of words."""
    return len(kept) >= 4 or (len(kept) >= 2 and any(not w[:1].isupper() for w in kept))


def _not_clearly(text: str, src: str, tgt: str) -> bool:
    """False when lingua is sure ``text`` is in ``tgt``: close languages (pt/es) share
    many words, and sharing them is not copying."""
    confidence = source_language_confidence(text, src, tgt)
    return confidence is None or confidence >= 0.5


@register("untranslated", "error")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) or is_blank(ctx.source):
        return []
    if _fold(ctx.source) == _fold(ctx.target):
        if _needs_translation(language_words(ctx.source, ctx.src_lang, ctx)):
            return [flag("untranslated", "translation is identical to the source")]
        return []
    src, tgt = ctx.src_lang, ctx.tgt_lang
    if not src or not tgt or src == tgt:
        return []
    # capitalised words copied from the source are names ("Palmeiras beat ...")
    copied = frozenset(w.group() for w in words(ctx.source) if w.group()[:1].isupper())
    kept = language_words(ctx.target, tgt, ctx, drop_names=True, names=copied)
    source_words = {w.group().casefold() for w in words(ctx.source)}
    shared = [w for w in kept if w.casefold() in source_words]
    if len(shared) >= 3 and len(shared) >= COPIED_SHARE * len(kept) and _not_clearly(
            " ".join(kept), src, tgt):
        return [flag("untranslated", "translation is mostly copied from the source "
                     f"({len(shared)} of {len(kept)} words)")]
    if len(kept) >= MIN_WORDS and sum(map(len, kept)) >= MIN_LETTERS:
        confidence = source_language_confidence(" ".join(kept), src, tgt)
        if confidence is not None and confidence >= CONFIDENCE:
            from glossa.languages import language_name

            return [flag("untranslated", f"translation is still in {language_name(src)} "
                          f"(confidence {confidence:.2f})")]
    return _partly_untranslated(ctx, copied)


def _partly_untranslated(ctx: SegmentContext, names: frozenset[str]) -> list[Issue]:
    """Part of the translation left in the source language: a run of words copied in
    order from the source ("Ativar notificações to get alerts about new comments"), or a
    whole sentence still in the source language."""
    src, tgt = ctx.src_lang or "", ctx.tgt_lang or ""
    run = _copied_run(ctx, names)
    if run:
        return [flag("untranslated", f"partly untranslated: {run!r} is copied from the source",
                      _locate(ctx.target, run))]
    for start, end in _sentences(ctx.target):
        kept = language_words(ctx.target[start:end], tgt, ctx, drop_names=True, names=names)
        if len(kept) < MIN_WORDS or sum(map(len, kept)) < MIN_LETTERS:
            continue
        confidence = source_language_confidence(" ".join(kept), src, tgt)
        if confidence is not None and confidence >= CONFIDENCE:
            from glossa.languages import language_name

            return [flag("untranslated", f"a sentence is still in {language_name(src)} "
                          f"(confidence {confidence:.2f})", Span(start, end))]
    return []


_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, only when the text has more than one (the whole was judged)."""
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    return spans if len(spans) > 1 else []


def _copied_run(ctx: SegmentContext, names: frozenset[str]) -> str | None:
    """The longest run of target words found in the same order in the source, when it has
    at least MIN_WORDS language words (names, codes and placeholders do not count) of
    MIN_RUN_LETTERS letters and is not clearly in the target language."""
    tgt_words = words(ctx.target)
    src_folded = [w.group().casefold() for w in words(ctx.source)]
    # names: capitalised inside a source sentence ("The" at its start is a word)
    src_kept = set(language_words(ctx.source, ctx.src_lang, ctx, drop_names=True))
    names = frozenset(w for w in names if w not in src_kept)
    counted = {w.casefold() for w in language_words(ctx.target, ctx.tgt_lang, ctx,
                                                     drop_names=True, names=names)}
    best: tuple[int, int, int] = (0, 0, 0)  # (language words, first, last) of the best run
    folded = [w.group().casefold() for w in tgt_words]
    for i in range(len(folded)):
        for j in range(len(src_folded)):
            n = 0
            while (i + n < len(folded) and j + n < len(src_folded)
                   and folded[i + n] == src_folded[j + n]):
                n += 1
            if n:
                run = folded[i:i + n]
                score = sum(1 for w in run if w in counted)
                if score > best[0] and sum(len(w) for w in run if w in counted) \
                        >= MIN_RUN_LETTERS:
                    best = (score, i, i + n - 1)
    score, first, last = best
    if score < MIN_WORDS:
        return None
    text = ctx.target[tgt_words[first].start():tgt_words[last].end()]
    return text if _not_clearly(text, ctx.src_lang or "", ctx.tgt_lang or "") else None


def _locate(text: str, part: str) -> Span | None:
    start = text.find(part)
    return Span(start, start + len(part)) if start >= 0 else None


@register("identical", "warning")
def check_identical(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target) or _fold(ctx.source) != _fold(ctx.target):
        return []
    kept = language_words(ctx.source, ctx.src_lang, ctx)
    if kept and not _needs_translation(kept):
        return [flag("identical", "translation is identical to the source (fine for names)")]
    return []
