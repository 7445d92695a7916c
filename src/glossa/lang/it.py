"""Italian: only what glossa knows so far (articles in the source, inflection endings for
QA, abbreviations); no edits to a translation."""

from __future__ import annotations

from glossa.lang.base import Language


class Italian(Language):
    code = "it"
    function_words = frozenset("""
        a il lo la gli le di del della che e è un una per non sono con si nel nella dei delle
        questo questa anche più come ma alla al
    """.split())
    abbreviations = frozenset("sig sigg sig.ra dott dott.ssa prof ing avv geom ecc".split())
    number_abbreviations = frozenset("n art pag pagg vol cap fig".split())
    definite_articles = frozenset({"il", "lo", "la", "i", "gli", "le", "del", "della", "dei",
                                   "degli", "delle", "al", "alla", "nel", "nella"})
    inflection_endings = frozenset({"", "a", "o", "e", "i"})


LANGUAGE = Italian()
