"""Loading and saving glossaries in every supported format, chosen by extension."""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from pathlib import Path

from glossa.errors import GlossaryError
from glossa.fileio import atomic_write, read_text
from glossa.glossary.model import Entry, Glossary
from glossa.glossary.morph import norm
from glossa.registry import load_plugin

#: Extension -> glossary format name.
FORMATS = {".tsv": "tsv", ".tab": "tsv", ".txt": "tsv", ".csv": "csv", ".tbx": "tbx",
           ".xml": "tbx", ".po": "po", ".pot": "po"}

#: Glossary formats: name -> a module (or object) with ``parse(text, path, **options)`` and
#: ``dumps(glossary, **options)``, imported on first use (glossa.registry); PO's options
#: are ``src`` and ``tgt``, and a format ignores options it does not know.
GLOSSARY_FORMATS: dict[str, str] = {
    "tsv": "glossa.glossary.tsv:TSV",
    "csv": "glossa.glossary.tsv:CSV",
    "tbx": "glossa.glossary.tbx",
    "po": "glossa.glossary.po",
}


def format_of(path: str | Path, requested: str | None = None) -> str:
    if requested:
        if requested not in GLOSSARY_FORMATS:
            raise GlossaryError(f"unknown glossary format {requested!r}; choose one of: "
                                f"{', '.join(GLOSSARY_FORMATS)}", str(path))
        return requested
    return FORMATS.get(Path(path).suffix.lower(), "tsv")


def _plugin(fmt: str):
    return load_plugin("glossary format", GLOSSARY_FORMATS, fmt)


def loads(text: str, fmt: str = "tsv", path: str | None = None, **options) -> Glossary:
    """Parse glossary text of format ``fmt`` (tsv, csv, tbx, po)."""
    return _plugin(fmt).parse(text, path, **options)


def dumps(glossary: Glossary, fmt: str = "tsv", **options) -> str:
    """Serialise a glossary; ``po`` needs ``src`` and ``tgt`` (one language pair)."""
    return _plugin(fmt).dumps(glossary, **options)


def load_glossary(path: str | Path, fmt: str | None = None, **options) -> Glossary:
    """Read one glossary file; malformed files raise GlossaryError naming file and line."""
    fmt = format_of(path, fmt)
    if fmt == "po":  # decoded by its header's charset, as every PO reader does
        from glossa.fileio import read_bytes
        from glossa.formats.po import decode

        text = decode(read_bytes(path), "<stdin>" if str(path) == "-" else str(path))
    else:
        text = read_text(path)
    return loads(text, fmt, str(path), **options)


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None,
                  **options) -> None:
    """Write atomically; the format follows the extension unless ``fmt`` is given."""
    atomic_write(path, dumps(glossary, format_of(path, fmt), **options))


def _keys(entry: Entry) -> set[tuple[str, str]]:
    return {(lang, norm(term)) for lang, term in entry.terms.items() if term}


def merge(glossaries: Iterable[Glossary]) -> Glossary:
    """One glossary from several; an entry sharing a term with an earlier entry replaces
    it (later files win), keeping the earlier entry's terms in languages it lacks."""
    merged = Glossary()
    entries: list[Entry] = []
    for glossary in glossaries:
        for column in glossary.columns:
            if column not in merged.columns:
                merged.columns.append(column)
        for entry in glossary.entries:
            new = deepcopy(entry)
            keys = _keys(new)
            conflicts = [e for e in entries if _keys(e) & keys]
            terms: dict[str, str] = {}
            for old in conflicts:
                terms.update(old.terms)
            terms.update(new.terms)
            new.terms = terms
            entries = [e for e in entries if e not in conflicts] + [new]
    for number, entry in enumerate(entries, 1):
        entry.id = number
    merged.rows = list(entries)
    return merged


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge ``--glossary`` files in order (later files win)."""
    loaded = [load_glossary(p) for p in paths]
    if len(loaded) == 1:
        return loaded[0]
    return merge(loaded)
