"""Plain text paragraph mode (--wrap) and list markers (issue 13).

Hard-wrapped paragraphs are joined into one segment, translated as one text and wrapped
again to the paragraph's width and indentation; list markers stay outside the segments;
what is not translated keeps its bytes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossa.formats import txt
from scripted_engine import install, scripted_translate

WRAPPED = (
    "  The harbour office opens early on weekdays, and the boats that\n"
    "leave before dawn must register with the night clerk, who keeps a\n"
    "ledger of every crew and every cargo that goes out past the pier.\n"
)

LIST = (
    "Before you sail:\n"
    "\n"
    "  - Check the weather bulletin and the tide tables for the whole\n"
    "    trip, not only for the morning.\n"
    "  * Tell someone ashore where you are going.\n"
    "  + Carry a radio.\n"
    "  o Bring spare fuel.\n"
    "  1. Fill in the log.\n"
    "  b) Sign it.\n"
    "  (iv) Hand it in.\n"
)


@pytest.fixture
def scripted(monkeypatch):
    return install(monkeypatch)


def texts(doc):
    return [s.text for s in doc.segments]


def test_hard_wrapped_paragraph_is_one_segment():
    doc = txt.read(WRAPPED)
    assert texts(doc) == [
        "The harbour office opens early on weekdays, and the boats that leave before dawn "
        "must register with the night clerk, who keeps a ledger of every crew and every "
        "cargo that goes out past the pier."
    ]
    assert doc.segments[0].context["line"] == 1


def test_keep_mode_is_line_by_line():
    assert texts(txt.read(WRAPPED, wrap="keep")) == [line.strip() for line in WRAPPED.splitlines()]


def test_unknown_wrap_mode_is_refused():
    from glossa.errors import UsageError

    with pytest.raises(UsageError, match="--wrap"):
        txt.read(WRAPPED, wrap="sometimes")


def test_translation_is_wrapped_to_the_paragraph_width_and_indentation():
    doc = txt.read(WRAPPED)
    doc.segments[0].translation = (
        "A capitania abre cedo nos dias úteis, e os barcos que "
        "partem antes do amanhecer devem registar-se junto do "
        "funcionário da noite, que guarda um livro de cada "
        "tripulação e de cada carga que sai para lá do cais."
    )
    out = txt.write(doc)
    lines = out.split("\n")
    assert out.endswith("cais.\n") and lines[0].startswith("  A capitania")
    width = max(len(line) for line in WRAPPED.splitlines())
    assert all(len(line) <= width for line in lines)
    assert all(not line.startswith(" ") for line in lines[1:])  # continuation at column 0
    assert " ".join(out.split()) == " ".join(doc.segments[0].translation.split())


@pytest.mark.parametrize("wrap", ["auto", "keep", "join"])
def test_list_markers_stay_outside_the_segments(wrap):
    doc = txt.read(LIST, wrap=wrap)
    for segment in doc.segments:
        assert not segment.text.startswith(("- ", "* ", "+ ", "o ", "1. ", "b) ", "(iv) "))
    assert "Carry a radio." in texts(doc) and "Hand it in." in texts(doc)
    for segment in doc.segments:  # translated: the markers come back byte for byte
        segment.translation = segment.text.upper()
    out = txt.write(doc)
    markers = ["  - ", "  * ", "  + ", "  o ", "  1. ", "  b) ", "  (iv) "]
    assert [
        line[: len(m)]
        for line, m in zip(
            [ln for ln in out.splitlines() if ln.startswith("  ") and not ln.startswith("    ")],
            markers,
            strict=True,
        )
    ] == markers


def test_a_list_item_wrapped_onto_a_hanging_line_is_joined_and_rewrapped():
    doc = txt.read(LIST)
    item = next(s for s in doc.segments if s.text.startswith("Check"))
    assert item.text == (
        "Check the weather bulletin and the tide tables for the whole trip, "
        "not only for the morning."
    )
    item.translation = (
        "Consulte o boletim meteorológico e as tabelas de marés para toda a "
        "viagem, e não apenas para a manhã."
    )
    out = txt.write(doc).split("\n")
    start = next(i for i, line in enumerate(out) if line.startswith("  - "))
    assert out[start + 1].startswith("    ") and not out[start + 1].startswith("     ")
    assert out[start + 2] == "  * Tell someone ashore where you are going."


@pytest.mark.parametrize(
    "text",
    [
        # verse and short lines: line-structured, never joined
        "Salt on the rope,\nwind in the sail,\nthe gulls come home\nbefore the gale.\n",
        # a table with aligned columns
        "Port        Arrivals   Departures   Delayed in the last month\n"
        "Lisbon      12         14           3 boats of the northern fleet\n",
        # label lines
        "Version: 2.4 of the harbour tools, released for the spring season\n"
        "Homepage: https://harbour.example.org/tools/and/more/pages/here\n",
        # a ruler under a heading
        "Harbour tools for the night clerk and the morning shift\n"
        "=======================================================\n",
        # commands
        "    rm -rf build/cache and then start the harbour tools again with\n"
        "    tools/harbour-admin serve --port 8080 --workers 4 for the night\n",
        # one sentence a line, however long the lines
        "The north pier is closed for repairs until the end of May.\n"
        "Ferries to the island leave from the south pier instead.\n"
        "Tickets bought for the north pier are valid on every ferry.\n",
        # a short line after a finished sentence stays on its own
        "The office closes at six on Saturdays and stays closed on Sunday.\nTimetable\n",
    ],
)
def test_line_structured_blocks_are_not_joined_in_auto_mode(text):
    assert texts(txt.read(text)) == [line.strip() for line in text.splitlines()]


def test_join_mode_joins_any_paragraph():
    verse = "Salt on the rope,\nwind in the sail.\n"
    assert texts(txt.read(verse, wrap="join")) == ["Salt on the rope, wind in the sail."]


def test_a_number_the_wrapping_put_at_a_line_start_is_not_a_list_item():
    text = (
        "  The clerk must file the report described in the second part of section\n"
        "12. That report is kept in the office for at least three full years.\n"
    )
    assert texts(txt.read(text)) == [
        "The clerk must file the report described in the second part of section 12. That "
        "report is kept in the office for at least three full years."
    ]


def test_portuguese_article_o_is_not_a_bullet():
    text = (
        "  O capitão pediu ao funcionário que registasse a carga e depois\n"
        "o barco partiu para norte antes que o vento mudasse de direção.\n"
    )
    assert texts(txt.read(text))[0].startswith("O capitão") and len(txt.read(text).segments) == 1
    assert "depois o barco" in texts(txt.read(text))[0]


def test_rewrapping_never_starts_a_line_with_a_marker_or_breaks_a_protected_span():
    text = (
        "The clerk keeps every record of the fleet in one folder on the desk, and\n"
        "a copy goes to the office under <<harbour records>> at the end of the day.\n"
    )
    doc = txt.read(text)
    doc.segments[0].translation = (
        "O funcionário guarda - no mesmo dossier da secretária - todos os registos da "
        "frota, e uma cópia vai para o gabinete em <<harbour records>> no fim do dia 2. "
        "Depois fecha."
    )
    out = txt.write(doc)
    assert "<<harbour records>>" in out
    assert all(not line.startswith(("- ", "2. ")) for line in out.splitlines())


def test_crlf_paragraph_is_rewrapped_with_crlf():
    text = WRAPPED.replace("\n", "\r\n")
    doc = txt.read(text)
    assert len(doc.segments) == 1
    doc.segments[0].translation = "palavra " * 30
    out = txt.write(doc)
    assert out.count("\r\n") == out.count("\n") and out.endswith("\r\n")


def test_untranslated_paragraphs_keep_their_bytes():
    text = WRAPPED + "\n" + LIST
    doc = txt.read(text)
    doc.segments[1].translation = "Antes de zarpar:"
    out = txt.write(doc)
    assert out == text.replace("Before you sail:", "Antes de zarpar:")


@given(
    st.lists(
        st.sampled_from(list("ab .-*o1)(\n\r\t") + ["word ", "Long ", "\n  "]), max_size=200
    ).map("".join),
    st.sampled_from(["auto", "keep", "join"]),
)
def test_any_text_round_trips_in_every_mode(text, wrap):
    assert txt.write(txt.read(text, wrap=wrap)) == text


def test_engine_gets_whole_sentences_not_line_fragments(cli, tmp_path, scripted):
    src = tmp_path / "harbour.txt"
    src.write_text(WRAPPED + "\n" + LIST, encoding="utf-8")
    result = scripted_translate(cli, src, out=tmp_path / "out.txt")
    assert result.code == 0, result.err
    assert (
        "The harbour office opens early on weekdays, and the boats that leave before dawn "
        "must register with the night clerk, who keeps a ledger of every crew and every "
        "cargo that goes out past the pier."
    ) in scripted.seen
    assert not any(text.startswith(("- ", "* ", "o ", "1. ")) for text in scripted.seen)
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "  o BRING SPARE FUEL." in out and "  (iv) HAND IT IN." in out
    keep = scripted_translate(cli, src, "--wrap", "keep", out=tmp_path / "keep.txt")
    assert (
        keep.code == 0
        and "leave before dawn must register with the night clerk, who keeps a" in scripted.seen
    )  # a line alone


def test_real_model_translates_a_wrapped_list_into_portuguese(cli, tmp_path, bergamot):
    src = tmp_path / "notes.txt"
    src.write_text(LIST, encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", "-"])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    for marker in ["  - ", "  * ", "  + ", "  o ", "  1. ", "  b) ", "  (iv) "]:
        assert sum(line.startswith(marker) for line in lines) == 1, (marker, result.out)
    width = max(len(line) for line in LIST.splitlines())
    assert all(len(line) <= width + 15 for line in lines)  # a long word may overhang
    assert "Carry a radio." not in result.out


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("--with-harbour-lights makes the tool draw the lights.", ["--with-harbour-lights"]),
        ("Run it with -q or --berths=12 for a quiet start.", ["-q", "--berths=12"]),
        ("A well-known 5 -- 6 mile trip, and -5 degrees.", []),
    ],
)
def test_command_line_options_are_protected(line, kept):
    segment = txt.read(line + "\n").segments[0]
    assert [segment.text[p.start : p.end] for p in segment.protected] == kept


def test_gnu_quotes_are_code_spans_of_their_own():
    line = "Type `tide now' for the table, or `tide week' for the whole week."
    segment = txt.read(line + "\n").segments[0]
    assert [segment.text[p.start : p.end] for p in segment.protected] == [
        "`tide now'",
        "`tide week'",
    ]


def test_prose_wrapped_onto_a_path_is_joined():
    text = (
        "The harbour tools keep their tide tables in a folder of their own, which is\n"
        "/srv/harbour/tides on a new install and may be a link to another disk.\n"
    )
    assert len(txt.read(text).segments) == 1


def test_two_line_blocks_join_only_when_the_sentence_goes_on():
    term = "* `harbour-tide`, `harbour-moon`, `harbour-wind`\n  Forecasts for the next days.\n"
    assert len(txt.read(term).segments) == 2  # a term and its description
    prose = (
        "The night clerk writes every departure into the ledger kept on the\n"
        "desk by the harbour office door.\n"
    )
    assert len(txt.read(prose).segments) == 1
