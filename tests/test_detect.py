"""Mixed-language detection: behaviour users rely on, table-driven.

Documents are written for these tests (tests/data/detect_cases.jsonl uses the
⟦lang|fragment⟧ markup of the shared scorer); nothing is copied from eval sets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detect_helpers import parse, predicted, score_file
from glossa.detect import LangSpan, default_candidates, detect_segments, detect_text

CASES = Path(__file__).parent / "data" / "detect_cases.jsonl"


def foreign(text: str, det) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.lang) for s in det.spans]


# --- single documents: (host, marked text) -------------------------------------------------

NO_FOREIGN = [
    ("en", "Talks between Radosław Sikorski, Recep Tayyip Erdoğan and Ibrahim al-Jaafari "
           "ended late on Friday, said Alexander Lavrentyev, who chaired them.\n"
           "Mr Müller of the Bundesbank and Ms Nuñez from Bilbao also attended."),
    ("en", "Newsfeed\nChats\nSign in\nloader\nMost read\nThe site was redesigned last week."),
    ("en", "Visitors had a sense of déjà vu at the fiesta, where the tapas and the espresso "
           "were as good as last year and the zeitgeist was relaxed."),
    ("pt", "O governo anunciou um novo programa de habitação para as famílias de baixa renda, "
           "com financiamento a juros reduzidos e prazo de trinta anos."),
    ("ru", "Правительство утвердило новую программу поддержки малого бизнеса. "
           "Заявки принимаются до конца месяца на портале госуслуг."),
    ("uk", "Уряд затвердив нову програму підтримки малого бізнесу. "
           "Заявки приймаються до кінця місяця."),
]


@pytest.mark.parametrize(("host", "text"), NO_FOREIGN)
def test_documents_without_foreign_text_have_no_spans(host, text):
    det = detect_text(text)
    assert det.dominant == host
    assert foreign(text, det) == []


WITH_FOREIGN = [
    # quote inside a sentence
    ("en", "The banner at the gate read ⟦fr|Bienvenue à tous les habitants du quartier⟧ in "
           "bright red letters."),
    # stray UI string in another script at the end of an article
    ("en", "The ferry service resumed on Monday after a week of storms.\nShare\n"
           "⟦ru|Читать далее⟧"),
    # Portuguese host with an English slogan
    ("pt", "A loja de Lisboa abriu com o lema ⟦en|Coffee that makes you smile⟧ escrito na "
           "montra, e a fila chegou à esquina."),
    # Russian host, English UI phrase; the product names stay Russian text
    ("ru", "В приложении Spotify кнопка ⟦en|Add to queue⟧ пока не переведена, "
           "а в версии для iPhone всё уже по-русски."),
    # close languages: Ukrainian inside Russian, Russian inside Ukrainian
    ("ru", "Вывеска над входом гласила: ⟦uk|Ласкаво просимо до нашої їдальні⟧.\n"
           "Внутри меню было только на русском."),
    ("uk", "На старій табличці досі написано: ⟦ru|Посторонним вход воспрещён⟧.\n"
           "Її залишили як частину історії заводу."),
    # close languages: Spanish inside Portuguese, Italian inside English
    ("pt", "Na feira de domingo, o vendedor argentino repetia ⟦es|¡Llevá dos y pagá uno!⟧ "
           "para quem passasse pela banca.\nOs fregueses brasileiros riam e levavam mesmo."),
    ("en", "Every evening the neighbour shouted ⟦it|Ragazzi, la cena è pronta!⟧ across "
           "the courtyard."),
    # localisation listing, one line per language
    ("en", "Key: login.title\nGerman: ⟦de|Anmeldung⟧\nSpanish: ⟦es|Iniciar sesión⟧\n"
           "Polish: ⟦pl|Zaloguj się⟧\nUkrainian: ⟦uk|Увійти⟧"),
]


@pytest.mark.parametrize(("host", "marked"), WITH_FOREIGN)
def test_foreign_runs_are_found_with_their_language(host, marked):
    text, gold = parse(marked, host)
    det = detect_text(text)
    assert det.dominant == host
    pred = predicted(text, det)
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    wrong = [i for i in letters if pred[i] != gold[i]]
    assert len(wrong) <= 0.05 * len(letters), (foreign(text, det), "".join(text[i] for i in wrong))
    assert all(pred[i] == host for i in letters if gold[i] == host)


def test_spans_are_trimmed_to_the_foreign_words():
    text = ('The letter from the landlord was short and, as always, rather rude. He wrote: '
            '"Das ist nicht mein Problem, ich gehe jetzt nach Hause." Then he left.')
    det = detect_text(text)
    assert [s.lang for s in det.spans] == ["de"]
    run = text[det.spans[0].start:det.spans[0].end]
    assert run.startswith("Das") and run.rstrip(".").endswith("Hause")
    assert 0.0 <= det.spans[0].confidence <= 1.0


@pytest.mark.parametrize("term", ["Casa Sol", "Sonnenstrahl Werke"])
def test_keep_verbatim_terms_are_never_foreign(term):
    text = f"Our partner {term} will run the summer school, and the {term} team sends greetings."
    without = detect_text(text, keep_verbatim=())
    det = detect_text(text, keep_verbatim=[term])
    assert det.dominant == without.dominant == "en"
    for s in det.spans:
        for m in re.finditer(re.escape(term), text):
            assert s.end <= m.start() or s.start >= m.end()


def test_candidates_restrict_the_languages():
    text = "Die Sitzung wurde vertagt. Il faut attendre la semaine prochaine pour décider."
    det = detect_text(text, candidates=["de", "en"])
    assert {det.dominant, *(s.lang for s in det.spans)} <= {"de", "en"}


def test_unknown_candidate_raises_usage_error():
    from glossa.errors import UsageError

    with pytest.raises(UsageError):
        detect_text("hello world", candidates=["en", "xx"])


def test_segments_share_one_dominant_language_and_local_offsets():
    texts = ["The meeting starts at nine.", "Please bring your laptop.",
             "Он сказал: Спасибо за внимание.", "See you there."]
    dominant, spans = detect_segments(texts)
    assert dominant == "en"
    assert len(spans) == len(texts)
    assert spans[0] == spans[1] == spans[3] == []
    assert [texts[2][s.start:s.end] for s in spans[2]] == ["Он сказал: Спасибо за внимание."]
    assert all(isinstance(s, LangSpan) for s in spans[2])


def test_given_dominant_is_trusted():
    texts = ["Bom dia a todos.", "Good morning everyone, and welcome to the meeting."]
    dominant, spans = detect_segments(texts, dominant="pt")
    assert dominant == "pt"
    assert [s.lang for s in spans[1]] == ["en"]
    assert spans[0] == []


@pytest.mark.parametrize("text", ["", "   \n\n", "12:30 -- 14:45, #42 (3/4)"])
def test_text_without_letters(text):
    det = detect_text(text)
    assert det.spans == []
    assert isinstance(det.dominant, str)


def test_default_candidates_survive_a_broken_engine(monkeypatch):
    import glossa.engines

    def broken():
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(glossa.engines, "all_models", broken)
    cands = default_candidates()
    assert {"en", "ru", "uk", "de", "fr", "es", "pt", "it", "pl"} <= set(cands)


def test_default_candidates_include_model_languages(monkeypatch):
    import glossa.engines

    class Listed:  # an engine that lists its pairs without loading a model
        def pairs(self):
            return [("sv", "tr")]

    monkeypatch.setattr(glossa.engines, "ENGINES", {"listed": "unused"})
    monkeypatch.setattr(glossa.engines, "has_models", lambda name: True)
    monkeypatch.setattr(glossa.engines, "get_engine", lambda name: Listed())
    cands = default_candidates()
    assert "sv" in cands and "tr" in cands


def test_case_file_scores_like_the_shared_scorer():
    """Our own mixed-language documents: character F1 and host false positives."""
    score = score_file(CASES)
    assert score.wrong_dominant == []
    assert score.f1 >= 0.95
    assert score.host_fp_rate <= 0.01
