"""French: only what glossa knows so far (articles in the source, inflection endings for
QA, abbreviations); no edits to a translation."""

from __future__ import annotations

from glossa.lang.base import Language, s_plural


class French(Language):
    code = "fr"
    function_words = frozenset("""
        à le la les de des du et en un une est que qui pour dans ne pas sur au aux par plus ce
        cette avec il elle sont nous vous leur mais ou été être
    """.split())
    abbreviations = frozenset("m mm mme mmes mlle dr pr av bd etc cie".split())
    number_abbreviations = frozenset("n no art p pp vol chap fig".split())
    definite_articles = frozenset({"le", "la", "les", "l", "du", "des", "au", "aux"})
    inflection_endings = frozenset({"", "s", "x", "e", "es", "al", "aux"})

    def is_plural_form(self, form: str, term: str) -> bool:
        return s_plural(form, term)


LANGUAGE = French()
