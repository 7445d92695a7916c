"""Ukrainian: pymorphy3 lemmas and case inflection (see glossa.lang._slavic), with
Ukrainian prepositions and abbreviations."""

from __future__ import annotations

from glossa.lang._slavic import Slavic


class Ukrainian(Slavic):
    code = "uk"
    function_words = frozenset("""
        і й в у не на що з із по як це він вона вони але до від за та же б був було бути ми ви
        його її їх так для вже або тільки все
    """.split())
    abbreviations = frozenset(
        """р рр т ім вул просп пров буд м с див рис табл тис млн млрд грн коп проф акад
        доц напр т.зв т.д т.п ін ст""".split())
    number_abbreviations = frozenset("""гл ч п кв""".split())
    preposition_case = {
        "без": "gent", "для": "gent", "до": "gent", "від": "gent", "од": "gent",
        "біля": "gent", "після": "gent", "проти": "gent", "серед": "gent", "навколо": "gent",
        "крім": "gent", "замість": "gent", "із-за": "gent", "з-під": "gent", "щодо": "gent",
        "завдяки": "datv", "згідно": "datv",
        "через": "accs", "про": "accs", "крізь": "accs",
        "над": "ablt", "під": "ablt", "перед": "ablt", "між": "ablt", "за": "ablt",
        "при": "loct", "у": "loct", "в": "loct", "на": "loct", "по": "loct",
    }


LANGUAGE = Ukrainian()
