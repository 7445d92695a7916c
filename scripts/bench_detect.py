"""Benchmark `glossa.detect` on a synthetic ~100 KB mixed-language document.

    uv run python scripts/bench_detect.py [--kb 100] [--seed 1]

Sentences of common English words (drawn by frequency from the wordfreq lists, so
the vocabulary is as varied as real prose) with a foreign phrase in every fifth
sentence.  Prints model loading separately from detection: loading is paid once
per process, detection per document.  Two documents with different seeds are
detected so the second shows the cost with models loaded but an empty word cache
for its new words.
"""

from __future__ import annotations

import argparse
import random
import time

FOREIGN = ("de", "fr", "es", "it", "pt", "pl", "ru", "uk")


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
    args = ap.parse_args()

    from glossa.detect import default_candidates, detect_text
    from glossa.detect.model import preload

    docs = [make_document(args.kb, args.seed + i) for i in range(2)]
    t0 = time.perf_counter()
    candidates = tuple(default_candidates())
    preload(candidates)
    load = time.perf_counter() - t0
    print(f"candidates: {','.join(candidates)}")
    print(f"model loading (lingua n-grams, once per process): {load:.2f} s")
    for n, doc in enumerate(docs, 1):
        t0 = time.perf_counter()
        det = detect_text(doc)
        elapsed = time.perf_counter() - t0
        kb = len(doc.encode("utf-8")) / 1024
        print(f"document {n}: {kb:.0f} KB, {len(doc.split())} words, dominant {det.dominant}, "
              f"{len(det.spans)} foreign spans: {elapsed:.2f} s ({kb / elapsed:.0f} KB/s)")


if __name__ == "__main__":
    main()
