"""Benchmark `glossa.detect`: one-shot CLI start-up and a synthetic ~100 KB document.

    uv run python scripts/bench_detect.py [--kb 100] [--seed 1] [--runs 5]
    uv run python scripts/bench_detect.py --calibrate   # fit lingua's WORD_TEMPER

Start-up: `python -m glossa detect FILE --json` on small mixed documents (written
here), wall time per process, median of ``--runs`` runs; `glossa --help` is the
floor (Python and the CLI shell alone).  This is what a tool calling glossa once per
file pays.

Throughput: sentences of common English words (drawn by frequency from the wordfreq
lists, so the vocabulary is as varied as real prose) with a foreign phrase in every
fifth sentence.  Model loading is printed separately from detection: loading is paid
once per process, detection per document.  Two documents with different seeds are
detected so the second shows the cost with models loaded but an empty word cache
for its new words.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOREIGN = ("de", "fr", "es", "it", "pt", "pl", "ru", "uk")

# Small documents for the start-up figure: a host language and a foreign run or two.
SMALL = {
    "en+ru": "The library extended its opening hours for the exam season.\n"
             "Students queued at the desk before nine.\nShare\nЧитать далее\n",
    "pt+es": "Na feira de sábado, a banca de frutas estava cheia logo cedo.\n"
             "O vendedor gritava ¡Dos kilos por cinco pesos! para quem passava.\n",
    "ru+uk": "Табличка на двери кафе осталась с прошлого года: Зачинено на обід.\n"
             "Посетители всё равно заходили и спрашивали кофе.\n",
    "de+fr": "Der Zug nach Basel hatte zwanzig Minuten Verspätung.\n"
             "Eine Durchsage entschuldigte sich: Nous vous prions de nous excuser.\n",
}


def wall(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def startup(runs: int) -> None:
    """Median wall time of one `glossa detect` process per small document."""
    cli = [sys.executable, "-m", "glossa"]
    floor = statistics.median(wall([*cli, "--help"]) for _ in range(runs))
    print(f"start-up floor (`glossa --help`, median of {runs}): {floor * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for name, text in SMALL.items():
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            wall([*cli, "detect", str(path), "--json"])  # warm the file cache
            t = statistics.median(wall([*cli, "detect", str(path), "--json"])
                                  for _ in range(runs))
            times.append(t)
            print(f"one-shot `glossa detect --json`, {name} ({len(text)} chars): "
                  f"{t * 1000:.0f} ms")
    print(f"one-shot mean: {statistics.mean(times) * 1000:.0f} ms per process")


def calibrate(per_language: int = 300, seed: int = 0) -> None:
    """Least-squares slope of high- against low-accuracy log confidence ratios on rare
    listed words (unsaturated pairs): the WORD_TEMPER glossa.detect.model uses."""
    from lingua import LanguageDetectorBuilder

    from glossa.detect.lexicon import word_list
    from glossa.detect.model import lingua_language

    codes = ("en", "de", "fr", "es", "pt", "it", "nl", "pl")
    langs = [lingua_language(c) for c in codes]
    low = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
    high = LanguageDetectorBuilder.from_languages(*langs).build()
    rng = random.Random(seed)
    words: list[str] = []
    for code in codes:
        table = word_list(code) or {}
        rare = sorted(w for w, f in table.items() if w.isalpha() and len(w) >= 3 and f < -5.0)
        words += rng.sample(rare, min(per_language, len(rare)))

    def ratios(detector, word: str) -> list[float]:
        values = {v.language: v.value for v in detector.compute_language_confidence_values(word)}
        best = max(values.values(), default=0.0)
        return [math.log(best / max(values.get(lang, 0.0), 1e-12)) if best else 0.0
                for lang in langs]

    both = [(ratios(low, w), ratios(high, w)) for w in words]
    pairs = [(x, y) for lo, hi in both for x, y in zip(lo, hi, strict=True)
             if 0 < x < 4 and y < 4]
    slope = sum(x * y for x, y in pairs) / sum(x * x for x, _ in pairs)
    agree = sum(lo.index(0.0) == hi.index(0.0) for lo, hi in both if 0.0 in lo and 0.0 in hi)
    print(f"{len(words)} words, {len(pairs)} unsaturated pairs: slope {slope:.2f}; "
          f"same best language in both modes for {agree / len(words):.0%} of words")


def vocabulary(lang: str, size: int) -> tuple[list[str], list[float]]:
    from glossa.detect.lexicon import word_list

    table = word_list(lang) or {}
    words = sorted(table, key=table.__getitem__, reverse=True)
    words = [w for w in words if w.isalpha()][:size]
    return words, [10 ** table[w] for w in words]


def make_document(kb: int, seed: int) -> str:
    rng = random.Random(seed)
    en_words, en_weights = vocabulary("en", 20000)
    foreign = {lang: vocabulary(lang, 5000) for lang in FOREIGN}
    lines: list[str] = []
    size = 0
    while size < kb * 1024:
        sentence = rng.choices(en_words, en_weights, k=rng.randint(8, 20))
        if rng.random() < 0.2:
            lang = rng.choice(FOREIGN)
            words, weights = foreign[lang]
            at = rng.randint(1, len(sentence) - 1)
            sentence[at:at] = ["«" + " ".join(rng.choices(words, weights, k=rng.randint(3, 6)))
                               + "»"]
        line = " ".join(sentence).capitalize() + "."
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5, help="processes per start-up figure")
    ap.add_argument("--calibrate", action="store_true", help="fit WORD_TEMPER and exit")
    args = ap.parse_args()
    if args.calibrate:
        calibrate()
        return
    startup(args.runs)

    from glossa.detect import default_candidates, detect_text
    from glossa.detect.model import preload

    docs = [make_document(args.kb, args.seed + i) for i in range(2)]
    t0 = time.perf_counter()
    candidates = tuple(default_candidates())
    preload(candidates)
    load = time.perf_counter() - t0
    print(f"candidates: {','.join(candidates)}")
    print(f"model loading (lingua trigrams + word lists, once per process): {load:.2f} s")
    for n, doc in enumerate(docs, 1):
        t0 = time.perf_counter()
        det = detect_text(doc)
        elapsed = time.perf_counter() - t0
        kb = len(doc.encode("utf-8")) / 1024
        print(f"document {n}: {kb:.0f} KB, {len(doc.split())} words, dominant {det.dominant}, "
              f"{len(det.spans)} foreign spans: {elapsed:.2f} s ({kb / elapsed:.0f} KB/s)")


if __name__ == "__main__":
    main()
