"""`glossa detect` end to end: JSON shape, the rich view, and errors (exit 2, one line)."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from glossa.cli import main
from glossa.detect import detect_text
from glossa.detect.view import THEME, MarkedText, Summary

TEXT = ("The council met on Monday to discuss the new bus routes.\n"
        "A resident held up a sign reading «Верните наш автобус».\n")


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_output_has_exact_shape_and_code_point_offsets(doc, capsys):
    assert main(["detect", str(doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"dominant", "spans"}
    assert out["dominant"] == "en"
    assert [set(s) for s in out["spans"]] == [{"start", "end", "lang", "confidence"}]
    span = out["spans"][0]
    assert span["lang"] == "ru"
    assert TEXT[span["start"]:span["end"]] == "Верните наш автобус"


def test_languages_option_restricts_candidates(doc, capsys):
    assert main(["detect", str(doc), "--json", "--languages", "en, uk"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {s["lang"] for s in out["spans"]} <= {"uk"}


@pytest.mark.parametrize(("args", "message"), [
    (["--languages", "en,xx"], "unknown language code 'xx'"),
    (["--languages", ","], "at least one language"),
])
def test_bad_languages_exit_2_with_one_line(doc, capsys, args, message):
    assert main(["detect", str(doc), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("glossa: error:")


@pytest.mark.parametrize(("data", "message"), [
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 au lait", "not valid UTF-8"),
])
def test_binary_or_non_utf8_input_exits_2(tmp_path, capsys, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert main(["detect", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["detect", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_keep_option_protects_a_term(tmp_path, capsys):
    path = tmp_path / "keep.txt"
    path.write_text("Users of the Mein Bäcker app said the bakery app was slow.", encoding="utf-8")
    assert main(["detect", str(path), "--json", "--keep", "Mein Bäcker"]) == 0
    assert json.loads(capsys.readouterr().out)["spans"] == []


def render(renderable) -> str:
    console = Console(width=100, theme=THEME, no_color=True, color_system=None,
                      record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_rich_view_marks_and_labels_foreign_runs():
    det = detect_text(TEXT)
    out = render(MarkedText(TEXT.rstrip("\n"), det))
    assert "«⟦Верните наш автобус⟧‹ru›»" in out
    assert "The council met on Monday" in out


def test_summary_table_lists_dominant_and_foreign_languages():
    det = detect_text(TEXT)
    out = render(Summary(TEXT, det))
    lines = [line.split() for line in out.splitlines()]
    dominant = next(line for line in lines if "dominant" in line)
    foreign = next(line for line in lines if "foreign" in line)
    assert dominant[:2] == ["en", "English"]
    assert foreign[:2] == ["ru", "Russian"]
    assert foreign[3:5] == ["1", str(sum(c.isalpha() for c in "Верните наш автобус"))]


def test_cli_view_prints_text_and_table(doc, capsys):
    assert main(["detect", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "Верните наш автобус" in out and "‹ru›" in out
    assert "dominant" in out and "Russian" in out
