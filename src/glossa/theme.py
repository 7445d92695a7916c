"""Every named style glossa's terminal output uses, in one theme (rich's ``"rule.line"``
idea): renderables style text by name (``glossa.diff.insert``), never by colour, so the
look of every command is decided here.

rich is imported only when a console is made, so importing this module is free.
"""

from __future__ import annotations

from typing import Any

PALETTE = ("bold magenta", "bold cyan", "bold yellow", "bold green", "bold blue", "bold red")

STYLES: dict[str, str] = {
    # shared
    "glossa.title": "bold",
    "glossa.summary": "bold",
    "glossa.summary.label": "bold",
    "glossa.meta": "dim italic",
    "glossa.index": "dim",
    "glossa.id": "cyan",
    "glossa.lang": "bold cyan",
    "glossa.pair": "bold cyan",
    "glossa.path": "dim",
    "glossa.note": "dim",
    "glossa.score": "bold",
    "glossa.ok": "green",
    "glossa.warning": "yellow",
    "glossa.error": "bold red",
    "glossa.dim": "dim",
    # terms and glossaries
    "glossa.term": "bold underline",
    "glossa.form": "green",
    "glossa.verbatim": "magenta",
    "glossa.position": "yellow",
    # review
    "glossa.diff.insert": "bold green",
    "glossa.diff.delete": "red strike",
    "glossa.placeholder": "cyan",
    "glossa.issue.error": "bold red",
    "glossa.issue.warning": "yellow",
    "glossa.issue.info": "blue",
    "glossa.issue.span": "underline red",
    "glossa.tm.suggestion": "dim",
    "glossa.tm.diff": "dim underline",
    # translation memory
    "glossa.human": "green",
    "glossa.machine": "yellow",
    # detection: one colour per foreign language, in order of appearance
    **{f"glossa.detect.lang{i}": style for i, style in enumerate(PALETTE)},
    "glossa.detect.label": "dim italic",
    "glossa.detect.dominant": "bold",
}


def theme():
    """glossa's rich Theme."""
    from rich.theme import Theme

    return Theme(STYLES)


def make_console(stderr: bool = False, **options: Any):
    """A rich Console with glossa's theme and no automatic highlighting of user text."""
    from rich.console import Console

    options.setdefault("highlight", False)
    return Console(theme=theme(), stderr=stderr, **options)
