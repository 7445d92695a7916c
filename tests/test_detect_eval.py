"""Generalisation: a varied evaluation set of our own (tests/data/detect-eval.jsonl, 76
documents, hosts en pt ru es de fr uk it pl), scored like the shared scorer, and the rules
it led to, each with strings written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detect_helpers import parse, predicted, score_file
from glossa.detect import detect_segments, detect_text
from glossa.detect.loans import loan_ranges
from glossa.detect.names import language_named

EVAL = Path(__file__).parent / "data" / "detect-eval.jsonl"


def found(text: str, det) -> list[tuple[str, str]]:
    return [(text[s.start:s.end].rstrip(".!?"), s.lang) for s in det.spans]


def test_own_tune_set_scores_like_the_shared_scorer():
    score = score_file(Path(__file__).parent / "data" / "eval" / "mixed-own-tune.jsonl")
    assert score.wrong_dominant == []
    assert score.f1 >= 0.98, (score.tp, score.fp, score.fn)
    assert score.host_fp_rate <= 0.005, score.host_fp


def test_eval_set_scores_like_the_shared_scorer():
    score = score_file(EVAL)
    assert score.wrong_dominant == []
    assert score.f1 >= 0.95, (score.tp, score.fp, score.fn)
    assert score.host_fp_rate <= 0.01, score.host_fp


# --- borrowed phrases stay host wherever they stand ----------------------------------------

BORROWED = [
    "The decision was, per se, not a surprise to anyone on the board.",
    "Mea culpa, the mayor wrote on Friday, and then he resigned.",
    "She had that certain je ne sais quoi the casting directors wanted.",
    "Relations vis-à-vis the regional office have been frosty since spring.",
    "Dinner was served à la carte in a small bistro at the end of a cul-de-sac.",
    "The minister was declared persona non grata after the leak.",
    "His modus operandi never changed: promise everything, deliver late.",
]


@pytest.mark.parametrize("text", BORROWED)
def test_borrowed_phrases_stay_in_the_host_language(text):
    det = detect_text(text)
    assert (det.dominant, found(text, det)) == ("en", [])


def test_borrowed_phrases_in_other_hosts_and_real_quotes():
    text = "A inauguração teve música ao vivo, happy hour para os lojistas e sorteios."
    assert found(text, detect_text(text)) == []
    # a quotation made of ordinary words is still foreign
    text = "The waiter only said ⟦fr|Je ne sais pas, monsieur⟧ and walked off."
    plain, _ = parse(text, "en")
    assert found(plain, detect_text(plain)) == [("Je ne sais pas, monsieur", "fr")]


@pytest.mark.parametrize(("text", "phrases"), [
    ("It felt like deja vu, a fait accompli.", ["deja vu", "fait accompli"]),
    ("a raison d’être", ["raison d’être"]),
    ("Status  Quo", ["Status  Quo"]),
    ("perseverance, ad hocery", []),
])
def test_loan_ranges(text, phrases):
    assert [text[a:b] for a, b in loan_ranges(text)] == phrases


# --- localisation listings labelled in the host's own language -----------------------------

@pytest.mark.parametrize(("token", "code"), [
    ("inglês", "en"), ("espanhol", "es"), ("allemand", "de"), ("französisch", "fr"),
    ("английский", "en"), ("немецкий", "de"), ("українська", "uk"), ("polsku", "pl"),
    ("angielski", "en"), ("italien", "it"), ("spanish", "es"), ("notes", None), ("texto", None),
])
def test_language_named(token, code):
    assert language_named(token) == code


@pytest.mark.parametrize(("host", "marked"), [
    ("pt", "Chave: menu.sair\nOriginal: Sair\nInglês: ⟦en|Log out⟧\nEspanhol: ⟦es|Salir⟧\n"
           "Francês: ⟦fr|Déconnexion⟧"),
    ("fr", "Clé : panier.total\nAnglais : ⟦en|Total⟧\nEspagnol : ⟦es|Total del pedido⟧\n"
           "Remarque : vérifier la longueur."),
    ("ru", "Ключ: menu.help\nАнглийский: ⟦en|Help⟧\nПольский: ⟦pl|Pomoc⟧\n"
           "Украинский: ⟦uk|Допомога⟧"),
])
def test_listing_labels_in_the_host_language(host, marked):
    text, gold = parse(marked, host)
    det = detect_text(text)
    assert det.dominant == host
    pred = predicted(text, det)
    assert [p for c, p in zip(text, pred, strict=True) if c.isalpha()] == \
        [g for c, g in zip(text, gold, strict=True) if c.isalpha()]


# --- run shapes -----------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "marked"), [
    # a title ends in a lower-case word; a name does not
    ("en", "The album closes with \"⟦pt|Canção do mar⟧\", sung in Lisbon."),
    # an article does not end a phrase: the noun after it is the phrase's too
    ("en", "The label has said ⟦fr|Le goût de la tradition⟧ since 1980."),
    # a host word joins two capitalised strings: two runs, the host word between
    ("pt", "Os botões ⟦en|Delete card⟧ e ⟦en|Block account⟧ continuam em inglês."),
    # a host verb, then a capital starts the quotation
    ("es", "La pizarra dice ⟦it|Qui si mangia con le mani⟧ desde hace años."),
    # Ukrainian inside Russian: letters Russian never writes count despite the capital
    ("ru", "Она говорит ⟦uk|Беріть, не пошкодуєте⟧ всем покупателям."),
])
def test_run_shapes(host, marked):
    text, gold = parse(marked, host)
    det = detect_text(text)
    assert det.dominant == host
    pred = predicted(text, det)
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    assert [pred[i] for i in letters] == [gold[i] for i in letters], found(text, det)


@pytest.mark.parametrize(("host", "text"), [
    ("en", "Officials of the Banque de France met in Paris on Monday."),
    ("en", "Fans of Vitória de Guimarães sang in the rain all evening."),
    ("en", "Representatives of Casa do Povo said it was fine."),
    ("pt", "Entre Foz do Iguaçu e Ciudad del Este, os vendedores falam três línguas."),
])
def test_names_followed_by_host_words_stay_host(host, text):
    det = detect_text(text)
    assert (det.dominant, found(text, det)) == (host, [])


# --- whole text and line by line agree ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Storm closes the coastal road\nCrews cleared the trees on Tuesday.\nNewsfeed\nSign in\n"
    "Chats\nComentários\nVer todas as notícias da região",
    "The update adds a dark theme.\nHome\nHelp\nParamètres\nAfficher tous les articles",
])
def test_whole_text_and_lines_find_the_same_runs(text):
    det = detect_text(text)
    lines = text.split("\n")
    dominant, per_line = detect_segments(lines)
    assert dominant == det.dominant == "en"
    offsets = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    by_lines = [(text[o + s.start:o + s.end], s.lang)
                for o, spans in zip(offsets, per_line, strict=True) for s in spans]
    assert [(text[s.start:s.end], s.lang) for s in det.spans] == by_lines
    assert len(by_lines) == 2
