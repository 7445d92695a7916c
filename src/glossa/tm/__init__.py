"""Translation memory: reuse of earlier translations, TMX/PO exchange, fuzzy matches.

    from glossa.tm import open_tm, fuzzy_matches
    tm = open_tm()  # data_dir()/tm.sqlite; GLOSSA_DATA_DIR moves it
    tm.store_many([("Good morning.", "Bom dia.")], "en", "pt", origin="human")
    fuzzy_matches("Good morning!", "en", "pt", limit=3, threshold=70, tm=tm)
    # -> [FuzzyMatch(source='Good morning.', target='Bom dia.', score=..., origin='human', ...)]
"""

from __future__ import annotations

from pathlib import Path

from glossa.tm.store import (
    SCHEMA_VERSION,
    FuzzyMatch,
    TMEntry,
    TMError,
    TranslationMemory,
    default_threshold,
)

__all__ = ["TranslationMemory", "TMEntry", "FuzzyMatch", "TMError", "SCHEMA_VERSION",
           "TM_IMPORTERS", "default_tm_path", "open_tm", "fuzzy_matches", "default_threshold",
           "read_entries"]


#: TM importers: extension -> "module:function" taking (path, src, tgt, origin) and
#: returning TMEntry objects, imported on first use (glossa.registry). Bilingual formats
#: go through their format's units() (glossa.tm.bilingual).
TM_IMPORTERS: dict[str, str] = {
    ".tmx": "glossa.tm.tmx:read_tmx",
    **dict.fromkeys((".po", ".pot", ".xlf", ".xliff", ".sdlxliff"),
                    "glossa.tm.bilingual:read_units"),
}


def read_entries(path: str | Path, src: str | None = None, tgt: str | None = None,
                 origin: str | None = None) -> list[TMEntry]:
    """The entries of a file to import, read by the importer its extension names."""
    from glossa.errors import UsageError
    from glossa.registry import load_plugin

    suffix = Path(path).suffix.lower()
    if suffix not in TM_IMPORTERS:
        raise UsageError(f"{path}: cannot import {suffix or 'this file'}; glossa imports "
                         f"{', '.join(TM_IMPORTERS)} files")
    return load_plugin("TM importer", TM_IMPORTERS, suffix)(path, src, tgt, origin)


def default_tm_path() -> Path:
    """Where the TM lives unless --tm says otherwise: glossa's data dir / tm.sqlite."""
    from glossa.config import data_dir

    return data_dir() / "tm.sqlite"


def open_tm(path: str | Path | None = None, create: bool = True) -> TranslationMemory:
    """Open (creating if needed) the TM at ``path`` or the default location."""
    return TranslationMemory(default_tm_path() if path is None else path, create=create)


def fuzzy_matches(text: str, src: str, tgt: str, limit: int = 5,
                  threshold: float | None = None,
                  tm: TranslationMemory | str | Path | None = None) -> list[FuzzyMatch]:
    """Similar earlier translations of ``text`` for review; never applied automatically.

    ``tm`` is an open TranslationMemory, a path, or None for the default TM (a
    missing default TM simply has no matches). See TranslationMemory.fuzzy_matches.
    """
    if not isinstance(tm, TranslationMemory):
        path = default_tm_path() if tm is None else Path(tm)
        if not path.exists():
            return []
        with TranslationMemory(path) as opened:
            return opened.fuzzy_matches(text, src, tgt, limit, threshold)
    return tm.fuzzy_matches(text, src, tgt, limit, threshold)
