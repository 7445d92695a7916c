"""SRT: cue numbers and timings byte-identical, cue text joined and re-split, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from error_helpers import raises_at
from formats_helpers import fake_translate, tr
from glossa.errors import FormatError
from glossa.formats import srt

DATA = Path(__file__).parent / "data" / "formats"

SAMPLE = (
    "1\n00:00:01,000 --> 00:00:03,500\nHello, my name is <i>John</i>\nand I live in London.\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\n- Where are you going?\n- To the market.\n\n"
    "3\n00:00:07,000 --> 00:00:09,000\n{\\an8}The weather is nice today.\n"
)


def test_segments_join_lines_but_keep_dialogue_lines_apart():
    doc = srt.read(SAMPLE, "a.srt")
    assert [s.text for s in doc.segments] == [
        "Hello, my name is <i>John</i> and I live in London.",
        "Where are you going?", "To the market.", "{\\an8}The weather is nice today."]
    first, last = doc.segments[0], doc.segments[-1]
    assert [first.text[p.start:p.end] for p in first.protected] == ["<i>", "</i>"]
    assert [last.text[p.start:p.end] for p in last.protected] == ["{\\an8}"]


def test_write_keeps_numbers_timings_and_line_counts():
    out = srt.write(fake_translate(srt.read(SAMPLE), tr))
    assert out.split("\n")[:2] == SAMPLE.split("\n")[:2]
    assert re.findall(r".*-->.*", out) == re.findall(r".*-->.*", SAMPLE)
    blocks = [b.split("\n") for b in out.strip("\n").split("\n\n")]
    source_blocks = [b.split("\n") for b in SAMPLE.strip("\n").split("\n\n")]
    assert [len(b) for b in blocks] == [len(b) for b in source_blocks]
    assert blocks[0][2:] == ["hELLO, MY NAME IS <i>jOHN</i>", "AND i LIVE IN lONDON."]
    assert blocks[1][2:] == ["- wHERE ARE YOU GOING?", "- tO THE MARKET."]
    assert blocks[2][2] == "{\\an8}tHE WEATHER IS NICE TODAY."


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom+crlf", "no-final-newline"])
def test_round_trip_and_translation_keep_bom_and_newlines(variant):
    text = SAMPLE
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    if "bom" in variant:
        text = "\ufeff" + text
    if variant == "no-final-newline":
        text = text.rstrip("\n")
    assert srt.write(srt.read(text)) == text
    out = srt.write(fake_translate(srt.read(text), tr))
    assert out.startswith("\ufeff1") == text.startswith("\ufeff")
    if "crlf" in variant:
        assert "\n" not in out.replace("\r\n", "")
    assert out.endswith("\n") == text.endswith("\n")
    assert "tO THE MARKET." in out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("1\n00:00:01,000 -> 00:00:02,000\nHi\n", 2, "bad timing line"),
        ("1\n00:00:05,000 --> 00:00:02,000\nHi\n", 2, "ends before it starts"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\nHello there\n", 5, "expected a cue number"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n", 5, "without a timing line"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n2\n00:00:03,000 --> 00:00:04,000\nYo\n", 5,
         "timing line inside cue text"),
        ("1\n00:61:01,000 --> 00:62:02,000\nHi\n", 2, "bad timing line"),
    ],
)
def test_bad_structure_names_the_line(text, line, message):
    with raises_at(FormatError, "bad.srt", line, message):
        srt.read(text, "bad.srt")


def test_cue_without_number_is_accepted():
    text = "00:00:01.000 --> 00:00:02.000\nHello there.\n"
    assert [s.text for s in srt.read(text).segments] == ["Hello there."]


@pytest.mark.parametrize(
    ("text", "lengths", "expected"),
    [
        ("Hoje vamos falar sobre a história da cidade.", [32, 24],
         ["Hoje vamos falar sobre", "a história da cidade."]),
        ("Bom dia. Como está?", [10, 10], ["Bom dia.", "Como está?"]),
        ("Olá", [5, 5], ["Olá"]),
        ("a b c d e f", [3, 3, 3], ["a b", "c d", "e f"]),
    ],
)
def test_balance(text, lengths, expected):
    assert srt.balance(text, lengths) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abcdé <>/", min_size=1, max_size=8), min_size=1, max_size=12),
       st.lists(st.integers(1, 40), min_size=1, max_size=4))
def test_balance_keeps_every_word_and_never_adds_lines(words, lengths):
    text = " ".join(words)
    lines = srt.balance(text, lengths)
    assert 1 <= len(lines) <= max(1, len(lengths))
    assert " ".join(lines).split() == text.split()


_CUE_TEXT = st.lists(
    st.text(st.sampled_from("abc XYZ.,!?<>i/{}\\é-"), min_size=1, max_size=20).filter(
        lambda s: s.strip() and "-->" not in s), min_size=0, max_size=3)


@st.composite
def srt_files(draw):
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    blocks = []
    start = 0
    for number in range(1, draw(st.integers(0, 5)) + 1):
        begin = start + draw(st.integers(0, 5000))
        end = begin + draw(st.integers(0, 5000))
        start = end

        def stamp(ms):
            return (f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},"
                    f"{ms % 1000:03d}")

        lines = [str(number), f"{stamp(begin)} --> {stamp(end)}"] + draw(_CUE_TEXT)
        blocks.append(nl.join(lines))
    text = (nl + nl * draw(st.integers(1, 2))).join(blocks)
    text += nl if draw(st.booleans()) else ""
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=150, deadline=None)
@given(srt_files())
def test_generated_srt_round_trips_and_keeps_timings(text):
    assert srt.write(srt.read(text)) == text
    out = srt.write(fake_translate(srt.read(text), tr))
    assert re.findall(r"[^\r\n]*-->[^\r\n]*", out) == re.findall(r"[^\r\n]*-->[^\r\n]*", text)
    assert out.count("\n") <= text.count("\n")
    srt.read(out)  # still valid


def test_cli_translates_subtitles_with_real_model(tmp_path, cli):
    src = tmp_path / "talk.srt"
    src.write_bytes((DATA / "talk.srt").read_bytes())
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 0, result.err
    source = src.read_bytes().decode("utf-8")
    out = (tmp_path / "talk.pt.srt").read_bytes().decode("utf-8")
    assert "\n" not in out.replace("\r\n", "")  # CRLF kept
    src_blocks = [b.split("\r\n") for b in source.strip().split("\r\n\r\n")]
    out_blocks = [b.split("\r\n") for b in out.strip().split("\r\n\r\n")]
    assert [b[:2] for b in out_blocks] == [b[:2] for b in src_blocks]
    assert [len(b) for b in out_blocks] == [len(b) for b in src_blocks]
    text = "\n".join(line for b in out_blocks for line in b[2:])
    assert "Bom dia" in text and "museu" in text
    assert out_blocks[2][2].startswith("- ") and out_blocks[2][3].startswith("- ")
    assert out_blocks[3][2].startswith("<i>") and out_blocks[3][2].endswith("</i>")
    assert out_blocks[4][2].startswith("{\\an8}")


def test_cli_bad_timing_exit_2_no_output(tmp_path, cli):
    src = tmp_path / "bad.srt"
    src.write_text("1\n00:00:01,000 --> 00:00:00,500\nHi\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"glossa: error: {src}:2: cue ends before it starts (00:00:01,000 --> 00:00:00,500)"]
    assert not (tmp_path / "bad.pt.srt").exists()
