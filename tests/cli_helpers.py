"""Shorthands for CLI runs that tests repeat with a few options changed."""

from __future__ import annotations


def translate(cli, *args, source: str | None = "en", target: str = "pt", out=None):
    """``glossa translate ARGS [--from SOURCE] --to TARGET [-o OUT]`` through the ``cli``
    fixture (the inputs first in ``args``, as the command line takes them)."""
    languages = [*(["--from", source] if source else []), "--to", target]
    return cli(["translate", *args, *languages, *(["-o", out] if out is not None else [])])
