"""Every command and option says what it does, and the README covers every command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from glossa.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _all_parsers(parser, prefix="glossa"):
    yield prefix, parser
    for name, sub in _subparsers(parser):
        yield from _all_parsers(sub, f"{prefix} {name}")


def test_every_command_is_registered():
    assert [name for name, _ in _subparsers(build_parser())] == COMMANDS


@pytest.mark.parametrize(("name", "parser"), list(_all_parsers(build_parser())))
def test_every_option_has_help(name, parser):
    missing = [a.dest for a in parser._actions
               if not isinstance(a, argparse._SubParsersAction) and not a.help]
    assert not missing, f"{name}: options without help: {missing}"


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_tours_every_command(command):
    assert re.search(rf"`glossa {command}\b", README)


def test_readme_has_exactly_two_setup_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^pip install uv && uv run .+$", quick_start, flags=re.M)
    assert commands == [
        "pip install uv && uv run glossa translate examples/news-mixed.txt --to en -o -",
        "pip install uv && uv run pytest",
    ]
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install uv && uv run pytest" in ci
