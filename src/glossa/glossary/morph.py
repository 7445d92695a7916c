"""Word normalisation for term matching: which forms of a word count as "the same word".

The forms come from the language modules (glossa.lang): pymorphy3 lemmas for Russian and
Ukrainian ("Южного фронта" matches "Южный фронт"), light suffix rules for Portuguese and
English plurals (and Portuguese gender). A language without a module compares normalised
surface forms only.
"""

from __future__ import annotations

from functools import lru_cache

from glossa.lang import language
from glossa.lang.base import norm

__all__ = ["norm", "word_keys"]


@lru_cache(maxsize=200_000)
def word_keys(word: str, lang: str, head: bool = True) -> frozenset[str]:
    """Normalised forms under which ``word`` matches a glossary word.

    Two words match when their key sets intersect. ``head`` False (a word after the
    first of a term, in Portuguese usually an adjective) also allows gender variants.
    Cached for the words of the text; compiling a termbase uses ``compute_keys`` so its
    hundred thousand term words do not push the text's words out of the cache.
    """
    return compute_keys(word, lang, head)


def compute_keys(word: str, lang: str, head: bool = True) -> frozenset[str]:
    """``word_keys`` without the cache."""
    base = norm(word)
    grammar = language(lang)
    if grammar.hyphen_compounds and "-" in base.strip("-"):
        return frozenset({base} | _compound_keys(base, lang))
    return frozenset({base} | grammar.word_variants(base, head))


def _compound_keys(word: str, lang: str) -> set[str]:
    """Hyphenated words inflect part by part: "forças-tarefa" is a form of "força-tarefa",
    "cessar-fogos" of "cessar-fogo", "check-ins" of "check-in"."""
    combos = [""]
    for i, part in enumerate(word.split("-")):
        forms = sorted(word_keys(part, lang, head=i == 0)) if part else [""]
        combos = [f"{c}-{f}" if i else f for c in combos for f in forms][:64]
    return set(combos)
