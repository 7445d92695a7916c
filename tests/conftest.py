"""Shared fixtures: run the CLI in-process and capture what a user would see."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from hypothesis import settings

# CI runs are reproducible: the same examples every run (a failure found locally is kept in
# the example database and replayed; a fresh CI machine must not hit a new one by chance).
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(base / "argos"))
    from glossa.config import load_config
    from glossa.engines import early

    load_config.cache_clear()
    # no early model children of the test process itself: tests that count model loads
    # or replace the loader would meet a child an earlier test left (test_early_load.py
    # and the command-line tests run glossa in fresh processes, where it forks)
    monkeypatch.setattr(early, "_can_fork", lambda: False)
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


@pytest.fixture(scope="session")
def bergamot():
    """The real bundled pt<->en engine (a hard dependency: missing models must fail tests)."""
    from glossa.engines import get_engine

    return get_engine("bergamot")
