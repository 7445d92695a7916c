"""Term matching (inflections, case rules, longest match), verification, morphology."""

from __future__ import annotations

import pytest

from glossa.glossary import loads
from glossa.lang import language
from glossa.lang._slavic import inflect_term
from glossa.lang.pt import fix_determiners as fix_pt_determiners
from glossa.lang.pt import gender_number as pt_gender_number
from glossary_helpers import sample


def case_from_context(left: str, lang: str) -> str | None:
    return language(lang).case_from_context(left)


def pluralize(term: str, lang: str) -> str:
    return language(lang).pluralize(term)


@pytest.mark.parametrize("text, lang, forms", [
    ("Os comandantes da Frente Sul rejeitaram.", "pt", ["Frente Sul"]),
    ("Представители Южного фронта и Южному фронту", "ru", ["Южного фронта", "Южному фронту"]),
    ("Совету Безопасности ООН", "ru", ["Совету Безопасности"]),
    ("Instale as atualizações de segurança.", "pt", ["atualizações de segurança"]),
    ("Security updates are installed.", "en", ["Security updates"]),
    ("Tap Log in, then log in again.", "en", ["Log in", "log in"]),
    ("the security council met", "en", []),  # capitals in the glossary are required
    ("THE SECURITY COUNCIL MET", "en", ["SECURITY COUNCIL"]),
    ("apple pay and Apple Pay", "en", ["Apple Pay"]),  # case: sensitive
    ("a Frente Sulista", "pt", []),  # word boundaries
    ("Modos escuros e modo escuro", "pt", ["Modos escuros", "modo escuro"]),
    ("A Frente\u0301 Sul", "pt", []),
])
def test_find_forms(text, lang, forms):
    matches = sample().find(text, lang)
    assert [m.form for m in matches] == forms
    assert all(text[m.start:m.end] == m.form for m in matches)


def test_longest_match_first_and_non_overlapping():
    g = loads("en\tpt\nSecurity\tSegurança\nSecurity Council\tConselho de Segurança\n"
              "Council\tConselho\n")
    matches = g.find("The Security Council and the Council", "en")
    assert [(m.form, m.term) for m in matches] == [("Security Council", "Security Council"),
                                                   ("Council", "Council")]


def test_nfc_normalisation():
    g = loads("en\tpt\nhealth\tsaúde\n")
    decomposed = "a sau\u0301de"
    (m,) = g.find(decomposed, "pt")
    assert decomposed[m.start:m.end] == "sau\u0301de"


def test_terms_with_punctuation():
    g = loads("en\tpt\nC++\tC++\nCtrl+Shift+Esc\tCtrl+Shift+Esc\n")
    assert [m.form for m in g.find("Use C++ or C; press Ctrl+Shift+Esc.", "en")] == [
        "C++", "Ctrl+Shift+Esc"]


@pytest.mark.parametrize("source, output, kinds", [
    ("A Frente Sul atacou.", "The Southern Front attacked.", []),
    ("A Frente Sul atacou.", "The South Front attacked.", ["missing"]),
    ("A Frente Sul e a Frente Sul.", "The Southern Front and it.", ["missing"]),
    ("Nada.", "Frente do Sul", ["forbidden"]),
])
def test_verify(source, output, kinds):
    misses = sample().verify(source, output, "pt", "en" if "Frente do" not in output else "pt")
    assert [m.kind for m in misses] == kinds
    assert all(str(m) for m in misses)


def test_verify_accepts_inflected_russian_target():
    assert sample().verify("The Southern Front said", "Представители Южного фронта", "en",
                           "ru") == []


@pytest.mark.parametrize("term, case, expected", [
    ("Южный фронт", "gent", "Южного фронта"),
    ("Совет Безопасности", "datv", "Совету Безопасности"),
    ("Александр Лаврентьев", "ablt", "Александром Лаврентьевым"),
    ("Исламское государство", "loct", "Исламском государстве"),
    ("Центральный банк России", "gent", "Центрального банка России"),
    ("Южный фронт", None, "Южный фронт"),
])
def test_inflect_russian(term, case, expected):
    assert inflect_term(term, "ru", case) == expected


@pytest.mark.parametrize("left, case", [
    ("представители ", None), ("встреча с ", "ablt"), ("заявление ", None), ("для ", "gent"),
    ("по ", "datv"), ("о ", "loct"),
])
def test_case_from_context(left, case):
    assert case_from_context(left, "ru") == case


@pytest.mark.parametrize("term, lang, plural", [
    ("security update", "en", "security updates"), ("Board of Directors", "en",
                                                    "Boards of Directors"),
    ("earnings per share", "en", "earnings per share"), ("policy", "en", "policies"),
    ("atualização de segurança", "pt", "atualizações de segurança"),
    ("modo escuro", "pt", "modos escuros"), ("papel", "pt", "papéis"),
    ("Южный фронт", "ru", "Южные фронты"),
])
def test_pluralize(term, lang, plural):
    assert pluralize(term, lang) == plural


@pytest.mark.parametrize("term, pos, expected", [
    ("Frente Sul", "", ("f", False)), ("Conselho de Segurança", "", ("m", False)),
    ("Configurações", "", ("f", True)), ("sistema", "", ("m", False)),
    ("Bolsa Família", "noun m", ("m", False)),
])
def test_pt_gender(term, pos, expected):
    assert pt_gender_number(term, pos) == expected


@pytest.mark.parametrize("left, gender, plural, fixed", [
    ("Comandantes do ", "f", False, "Comandantes da "),
    ("no topo do seu ", "f", False, "no topo da sua "),
    ("O ", "f", True, "As "),
    ("Abra o ", "m", False, "Abra o "),
    ("vai para a ", "m", False, "vai para a "),  # "a" may be a preposition: left alone
])
def test_fix_pt_determiners(left, gender, plural, fixed):
    assert fix_pt_determiners(left, gender, plural) == fixed
