"""With an explicit --from, sentences already in the target language are left alone; a
cheap look at the languages' most frequent words decides whether detection (a fifth of a
second to load) is asked at all."""

from __future__ import annotations

import pytest

from glossa.pipeline import _may_be_in


@pytest.mark.parametrize(
    ("text", "target", "source", "expected"),
    [
        ("The committee will meet again in the spring.", "en", "pt", True),
        ("A reunião começa às nove horas.", "en", "pt", False),  # "a" is both languages'
        ("Bom dia a todos.", "en", "pt", False),
        ("O relatório está na pasta partilhada.", "pt", "en", True),
        ("Please send the report to the team.", "pt", "en", False),
        ("Встреча начнётся в девять часов и это важно.", "ru", "en", True),
        ("Grüß Gott und willkommen zurück.", "de", "en", True),  # no list for de: detection
        ("Recibo número cuatro mil.", "en", "es", False),  # no English word at all
    ],
)
def test_only_sentences_with_the_targets_common_words_go_to_detection(
    text, target, source, expected
):
    assert _may_be_in(text, target, source) is expected


def test_a_target_language_sentence_is_still_left_as_it_is(tmp_path, monkeypatch):
    """End to end: an English sentence inside a Portuguese file bound for English goes
    through the pre-filter to detection and is not sent to the engine."""
    from glossa.api import read_document
    from glossa.pipeline import TranslateOptions, plan_units

    src = tmp_path / "ata.txt"
    english = "The committee will meet again in the spring to review the budget."
    src.write_text(f"A reunião foi adiada para a próxima semana.\n{english}\n", encoding="utf-8")
    doc = read_document(src, wrap="keep")
    options = TranslateOptions(source="pt", target="en")
    texts = [doc.segments[u.seg_index].text[u.start:u.end] for u in plan_units([doc], options)]
    assert english not in texts
    assert any(t.startswith("A reunião") for t in texts)
