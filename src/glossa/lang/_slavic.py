"""What Russian and Ukrainian share: pymorphy3 lemmas for matching ("Южного фронта" is a
form of "Южный фронт"), and a term put into the case its preposition governs."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from glossa.lang.base import Language, match_case, norm


@cache
def analyzer(lang: str):
    """The process-wide pymorphy3 analyzer for ru/uk, or None if its dictionary is missing."""
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError):
        return None


@lru_cache(maxsize=100_000)
def parses(word: str, lang: str) -> tuple:
    morph = analyzer(lang)
    return tuple(morph.parse(word)) if morph else ()


def case_of_form(form: str, lang: str) -> tuple[str | None, str | None]:
    """(case, number) of a matched form, from its first inflecting word."""
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


def inflect_term(term: str, lang: str, case: str | None, number: str | None = None) -> str:
    """Put a nominative term into ``case`` (and ``number``).

    Adjectives up to the head noun inflect, and so do names apposed to it ("Александр
    Лаврентьев"); what follows the head (a genitive dependent such as "Безопасности" in
    "Совет Безопасности") is kept as written.
    """
    if not case or case == "nomn" and number in (None, "sing") or analyzer(lang) is None:
        return term
    pieces = re.split(r"([\w-]+)", term)
    head_seen = False
    for i in range(1, len(pieces), 2):
        word = pieces[i]
        parse = _nominative_parse(word, lang)
        if parse is None:
            break
        is_name = bool({"Name", "Surn", "Patr"} & set(parse.tag.grammemes))
        if head_seen and not is_name:
            break
        if "Fixd" in parse.tag:
            continue
        new = parse.inflect({case} | ({number} if number else set()))
        if new is not None:
            pieces[i] = match_case(word, new.word)
        head_seen = head_seen or parse.tag.POS == "NOUN"
    return "".join(pieces)


_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")


class Slavic(Language):
    """A language with pymorphy3 dictionaries and six cases."""

    case_inflection = True
    preposition_case: dict[str, str] = {}  # the case a preposition governs

    def word_variants(self, word: str, head: bool = True) -> set[str]:
        return {norm(p.normal_form) for p in parses(word, self.code)}

    def is_plural_form(self, form: str, term: str) -> bool:
        return case_of_form(form, self.code)[1] == "plur" and \
            case_of_form(term, self.code)[1] != "plur"

    def case_of(self, form: str) -> str | None:
        return case_of_form(form, self.code)[0]

    def case_from_context(self, left: str) -> str | None:
        """Case a noun phrase takes after ``left``, judged by the preposition right before
        it; None when nothing governs it visibly."""
        match = _WORD_BEFORE.search(left)
        return self.preposition_case.get(norm(match.group(1))) if match else None

    def pluralize(self, term: str) -> str:
        return inflect_term(term, self.code, "nomn", "plur")

    def inflect(self, term: str, left: str, case: str | None, plural: bool) -> str:
        return inflect_term(term, self.code, case or self.case_from_context(left),
                            "plur" if plural else None)
