"""Short foreign fragments that word-by-word evidence misses (issue 13, held-back recall):
a name addressed at the end of a fragment, 2-4 word exclamations and questions, UI lists
of one-word lines, UI strings quoted mid-sentence, greetings with the name they address;
and what must stay host: code, commands, JSON, borrowed words, lists of names.
Every example is written for these tests."""

from __future__ import annotations

import pytest

from detect_helpers import parse, predicted
from glossa.detect import detect_text
from glossa.detect.code import code_ranges
from glossa.detect.lexicon import list_key, log_frequencies
from glossa.detect.rules import refine


def _letters_right(marked: str, host: str) -> list[tuple[str, str, str]]:
    """(letter, gold, predicted) for every letter the detector labels wrong."""
    text, gold = parse(marked, host)
    det = detect_text(text)
    assert det.dominant == host
    pred = predicted(text, det)
    return [(c, g, p) for c, g, p in zip(text, gold, pred, strict=True) if c.isalpha() and g != p]


CASES = {
    "addressee": [
        ("en", "The crew painted one line on the hull: ⟦pt|Boa sorte, Tiago⟧."),
        ("pt", "A guia encerrou a visita com um ⟦fr|Merci pour votre patience, Clémence⟧ e saiu."),
        ("en", "Her last message said only ⟦es|Te echo de menos, abuela Pilar⟧."),
    ],
    "exclamation": [
        ("en", "When the cake came out, my aunt from Évora cried ⟦pt|Que delícia!⟧ and clapped."),
        ("en", "The skipper yelled ⟦fr|Allez, Margaux!⟧ as the boat crossed the line."),
        ("pt", "O mergulhador alemão saiu da água gritando ⟦de|So kalt heute!⟧ para todos."),
        ("ru", "Итальянская пара в Сочи всё время повторяла ⟦it|Che meraviglia!⟧ на пляже."),
        ("es", "El turista alemán preguntó al taxista ⟦de|Wie weit noch?⟧ varias veces."),
    ],
    "ui list": [
        (
            "en",
            "Download the statement as a PDF before the end of the month.\n"
            "⟦pt|Extrato⟧\n⟦pt|Cartões⟧\n⟦pt|Investimentos⟧\n⟦pt|Gráficos⟧\n"
            "⟦pt|Encerrar sessão⟧",
        ),
        (
            "pt",
            "O portal do aluno mostra as notas do semestre e o calendário de provas.\n"
            "⟦en|Grades⟧\n⟦en|Courses⟧\n⟦en|Sign out⟧",
        ),
        (
            "en",
            "Pressure cookers save time on beans and stews.\nRecipes\nTips\n"
            "⟦es|Recetas⟧\n⟦es|Consejos⟧\n⟦es|Boletín⟧",
        ),
    ],
    "quoted ui string": [
        ("pt", "No formulário, o botão ⟦en|Send feedback⟧ ainda aparece em inglês."),
        ("de", "Im Menü steht weiterhin ⟦en|Delete account⟧ statt der deutschen Fassung."),
    ],
    "greeting and name": [
        ("pt", "A recepcionista atendeu com um ⟦fr|Bonsoir, Madame Girard⟧ e entregou a chave."),
        ("en", "The banner over the gate read ⟦it|Benvenuti a Torino⟧ in red letters."),
    ],
}


@pytest.mark.parametrize(("host", "marked"), [case for cases in CASES.values() for case in cases])
def test_short_fragments_are_found_whole(host, marked):
    assert _letters_right(marked, host) == []


STAY_HOST = [
    (
        "pt",
        "Depois rode pip install --upgrade leitor-xml e defina a variável LEITOR_DIR "
        "antes de abrir o programa pela primeira vez.",
    ),
    ("ru", "Сначала выполните git pull origin main, затем перезапустите сервис."),
    ("es", 'En el fichero pon "language": "english" y reinicia con worker --reload.'),
    ("en", "Use `git rebase --onto main` only on branches nobody else has pulled."),
    ("en", "The sommelier and the concierge agreed the soirée had a certain élan."),
    (
        "pt",
        "A oficina de sábado teve um coffee break com bolos da padaria e terminou com "
        "um happy hour no terraço da escola.",
    ),
    ("fr", "Le week-end, les ados font du shopping et postent des selfies."),
    ("en", "Tickets for Porto\nLisboa\nCoimbra\nFaro\nwere sold out by noon."),
]


@pytest.mark.parametrize(("host", "text"), STAY_HOST)
def test_code_loans_and_names_stay_host(host, text):
    det = detect_text(text)
    assert (det.dominant, [text[s.start : s.end] for s in det.spans]) == (host, [])


def test_code_ranges_stop_at_the_host_sentence():
    text = "Rode npm run lint e depois abra o relatório."
    assert [text[a:b] for a, b in code_ranges(text)] == ["npm run lint"]
    text = "Run ./tools/check.sh --fast, then commit."
    assert [text[a:b] for a, b in code_ranges(text)] == ["./tools/check.sh --fast"]


def test_portuguese_only_letters_settle_portuguese_against_spanish():
    assert refine("Você", "es", ("es", "pt")) == "pt"
    assert refine("Três cômodos", "es", ("es", "pt")) == "pt"
    assert refine("Acciones", "pt", ("es", "pt")) == "pt"  # no marker either way: kept
    assert refine("Año nuevo", "pt", ("es", "pt")) == "es"


def test_accented_portuguese_ui_word_takes_the_lists_language():
    text = (
        "Keep a copy of every receipt for your tax return.\n"
        "Músicas\nVídeos\nDefinições\nNotificações\n"
    )
    det = detect_text(text)
    assert {text[s.start : s.end]: s.lang for s in det.spans} == {
        "Músicas": "pt",
        "Vídeos": "pt",
        "Definições": "pt",
        "Notificações": "pt",
    }


def test_sharp_s_is_looked_up_as_wordfreq_spells_it():
    assert list_key("straße") == "strasse"
    freqs = log_frequencies("grüße", ("de", "en"))
    assert freqs is not None and freqs["de"] > freqs["en"]
