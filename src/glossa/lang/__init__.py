"""Language modules: the grammar glossa applies to one language, behind one protocol
(glossa.lang.base.Language): sentence abbreviations, word forms and plurals, articles,
agreement, case inflection.

    language("pt").pluralize("atualização de segurança")  # "atualizações de segurança"
    language("de")                                          # no module: no grammar at all

Modules are registered by code and imported only when a language is first used.
"""

from __future__ import annotations

import importlib
from functools import cache

from glossa.lang.base import NO, UNSURE, YES, Language, Site

__all__ = ["LANGUAGES", "NO", "UNSURE", "YES", "Language", "Site", "all_languages",
           "language", "register"]

LANGUAGES: dict[str, str] = {  # code -> module defining LANGUAGE
    "en": "glossa.lang.en",
    "es": "glossa.lang.es",
    "fr": "glossa.lang.fr",
    "it": "glossa.lang.it",
    "pt": "glossa.lang.pt",
    "ru": "glossa.lang.ru",
    "uk": "glossa.lang.uk",
}


def register(code: str, module: str) -> None:
    """Add (or replace) the module of a language; it is imported on first use."""
    LANGUAGES[code] = module
    language.cache_clear()


@cache
def language(code: str | None) -> Language:
    """The grammar of ``code`` ("pt", "pt-BR"); a neutral Language for codes without a
    module (and for None), which changes nothing."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        return Language(base)
    return importlib.import_module(LANGUAGES[base]).LANGUAGE


def all_languages() -> list[Language]:
    """Every registered language (imports them all)."""
    return [language(code) for code in LANGUAGES]
