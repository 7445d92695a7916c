from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glossa.formats import txt


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_read_write_round_trip_is_byte_identical(text):
    assert txt.write(txt.read(text)) == text


@given(st.lists(st.sampled_from(["", " ", "\t", "a b", "  x  ", "\r", "Olá"]), max_size=12))
def test_segments_are_stripped_lines(lines):
    text = "\n".join(lines)
    doc = txt.read(text)
    assert [s.text for s in doc.segments] == [line.strip() for line in lines if line.strip()]
    for s in doc.segments:
        assert text[s.start:s.end] == s.text


def test_translation_is_spliced_in_place():
    doc = txt.read("  uno  \n\ndos\n")
    doc.segments[0].translation = "one"
    assert txt.write(doc) == "  one  \n\ndos\n"
