"""Benchmark: does the glossary make the translation better or worse? chrF of en->pt output
with the glossary against the same output without it, both scored on human references.

Masking a term hides it from the engine, which then cannot make the words around it agree
("Chave de segurança adicionado"), put an adjective after it ("Atual senha") or choose
sentence case ("Senha Atual" for "Current Password"); glossa repairs these after restore.
This measures the net effect on a set of UI strings and sentences written for it
(tests/data/glossary-chrf: 62 strings, a 15-entry UI glossary, one human reference each),
translated by the real bundled Bergamot en->pt model. Usage:

    uv run python scripts/bench_glossary_chrf.py [--data tests/data/glossary-chrf] [--show]

chrF is sacrebleu's (chrF2, character 6-grams) when sacrebleu is installed, else glossa's
own implementation below (same definition; tests/test_bench_glossary_chrf.py checks it).
The last line is ``bench glossary_chrf=… raw_chrf=… delta=…``; delta should be >= 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "glossary-chrf"


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(English, reference) pairs of a two-column TSV; ``#`` lines are comments."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, reference = line.split("\t")
            pairs.append((source, reference))
    return pairs


def _ngrams(text: str, n: int) -> Counter[str]:
    chars = "".join(text.split())  # sacrebleu's chrF ignores whitespace
    return Counter(chars[i : i + n] for i in range(len(chars) - n + 1))


def chrf(hypotheses: list[str], references: list[str], order: int = 6, beta: float = 2.0) -> float:
    """Corpus chrF (0-100) as sacrebleu computes it: character n-gram statistics for
    n = 1..order summed over the corpus; precision and recall averaged over the orders
    both sides have n-grams of; combined as F-beta."""
    match = [0] * order
    hyp = [0] * order
    ref = [0] * order
    for h, r in zip(hypotheses, references, strict=True):
        for n in range(1, order + 1):
            hc, rc = _ngrams(h, n), _ngrams(r, n)
            match[n - 1] += sum((hc & rc).values())
            hyp[n - 1] += sum(hc.values())
            ref[n - 1] += sum(rc.values())
    orders = [(m / h, m / r) for m, h, r in zip(match, hyp, ref, strict=True) if h and r]
    if not orders:
        return 0.0
    p = sum(pr for pr, _ in orders) / len(orders)
    r = sum(rc for _, rc in orders) / len(orders)
    if p + r == 0:
        return 0.0
    b2 = beta * beta
    return 100 * (1 + b2) * p * r / (b2 * p + r)


def corpus_chrf(hypotheses: list[str], references: list[str]) -> float:
    """sacrebleu's corpus chrF when it is installed, else :func:`chrf`."""
    try:
        from sacrebleu.metrics import CHRF
    except ImportError:
        return chrf(hypotheses, references)
    return CHRF().corpus_score(hypotheses, [references]).score


def translate(lines: list[str], glossary: Path | None) -> list[str]:
    """Each line translated en->pt as one plain-text document (one segment a line)."""
    from glossa.api import make_options, translate_documents
    from glossa.formats import get_format

    fmt = get_format("txt")
    doc = fmt.read("".join(line + "\n" for line in lines), None)
    translate_documents([doc], make_options("pt", "en", str(glossary) if glossary else None))
    out = fmt.write(doc).split("\n")
    return out[: len(lines)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--show", action="store_true", help="print every line that differs")
    args = ap.parse_args(argv)
    pairs = read_pairs(args.data / "strings.tsv")
    sources = [s for s, _ in pairs]
    references = [r for _, r in pairs]
    raw = translate(sources, None)
    with_glossary = translate(sources, args.data / "glossary.tsv")
    if args.show:
        for src, ref, a, b in zip(sources, references, raw, with_glossary, strict=True):
            if a != b:
                print(f"{src}\n  ref: {ref}\n  raw: {a}\n  gls: {b}")
    per_line = [
        (chrf([b], [ref]), chrf([a], [ref]))
        for a, b, ref in zip(raw, with_glossary, references, strict=True)
    ]
    better = sum(1 for gl, rw in per_line if gl > rw)
    worse = sum(1 for gl, rw in per_line if gl < rw)
    print(f"sentence chrF: glossary better on {better} strings, worse on {worse}")
    g, r = corpus_chrf(with_glossary, references), corpus_chrf(raw, references)
    print(
        f"{len(pairs)} strings, {sum(a != b for a, b in zip(raw, with_glossary, strict=True))}"
        f" changed by the glossary"
    )
    print(f"bench glossary_chrf={g:.2f} raw_chrf={r:.2f} delta={g - r:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
