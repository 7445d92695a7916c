"""Format registry: each format is a module with ``read(text, path) -> Document`` and
``write(doc) -> str``, chosen by extension or ``--format`` and imported lazily."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from glossa.errors import UsageError
from glossa.registry import load_plugin

FORMATS: dict[str, str] = {
    "txt": "glossa.formats.txt",
    "md": "glossa.formats.md",
    "po": "glossa.formats.po",
    "srt": "glossa.formats.srt",
    "xliff": "glossa.formats.xliff",
    "json": "glossa.formats.jsoncat",
    "arb": "glossa.formats.arb",
    "yaml": "glossa.formats.yamlcat",
    "html": "glossa.formats.html",
    "docx": "glossa.formats.docx",
    "odt": "glossa.formats.odt",
}

#: Formats holding source and translation in one file: the only ones ``--in-place`` updates.
BILINGUAL = ("po", "xliff")

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".po": "po", ".pot": "po",
    ".srt": "srt",
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff",
    ".json": "json", ".arb": "arb",
    ".yml": "yaml", ".yaml": "yaml",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".odt": "odt",
}


def format_for(path: str | Path | None, requested: str = "auto",
               head: str | bytes | None = None) -> str:
    """Name of the format to use for ``path``.

    A known extension decides; an unknown one is refused (UsageError naming
    ``--format txt``) rather than translated as text and broken. Stdin and
    extension-less files are sniffed from ``head`` (their first bytes): each format's
    ``sniff(head)`` is asked, structured formats before Markdown, then plain text.
    """
    if requested != "auto":
        if requested not in FORMATS:
            raise UsageError(f"unknown format {requested!r}; choose one of: auto, "
                             + ", ".join(FORMATS))
        return requested
    suffix = "" if path is None or str(path) == "-" else Path(path).suffix.lower()
    if suffix:
        if suffix not in EXTENSIONS:
            raise UsageError(f"{path}: glossa has no format for {suffix} files; use "
                             f"`--format txt` to translate it as plain text (or --format "
                             f"{'|'.join(FORMATS)})")
        return EXTENSIONS[suffix]
    return sniff_format(head) if head is not None else "txt"


#: Formats whose sniff is weak evidence are asked last.
_SNIFF_LAST = ("md",)


def sniff_format(head: str | bytes) -> str:
    """The first format whose ``sniff`` accepts ``head``; "txt" if none does."""
    if isinstance(head, bytes):
        head = head[:8192].decode("utf-8", "replace")
    head = head[:8192].lstrip("\ufeff")
    names = sorted((n for n in FORMATS if n != "txt"), key=lambda n: n in _SNIFF_LAST)
    for name in names:
        try:
            sniff = getattr(get_format(name), "sniff", None)
        except ImportError:  # an optional format whose library is not installed
            continue
        if sniff is not None and sniff(head):
            return name
    return "txt"


def get_format(name: str) -> ModuleType:
    """The format module registered as ``name`` (see formats/base.py for its contract)."""
    return load_plugin("format", FORMATS, name)
