"""Russian: pymorphy3 lemmas and case inflection (see glossa.lang._slavic)."""

from __future__ import annotations

from glossa.lang._slavic import Slavic


class Russian(Slavic):
    code = "ru"
    function_words = frozenset("""
        и в не на что с по как это он она они но из у к за от то же бы был было быть мы вы его
        её их так для уже или только все
    """.split())
    abbreviations = frozenset(
        """г гг т тт стр см им ул пер просп д рис табл тыс млн млрд руб коп проф акад
        доц напр ср т.е т.к т.д т.п др пр н.э в вв""".split())
    number_abbreviations = frozenset("""ст гл ч п кв""".split())
    preposition_case = {
        "без": "gent", "для": "gent", "до": "gent", "из": "gent", "от": "gent", "у": "gent",
        "около": "gent", "после": "gent", "против": "gent", "среди": "gent", "вокруг": "gent",
        "возле": "gent", "кроме": "gent", "вместо": "gent", "из-за": "gent", "из-под": "gent",
        "к": "datv", "ко": "datv", "по": "datv", "благодаря": "datv", "согласно": "datv",
        "через": "accs", "про": "accs", "сквозь": "accs",
        "с": "ablt", "со": "ablt", "над": "ablt", "под": "ablt", "перед": "ablt",
        "между": "ablt", "за": "ablt",
        "о": "loct", "об": "loct", "обо": "loct", "при": "loct", "в": "loct", "во": "loct",
        "на": "loct",
    }


LANGUAGE = Russian()
