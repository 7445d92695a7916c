"""The sentence around an enforced term: articles before names, agreement after terms,
finding names the engine was given written out; protected spans always come back exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.document import Span
from glossa.glossary import loads
from glossa.lang import NO, UNSURE, YES, language
from glossa.lang.en import fix_after as fix_en_after
from glossa.lang.pt import fix_after as fix_pt_after
from glossa.shield import locate, prepare


def drop_article(left: str, tgt: str) -> str:
    return language(tgt).drop_article(left)


def source_article(left: str, src: str) -> str:
    return language(src).article_before(left)

GLOSSARY = loads(
    "en\tpt\tpos\n"
    "Alexander Lavrentyev\tAlexander Lavrentyev\t\n"
    "Sergei Lavrov\tSerguei Lavrov\t\n"
    "Southern Front\tFrente Sul\t\n"
    "Ankara\tAncara\t\n"
    "Mercosur\tMercosul\torg\n"
    "security update\tatualização de segurança\t\n"
    "Task Manager\tGerenciador de Tarefas\t\n"
)


@pytest.mark.parametrize("left, tgt, expected", [
    ("o plano apresentado pelo ", "pt", "o plano apresentado por "),
    ("A proposta do ", "pt", "A proposta de "),
    ("conversas com o ", "pt", "conversas com "),
    ("ocorreram na ", "pt", "ocorreram em "),
    ("perguntaram ao ", "pt", "perguntaram a "),
    ("chegou à ", "pt", "chegou a "),
    ("Pelo ", "pt", "Por "),
    ("chegou a ", "pt", "chegou a "),  # a lone "a" is as often the preposition
    ("apresentado por ", "pt", "apresentado por "),
    ("is going to the ", "en", "is going to "),
    ("met ", "en", "met "),
])
def test_drop_article(left, tgt, expected):
    assert drop_article(left, tgt) == expected


@pytest.mark.parametrize("left, src, expected", [
    ("apresentado por ", "pt", NO),
    ("Os comandantes da ", "pt", YES),
    ("", "pt", NO),
    ("A ", "pt", YES),
    ("falou com a ", "pt", YES),
    ("vai a ", "pt", UNSURE),  # preposition or article: cannot tell
    ("chegou uma ", "pt", UNSURE),
    ("presented by ", "en", NO),
    ("commanders of the ", "en", YES),
    ("the Bank's ", "en", YES),
])
def test_source_article(left, src, expected):
    assert source_article(left, src) == expected


@pytest.mark.parametrize("right, gender, plural, subject, expected", [
    (" é instalado hoje.", "f", True, True, " são instaladas hoje."),
    (" foi instalado por ele.", "f", False, True, " foi instalada por ele."),
    (" são instalados.", "m", False, True, " é instalado."),
    (" é instalado.", "f", True, False, " é instalado."),  # not the subject: kept
    (" está disponível.", "f", True, True, " estão disponível."),
    (" abriu a porta.", "f", False, True, " abriu a porta."),
])
def test_fix_pt_after(right, gender, plural, subject, expected):
    assert fix_pt_after(right, gender, plural, subject) == expected


@pytest.mark.parametrize("right, plural, expected", [
    (" is installed.", True, " are installed."),
    (" Was installed", True, " Were installed"),
    (" are ready", False, " is ready"),
    (" arrived", True, " arrived"),
])
def test_fix_en_after(right, plural, expected):
    assert fix_en_after(right, plural) == expected


@pytest.mark.parametrize("output, term, taken, expected", [
    ("met Serguei Lavrov in", "Serguei Lavrov", [], "Serguei Lavrov"),
    ("met serguei  lavrov in", "Serguei Lavrov", [], "serguei  lavrov"),
    ("met Sergei Lavrov in", "Serguei Lavrov", [], "Sergei Lavrov"),
    ("returned to Brasilia after", "Brasília", [], "Brasilia"),
    ("open de Tarefas now", "Gerenciador de Tarefas", [], None),
    ("Lavrov met Lavrov", "Lavrov", [(0, 6)], "Lavrov"),
    ("the envoy spoke", "Alexander Lavrentyev", [], None),
])
def test_locate(output, term, taken, expected):
    span = locate(output, term, taken)
    assert (output[span[0]:span[1]] if span else None) == expected
    if span:
        assert span[0] not in range(*taken[0]) if taken else True


@pytest.mark.parametrize("src, tgt, text, first, second_out, expected", [
    # the engine mangles a name written in, the retry masks it and adds an article
    ("en", "pt", "The plan was presented by Alexander Lavrentyev.",
     "O plano foi apresentado por Alexandre.", "O plano foi apresentado pelo ZXQ0.",
     "O plano foi apresentado por Alexander Lavrentyev."),
    ("en", "pt", "Talks with Sergei Lavrov took place in Ankara.",
     "As conversas com Sergio ocorreram em Ankara.",
     "As conversas com o ZXQ0 ocorreram na ZXQ1.",
     "As conversas com Serguei Lavrov ocorreram em Ancara."),
    ("pt", "en", "Ele vai para Ancara amanhã.", "He goes to Angora tomorrow.",
     "He goes to the ZXQ0 tomorrow.", "He goes to Ankara tomorrow."),
    # an article in the source: kept and made to agree
    ("en", "pt", "The commanders of the Southern Front met.", "Os comandantes se reuniram.",
     "Os comandantes do ZXQ0 se reuniram.", "Os comandantes da Frente Sul se reuniram."),
    # a pos column saying "org" keeps the article the engine chose
    ("en", "pt", "Delegates from Mercosur met.", "Delegados se reuniram.",
     "Delegados do ZXQ0 se reuniram.", "Delegados do Mercosul se reuniram."),
])
def test_retry_masks_lost_names_and_fixes_articles(src, tgt, text, first, second_out, expected):
    p = prepare(text, src, tgt, glossary=GLOSSARY)
    assert "XT0X" not in p.masked  # names are written in first
    assert p.restore(first).lost
    retry = p.fallback()
    out = retry.restore(second_out)
    assert out.text == expected and not out.lost


@pytest.mark.parametrize("text, output, expected", [
    ("Security updates are installed automatically.",
     "XT0X é instalado automaticamente.",
     "Atualizações de segurança são instaladas automaticamente."),
    # the source's article comes back at sentence start: the glossary's lowercase form stays
    ("As atualizações de segurança são instaladas hoje.", "XT0X is installed today.",
     "The security updates are installed today."),
    ("A new security update is available.", "Um novo XT0X está disponível.",
     "Uma nova atualização de segurança está disponível."),
])
def test_agreement_around_masked_terms(text, output, expected):
    src, tgt = ("pt", "en") if text.startswith("As ") else ("en", "pt")
    p = prepare(text, src, tgt, glossary=GLOSSARY)
    assert p.restore(output).text == expected


_WORDS = ["pelo", "do", "o", "a", "the", "é", "instalado", "são", "is", "foi", "por", "em"]


@settings(max_examples=200, deadline=None)
@given(protected=st.lists(st.text(alphabet=" `*%sdo{}ab", min_size=1, max_size=6),
                          min_size=1, max_size=3),
       fillers=st.lists(st.lists(st.sampled_from(_WORDS), max_size=3), min_size=6, max_size=6))
def test_protected_spans_restored_exactly_whatever_surrounds_them(protected, fillers):
    """Article and agreement fixes never reach into protected text, next to names, terms
    or other protected spans."""
    text, spans = "Sent by", []
    for i, piece in enumerate(protected):
        text += " " + ("to the security updates and Alexander Lavrentyev" if i else "") + " "
        spans.append(Span(len(text), len(text) + len(piece)))
        text += piece
    p = prepare(text, "en", "pt", spans, glossary=GLOSSARY)
    tokens = re.findall(r"XT\d+X|Alexander Lavrentyev", p.masked)
    out = " ".join(" ".join(f) + " " + t for f, t in zip(fillers, tokens, strict=False))
    out += " " + " ".join(tokens[len(fillers):])
    restored = p.restore(out)
    assert not restored.lost
    found = restored.text
    for span in spans:
        piece = text[span.start:span.end]
        assert piece in found
        found = found[found.index(piece) + len(piece):]


# --- against the real pt<->en Bergamot models ---------------------------------------------

NEWS = loads(
    "en\tpt\n"
    "Alexander Lavrentyev\tAlexander Lavrentyev\nSergei Lavrov\tSerguei Lavrov\n"
    "Southern Front\tFrente Sul\nSecurity Council\tConselho de Segurança\nAnkara\tAncara\n"
    "Geneva\tGenebra\nAmman\tAmã\nMaria Fernanda Costa\tMaria Fernanda Costa\n"
)

REAL = [
    ("en", "pt", "The commanders of the Southern Front rejected the plan presented by "
                 "Alexander Lavrentyev in Amman.", ["por Alexander Lavrentyev", "em Amã",
                                                    "da Frente Sul"]),
    ("en", "pt", "Talks with Sergei Lavrov took place in Ankara last week.",
     ["com Serguei Lavrov", "em Ancara"]),
    ("en", "pt", "The report was sent to Alexander Lavrentyev and to the Security Council.",
     ["para Alexander Lavrentyev", "o Conselho de Segurança"]),
    ("en", "pt", "According to Maria Fernanda Costa, talks in Geneva failed.",
     ["Maria Fernanda Costa", "em Genebra"]),
    ("pt", "en", "Serguei Lavrov vai a Ancara e depois a Genebra.",
     ["to Ankara", "Geneva"]),
    ("pt", "en", "A decisão do Conselho de Segurança surpreendeu Alexander Lavrentyev.",
     ["Security Council", "surprised Alexander Lavrentyev"]),
]


@pytest.mark.parametrize("src, tgt, text, wanted", REAL)
def test_real_model_no_article_before_names(bergamot, src, tgt, text, wanted):
    p = prepare(text, src, tgt, glossary=NEWS)
    restored = p.restore(bergamot.translate_batch([p.masked], src, tgt)[0].text)
    if restored.lost:
        p = p.fallback()
        restored = p.restore(bergamot.translate_batch([p.masked], src, tgt)[0].text)
    assert not restored.lost and NEWS.verify(text, restored.text, src, tgt) == []
    for piece in wanted:
        assert piece in restored.text, restored.text
    bad = (r"\b(?:pelo|do|no|na|ao|o|the) (?:Alexander|Serguei|Sergei|Maria|Ancara|Ankara|"
           r"Genebra|Geneva|Amã)")
    assert not re.search(bad, restored.text), restored.text
