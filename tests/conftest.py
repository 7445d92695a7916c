"""Shared fixtures: run the CLI in-process and capture what a user would see."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

# Tests must never touch the user's data or config, nor any real Argos package dir.
os.environ.setdefault("GLOSSA_DATA_DIR", os.path.join(os.path.dirname(__file__), ".data-unused"))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory, monkeypatch):
    """Point glossa's config, data dir and Argos package dir at empty temp folders."""
    base = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("GLOSSA_CONFIG", str(base / "config.toml"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", os.environ.get("GLOSSA_TEST_ARGOS_DIR",
                                                            str(base / "argos")))
    from glossa.config import load_config

    load_config.cache_clear()
    yield


@pytest.fixture
def cli(capsys):
    """Call ``glossa`` in-process: cli(["translate", ...]) -> CliResult."""
    from glossa.cli import main

    def run(args: list[str]) -> CliResult:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
