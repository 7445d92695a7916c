"""glossa review: alignment of text and PO inputs, diffs, the terminal view, JSON,
HTML and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossa.errors import FormatError, InputError, UsageError
from glossa.review import build_report, load_po, load_texts
from glossa.review.diff import word_diff, word_edits
from glossa.review.render import DiffText, ReviewView, SegmentTable
from review_helpers import GLOSSARY_TSV, PO_TEXT, glossary, render, write

SOURCE = ("Combatentes da Frente Sul deixaram a cidade.\n"
          "\n"
          "A participação de mercado caiu 3% em 2022.\n"
          "Clique em <b>Salvar</b> para continuar.\n"
          "Sua sessão expirou.\n")
TARGET = ("Fighters from the South Front left the city.\n"
          "\n"
          "The market share fell 3% in 2021.\n"
          "Click <b>Save</b> to continue.\n"
          "\n")
REVISED = ("Fighters from the Southern Front left the town.\n"
           "\n"
           "The market share fell by 3% in 2022.\n"
           "Click <b>Save</b> to continue.\n"
           "Your session has expired.\n")


@pytest.fixture
def files(tmp_path):
    return {"source": write(tmp_path / "src.txt", SOURCE),
            "target": write(tmp_path / "mt.txt", TARGET),
            "revised": write(tmp_path / "rev.txt", REVISED),
            "glossary": write(tmp_path / "g.tsv", GLOSSARY_TSV),
            "po": write(tmp_path / "app.po", PO_TEXT)}


def test_text_alignment_keeps_line_indices_and_skips_blank_pairs(files):
    inp = load_texts(files["source"], files["target"], files["revised"])
    assert [s.index for s in inp.segments] == [0, 2, 3, 4]
    assert [s.line for s in inp.segments] == [1, 3, 4, 5]
    assert inp.segments[3].target == "" and inp.segments[3].revised.startswith("Your session")


@pytest.mark.parametrize(("source", "target"), [
    ("a\nb\nc\n", "a\nb\n"),
    ("a\nb\n", "a\n\nb\n"),
])
def test_mismatched_line_counts_are_an_input_error(tmp_path, source, target):
    with pytest.raises(InputError, match="line counts differ"):
        load_texts(write(tmp_path / "s.txt", source), write(tmp_path / "t.txt", target))


def test_trailing_blank_lines_and_crlf_do_not_count(tmp_path):
    inp = load_texts(write(tmp_path / "s.txt", "Olá\r\nTchau\r\n\r\n\r\n"),
                     write(tmp_path / "t.txt", "Hello\nBye"))
    assert [(s.source, s.target) for s in inp.segments] == [("Olá", "Hello"), ("Tchau", "Bye")]


def test_po_segments_plurals_and_fuzzy_previous_msgid(files):
    inp = load_po(files["po"])
    assert inp.target_language == "pt_BR"
    got = [(s.index, s.source, s.target, s.plural, s.context) for s in inp.segments]
    assert got == [
        (0, "Save file %s", "Salvar arquivo %s", None, None),
        (1, "Open", "", None, "menu"),
        (2, "%d file deleted", "%d arquivo excluído", 0, None),
        (3, "%d files deleted", "arquivos excluídos", 1, None),
        (4, "Empty the Recycle Bin now", "Esvaziar a lixeira", None, None),
    ]
    assert inp.segments[4].fuzzy and inp.segments[4].previous_source == "Empty the trash"
    assert inp.segments[0].previous_source is None


def test_po_revision_is_matched_by_msgid(files, tmp_path):
    revised = write(tmp_path / "rev.po", PO_TEXT.replace('msgstr ""\n\n#: app.py:20',
                                                        'msgstr "Abrir"\n\n#: app.py:20'))
    inp = load_po(files["po"], revised)
    assert [s.revised for s in inp.segments][:2] == ["Salvar arquivo %s", "Abrir"]
    with pytest.raises(UsageError):
        load_po(files["po"], files["target"])


def test_broken_po_is_a_format_error(tmp_path):
    with pytest.raises(FormatError, match=r"bad.po:3: unexpected text"):
        load_po(write(tmp_path / "bad.po", 'msgid "a"\nmsgstr "b"\nnot po at all\n'))


@pytest.mark.parametrize(("old", "new", "edits"), [
    ("the city", "the town", 1),
    ("fell 3%", "fell by 3%", 1),
    ("a b c", "a b c", 0),
    ("", "Your session has expired.", 5),
])
def test_word_edits_count_words_and_punctuation(old, new, edits):
    assert word_edits(old, new) == edits
    ops = word_diff(old, new)
    assert "".join(op.old for op in ops) == old and "".join(op.new for op in ops) == new


def test_diff_refines_a_small_change_to_characters():
    ops = word_diff("the South Front", "the Southern Front")
    changed = [op for op in ops if op.tag != "equal"]
    assert [(c.tag, c.old, c.new) for c in changed[0].chars] == [
        ("equal", "South", "South"), ("insert", "", "ern")]
    assert not [op for op in word_diff("stake", "share") if op.chars]


def test_plain_diff_uses_marks_and_colour_uses_styles():
    ops = word_diff("left the city.", "left the town.")
    assert render(DiffText(ops)).strip() == "left the [-city-]{+town+}."
    coloured = render(DiffText(ops, "new"), color=True)
    assert "town" in coloured and "{+" not in coloured and "\x1b[" in coloured


def _report(files, revised=True, g=True):
    inp = load_texts(files["source"], files["target"], files["revised"] if revised else None)
    return build_report(inp, "pt", "en", glossary(files["source"].parent) if g else None)


def test_report_checks_the_revision_when_there_is_one(files):
    mt = _report(files, revised=False)
    assert {s.segment.index: sorted(i.kind for i in s.issues) for s in mt.segments} == {
        0: ["term"], 2: ["number"], 3: [], 4: ["empty"]}
    rev = _report(files)
    assert [s.issues for s in rev.segments] == [[], [], [], []]
    assert rev.summary["changed"] == 3 and rev.summary["word_edits"] == 2 + 2 + 5
    assert rev.summary["ter"] == pytest.approx(9 / rev.summary["revised_words"], abs=1e-4)


def test_terminal_view_at_80_columns_without_colour(files):
    out = render(ReviewView(_report(files, revised=False)))
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in out
    body = "\n".join(lines)
    for text in ("Source (pt)", "Target (en)", "✖ term:", "'Southern Front'", "✖ number:",
                 "2022", "✖ empty:", "(empty)", "Portuguese (pt) -> English (en)",
                 "4 (3 with issues)", "3 errors, 0 warnings", "empty 1, number 1, term 1"):
        assert text in body, text
    assert [line.split("│")[1].strip() for line in lines
            if line.startswith("│") and line.split("│")[1].strip()] == ["#", "1", "3", "4", "5"]


def test_terminal_view_with_revision_shows_both_sides_of_the_diff(files):
    out = render(ReviewView(_report(files)))
    assert "MT (en)" in out and "Revised" in out
    assert "[-city-]" in out and "{+town+}" in out and "South{+ern+}" in out
    assert "TER" in out and "3 of 4 segments changed" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_only_issues_hides_clean_segments(files):
    table = SegmentTable(_report(files, revised=False), only_issues=True)
    assert [s.segment.index for s in table.rows()] == [0, 2, 4]


def test_colour_view_styles_terms_and_diffs(files):
    out = render(ReviewView(_report(files)), width=120, color=True)
    assert "\x1b[9m" in out or ";9m" in out or "9;" in out  # strike-through deletions
    assert "\x1b[4m" in out or ";4m" in out or "4;" in out  # underlined glossary terms


def test_cli_json_shape_and_exit_code(cli, files):
    r = cli(["review", files["source"], files["target"], "-g", files["glossary"], "--json",
             "--from", "pt", "--to", "en"])
    assert r.code == 1
    data = json.loads(r.out)
    assert [s["index"] for s in data["segments"]] == [0, 2, 3, 4]
    first = data["segments"][0]
    assert first["source"].startswith("Combatentes") and first["target"].startswith("Fighters")
    assert first["issues"][0]["kind"] == "term" and first["issues"][0]["severity"] == "error"
    assert data["summary"]["by_kind"] == {"empty": 1, "number": 1, "term": 1}
    assert data["signature"]["glossary"] == glossary(files["source"].parent).fingerprint()
    assert data["signature"]["glossa"]


def test_cli_only_issues_keeps_aligned_indices(cli, files):
    r = cli(["review", files["source"], files["target"], "--json", "--only-issues",
             "--from", "pt", "--to", "en"])
    assert [s["index"] for s in json.loads(r.out)["segments"]] == [2, 4]


def test_cli_exit_zero_when_the_revision_is_clean(cli, files):
    r = cli(["review", files["source"], files["target"], "--revised", files["revised"],
             "-g", files["glossary"], "--from", "pt", "--to", "en", "--no-color"])
    assert r.code == 0, r.out
    assert "{+town+}" in r.out and "0 errors" in r.out


def test_cli_detects_languages_and_reads_the_po_language(cli, files):
    r = cli(["review", files["source"], files["target"], "--json"])
    assert json.loads(r.out)["summary"]["source_lang"] == "pt"
    assert json.loads(r.out)["summary"]["target_lang"] == "en"
    r = cli(["review", files["po"], "--from", "en", "--json"])
    data = json.loads(r.out)
    assert r.code == 1 and data["summary"]["target_lang"] == "pt"
    kinds = {s["index"]: [i["kind"] for i in s["issues"]] for s in data["segments"]}
    assert kinds[1] == ["empty"] and kinds[3] == [] and kinds[4] == ["fuzzy"]
    assert data["segments"][4]["previous_source"] == "Empty the trash"


def test_cli_html_report_is_written_atomically(cli, files, tmp_path):
    out = tmp_path / "report.html"
    r = cli(["review", files["source"], files["target"], "--revised", files["revised"],
             "--from", "pt", "--to", "en", "--html", out])
    assert r.code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>glossa review:" in page
    assert "<ins>ern</ins>" in page and "del {" in page
    assert page.count("<script") == 1 and "http" not in page.split("<body>")[1]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.html")]


@pytest.mark.parametrize(("args", "message"), [
    (["{source}"], "needs SOURCE and TARGET"),
    (["{po}", "{target}"], "PO file holds source and translation"),
    (["{source}", "{po}"], "review a PO file on its own"),
    (["{source}", "{missing}"], "no such file"),
    (["{source}", "{short}"], "line counts differ"),
    (["{source}", "{target}", "--to", "xx"], "unknown language code"),
    (["{source}", "{target}", "-g", "{missing}"], "missing.tsv"),
])
def test_cli_usage_and_input_errors_exit_2(cli, files, tmp_path, args, message):
    names = {k: str(v) for k, v in files.items()}
    names["missing"] = str(tmp_path / "missing.tsv")
    names["short"] = str(write(tmp_path / "short.txt", "one line\n"))
    r = cli(["review", *[a.format(**names) for a in args]])
    assert r.code == 2
    assert r.err.startswith("glossa: error:") and message in r.err


def test_seeded_defects_in_our_own_set_are_all_found(cli):
    """tests/data/review: 32 news/UI lines, 12 seeded defects (different strings from
    the shared dev set); every defect flagged with its kind, nothing on clean lines."""
    data = Path(__file__).parent / "data" / "review"
    r = cli(["review", data / "source.txt", data / "target.txt", "-g", data / "glossary.tsv",
             "--json"])
    seeded = {(d["line"], d["kind"]) for d in
              json.loads((data / "expected.json").read_text(encoding="utf-8"))["defects"]}
    flagged = {(s["index"] + 1, i["kind"]) for s in json.loads(r.out)["segments"]
               for i in s["issues"] if i["severity"] == "error"}
    assert flagged == seeded
