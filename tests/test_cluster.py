"""`glossa translate --cluster`: a real local Ray cluster, the real Bergamot en->pt model,
outputs compared byte for byte with a local run of the same job."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

# Before Ray is imported (it reads this once): workers run this interpreter, not Ray's
# `uv run` hook, which would start them through uv in another directory without Ray.
os.environ["RAY_ENABLE_UV_RUN_RUNTIME_ENV"] = "0"
ray = pytest.importorskip("ray", reason="Ray is not installed (uv sync --all-extras)")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ["guide.md", "news-mixed.txt", "talk.srt", "app.pot"]
WORDS = ("the library opens early on monday and every reader may borrow five books while "
         "children listen to old stories in the quiet garden near the river").split()


def glossa(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "glossa", *args], capture_output=True,
                          text=True, timeout=timeout,
                          env={**os.environ, "RAY_ADDRESS": "", "SOURCE_DATE_EPOCH": "1700000000"})


def corpus(count: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize()
                   + ".\n" for _ in range(count))


@pytest.fixture(scope="module")
def cluster_address():
    """One local Ray head with 2 CPUs for the module; the CLI joins it as a driver."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        from glossa.cluster import disconnect

        disconnect()


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """Several files of several formats, and their translation by a local run."""
    base = tmp_path_factory.mktemp("job")
    inputs = base / "in"
    inputs.mkdir()
    for name in EXAMPLES:
        shutil.copy(ROOT / "examples" / name, inputs / name)
    (inputs / "corpus.txt").write_text(corpus(160, seed=12), encoding="utf-8")
    local = glossa("translate", str(inputs), "--to", "pt", "--from", "en", "--no-tm",
                   "--out-dir", str(base / "local"))
    assert local.returncode == 0, local.stderr
    return inputs, base / "local"


def outputs(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_cluster_outputs_are_the_local_outputs(job, cluster_address, tmp_path):
    inputs, local = job
    tm = tmp_path / "tm.sqlite"
    run = glossa("translate", str(inputs), "--to", "pt", "--from", "en", "--tm", str(tm),
                 "--out-dir", str(tmp_path / "cluster"), "--cluster", cluster_address)
    assert run.returncode == 0, run.stderr
    assert "with bergamot:en-pt" in run.stderr
    assert len(outputs(local)) == len(EXAMPLES) + 1
    assert outputs(tmp_path / "cluster") == outputs(local)
    # The TM entries carry the local model id: a local run finds all of them.
    again = glossa("translate", str(inputs), "--to", "pt", "--from", "en", "--tm", str(tm),
                   "--out-dir", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr
    assert re.search(r"\d+ from TM[,)]", again.stderr)
    assert outputs(tmp_path / "again") == outputs(local)


def test_library_call_inside_a_ray_job(job, cluster_address, tmp_path):
    """A script that called ray.init() itself passes cluster= and glossa uses that cluster."""
    from glossa.api import make_options, translate_files
    from glossa.cluster import release

    inputs, local = job
    options = make_options("pt", "en")
    options.cluster = "auto"
    try:
        report = translate_files([(inputs / "corpus.txt", tmp_path / "corpus.pt.txt")],
                                 options)
    finally:
        release()  # free the CPUs for the next test's CLI run
    assert not report.failed
    assert (tmp_path / "corpus.pt.txt").read_bytes() == (local / "corpus.pt.txt").read_bytes()


def _kill_first_busy_actor(found: list[int], stop: threading.Event) -> None:
    """SIGKILL the first glossa actor process seen translating (its proctitle says so)."""
    while not stop.is_set() and not found:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if cmdline.startswith(b"ray::EngineActor.translate"):
                os.kill(int(entry.name), signal.SIGKILL)
                found.append(int(entry.name))
                return
        time.sleep(0.05)


def test_a_worker_killed_mid_chunk_loses_nothing(job, cluster_address, tmp_path):
    inputs, local = job
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_first_busy_actor, args=(killed, stop), daemon=True)
    killer.start()
    try:
        run = glossa("translate", str(inputs), "--to", "pt", "--from", "en", "--no-tm",
                     "--out-dir", str(tmp_path / "cluster"), "--cluster", cluster_address)
    finally:
        stop.set()
        killer.join()
    assert killed, "no actor was seen translating"
    assert run.returncode == 0, run.stderr
    assert "a Ray worker died" in run.stderr
    assert outputs(tmp_path / "cluster") == outputs(local)


def test_without_ray_one_line_and_exit_2(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Good morning.\n", encoding="utf-8")
    code = ("import sys; sys.modules['ray'] = None; from glossa.cli import main; "
            "sys.exit(main())")
    run = subprocess.run([sys.executable, "-c", code, "translate", str(source), "--to", "pt",
                          "--from", "en", "--no-tm", "--cluster", "local"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "glossa: error: --cluster needs Ray: pip install 'glossa[ray]'"]
    assert not (tmp_path / "a.pt.txt").exists()


def test_help_does_not_import_ray():
    code = "import sys; from glossa.cli import main\ntry: main(['translate', '--help'])\n" \
           "except SystemExit: pass\nprint('ray' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert "--cluster" in run.stdout
    assert run.stdout.strip().endswith("False")
