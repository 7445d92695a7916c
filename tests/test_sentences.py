from __future__ import annotations

import pytest

from glossa.document import Span
from glossa.sentences import split_sentences


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
