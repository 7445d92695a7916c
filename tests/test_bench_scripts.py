"""The benchmark scripts run end to end (smoke runs; their timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURE = r"(\d+\.\d\d)"
BENCH_TRANSLATE_LAST = re.compile(
    rf"bench glossa_vs_argos=(\d+\.\d\dx|skipped) overhead_vs_ct2={FIGURE} "
    rf"bergamot_vs_best={FIGURE}")


def test_bench_translate_quick_prints_its_figures(tmp_path):
    """--quick (tiny Argos package, built once into the default cache) runs every path
    and ends with the figures line."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_translate.py"), "--quick",
         "--argos-python", str(tmp_path / "no-python")],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    match = BENCH_TRANSLATE_LAST.fullmatch(last)
    assert match, last
    assert match.group(1) == "skipped"  # no argostranslate environment given
    assert "glossa == direct output" in proc.stdout


BENCH_SCALE_LAST = re.compile(
    rf"bench growth_max={FIGURE} detect_bytes_per_byte=(-?\d+\.\d) startup_ms=(\d+) "
    rf"startup_vs_fxtranslate={FIGURE} detect_startup_ms=(\d+) detect_vs_fxtranslate={FIGURE}")


def test_bench_scale_quick_prints_every_series_and_its_figures():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--quick"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert BENCH_SCALE_LAST.fullmatch(last), last
    for series in ("translate txt (lines)", "translate po (entries)",
                   "translate txt, Bergamot (lines)", "glossary (entries)", "detect (bytes)"):
        assert f"\n{series} — " in proc.stdout
    assert proc.stdout.count("\n  growth exponent ") == 5


def test_bench_termbase_small_sizes_print_the_figures_line():
    """Two small termbases through the whole glossary path with the do-nothing engine
    (the script's engine must keep the engine protocol, or the run stops before timing)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_termbase.py"), "--sizes", "100,1000",
         "--segments", "20", "--repeat", "1"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"bench termbase_us_per_seg_100=\d+ termbase_us_per_seg_1k=\d+ "
                        rf"growth={FIGURE}", last), last
    assert "1000 entries: compile" in proc.stdout
