"""Word normalisation for term matching: what forms of a word count as "the same word".

Russian and Ukrainian use pymorphy3 lemmas (one analyzer per process, parses cached),
so "Южного фронта" matches "Южный фронт". Portuguese and English use a light suffix
rule set for plural (and, in Portuguese, gender) variants. Other languages compare
normalised surface forms only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

MORPH_LANGS = {"ru", "uk"}
_MIN_RULE_LEN = 4  # shorter words ("as", "is", "os") are never stripped


def norm(word: str) -> str:
    """NFC + casefold; Russian/Ukrainian ё is compared as е."""
    return unicodedata.normalize("NFC", word).casefold().replace("ё", "е")


@cache
def analyzer(lang: str):
    """The process-wide pymorphy3 analyzer for ru/uk, or None if its dictionary is missing."""
    if lang not in MORPH_LANGS:
        return None
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError):
        return None


@lru_cache(maxsize=100_000)
def parses(word: str, lang: str) -> tuple:
    morph = analyzer(lang)
    return tuple(morph.parse(word)) if morph else ()


_PT_RULES = [  # (suffix, replacement) applied to a plural/feminine form to get the base
    ("ões", "ão"), ("ães", "ão"), ("ãos", "ão"), ("éis", "el"), ("óis", "ol"), ("ais", "al"),
    ("eis", "il"), ("ns", "m"), ("res", "r"), ("zes", "z"), ("ses", "s"), ("s", ""),
]
_PT_GENDER = [("a", "o"), ("ora", "or"), ("esa", "ês")]
_EN_RULES = [("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"),
             ("’s", ""), ("'s", ""), ("s'", "s"), ("s", "")]


def _suffix_variants(word: str, rules) -> set[str]:
    out = set()
    if len(word) < _MIN_RULE_LEN:
        return out
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            out.add(word[: len(word) - len(suffix)] + repl)
    return out


@lru_cache(maxsize=100_000)
def word_keys(word: str, lang: str, head: bool = True) -> frozenset[str]:
    """Normalised forms under which ``word`` matches a glossary word.

    Two words match when their key sets intersect. ``head`` False (a word after the
    first of a Portuguese term, usually an adjective) also allows gender variants.
    """
    base = norm(word)
    keys = {base}
    if lang in MORPH_LANGS:
        keys |= {norm(p.normal_form) for p in parses(base, lang)}
    elif lang == "pt":
        variants = _suffix_variants(base, _PT_RULES)
        if not head:
            for form in [base, *variants]:
                variants |= _suffix_variants(form, _PT_GENDER)
        keys |= variants
    elif lang == "en":
        keys |= _suffix_variants(base, _EN_RULES)
    return frozenset(keys)


# --- inflecting a target term -------------------------------------------------------

RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_RU_PREP_CASE = {
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
_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")


def case_from_context(left: str, lang: str = "ru") -> str | None:
    """Grammatical case a noun phrase takes after ``left`` (the text before it), judged by
    the preposition right before it; None when nothing governs it visibly."""
    match = _WORD_BEFORE.search(left)
    if not match or lang not in MORPH_LANGS:
        return None
    return _RU_PREP_CASE.get(norm(match.group(1)))


def case_of_form(form: str, lang: str) -> tuple[str | None, str | None]:
    """(case, number) of a matched Russian/Ukrainian form, from its first inflecting word."""
    for word in re.findall(r"[\w-]+", form):
        for p in parses(norm(word), lang):
            if p.tag.case and p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}:
                return p.tag.case, p.tag.number
    return None, None


def _nominative_parse(word: str, lang: str):
    for p in parses(norm(word), lang):
        if p.tag.case == "nomn" and p.tag.POS in {"NOUN", "ADJF", "PRTF"}:
            return p
    return None


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_term(term: str, lang: str, case: str | None, number: str | None = None) -> str:
    """Put a nominative Russian/Ukrainian term into ``case`` (and ``number``).

    Leading words that can be nominative (adjectives, the head noun, apposed names)
    inflect; from the first word that cannot be nominative on (a genitive dependent
    such as "Безопасности" in "Совет Безопасности") the term is kept as written.
    """
    if not case or case == "nomn" and number in (None, "sing") or analyzer(lang) is None:
        return term
    pieces = re.split(r"([\w-]+)", term)
    inflecting = True
    for i in range(1, len(pieces), 2):
        word = pieces[i]
        parse = _nominative_parse(word, lang) if inflecting else None
        if parse is None or "Fixd" in parse.tag:
            inflecting = inflecting and parse is not None and "Fixd" in parse.tag
            continue
        wanted = {case} | ({number} if number else set())
        new = parse.inflect(wanted)
        if new is not None:
            pieces[i] = _match_case(word, new.word)
    return "".join(pieces)
