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
* ct2: one ``Translator.translate_batch`` call on the same (pre-tokenised) tokens.

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
REPEATS = 3  # best of, for glossa and bare ct2 (argostranslate: one run, it is slow)
BUILD_ID = "v3-6x6-512-32k-int8"

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


def run_glossa(folder: Path, sentences: list[str]) -> tuple[float, list[str]]:
    os.environ["ARGOS_PACKAGES_DIR"] = str(folder.parent)
    from glossa.engines.argos import ArgosEngine

    engine = ArgosEngine()
    engine.translate_batch(["Warm up the model."], SOURCE, TARGET)
    best, out = float("inf"), []
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = [r.text for r in engine.translate_batch(sentences, SOURCE, TARGET)]
        best = min(best, time.perf_counter() - t)
    return best, out


def run_ct2(folder: Path, tokens: list[list[str]], options, presort: bool = True
            ) -> tuple[float, list[list[str]]]:
    """Bare CTranslate2 on the same tokens; presorted by length as glossa hands them over
    (CTranslate2 does not reorder a batch by length itself)."""
    import ctranslate2

    translator = ctranslate2.Translator(str(folder / "model"), device="cpu",
                                        compute_type=options.compute_type,
                                        inter_threads=options.inter_threads,
                                        intra_threads=options.intra_threads)
    translator.translate_batch([tokens[0]], beam_size=options.beam_size)
    best, out = float("inf"), []
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i])) if presort else None
    batch = [tokens[i] for i in order] if presort else tokens
    for _ in range(REPEATS):
        t = time.perf_counter()
        results = translator.translate_batch(
            batch, max_batch_size=options.max_batch_tokens, batch_type="tokens",
            beam_size=options.beam_size, length_penalty=0.2, replace_unknowns=True,
            return_scores=True)
        best = min(best, time.perf_counter() - t)
        out = [r.hypotheses[0] for r in results]
    if presort:
        unsorted: list = [None] * len(tokens)
        for i, hyp in zip(order, out, strict=True):
            unsorted[i] = hyp
        out = unsorted
    return best, out


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

    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    sentences = bench_inputs(args.n)
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    src_tokens = sum(map(len, tokens))
    print(f"input: {len(sentences)} paragraphs, {src_tokens} source tokens "
          f"(mean {src_tokens / len(tokens):.1f}/sentence)")

    g_time, g_out = run_glossa(folder, sentences)
    c_time, c_out = run_ct2(folder, tokens, options)
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
    u_time, _ = run_ct2(folder, tokens, options, presort=False)
    rows = [("glossa (batched)", g_time, g_gen), ("ct2 bare, sorted", c_time, sum(gen)),
            ("ct2 bare, as is", u_time, sum(gen))]

    a_time = None
    if argos_python is None:
        print(f"argostranslate: SKIPPED ({args.argos_python} not found; see docs/models.md "
              "for how to make that environment)")
    else:
        with tempfile.TemporaryDirectory() as work:
            result = run_argos(argos_python, folder, sentences, options, Path(work))
        a_out = result["output"].split("\n")
        a_time = result["seconds"]
        a_gen = sum(len(sp.encode(t)) for t in a_out)
        # argostranslate decodes "_" as " "; compare modulo that
        agree = sum(a == g.replace("_", " ") for a, g in zip(a_out, g_out, strict=False))
        print(f"argostranslate: import {result['import']:.1f} s, model load "
              f"{result['load']:.1f} s; {len(a_out)} output paragraphs, "
              f"{agree}/{len(sentences)} identical to glossa's (modulo '_')")
        rows.append(("argostranslate", a_time, a_gen))

    print(f"{'path':<18}{'seconds':>9}{'sent/s':>9}{'gen tok/s':>11}")
    for name, secs, gen_tokens in rows:
        print(f"{name:<18}{secs:>9.2f}{len(sentences) / secs:>9.1f}{gen_tokens / secs:>11.0f}")
    speedup = f"{a_time / g_time:.2f}x" if a_time else "skipped"
    print(f"bench glossa_vs_argos={speedup} overhead_vs_ct2={g_time / c_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
