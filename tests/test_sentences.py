from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossa.document import Span
from glossa.sentences import cap_length, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("A. Lavrentyev said so. Fine!", ["A. Lavrentyev said so.", "Fine!"]),
        ("It costs 3.5 euros. Cheap?  Yes", ["It costs 3.5 euros.", "Cheap?", "Yes"]),
        ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
        ("Он сказал: «Да». Потом ушёл.", ["Он сказал: «Да».", "Потом ушёл."]),
        ("e.g. this one. lower case goes on.", ["e.g. this one. lower case goes on."]),
        ("  padded.  ", ["padded."]),
        ("", []),
    ],
)
def test_split(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected


def test_no_split_inside_protected_span():
    text = "See the file a. B to know. Next."
    protected = [Span(13, 17)]  # "a. B"
    assert [text[s.start:s.end] for s in split_sentences(text, protected)] == [
        "See the file a. B to know.", "Next."]


@given(st.lists(st.sampled_from(["palavra", "governo,", "—", "(nota)", "x" * 30, "a;", "é"]),
                min_size=1, max_size=400),
       st.integers(min_value=20, max_value=120))
def test_long_sentences_are_cut_into_pieces_that_lose_nothing(words, limit):
    text = " ".join(words)
    pieces = cap_length(text, split_sentences(text), limit=limit)
    assert all(p.end - p.start <= limit for p in pieces)
    rebuilt = "".join(text[p.start:p.end] for p in pieces)
    assert rebuilt.replace(" ", "") == "".join(text[s.start:s.end] for s in
                                              split_sentences(text)).replace(" ", "")


def test_cut_prefers_clause_breaks_and_respects_protected_spans():
    text = "first clause here, second clause goes on, third one ends the sentence"
    pieces = cap_length(text, [Span(0, len(text))], limit=45)
    assert [text[p.start:p.end] for p in pieces] == [
        "first clause here, second clause goes on,", "third one ends the sentence"]
    protected = [Span(19, 45)]  # "second clause goes on, thi"
    pieces = cap_length(text, [Span(0, len(text))], protected, limit=45)
    assert all(not (p.start < cut < p.end) for p in protected for cut in
               (piece.end for piece in pieces))


def test_over_long_line_is_translated_whole(tmp_path, cli):
    src = tmp_path / "long.txt"
    clause = "o governo anunciou novas medidas para a economia do país"
    src.write_text(", ".join([clause] * 30) + ".\n", encoding="utf-8")
    assert cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm"]).code == 0
    out = (tmp_path / "long.en.txt").read_text(encoding="utf-8")
    assert out.count("government") >= 28  # the model used to drop everything past ~250 tokens


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a lowercase common word before the stop ends the sentence in English
    ("en", "Her brother teaches fine art. Later he opened a gallery.",
     ["Her brother teaches fine art.", "Later he opened a gallery."]),
    ("en", "The vote was no. Later we went home.", ["The vote was no.", "Later we went home."]),
    ("en", "He wore a cap. Nobody noticed.", ["He wore a cap.", "Nobody noticed."]),
    ("en", "See No. 5 and fig. 3 on p. 12 today.", ["See No. 5 and fig. 3 on p. 12 today."]),
    ("en", "Prof. Lima and Sen. Costa spoke. Fine.", ["Prof. Lima and Sen. Costa spoke.",
                                                       "Fine."]),
    # Portuguese "art." is artigo, in legal texts before a number or not
    ("pt", "Nos termos do art. 5º da lei. Depois votaram.",
     ["Nos termos do art. 5º da lei.", "Depois votaram."]),
    ("pt", "Conforme o Art. Quinto, a Sra. Lima votou. Fim.",
     ["Conforme o Art. Quinto, a Sra. Lima votou.", "Fim."]),
    ("pt", "Ele olhou o mar. Depois saiu.", ["Ele olhou o mar.", "Depois saiu."]),
    ("pt", "Ele disse no. Depois saiu.", ["Ele disse no.", "Depois saiu."]),
    ("ru", "Это было в 1990 г. Потом всё изменилось.",
     ["Это было в 1990 г. Потом всё изменилось."]),
    ("ru", "Он жил на ул. Ленина. Потом уехал.", ["Он жил на ул. Ленина.", "Потом уехал."]),
    ("uk", "Він жив на вул. Шевченка. Потім поїхав.", ["Він жив на вул. Шевченка.",
                                                     "Потім поїхав."]),
    # a placeholder is never an initial
    ("en", "Sent to %(email)s. Then wait.", ["Sent to %(email)s.", "Then wait."]),
    ("en", "Deleted %s. Undo?", ["Deleted %s.", "Undo?"]),
    ("pt", "Enviado para %(email)s. Aguarde.", ["Enviado para %(email)s.", "Aguarde."]),
    # a stop glued to the next sentence
    ("en", "We wrote to %(email)s.However nobody replied.",
     ["We wrote to %(email)s.", "However nobody replied."]),
    ("en", "The file was saved.Then it was closed.", ["The file was saved.",
                                                      "Then it was closed."]),
    ("en", "Use os.Path or sqlite3.Connection.", ["Use os.Path or sqlite3.Connection."]),
    ("en", "Visit www.example.org/a.Then go.", ["Visit www.example.org/a.Then go."]),
    ("en", "Mr.Smith came.", ["Mr.Smith came."]),
])
def test_split_by_language(lang, text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text, lang=lang)] == expected


@pytest.mark.parametrize(("text", "splits"), [
    ("We studied folk art. Later we left.", 1),  # pt "art." (artigo) could be meant
    ("The vote was no. Later we went home.", 2),  # "no." is an abbreviation only before a number
    ("Mr. Smith left.", 1),
])
def test_without_a_language_the_abbreviations_of_every_module_count(text, splits):
    assert len(split_sentences(text)) == splits
    assert len(split_sentences(text, lang="de")) == splits


def test_the_pipeline_splits_with_the_units_language():
    from glossa.document import Segment
    from glossa.pipeline import TranslateOptions, _plan_segment

    text = "My aunt collects folk art. Later she sold the house."
    units = _plan_segment(Segment(text), None, "en", TranslateOptions("pt", "en"))
    assert [text[s:e] for s, e, _, _ in units] == ["My aunt collects folk art.",
                                                   "Later she sold the house."]
    units = _plan_segment(Segment(text), None, "pt", TranslateOptions("en", "pt"))
    assert len(units) == 1
