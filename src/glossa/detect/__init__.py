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

from collections.abc import Collection, Sequence
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
        from glossa.engines import all_models

        models = all_models()
    except Exception:  # noqa: BLE001 - any engine failure just means "no extra languages"
        return []
    return [code for m in models for code in (m.source, m.target)]


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


def detect_text(text: str, candidates: Sequence[str] | None = None,
                keep_verbatim: Collection[str] = ()) -> Detection:
    """Dominant language of ``text`` and the runs in other languages."""
    dominant, spans = detect_segments([text], candidates, keep_verbatim)
    return Detection(dominant, spans[0])


def detect_segments(texts: Sequence[str], candidates: Sequence[str] | None = None,
                    keep_verbatim: Collection[str] = (),
                    dominant: str | None = None) -> tuple[str, list[list[LangSpan]]]:
    """One dominant language for all ``texts`` together, then foreign spans of each text.

    ``dominant`` (when given) is trusted instead of computed.  ``keep_verbatim`` terms
    (glossary names kept as they are) never become or split into foreign spans.
    """
    from glossa.detect.lexicon import log_frequencies, prefetch
    from glossa.detect.model import get_model
    from glossa.detect.scripts import language_script
    from glossa.detect.segment import PARAMS, label_words, language_hints, letters_by_language
    from glossa.detect.tokens import tokenize

    if dominant is not None:
        from glossa.languages import normalize_code

        dominant = normalize_code(dominant)
    codes = _candidates(candidates, dominant)
    model = get_model(codes)
    # a word is looked up only in the lists of languages written in its script, so a
    # Latin-script document never loads the Cyrillic, Greek or CJK lists
    by_script: dict[str, tuple[str, ...]] = {}
    for code in codes:
        by_script.setdefault(language_script(code), ())
        by_script[language_script(code)] += (code,)
    tokenized = [tokenize(text) for text in texts]
    for script, langs in by_script.items():
        prefetch({w.key for words in tokenized for w in words if w.script == script}, langs)
    docs = []
    for text, words in zip(texts, tokenized, strict=True):
        lex = [log_frequencies(w.key, by_script.get(w.script, ())) for w in words]
        confs = _ngram_confidences(model, words, lex)
        kept = _kept_mask(text, words, keep_verbatim)
        hints = language_hints(text, words, codes)
        docs.append((text, words, confs, lex, kept, hints))
    if dominant is None:
        labelled = [(words, label_words(words, confs, lex, codes, None, kept, hints, PARAMS),
                     hints) for _text, words, confs, lex, kept, hints in docs]
        totals = letters_by_language(labelled)
        dominant = max(totals, key=totals.__getitem__) if totals else UNDETERMINED
        if dominant != UNDETERMINED:
            from glossa.detect.prior import settle_dominant

            evidence = [(words, labels, confs, lex) for (words, labels, _), (_t, _w, confs, lex,
                        _k, _h) in zip(labelled, docs, strict=True)]
            dominant = settle_dominant(dominant, codes, evidence)
    if dominant == UNDETERMINED:
        return dominant, [[] for _ in texts]
    return dominant, [_foreign_spans(doc, codes, dominant, model) for doc in docs]


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
    return [any(a < word.end and word.start < b for a, b in ranges) for word in words]


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
    rest = text[stop:text.find("\n", stop) if "\n" in text[stop:] else len(text)]
    return stop if stop > end and not rest.strip() else end
