"""Language modules (glossa.lang): registered by code, imported lazily, and a language
without a module gets no grammar edits, never another language's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossa.glossary import loads
from glossa.lang import LANGUAGES, Language, Site, language
from glossa.qa.term import loosely_present
from glossa.shield import prepare

GLOSSARY = loads(
    "en\tpt\tde\tes\n"
    "security update\tatualização de segurança\tSicherheitsupdate\tactualización\n"
    "Southern Front\tFrente Sul\tSüdfront\tFrente Sur\n"
)

PT_EDITS = [  # (left, right) around a term that Portuguese grammar would change
    ("Instale o ", " foi instalado."),
    ("Os comandantes do ", " se reuniu."),
    ("Um novo ", " é instalado hoje."),
]


def test_modules_are_registered_by_code_and_imported_lazily():
    code = ("import sys, glossa.lang as L; before = 'glossa.lang.pt' in sys.modules; "
            "L.language('pt'); print(before, 'glossa.lang.pt' in sys.modules, "
            "'glossa.lang.ru' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True", "False"]


@pytest.mark.parametrize("code, module", [("pt", "pt"), ("pt-BR", "pt"), ("EN", "en"),
                                          ("uk", "uk"), ("ru_RU", "ru")])
def test_codes_resolve_to_their_module(code, module):
    assert language(code).code == module
    assert type(language(code)) is not Language


@pytest.mark.parametrize("code", ["de", "nl", "ja", None])
def test_a_language_without_a_module_is_neutral(code):
    grammar = language(code)
    assert type(grammar) is Language
    assert grammar.pluralize("Sicherheitsupdate") == "Sicherheitsupdate"
    assert grammar.inflect("Südfront", "mit der ", "ablt", True) == "Südfront"
    assert grammar.drop_article("von der ") == "von der "
    for left, right in PT_EDITS:
        site = Site(pos="noun f", plural=True)
        assert grammar.fix_before(left, "atualização", site) == left
        assert grammar.fix_after(right, "", "atualização", site) == right
    assert grammar.abbreviations == frozenset()


@pytest.mark.parametrize("tgt", ["de", "es"])
@pytest.mark.parametrize("left, right", PT_EDITS)
def test_targets_other_than_portuguese_get_no_portuguese_agreement(tgt, left, right):
    p = prepare("The security updates were installed.", "en", tgt, glossary=GLOSSARY)
    term = GLOSSARY.entries[0].term(tgt)
    # German nouns are capitalised: written in like a name, a token otherwise
    shown = "XT0X" if tgt == "es" else term
    assert p.masked == f"The {shown} were installed."
    assert p.restore(f"{left}{shown}{right}").text == f"{left}{term}{right}"


@pytest.mark.parametrize("left, right, expected", [
    ("Instale o ", " foi instalado.", "Instale as atualizações de segurança foi instalado."),
    ("", " foi instalado.", "Atualizações de segurança foram instaladas."),
])
def test_portuguese_still_gets_its_agreement(left, right, expected):
    p = prepare("The security updates were installed.", "en", "pt", glossary=GLOSSARY)
    assert p.restore(f"{left}XT0X{right}").text == expected


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_module_keeps_text_it_has_no_rule_for(code):
    grammar = language(code)
    site = Site()
    assert grammar.fix_before("", "X", site) == ""
    assert grammar.fix_after(".", "", "X", site) == "."
    assert isinstance(grammar.abbreviations, frozenset) and grammar.abbreviations
    assert grammar.word_variants("x") <= {"x"} | grammar.word_variants("x")


@pytest.mark.parametrize("code, left, case", [
    ("ru", "встреча с ", "ablt"), ("ru", "для ", "gent"),
    ("uk", "зустріч між ", "ablt"), ("uk", "від ", "gent"), ("uk", "завдяки ", "datv"),
    ("uk", "представники ", None),
])
def test_case_from_the_preposition_of_each_language(code, left, case):
    assert language(code).case_from_context(left) == case


@pytest.mark.parametrize("term, text, lang, count", [
    ("de segurança", "da segurança", "pt", 1),  # Portuguese contractions of "de"
    ("do it", "da it", "en", 0),  # ... are no English word forms
    ("energia renovável", "energias renováveis", "pt", 1),
    ("energia renovável", "energias renováveis", "de", 0),  # no module: no endings
])
def test_qa_loose_match_uses_the_target_language(term, text, lang, count):
    assert loosely_present(term, text, lang) == count
