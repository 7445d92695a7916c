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
