"""Format registry: each format is a module with ``read(text, path) -> Document`` and
``write(doc) -> str``, chosen by extension or ``--format`` and imported lazily."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from glossa.errors import UsageError

FORMATS: dict[str, str] = {
    "txt": "glossa.formats.txt",
    "md": "glossa.formats.md",
    "po": "glossa.formats.po",
    "srt": "glossa.formats.srt",
    "docx": "glossa.formats.docx",
    "odt": "glossa.formats.odt",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".po": "po", ".pot": "po",
    ".srt": "srt",
    ".docx": "docx", ".odt": "odt",
}


def format_for(path: str | Path | None, requested: str = "auto") -> str:
    """Name of the format to use for ``path`` (unknown extensions are plain text)."""
    if requested != "auto":
        if requested not in FORMATS:
            raise UsageError(f"unknown format {requested!r}; choose one of: auto, "
                             + ", ".join(FORMATS))
        return requested
    if path is None or str(path) == "-":
        return "txt"
    return EXTENSIONS.get(Path(path).suffix.lower(), "txt")


def get_format(name: str) -> ModuleType:
    try:
        return importlib.import_module(FORMATS[name])
    except KeyError:
        raise UsageError(f"unknown format {name!r}") from None
