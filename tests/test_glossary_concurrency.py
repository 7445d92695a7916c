"""Parallel `glossa glossary add` processes on one file: every edit they acknowledge (exit
0) is on disk at the end; the others were refused, never silently dropped (issue 19)."""

from __future__ import annotations

import subprocess
import sys

WORKER = r"""
import sys
from glossa.cli import main

path, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(count):
    term = f"term-{worker}-{n}"
    code = main(["glossary", "add", path, "--en", term, "--pt", term + "-pt"])
    if code == 0:
        print(term, flush=True)
"""


def test_parallel_adds_lose_no_acknowledged_entry(tmp_path):
    glossary = tmp_path / "shared.tsv"
    glossary.write_text("en\tpt\nseed\tsemente\n", encoding="utf-8")
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(glossary), str(w), "30"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for w in range(4)]
    acknowledged: list[str] = []
    for proc in workers:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        acknowledged += [line.split()[0] for line in out.splitlines() if line.startswith("term-")]
    on_disk = {line.split("\t")[0] for line in glossary.read_text(encoding="utf-8").splitlines()}
    assert acknowledged, "no add succeeded at all"
    missing = [t for t in acknowledged if t not in on_disk]
    assert not missing, f"{len(missing)} acknowledged entries lost: {missing[:5]}"
    assert "seed" in on_disk
