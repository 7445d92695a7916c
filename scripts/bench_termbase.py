"""Benchmark: glossary cost per segment as the termbase grows (100, 10,000, 100,000 entries).

Builds synthetic en->pt termbases the way real ones look: one- to four-word terms made of
content words (wordfreq ranks 500-20,000, not "the" or "and") with a Zipf-like bias, so
many terms share a first word; some case-sensitive entries, names kept verbatim, and
forbidden variants. The terms-eval glossaries (tests/data/terms-eval) come first. The
300 segments are the same at every size: the terms-eval English sentences plus sentences
of frequent words holding three terms from the first hundred entries, so every segment
has terms to shield and verify, and what changes between sizes is only the number of
entries the lookups go through (matches per segment are printed to show it).

Each segment goes through the whole glossary path of the pipeline with a do-nothing
engine (it returns its input): planning, shielding, restoring, verification. The
termbase is compiled once before the timed runs (its time is printed apart). Usage:

    uv run python scripts/bench_termbase.py [--segments 300] [--repeat 3] [--sizes 100,10000,100000]

The last line is ``bench termbase_us_per_seg_100=… _10k=… _100k=… growth=…`` (growth: the
cost at the largest size over the cost at the smallest).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "terms-eval"
FILLER = 1_500  # the most frequent words make up the sentences around the terms


class NullEngine:
    """Returns every text unchanged: what is left to time is glossa's own work."""

    name = "null"

    def models(self) -> list:
        from glossa.engines.base import ModelInfo

        return [ModelInfo("null", "en", "pt", "0")]  # "installed": a pinned engine needs one

    def configure(self, *, jobs: int = 0) -> None:
        """Nothing to set up."""

    def install_hint(self, source: str, target: str) -> str:
        return "nothing to install"

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list:
        return [[] for _ in texts]

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return "null"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list:
        from glossa.engines import Translation

        return [Translation(text) for text in texts]


def _vocabulary(lang: str, size: int, skip: int = 0) -> list[str]:
    from wordfreq import top_n_list

    words = [w for w in top_n_list(lang, (size + skip) * 2) if w.isalpha() and len(w) >= 3]
    return words[skip:skip + size]


def _zipf_pick(rng: random.Random, words: list[str], weights: list[float], k: int) -> list[str]:
    return rng.choices(words, weights=weights, k=k)


def synthetic_entries(n: int, seed: int = 1) -> list[dict[str, str]]:
    """``n`` distinct en/pt entries (columns en, pt, case, forbidden_pt)."""
    rng = random.Random(seed)
    # content words; a first word of a longer term may be more frequent ("security ...")
    en, pt = _vocabulary("en", 20_000, skip=FILLER), _vocabulary("pt", 20_000, skip=FILLER)
    en_first = _vocabulary("en", 20_000, skip=500)
    en_w = [1 / (i + 10) for i in range(len(en))]
    pt_w = [1 / (i + 10) for i in range(len(pt))]
    common = _filler_keys()
    rows, seen = [], set()
    while len(rows) < n:
        size = rng.choices([1, 2, 3, 4], weights=[40, 35, 20, 5])[0]
        kind = rng.random()
        if kind < 0.05:  # a name or brand, the same in both languages
            term = " ".join(w.capitalize() for w in _zipf_pick(rng, en, en_w, min(size, 2)))
            row = {"en": term, "pt": term}
        else:
            words = _zipf_pick(rng, en, en_w, size)
            if size > 1:
                words[0] = _zipf_pick(rng, en_first, en_w, 1)[0]
            row = {"en": " ".join(words), "pt": " ".join(_zipf_pick(rng, pt, pt_w, size))}
            if kind < 0.15:
                row["en"] = row["en"].title()
                row["case"] = "sensitive"
            if 0.15 <= kind < 0.18:
                row["forbidden_pt"] = " ".join(_zipf_pick(rng, pt, pt_w, size))
        if row["en"].casefold() in seen or _in_filler(row["en"], "en", common) \
                or _in_filler(row["pt"], "pt", common):
            continue
        seen.add(row["en"].casefold())
        rows.append(row)
    return rows


def _filler_keys() -> set[str]:
    from glossa.glossary.morph import word_keys

    return {key for w in _vocabulary("en", FILLER) for lang in ("en", "pt")
            for key in word_keys(w, lang)}


def _in_filler(term: str, lang: str, common: set[str]) -> bool:
    """Whether ``term`` could match in the filler text around the terms ("apps" of the
    filler word "app"): kept out, so that matches per segment stay the same at every size.
    A longer term may still start with a filler word (it exercises the index)."""
    from glossa.glossary.morph import word_keys

    words = term.split()
    return any(word_keys(w, lang) & common for w in words[1:] or words)


def eval_entries() -> list[dict[str, str]]:
    from glossa.glossary import load_glossary

    rows = []
    for name in ("ui", "news", "hard"):
        for entry in load_glossary(EVAL / f"{name}.tsv").entries:
            if entry.term("en") and entry.term("pt"):
                rows.append({"en": entry.term("en"), "pt": entry.term("pt")})
    return rows


def build_glossary(rows: list[dict[str, str]]):
    from glossa.glossary import loads

    columns = ["en", "pt", "case", "forbidden_pt"]
    lines = ["\t".join(columns)]
    lines += ["\t".join(row.get(c, "") for c in columns) for row in rows]
    return loads("\n".join(lines) + "\n")


def segments(rows: list[dict[str, str]], count: int, seed: int = 2) -> list[str]:
    """The terms-eval English sentences, then sentences made of frequent words with three
    of the first hundred terms of ``rows`` in each."""
    rng = random.Random(seed)
    texts = []
    for name in ("ui", "news", "hard"):
        for line in (EVAL / f"{name}.jsonl").read_text("utf-8").splitlines():
            if line.strip() and json.loads(line)["src"] == "en":
                texts.append(json.loads(line)["text"])
    filler = _vocabulary("en", FILLER)
    while len(texts) < count:
        words = rng.choices(filler, k=rng.randint(8, 16))
        for row in rng.sample(rows[:100], 3):
            words.insert(rng.randrange(len(words) + 1), row["en"])
        sentence = " ".join(words)
        texts.append(sentence[:1].upper() + sentence[1:] + ".")
    return texts[:count]


def time_run(texts: list[str], termbase, repeat: int) -> float:
    """Best wall time of translating every text once (seconds)."""
    from glossa.formats import txt
    from glossa.pipeline import TranslateOptions, translate_documents

    best = float("inf")
    for _ in range(repeat):
        doc = txt.read("\n".join(texts) + "\n", "bench.txt")
        options = TranslateOptions("pt", "en", "null", termbase)
        started = time.perf_counter()
        report = translate_documents([doc], options)
        best = min(best, time.perf_counter() - started)
        assert report.translated == len(texts), report.problems[:3]
    return best


def _label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 else str(size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100,10000,100000")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from glossa.engines import ENGINES, get_engine
    from glossa.glossary import Termbase

    ENGINES["null"] = f"{__name__}:NullEngine"
    get_engine.cache_clear()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = eval_entries()
    synthetic = synthetic_entries(max(sizes))
    texts = segments(base + synthetic, args.segments)
    from glossa.glossary.morph import word_keys

    word_keys.cache_clear()  # generating the termbase filled it; a run starts empty
    costs = {}
    for size in sizes:
        glossary = build_glossary(base + synthetic[: max(0, size - len(base))])
        started = time.perf_counter()
        termbase = Termbase.compile(glossary, ["en", "pt"])
        compiled = time.perf_counter() - started
        matches = sum(len(termbase.find(text, "en")) for text in texts) / len(texts)
        seconds = time_run(texts, termbase, args.repeat)
        costs[size] = seconds / len(texts) * 1e6
        print(f"{len(glossary.entries):>7} entries: compile {compiled:6.2f} s, "
              f"{matches:.2f} terms/segment, {len(texts)} segments {seconds:6.3f} s, "
              f"{costs[size]:8.0f} us/segment")
    growth = costs[sizes[-1]] / costs[sizes[0]]
    figures = " ".join(f"termbase_us_per_seg_{_label(s)}={costs[s]:.0f}" for s in sizes)
    print(f"bench {figures} growth={growth:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
