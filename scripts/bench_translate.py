"""Benchmark: glossa's batched Argos path vs argostranslate.translate vs bare CTranslate2.

All three run the same Argos package (a realistically sized random-weight model:
6+6 layers, d_model 512, 8 heads, FFN 2048, 32k SentencePiece vocabulary, int8 like
real Argos packages), on the same 500 one-sentence paragraphs, with the same
decoding settings (beam size, length penalty 0.2, compute type auto, same threads).

* glossa: ``ArgosEngine.translate_batch`` on the 500 sentences.
* argostranslate: ``argostranslate.translate.translate`` on the 500 paragraphs joined
  by newlines, run in a separate environment where argostranslate has its real
  dependencies (``--argos-python``, default /tmp/argos-full/bin/python). Offline it
  needs a sentence splitter it will not download: the package gets a blank spaCy
  pipeline in ``spacy/`` and the run uses ``ARGOS_CHUNK_TYPE=SPACY``. Skipped, with a
  note, when that environment is missing.
* ct2: one ``Translator.translate_batch`` call on the same (pre-tokenised) tokens, on
  the Translator glossa's engine loaded (so only glossa's own work differs).

glossa and bare CTranslate2 run in one process, interleaved over several rounds
(``--rounds``, default 7; the order flips every round so drift hits both alike); the
script prints every round, then median, min and spread per path. The overhead is
median(glossa) / median(ct2); the per-round ratios are printed as well.
argostranslate is run ``--argos-runs`` times (default 1, it is slow); the speed-up is
its median over glossa's median.

Random weights make output lengths degenerate unless controlled; the package builder
(tests/argos_helpers.py) wires the "</s>" logit to the source length, and this script
prints the generated lengths so they can be checked (~ source length).

Run: ``uv run python scripts/bench_translate.py`` (first run builds the package into
--cache, about a minute). Last line: ``bench glossa_vs_argos=N.NNx overhead_vs_ct2=N.NN``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from argos_helpers import (  # noqa: E402
    ModelShape,
    PackageSpec,
    build_package_dir,
    make_sentences,
    make_vocabulary,
    train_sentencepiece,
)

SOURCE, TARGET = "de", "fr"
BENCH_SHAPE = ModelShape(layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=32000,
                         quantization="int8", seed=7, length_ratio=1.3, eos_bias=12)
BUILD_ID = "v3-6x6-512-32k-int8"
# Each path translates the whole input once, untimed, before the rounds: the first full
# batch on a fresh translator is slower (allocator caches), which would bias round 1.
GLOSSA, CT2, ARGOS = "glossa (batched)", "ct2 bare", "argostranslate"

ARGOS_RUNNER = r"""
import json, sys, time
t0 = time.perf_counter()
import argostranslate.translate as T
t1 = time.perf_counter()
T.translate("Warm up the model.", sys.argv[1], sys.argv[2])
t2 = time.perf_counter()
text = open(sys.argv[3], encoding="utf-8").read()
t3 = time.perf_counter()
out = T.translate(text, sys.argv[1], sys.argv[2])
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "seconds": t4 - t3, "output": out}))
"""


def build(cache: Path, argos_python: Path | None) -> Path:
    """The package folder inside cache/packages (built once, then reused)."""
    packages = cache / BUILD_ID / "packages"
    folder = packages / f"translate-{SOURCE}_{TARGET}-1_0"
    if not (folder / "metadata.json").exists():
        print(f"building the benchmark package in {folder} ...", flush=True)
        t = time.perf_counter()
        sp_file = cache / f"sentencepiece-{BENCH_SHAPE.vocab_size}.model"
        if not sp_file.exists():  # the slow part (~2 min): kept across weight changes
            vocabulary = make_vocabulary(60000, seed=1)
            corpus = make_sentences(80000, words=14, vocabulary=vocabulary, seed=2,
                                    special_every=0)
            sp_file.write_bytes(train_sentencepiece(corpus, BENCH_SHAPE.vocab_size))
        staging = Path(tempfile.mkdtemp(dir=cache))
        built = build_package_dir(staging, PackageSpec(
            SOURCE, TARGET, sentencepiece=sp_file.read_bytes(), shape=BENCH_SHAPE))
        packages.mkdir(parents=True, exist_ok=True)
        built.rename(folder)
        print(f"built in {time.perf_counter() - t:.0f} s", flush=True)
    if argos_python and not (folder / "spacy").exists():
        subprocess.run([str(argos_python), "-c", "import spacy, sys; "
                        "spacy.blank('xx').to_disk(sys.argv[1])", str(folder / "spacy")],
                       check=True)
    return folder


def bench_inputs(n: int) -> list[str]:
    vocabulary = make_vocabulary(60000, seed=1)
    return make_sentences(n, words=18, vocabulary=vocabulary, seed=3, special_every=0)


class GlossaPath:
    """glossa's engine, loaded and warmed up once; each call times one whole batch."""

    def __init__(self, folder: Path, sentences: list[str]):
        os.environ["ARGOS_PACKAGES_DIR"] = str(folder.parent)
        from glossa.engines.argos import ArgosEngine

        self.engine, self.sentences = ArgosEngine(), sentences
        self.own: list[float] = []  # seconds per call spent outside translate_batch
        self.timed: _Timed | None = None
        self()  # warm-up (loads the translator)
        from glossa.engines.argos import load_options

        runner = self.engine._runner(self.engine.route(SOURCE, TARGET)[0], load_options())
        self.translator = runner.translator  # bare ct2 reuses it
        runner.translator = _Timed(self.translator)
        self.timed = runner.translator

    def __call__(self) -> tuple[float, list[str]]:
        if self.timed:
            self.timed.seconds = 0.0
        t = time.perf_counter()
        out = self.engine.translate_batch(self.sentences, SOURCE, TARGET)
        seconds = time.perf_counter() - t
        if self.timed:
            self.own.append(seconds - self.timed.seconds)
        return seconds, [r.text for r in out]


class _Timed:
    """A Translator stand-in that adds up the time spent in translate_batch."""

    def __init__(self, translator):
        self._translator, self.seconds = translator, 0.0

    def translate_batch(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return self._translator.translate_batch(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t


class Ct2Path:
    """Bare CTranslate2: one translate_batch call on the pre-tokenised sentences in input
    order (with max_batch_size set, CTranslate2 sorts them by length itself)."""

    def __init__(self, translator, tokens: list[list[str]], options):
        self.translator, self.options, self.tokens = translator, options, tokens
        self()  # warm-up

    def __call__(self) -> tuple[float, list[list[str]]]:
        t = time.perf_counter()
        results = self.translator.translate_batch(
            self.tokens, max_batch_size=self.options.max_batch_tokens, batch_type="tokens",
            beam_size=self.options.beam_size, length_penalty=0.2, replace_unknowns=True,
            return_scores=True)
        return time.perf_counter() - t, [r.hypotheses[0] for r in results]


def interleave(paths: dict, rounds: int) -> tuple[dict[str, list[float]], dict]:
    """Run every path once per round, flipping the order each round (A B, B A, ...).

    Returns the seconds per path and round, and each path's last output; raises if a
    path's output changes between rounds (the timings would not be comparable)."""
    times: dict[str, list[float]] = {name: [] for name in paths}
    outputs: dict = {}
    names = list(paths)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            seconds, out = paths[name]()
            if name in outputs and outputs[name] != out:
                raise RuntimeError(f"{name}: output changed between rounds")
            times[name].append(seconds)
            outputs[name] = out
        print(f"round {r + 1}/{rounds}: " + "  ".join(
            f"{name} {times[name][-1]:.2f} s" for name in names)
            + f"  (glossa/ct2 {times[GLOSSA][-1] / times[CT2][-1]:.3f})", flush=True)
    return times, outputs


def spread(values: list[float]) -> float:
    """(max - min) / median, the run-to-run spread as a fraction."""
    return (max(values) - min(values)) / statistics.median(values)


def run_argos(python: Path, folder: Path, sentences: list[str], options, work: Path) -> dict:
    text_file = work / "input.txt"
    text_file.write_text("\n".join(sentences), encoding="utf-8")
    # argostranslate tries to download spaCy's model unless this cache entry exists
    (work / "xdg-cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(
        parents=True, exist_ok=True)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(folder.parent), "ARGOS_CHUNK_TYPE": "SPACY",
           "ARGOS_BEAM_SIZE": str(options.beam_size), "ARGOS_DEVICE_TYPE": "cpu",
           "ARGOS_INTER_THREADS": str(options.inter_threads),
           "ARGOS_INTRA_THREADS": str(options.intra_threads),
           "ARGOS_COMPUTE_TYPE": options.compute_type,
           "XDG_CACHE_HOME": str(work / "xdg-cache"), "XDG_DATA_HOME": str(work / "xdg-data"),
           "XDG_CONFIG_HOME": str(work / "xdg-config")}
    proc = subprocess.run([str(python), "-c", ARGOS_RUNNER, SOURCE, TARGET, str(text_file)],
                          env=env, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "glossa-bench")
    parser.add_argument("--argos-python", type=Path, default=Path("/tmp/argos-full/bin/python"))
    parser.add_argument("-n", type=int, default=500, help="paragraphs (one sentence each)")
    parser.add_argument("--rounds", type=int, default=7,
                        help="interleaved rounds of glossa and bare CTranslate2")
    parser.add_argument("--argos-runs", type=int, default=1,
                        help="argostranslate runs (0 skips it)")
    args = parser.parse_args()

    argos_python = args.argos_python if args.argos_python.exists() else None
    args.cache.mkdir(parents=True, exist_ok=True)
    folder = build(args.cache, argos_python)
    from glossa.engines.argos import load_options

    options = load_options()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"package: {folder} ({size / 1e6:.0f} MB); beam {options.beam_size}, "
          f"threads {options.intra_threads}, "
          f"max batch {options.max_batch_tokens} tokens, compute type {options.compute_type}")
    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))

    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    sentences = bench_inputs(args.n)
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    src_tokens = sum(map(len, tokens))
    print(f"input: {len(sentences)} paragraphs, {src_tokens} source tokens "
          f"(mean {src_tokens / len(tokens):.1f}/sentence)")

    # Bare CTranslate2 calls translate_batch on the very Translator glossa loaded (same
    # weights in memory, same thread pool): the difference is only what glossa does
    # around that call, not where two copies of the model happen to sit in memory.
    glossa = GlossaPath(folder, sentences)
    paths = {GLOSSA: glossa, CT2: Ct2Path(glossa.translator, tokens, options)}
    times, outputs = interleave(paths, args.rounds)
    g_out, c_out = outputs[GLOSSA], outputs[CT2]
    gen = [len(h) for h in c_out]
    g_gen = sum(len(sp.encode(t)) for t in g_out)
    same = sum(sp.decode_pieces(h) == t for h, t in zip(c_out, g_out, strict=True))
    print(f"generated: mean {statistics.mean(gen):.1f} tokens/sentence (median "
          f"{statistics.median(gen):.0f}, min {min(gen)}, max {max(gen)}); "
          f"source mean {src_tokens / len(tokens):.1f}")
    ratio = sum(gen) / src_tokens
    if not 0.5 <= ratio <= 2.0:
        print(f"WARNING: generated/source length ratio {ratio:.2f} is not realistic")
    print(f"glossa == bare ct2 output: {same}/{len(sentences)}")
    gen_tokens = {GLOSSA: g_gen, CT2: sum(gen)}

    if argos_python is None or args.argos_runs < 1:
        why = (f"{args.argos_python} not found; see docs/models.md for how to make that "
               "environment") if argos_python is None else "--argos-runs 0"
        print(f"argostranslate: SKIPPED ({why})")
    else:
        runs = []
        for _ in range(args.argos_runs):
            with tempfile.TemporaryDirectory() as work:
                runs.append(run_argos(argos_python, folder, sentences, options, Path(work)))
            print(f"argostranslate run {len(runs)}/{args.argos_runs}: "
                  f"{runs[-1]['seconds']:.2f} s", flush=True)
        result = runs[-1]
        a_out = result["output"].split("\n")
        times[ARGOS] = [run["seconds"] for run in runs]
        gen_tokens[ARGOS] = sum(len(sp.encode(t)) for t in a_out)
        # argostranslate decodes "_" as " "; compare modulo that
        agree = sum(a == g.replace("_", " ") for a, g in zip(a_out, g_out, strict=False))
        print(f"argostranslate: import {result['import']:.1f} s, model load "
              f"{result['load']:.1f} s; {len(a_out)} output paragraphs, "
              f"{agree}/{len(sentences)} identical to glossa's (modulo '_')")
    print("load average at end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))

    median = {name: statistics.median(secs) for name, secs in times.items()}
    print(f"{'path':<18}{'runs':>5}{'median s':>10}{'min s':>8}{'spread':>8}"
          f"{'sent/s':>8}{'gen tok/s':>11}")
    for name, secs in times.items():
        print(f"{name:<18}{len(secs):>5}{median[name]:>10.2f}{min(secs):>8.2f}"
              f"{spread(secs):>7.1%} {len(sentences) / median[name]:>8.1f}"
              f"{gen_tokens[name] / median[name]:>11.0f}")
    own = statistics.median(glossa.own)
    print(f"glossa's own work (tokenise, decode, bookkeeping; outside translate_batch): "
          f"median {own * 1000:.0f} ms per batch = {own / median[GLOSSA]:.2%} of its time")
    paired = [g / c for g, c in zip(times[GLOSSA], times[CT2], strict=True)]
    print("glossa/ct2 per round: " + " ".join(f"{r:.3f}" for r in paired)
          + f"; median {statistics.median(paired):.3f}, "
          f"min/min {min(times[GLOSSA]) / min(times[CT2]):.3f}")
    speedup = f"{median[ARGOS] / median[GLOSSA]:.2f}x" if ARGOS in median else "skipped"
    print(f"bench glossa_vs_argos={speedup} overhead_vs_ct2={median[GLOSSA] / median[CT2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
