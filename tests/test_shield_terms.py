"""Term enforcement details found with the terms-eval sets (tests/data/terms-eval): the
article a source had before a term, agreement after plural terms, hyphenated compounds."""

from __future__ import annotations

import pytest

from glossa.glossary import loads
from glossa.glossary.morph import word_keys
from glossa.lang import language
from glossa.lang.pt import fix_after as fix_pt_after
from glossa.shield import prepare

GLOSSARY = loads(
    "en\tpt\n"
    "username\tnome de usuário\nsearch bar\tbarra de pesquisa\nControl Panel\tPainel de Controle\n"
    "NATO\tOTAN\nIMF\tFMI\nstakeholder\tparte interessada\ntask force\tforça-tarefa\n"
    "health minister\tministro da Saúde\nceasefire\tcessar-fogo\ne-mail address\t"
    "endereço de e-mail\ndark mode\tmodo escuro\n"
)


@pytest.mark.parametrize("src, text, output, expected", [
    # pt -> en: a definite article in the source comes back where the engine dropped it
    ("pt", "O nome de usuário não pode ter espaços.", "XT0X cannot contain spaces.",
     "The username cannot contain spaces."),
    ("pt", "Digite o endereço na barra de pesquisa.", "Type the address in XT0X.",
     "Type the address in the search bar."),
    ("pt", "Acesse o Painel de Controle.", "Go to Control Panel.",  # a name, written out
     "Go to the Control Panel."),
    ("pt", "Ative o modo escuro.", "Turn on the XT0X.", "Turn on the dark mode."),
    ("pt", "Ative modo escuro.", "Turn on XT0X.", "Turn on dark mode."),  # none in source
    ("pt", "As partes interessadas aprovaram.", "XT0X approved.", "The stakeholders approved."),
    ("pt", "Ele falou com as partes interessadas.", "He talked to XT0X.",
     "He talked to stakeholders."),  # a plural reads fine without
    # en -> pt: numerals and past verbs agree with a plural subject term
    ("en", "The stakeholders approved the plan.", "As XT0X aprovou o plano.",
     "As partes interessadas aprovaram o plano."),
    ("en", "Two task forces were set up.", "Dois XT0X foram criados.",
     "Duas forças-tarefa foram criadas."),
    ("en", "The health ministers met.", "Os XT0X se reuniu.",
     "Os ministros da Saúde se reuniram."),
])
def test_articles_and_agreement_around_masked_terms(src, text, output, expected):
    p = prepare(text, src, "pt" if src == "en" else "en", glossary=GLOSSARY)
    assert p.restore(output).text == expected


def test_initialisms_get_the_back_acronyms_do_not():
    p = prepare("A OTAN e o FMI assinaram.", "pt", "en", glossary=GLOSSARY)
    assert p.masked == "A NATO e o IMF assinaram."  # names are written out
    assert p.restore("NATO and IMF signed.").text == "NATO and the IMF signed."


@pytest.mark.parametrize("term, plural", [
    ("força-tarefa", "forças-tarefa"), ("cessar-fogo", "cessar-fogos"),
    ("secretário-geral", "secretários-gerais"), ("primeiro-ministro", "primeiros-ministros"),
    ("sexta-feira", "sextas-feiras"), ("vice-presidente", "vice-presidentes"),
    ("e-mail", "e-mails"), ("palavra-chave", "palavras-chave"),
    ("endereço de e-mail", "endereços de e-mail"), ("usina elétrica", "usinas elétricas"),
])
def test_portuguese_plural_of_compounds(term, plural):
    assert language("pt").pluralize(term) == plural


@pytest.mark.parametrize("text, src, form", [
    ("Duas forças-tarefa chegaram.", "pt", "forças-tarefa"),
    ("Os cessar-fogos falharam.", "pt", "cessar-fogos"),
    ("Update your e-mail addresses.", "en", "e-mail addresses"),
])
def test_hyphenated_terms_match_inflected(text, src, form):
    found = GLOSSARY.find(text, src)
    assert [m.form for m in found] == [form]
    term = found[0].entry.term(src)
    assert language(src).is_plural_form(form, term)


@pytest.mark.parametrize("right, expected", [
    (" aprovou o plano", " aprovaram o plano"), (" se reuniu", " se reuniram"),
    (" venceu", " venceram"), (" seu plano", " seu plano"), (" ou não", " ou não"),
    (" foi aprovado", " foram aprovadas"),
])
def test_plural_subject_verb(right, expected):
    assert fix_pt_after(right, "f", True, subject=True) == expected
    assert fix_pt_after(right, "f", True, subject=False) == right


@pytest.mark.parametrize(("singular", "plural"), [
    ("renovável", "renováveis"), ("fácil", "fáceis"), ("papel", "papéis"), ("barril", "barris"),
    ("automóvel", "automóveis"), ("hotel", "hotéis"),
])
def test_portuguese_l_plurals_follow_the_stress(singular, plural):
    assert language("pt").pluralize(singular) == plural
    assert word_keys(plural, "pt") & word_keys(singular, "pt")
