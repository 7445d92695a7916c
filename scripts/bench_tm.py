"""Benchmark: translation memory speed-up and worker scaling with the real en->pt model.

Generates a 2,000-segment English catalogue (UI strings, help texts, messages;
every line distinct), then runs ``glossa translate`` as a child process:

1. first run into an empty TM (1 worker): segments/s and peak memory (maxrss of the child);
2. the same run again: every sentence comes from the TM -> speed-up;
3. runs without TM with 1 and 2 workers, alternated (best of --repeat): scaling.

Wall times include process start-up, i.e. what a user waits for. Usage:

    uv run python scripts/bench_tm.py [--segments 2000] [--repeat 2] [--detect] [--keep DIR]

The last line is ``bench tm_speedup=NNx seg_per_s=NNN peak_mb=NNN``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["The server", "Your account", "The selected file", "This project", "The backup",
            "The printer", "Your subscription", "The download", "The new version", "The report",
            "The calendar", "The shared folder", "Your password", "The invoice", "The map",
            "The library", "The meeting", "The playlist", "The customer", "The database"]
VERBS = ["was updated", "could not be saved", "has been deleted", "is ready", "will expire",
         "was moved to another folder", "is being synchronised", "needs your attention",
         "was shared with your team", "has finished loading", "was restored from a backup",
         "is no longer available", "was approved by the manager", "will be archived"]
TAILS = ["yesterday.", "this morning.", "a few minutes ago.", "at midnight.", "last week.",
         "without any errors.", "after the last update.", "before the deadline.",
         "while you were away.", "on the main server.", "in the background.", "by an admin."]
ACTIONS = ["Save", "Open", "Delete", "Rename", "Share", "Print", "Export", "Import", "Archive",
           "Download", "Upload", "Restore", "Duplicate", "Close", "Review", "Translate"]
OBJECTS = ["file", "folder", "document", "picture", "message", "contact", "event", "note",
           "playlist", "invoice", "report", "project", "template", "backup", "page"]
HELP = ["To {a} a {o}, select it and choose {A} from the menu.",
        "You can {a} up to {n} items at once.",
        "Do you really want to {a} this {o}?",
        "{A} the {o} before you close the window.",
        "The {o} you are trying to {a} is larger than {n} MB.",
        "Click here to {a} the {o} again.",
        "Only the owner of the {o} can {a} it.",
        "If you {a} the {o}, the changes cannot be undone.",
        "Press Ctrl+S to {a} the current {o}.",
        "We could not {a} your {o}. Please try again later."]


def catalogue(count: int, seed: int = 7) -> list[str]:
    """Distinct, varied lines: short UI labels, help sentences and status messages."""
    rng = random.Random(seed)
    lines: dict[str, None] = {}
    while len(lines) < count:
        kind = rng.random()
        a, o = rng.choice(ACTIONS), rng.choice(OBJECTS)
        if kind < 0.2:
            line = f"{a} {o}" if rng.random() < 0.5 else f"{a} {rng.randint(2, 99)} {o}s"
        elif kind < 0.6:
            line = rng.choice(HELP).format(a=a.lower(), A=a, o=o, n=rng.randint(2, 500))
        else:
            line = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}"
        lines[line] = None
    return list(lines)


CPU: list[float] = []  # CPU seconds of every run, in order


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a child; return (wall seconds, its peak RSS in MB, stderr); print its CPU time.

    CPU time includes worker processes; on a shared machine wall time depends on
    free cores, so the load average is printed too.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    CPU.append(usage.ru_utime + usage.ru_stime)
    print(f"  [cpu {CPU[-1]:.2f}s, load {os.getloadavg()[0]:.2f}]")
    return seconds, usage.ru_maxrss / 1024, err


def summary(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("glossa:")]
    return lines[-1] if lines else "(no summary)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--detect", action="store_true",
                        help="let glossa detect the source language (default: --from en)")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each worker count for the scaling figure (best is kept)")
    args = parser.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="glossa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "catalogue.txt"
    source.write_text("\n".join(catalogue(args.segments)) + "\n", encoding="utf-8")
    env = {**os.environ, "GLOSSA_DATA_DIR": str(work / "data")}
    tm = work / "tm.sqlite"
    tm.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{tm}{suffix}").unlink(missing_ok=True)
    base = [sys.executable, "-m", "glossa", "translate", str(source), "--to", "pt"]
    if not args.detect:
        base += ["--from", "en"]
    n = args.segments
    print(f"catalogue: {n} segments, {source.stat().st_size} bytes; cpus={os.cpu_count()} "
          f"load={os.getloadavg()[0]:.2f}")

    t1, mb1, err1 = run([*base, "-o", str(work / "first.pt.txt"), "--tm", str(tm)], env)
    print(f"first run, 1 worker:  {t1:6.2f}s  {n / t1:7.1f} seg/s  peak {mb1:.0f} MB")
    print(f"  {summary(err1)}")
    t2, mb2, err2 = run([*base, "-o", str(work / "second.pt.txt"), "--tm", str(tm)], env)
    speedup = t1 / t2
    print(f"second run (TM):      {t2:6.2f}s  {n / t2:7.1f} seg/s  peak {mb2:.0f} MB  "
          f"speed-up {speedup:.1f}x")
    print(f"  {summary(err2)}")
    same = (work / "first.pt.txt").read_bytes() == (work / "second.pt.txt").read_bytes()
    from_tm = re.search(r"(\d+) from TM", err2)
    print(f"  by CPU time: {CPU[0]:.2f}s -> {CPU[1]:.2f}s = {CPU[0] / CPU[1]:.1f}x "
          "(independent of other load on the machine)")
    print(f"  second output identical to first: {same}; "
          f"from TM: {from_tm.group(1) if from_tm else 0}")
    best = {1: float("inf"), 2: float("inf")}
    for _ in range(args.repeat):  # alternate, keep the best: the machine may be shared
        for jobs in (1, 2):
            out = work / f"jobs{jobs}.pt.txt"
            t, mb, err = run([*base, "-o", str(out), "--no-tm", "--jobs", str(jobs)], env)
            best[jobs] = min(best[jobs], t)
            print(f"no TM, {jobs} worker{'s' if jobs > 1 else ' '}:   {t:6.2f}s  {n / t:7.1f} "
                  f"seg/s  peak {mb:.0f} MB{' (parent)' if jobs > 1 else ''}")
    same_j = (work / "jobs1.pt.txt").read_bytes() == (work / "jobs2.pt.txt").read_bytes()
    print(f"scaling 1 -> 2 workers (best of {args.repeat}): {n / best[1]:.1f} -> "
          f"{n / best[2]:.1f} seg/s = {best[1] / best[2]:.2f}x; outputs identical: {same_j}")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    print(f"bench tm_speedup={speedup:.0f}x seg_per_s={n / t1:.0f} peak_mb={mb1:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
