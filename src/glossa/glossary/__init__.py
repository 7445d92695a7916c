"""Glossaries (termbases): load, match, enforce, verify.

    g = load_glossaries(["news.tsv", "client.tbx"])   # later files win
    g.find("Bombardeios da Frente Sul", "pt")          # [TermMatch(14, 24, entry, "Frente Sul")]
    g.verify(source, output, "pt", "en")              # [TermMiss(...)] when a term was missed
    tb = g.compile()                                  # immutable, indexed: what a run shares
"""

from __future__ import annotations

from glossa.errors import GlossaryError
from glossa.glossary.io import (
    dumps,
    format_of,
    load_glossaries,
    load_glossary,
    loads,
    merge,
    save_glossary,
)
from glossa.glossary.match import TermMatch, TermMiss, tokenize
from glossa.glossary.model import ALL_LANGS, Entry, Glossary, RawLine
from glossa.glossary.termbase import Termbase

__all__ = ["ALL_LANGS", "Entry", "Glossary", "GlossaryError", "RawLine", "TermMatch",
           "TermMiss", "Termbase", "dumps", "format_of", "load_glossaries", "load_glossary",
           "loads", "merge", "save_glossary", "tokenize"]
