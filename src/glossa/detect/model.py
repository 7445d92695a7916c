"""lingua behind a small cached interface: per-word and per-run language confidences.

Building a detector is cheap, loading its n-gram models is not (about 0.2 s per
Latin-script language), so detectors are cached per candidate set for the
process, and lingua is asked to load only the models of the scripts a text
actually uses.  Word confidences are memoised: a document repeats its words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from glossa.detect.scripts import language_script

_CACHE_LIMIT = 200_000


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
        # High-accuracy mode: low-accuracy (trigrams only) loads ~20x faster but lost
        # 2 points of F1 on our mixed-language tests, mostly on short runs.
        self._detector = LanguageDetectorBuilder.from_languages(*languages).build()
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
                self._words[word] = {self._code[v.language]: v.value for v in values
                                     if v.value > 0}
        return [self._words[w] for w in words]


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
    LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    for code in candidates:
        word_list(code)
