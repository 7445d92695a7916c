"""Mixed-language detection: which runs of a text are not in its dominant language.

    >>> d = detect_text("The sign said Перейти к комментариям.")   # doctest: +SKIP
    >>> d.dominant, d.spans
    ('en', [LangSpan(start=14, end=36, lang='ru', confidence=0.98)])

Offsets are code points, end exclusive; characters outside every span are in the
dominant language.  ``detect_segments`` decides one dominant language for a whole
document (all its segments together) and then finds the foreign runs of each.
lingua (``lingua-language-detector``) is imported only when detection runs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["LangSpan", "Detection", "detect_text", "detect_segments", "default_candidates",
           "COMMON_LANGUAGES", "UNDETERMINED"]

# Common languages always considered; every language glossa has a model for is added.
# Languages in a script of their own cost nothing until a text uses that script.
COMMON_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "uk",
                    "el", "ar", "he", "hi", "zh", "ja", "ko")
UNDETERMINED = "und"  # dominant language of a text without letters


@dataclass(frozen=True)
class LangSpan:
    """A foreign run: code points [start, end) of the text are in ``lang``."""

    start: int
    end: int
    lang: str
    confidence: float

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "lang": self.lang,
                "confidence": self.confidence}


@dataclass
class Detection:
    """The dominant language of a text and its foreign spans (in text order)."""

    dominant: str
    spans: list[LangSpan]

    def to_json(self) -> dict:
        return {"dominant": self.dominant, "spans": [s.to_json() for s in self.spans]}


def _model_languages() -> list[str]:
    """Languages of installed translation models; never lets a broken engine stop detection."""
    try:
        from glossa.engines import model_languages

        return model_languages()
    except Exception:  # noqa: BLE001 - any engine failure just means "no extra languages"
        return []


def default_candidates() -> list[str]:
    """Common languages plus every language glossa has a model for (that lingua knows)."""
    from glossa.detect.model import supported
    from glossa.languages import LANGUAGES

    extra = [c for c in _model_languages() if c in LANGUAGES]
    return supported([*COMMON_LANGUAGES, *extra])


def _candidates(candidates: Sequence[str] | None, dominant: str | None) -> tuple[str, ...]:
    from glossa.detect.model import supported
    from glossa.errors import UsageError
    from glossa.languages import normalize_code

    if candidates is None:
        codes = default_candidates()
    else:
        codes = [normalize_code(c) for c in candidates]
        unknown = [c for c in codes if not supported([c])]
        if unknown:
            raise UsageError(f"cannot detect language(s): {', '.join(unknown)}")
    if dominant is not None and dominant not in codes and supported([dominant]):
        codes.append(dominant)
    if not codes:
        raise UsageError("no candidate languages to detect")
    return tuple(dict.fromkeys(codes))


#: Texts are analysed in batches of about this many characters, so memory stays bounded
#: however long the document is (a 10 MB file is never tokenised all at once).
BATCH_CHARS = 64_000
#: The dominant language is decided from the first this-many characters of a document:
#: a document opens in its own language, and the decision weighs early text most anyway.
DOMINANT_SAMPLE = 256_000


def detect_text(text: str, candidates: Sequence[str] | None = None,
                keep_verbatim: Collection[str] = ()) -> Detection:
    """Dominant language of ``text`` and the runs in other languages.

    A long text is cut at paragraph breaks (blank lines) into pieces analysed one
    after another; detection never looks across a blank line, so the spans are the
    same as for the whole text, at a bounded memory cost.
    """
    pieces = list(_paragraph_pieces(text, BATCH_CHARS))
    dominant, spans = detect_segments([text[a:b] for a, b in pieces], candidates,
                                      keep_verbatim)
    shifted = [LangSpan(s.start + a, s.end + a, s.lang, s.confidence)
               for (a, _b), piece_spans in zip(pieces, spans, strict=True) for s in piece_spans]
    return Detection(dominant, shifted)


def _paragraph_pieces(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of about ``size`` characters, cut just after a blank line."""
    start = 0
    while len(text) - start > size:
        cut = text.find("\n\n", start + size)
        if cut == -1:
            break
        end = cut + 2
        while end < len(text) and text[end] == "\n":
            end += 1
        yield start, end
        start = end
    yield start, len(text)


def detect_segments(texts: Sequence[str], candidates: Sequence[str] | None = None,
                    keep_verbatim: Collection[str] = (),
                    dominant: str | None = None) -> tuple[str, list[list[LangSpan]]]:
    """One dominant language for all ``texts`` together, then foreign spans of each text.

    ``dominant`` (when given) is trusted instead of computed.  ``keep_verbatim`` terms
    (glossary names kept as they are) never become or split into foreign spans.  Texts
    are analysed in batches of about BATCH_CHARS characters, so memory does not grow
    with the length of the document.
    """
    from glossa.detect.model import get_model

    if dominant is not None:
        from glossa.languages import normalize_code

        dominant = normalize_code(dominant)
    codes = _candidates(candidates, dominant)
    model = get_model(codes)
    scripts = _scripts_of(codes)
    if dominant is None:
        dominant = _dominant(_sample(texts, DOMINANT_SAMPLE), codes, model, scripts,
                             keep_verbatim)
    if dominant == UNDETERMINED:
        return dominant, [[] for _ in texts]
    spans: list[list[LangSpan]] = []
    for batch in _batches(texts, BATCH_CHARS):
        docs = _analyse(batch, codes, model, scripts, keep_verbatim)
        spans += [_foreign_spans(doc, codes, dominant, model) for doc in docs]
    return dominant, _agree_with_document(texts, spans)


def _own_line(text: str, span: LangSpan) -> bool:
    """The span is all there is on its line (a UI string, not a labelled value)."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    rest = text[span.end:line_end if line_end != -1 else len(text)]
    return not text[line_start:span.start].strip() and not rest.strip(" .!?…")


def _agree_with_document(texts: Sequence[str], spans: list[list[LangSpan]]
                         ) -> list[list[LangSpan]]:
    """A one-word run two languages share ("Páginas": es and pt) takes the document's
    main foreign language when that language uses the word about as much."""
    from collections import Counter

    from glossa.detect.lexicon import FLOOR, log_frequencies

    letters: Counter[str] = Counter()
    for text, found in zip(texts, spans, strict=True):
        for span in found:
            letters[span.lang] += sum(ch.isalpha() for ch in text[span.start:span.end])
    if len(letters) < 2:
        return spans
    main = letters.most_common(1)[0][0]
    out = []
    for text, found in zip(texts, spans, strict=True):
        fixed = []
        for span in found:
            word = text[span.start:span.end].strip(" .!?…").lower()
            if span.lang != main and word and " " not in word and _own_line(text, span):
                freqs = log_frequencies(word, (span.lang, main)) or {}
                if freqs.get(main, FLOOR) > FLOOR and \
                        freqs.get(main, FLOOR) >= freqs.get(span.lang, FLOOR) - 0.5:
                    span = LangSpan(span.start, span.end, main, span.confidence)
            fixed.append(span)
        out.append(fixed)
    return out


def _scripts_of(codes: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Candidate languages by script: a word is looked up only in the lists of languages
    written in its script, so a Latin-script document never loads the Cyrillic lists."""
    from glossa.detect.scripts import language_script

    by_script: dict[str, tuple[str, ...]] = {}
    for code in codes:
        by_script[language_script(code)] = (*by_script.get(language_script(code), ()), code)
    return by_script


def _sample(texts: Sequence[str], limit: int) -> list[str]:
    """The leading texts holding the first ``limit`` characters (at least one text)."""
    sample, size = [], 0
    for text in texts:
        if sample and size + len(text) > limit:
            break
        sample.append(text)
        size += len(text)
    return sample


def _batches(texts: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    start, chars = 0, 0
    for i, text in enumerate(texts):
        if i > start and chars + len(text) > size:
            yield texts[start:i]
            start, chars = i, 0
        chars += len(text)
    if start < len(texts):
        yield texts[start:]


def _analyse(texts: Sequence[str], codes, model, scripts, keep_verbatim) -> list[tuple]:
    """Words, n-gram confidences, word-list evidence, kept mask and hints of each text."""
    from glossa.detect.code import code_ranges
    from glossa.detect.lexicon import log_frequencies, prefetch
    from glossa.detect.segment import language_hints
    from glossa.detect.tokens import tokenize

    tokenized = [tokenize(text) for text in texts]
    for script, langs in scripts.items():
        prefetch({w.key for words in tokenized for w in words if w.script == script}, langs)
    docs = []
    for text, words in zip(texts, tokenized, strict=True):
        lex = [log_frequencies(w.key, scripts.get(w.script, ())) for w in words]
        confs = _ngram_confidences(model, words, lex)
        kept = _kept_mask(text, words, keep_verbatim)
        code = code_ranges(text)
        if code:  # commands and `code` are no language
            kept = [k or c for k, c in zip(kept, _overlaps(words, code), strict=True)]
        hints = language_hints(text, words, codes)
        docs.append((text, words, confs, lex, kept, hints))
    return docs


def _dominant(texts: Sequence[str], codes, model, scripts, keep_verbatim) -> str:
    """The language with the most (early-weighted) letters, settled against its runner-up."""
    from glossa.detect.prior import settle_dominant
    from glossa.detect.segment import PARAMS, label_words, letters_by_language

    docs = _analyse(texts, codes, model, scripts, keep_verbatim)
    labelled = [(words, label_words(words, confs, lex, codes, None, kept, hints, PARAMS), hints)
                for _text, words, confs, lex, kept, hints in docs]
    totals = letters_by_language(labelled)
    if not totals:
        return UNDETERMINED
    dominant = max(totals, key=totals.__getitem__)
    evidence = [(words, labels, doc[2], doc[3])
                for (words, labels, _), doc in zip(labelled, docs, strict=True)]
    return settle_dominant(dominant, codes, evidence)


def _ngram_confidences(model, words, lex) -> list[dict[str, float]]:
    """lingua's per-word confidences, asked only where no word list knows the word.

    A frequency list is the better judge of a known word; skipping lingua for those
    halves the cost of a long document without changing results on our tests.
    """
    unknown = [i for i, freqs in enumerate(lex) if freqs is None]
    out: list[dict[str, float]] = [{} for _ in words]
    for i, conf in zip(unknown, model.word_confidences([words[i].key for i in unknown]),
                       strict=True):
        out[i] = conf
    return out


def _kept_mask(text: str, words, keep_verbatim: Collection[str]) -> list[bool]:
    """True for words inside an occurrence of a keep-verbatim term or of a borrowed
    phrase ("per se", "je ne sais quoi": ``loans``), which are host text wherever they are."""
    import re

    from glossa.detect.loans import loan_ranges

    ranges = loan_ranges(text)
    terms = sorted({t for t in keep_verbatim if t and t.strip()}, key=len, reverse=True)
    if terms:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")
        ranges += [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not ranges:
        return [False] * len(words)
    return _overlaps(words, sorted(ranges))


def _overlaps(words, ranges: list[tuple[int, int]]) -> list[bool]:
    """For words in text order, whether each overlaps one of the sorted ranges (one sweep)."""
    mask, first, reach = [], 0, []  # reach[i]: furthest end among ranges[:i + 1]
    for _a, b in ranges:
        reach.append(max(b, reach[-1]) if reach else b)
    for word in words:
        while first < len(ranges) and reach[first] <= word.start:
            first += 1
        mask.append(first < len(ranges) and ranges[first][0] < word.end
                    and _any_overlap(ranges, first, word))
    return mask


def _any_overlap(ranges, first: int, word) -> bool:
    for i in range(first, len(ranges)):
        a, b = ranges[i]
        if a >= word.end:
            return False
        if b > word.start:
            return True
    return False


def _foreign_spans(doc, codes, dominant, model) -> list[LangSpan]:
    from glossa.detect.segment import PARAMS, Context, check_runs, label_words, runs_of
    from glossa.detect.strong import promote

    text, words, confs, lex, kept, hints = doc
    labels = label_words(words, confs, lex, codes, dominant, kept, hints, PARAMS)
    ctx = Context(text, words, lex, hints, dominant, model, kept)
    runs = check_runs(ctx, runs_of(promote(ctx, labels), dominant, words))
    spans: list[LangSpan] = []
    for run in runs:
        start, end = words[run.first].start, _extend_end(text, words[run.last].end)
        prev = spans[-1] if spans else None
        if prev and prev.lang == run.lang and not text[prev.end:start].strip(" \t,;"):
            spans[-1] = LangSpan(prev.start, end, run.lang, min(prev.confidence, run.confidence))
        else:
            spans.append(LangSpan(start, end, run.lang, run.confidence))
    return spans


def _extend_end(text: str, end: int) -> int:
    """Take in final . ! ? … when the run ends its line: they belong to the foreign sentence."""
    stop = end
    while stop < len(text) and text[stop] in ".!?…":
        stop += 1
    return stop if stop > end and _LINE_END.match(text, stop) else end


_LINE_END = re.compile(r"[^\S\n]*(?:\n|\Z)")
