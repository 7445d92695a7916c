"""lingua behind a small cached interface: per-word and per-run language confidences.

lingua runs in low-accuracy mode (trigram models only).  High-accuracy mode adds
uni-, bi-, 4- and 5-gram models, which take 0.15-0.5 s per language to load (English
and German are the slowest): ~3.5 s for the Latin-script candidates, paid by every
one-shot CLI run, against ~0.15 s for trigrams.  It also changes little here: word
lists decide for known words, and lingua uses trigrams alone for texts of 120
characters or more even in high-accuracy mode.  What it did matter for is single
unknown words, where trigram confidences are overconfident: their log-ratios are
tempered (``WORD_TEMPER``) to the scale of high-accuracy ones.

Detectors are cached per candidate set for the process, and lingua loads the models
of a script's languages only when a text uses that script.  Word confidences are
memoised: a document repeats its words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from glossa.detect.scripts import language_script

_CACHE_LIMIT = 200_000
# Low-accuracy log confidence ratios between languages, times this, match high-accuracy
# ones on average: least-squares slope over 2,400 rare words of 8 Latin-script wordfreq
# lists, unsaturated pairs (`scripts/bench_detect.py --calibrate`; 0.62-0.64 across
# samples).  Without it a trigram guess on one unknown word ("fresquitas": pt 0.96 vs
# es 0.04; high accuracy says 0.58 vs 0.25) outvotes its context.
WORD_TEMPER = 0.62


def lingua_language(code: str):
    """The lingua Language for a glossa code, or None when lingua does not know it."""
    from lingua import IsoCode639_1, Language

    special = {"nb": "BOKMAL", "nn": "NYNORSK"}
    try:
        if code in special:
            return getattr(Language, special[code])
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except (AttributeError, ValueError):
        return None


def supported(codes: Iterable[str]) -> list[str]:
    """The codes lingua can detect, in order, without duplicates."""
    out: list[str] = []
    for code in codes:
        if code not in out and lingua_language(code) is not None:
            out.append(code)
    return out


class LanguageModel:
    """Confidences over a fixed candidate set; one instance per set, shared by the process."""

    def __init__(self, candidates: Sequence[str]):
        from lingua import LanguageDetectorBuilder

        self.candidates = tuple(candidates)
        languages = [lingua_language(c) for c in self.candidates]
        self._code = {lang: code for lang, code in zip(languages, self.candidates, strict=True)}
        self._detector = LanguageDetectorBuilder.from_languages(*languages) \
            .with_low_accuracy_mode().build()
        self._words: dict[str, dict[str, float]] = {}
        self.scripts = {c: language_script(c) for c in self.candidates}

    def confidences(self, text: str) -> dict[str, float]:
        """Non-zero confidences of ``text``, summing to 1 (empty when lingua has no idea)."""
        return {self._code[v.language]: v.value
                for v in self._detector.compute_language_confidence_values(text) if v.value > 0}

    def word_confidences(self, words: Sequence[str]) -> list[dict[str, float]]:
        """Confidences of many (lower-cased) words, memoised across calls."""
        missing = list({w for w in words if w not in self._words})
        if missing:
            if len(self._words) + len(missing) > _CACHE_LIMIT:
                self._words.clear()
            if len(missing) > 64:
                results = self._detector.compute_language_confidence_values_in_parallel(missing)
            else:
                results = [self._detector.compute_language_confidence_values(w) for w in missing]
            for word, values in zip(missing, results, strict=True):
                self._words[word] = _temper({self._code[v.language]: v.value for v in values
                                             if v.value > 0}, WORD_TEMPER)
        return [self._words[w] for w in words]


def _temper(values: dict[str, float], power: float) -> dict[str, float]:
    """Confidences raised to ``power`` and renormalised: log-ratios scaled by ``power``."""
    if not values:
        return values
    raised = {code: value ** power for code, value in values.items()}
    total = sum(raised.values())
    return {code: value / total for code, value in raised.items()}


@cache
def get_model(candidates: tuple[str, ...]) -> LanguageModel:
    """The process-wide model for a candidate set."""
    return LanguageModel(candidates)


@cache
def preload(candidates: tuple[str, ...]) -> None:
    """Load every n-gram model and word list of ``candidates`` now, once per process.

    lingua keeps loaded models in process-wide storage shared by all detectors, so
    after this no detection call pays for loading; without it, models load on first
    use, and only for the scripts a text uses (what a one-shot CLI run wants).
    """
    from lingua import LanguageDetectorBuilder

    from glossa.detect.lexicon import word_list

    languages = [lingua_language(c) for c in candidates]
    LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode() \
        .with_preloaded_language_models().build()
    for code in candidates:
        word_list(code)
