"""Glossary enforcement through glossa.shield, with a scripted engine and the real
Bergamot pt<->en models (placeholder survival is a property of the real model)."""

from __future__ import annotations

import pytest

from glossa.document import Span
from glossa.glossary import loads
from glossa.shield import prepare
from glossary_helpers import sample


def test_terms_are_masked_and_restored_as_target():
    p = prepare("As atualizações de segurança chegaram.", "pt", "en", glossary=sample())
    assert "atualizações" not in p.masked and "XT0X" in p.masked
    restored = p.restore("The XT0X arrived.")
    assert restored.text == "The security updates arrived."
    assert restored.lost == []


def test_names_are_written_in_not_masked():
    """A capitalised target is written into the source for the engine to treat as a name,
    then found again in the output (respelled or unaccented too) and put back exactly."""
    p = prepare("Os comandantes da Frente Sul rejeitaram.", "pt", "en", glossary=sample())
    assert p.masked == "Os comandantes da Southern Front rejeitaram."
    assert p.restore("The commanders of the southern  front rejected.").text == \
        "The commanders of the Southern Front rejected."
    p = prepare("Pay with Apple Pay now.", "en", "pt", glossary=sample())
    assert p.masked == "Pay with Apple Pay now."
    assert p.restore("Pague com Apple Pay agora.").text == "Pague com Apple Pay agora."
    p = prepare("Falou com Alexander Lavrentyev.", "pt", "en", glossary=sample())
    out = p.restore("He spoke with Alexander Lavrentiev.")
    assert out.text == "He spoke with Alexander Lavrentyev." and not out.lost
    lost = p.restore("He spoke with the envoy.")
    assert lost.lost == ["Alexander Lavrentyev"]


def test_plural_label_caps_and_articles():
    g = sample()
    p = prepare("Instale as atualizações de segurança.", "pt", "en", glossary=g)
    assert p.restore("Install the XT0X.").text == "Install the security updates."
    p = prepare("Clique em Entrar agora.", "pt", "en", glossary=g)
    assert p.restore("Click XT0X now.").text == "Click Log in now."
    p = prepare("Commanders of the Southern Front met.", "en", "pt", glossary=g)
    assert p.restore("Comandantes do Frente Sul se reuniram.").text == \
        "Comandantes da Frente Sul se reuniram."
    p = prepare("A atualização de segurança chegou.", "pt", "en", glossary=g)
    assert p.restore("An XT0X arrived.").text == "A security update arrived."


def test_keep_verbatim_restored_exactly_and_protected_spans():
    text = "Pay with Apple Pay using `pay()` now."
    start = text.index("`")
    p = prepare(text, "en", "pt", [Span(start, start + 7)], glossary=sample())
    assert "`pay()`" not in p.masked
    out = p.restore(p.masked.replace("Pay with", "Pague com").replace("using", "usando"))
    assert out.text == "Pague com Apple Pay usando `pay()` now." and out.lost == []


def test_lost_or_duplicated_token_triggers_fallback():
    g = sample()
    p = prepare("Alexander Lavrentyev instalou a atualização de segurança da Frente Sul.",
                "pt", "en", glossary=g)
    assert p.masked == "Alexander Lavrentyev instalou a XT0X da Southern Front."
    out = p.restore("XT0X installed XT0X.")
    assert set(out.lost) == {"atualização de segurança", "Alexander Lavrentyev", "Frente Sul"}
    second = p.fallback()
    assert second is not None and second.fallback() is None
    assert "security update" in second.masked  # a common term written in
    assert second.masked.count("ZXQ") == 2 and "Lavrentyev" not in second.masked  # names lost
    done = second.restore("ZXQ0 installed the security update of the ZXQ1.")
    assert done.text == "Alexander Lavrentyev installed the security update of the Southern " \
        "Front." and not done.lost
    # on the last try only a protected span lost is fatal; a lost name is a term miss
    partial = second.restore("installed the security update of the ZXQ1.")
    assert partial.lost == [] and partial.text.startswith("installed the security update")
    assert [m.expected for m in g.verify(p.source, partial.text, "pt", "en")] == \
        ["Alexander Lavrentyev"]
    assert second.source == p.source
    # a name that survived the first attempt is written in again, only the lost one masked
    p.restore("Alexander Lavrentyev installed the XT0X of the Front.")
    again = p.fallback()
    assert again.masked.startswith("Alexander Lavrentyev instalou") and "ZXQ0" in again.masked


def test_fallback_masks_terms_whose_token_survived_and_keeps_the_better_output():
    """Only what the engine lost changes strategy on the retry (a term written into the
    source can be reworded: "barra de ferramentas" -> "ferramentas da barra"), and the
    first output is kept when the retry misses more terms."""
    g = loads("en\tpt\nView\tExibir\ntoolbar\tbarra de ferramentas\n")
    p = prepare("The View menu hides the toolbar.", "en", "pt", glossary=g)
    assert p.masked == "The Exibir menu hides the XT0X."
    first = p.restore("O menu oculta a XT0X.")
    assert first.lost == ["View"] and first.text == "O menu oculta a barra de ferramentas."
    second = p.fallback()
    assert second.masked == "The ZXQ0 menu hides the ZXQ1."
    assert second.restore("O menu ZXQ0 oculta a ZXQ1.").text == \
        "O menu Exibir oculta a barra de ferramentas."
    worse = second.restore("O menu oculta ferramentas.")  # lost both this time
    assert worse.text == "O menu oculta a barra de ferramentas." and worse.lost == []
    lost_term = prepare("The View menu hides the toolbar.", "en", "pt", glossary=g)
    lost_term.restore("O menu Exibir oculta tudo.")
    assert "barra de ferramentas" in lost_term.fallback().masked  # written in this time


def test_protected_span_lost_twice_fails_the_segment():
    text = "Run `ls` now"
    p = prepare(text, "en", "pt", [Span(4, 8)])
    assert p.restore("Execute agora").lost == ["`ls`"]
    assert p.fallback().restore("Execute agora").lost == ["`ls`"]


def test_russian_target_inflected_from_context():
    p = prepare("They met the Southern Front.", "en", "ru", glossary=sample())
    assert p.restore("Они встретились с XT0X.").text == "Они встретились с Южным фронтом."
    p = prepare("Представители Южного фронта", "ru", "ru", glossary=sample())
    assert p.restore("Представители XT0X").text == "Представители Южного фронта"


def test_no_glossary_still_shields_protected():
    p = prepare("Run `ls` now", "en", "pt", [Span(4, 8)])
    assert p.masked == "Run XT0X now"
    assert p.restore("Execute XT0X agora").text == "Execute `ls` agora"


# --- against the real pt<->en Bergamot models ---------------------------------------------

GLOSSARY = loads(
    "en\tpt\n"
    "Southern Front\tFrente Sul\nSecurity Council\tConselho de Segurança\n"
    "Alexander Lavrentyev\tAlexander Lavrentyev\nsecurity update\tatualização de segurança\n"
    "Islamic State\tEstado Islâmico\nCentral Bank\tBanco Central\nTask Manager\t"
    "Gerenciador de Tarefas\nSettings\tConfigurações\nRecycle Bin\tLixeira\n"
)

REAL_CASES = [
    ("pt", "en", "Frente Sul, Conselho de Segurança, Estado Islâmico e Banco Central: "
                 "todos falaram com Alexander Lavrentyev."),
    ("pt", "en", "Alexander Lavrentyev chegou."),
    ("pt", "en", "A reunião foi com a Frente Sul."),
    ("pt", "en", "Os membros do Conselho de Segurança (e da Frente Sul) votaram."),
    ("pt", "en", "Instale as atualizações de segurança, abra Configurações e esvazie a Lixeira!"),
    ("en", "pt", "The Southern Front, the Security Council and the Islamic State met "
                 "Alexander Lavrentyev."),
    ("en", "pt", "Security updates are installed from Settings."),
    ("en", "pt", "Open Task Manager."),
    ("en", "pt", "He spoke to the Central Bank's board about the Recycle Bin."),
    ("en", "pt", "\"Southern Front\" - Alexander Lavrentyev; Islamic State?"),
]


@pytest.mark.parametrize("src, tgt, text", REAL_CASES)
def test_real_model_keeps_every_term(bergamot, src, tgt, text):
    prepared = prepare(text, src, tgt, glossary=GLOSSARY)
    out = bergamot.translate_batch([prepared.masked], src, tgt)[0].text
    restored = prepared.restore(out)
    if restored.lost:  # the pipeline's second strategy
        prepared = prepared.fallback()
        restored = prepared.restore(bergamot.translate_batch([prepared.masked], src, tgt)[0].text)
    assert not restored.lost
    assert "XT" not in restored.text and "ZXQ" not in restored.text
    misses = GLOSSARY.verify(text, restored.text, src, tgt)
    assert misses == [], (restored.text, misses)


def test_real_model_fallback_shape_survives(bergamot):
    p = prepare("Alexander Lavrentyev falou com a Frente Sul e o Conselho de Segurança.", "pt",
                "en", glossary=GLOSSARY).fallback()
    out = p.restore(bergamot.translate_batch([p.masked], "pt", "en")[0].text)
    assert not out.lost and "Alexander Lavrentyev" in out.text
