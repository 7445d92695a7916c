"""Spanish: only what glossa knows so far (articles in the source, inflection endings for
QA, abbreviations); no edits to a translation."""

from __future__ import annotations

from glossa.lang.base import Language, s_plural


class Spanish(Language):
    code = "es"
    function_words = frozenset("""
        a el la los las de del que y en un una es por con para no se lo al su sus como más pero
        está son este esta fue ha muy también sobre entre cuando todo todos
    """.split())
    abbreviations = frozenset("sr sra srs sres srta dr dra ud uds av etc cía ltda".split())
    number_abbreviations = frozenset("núm art pág págs vol cap fig".split())
    definite_articles = frozenset({"el", "la", "los", "las", "del", "al"})
    inflection_endings = frozenset({"", "s", "es", "a", "o", "as", "os", "z", "ces"})
    linked_words = {"de": "de", "del": "de"}

    def is_plural_form(self, form: str, term: str) -> bool:
        return s_plural(form, term)


LANGUAGE = Spanish()
