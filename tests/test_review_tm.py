"""glossa review with the translation memory: revisions stored as human translations
(and reused by the next glossa translate), fuzzy TM matches offered as suggestions
that never count as issues."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from glossa.config import load_config
from glossa.tm import default_tm_path, open_tm
from review_helpers import PO_TEXT, write

SOURCE = ["The library opens at nine.", "Late returns cost one euro per day.",
          "My brother works in a hospital. He is a nurse."]


def _lines(path, lines):
    return write(path, "\n".join(lines) + "\n")


def _human(tm_path):
    with open_tm(tm_path, create=False) as tm:
        return {e.source: e.target for e in tm.entries(origin="human")}


def _seed_tm(tm_path, pairs, origin="human", model_id=""):
    with open_tm(tm_path) as tm:
        tm.store_many(pairs, "en", "pt", model_id=model_id, origin=origin)


# --- end to end: translate -> review --revised -> translate reuses the revision -----------


def test_revision_from_review_is_reused_by_the_next_translate(cli, tmp_path):
    src = _lines(tmp_path / "doc.txt", SOURCE)
    tm_path = tmp_path / "project.sqlite"
    mt_path = tmp_path / "doc.pt.txt"
    r = cli(["translate", src, "--from", "en", "--to", "pt", "--tm", tm_path])
    assert r.code == 0, r.err
    assert "from TM" not in r.err
    mt = mt_path.read_text(encoding="utf-8").splitlines()
    assert len(mt) == 3
    revision = "Devoluções em atraso custam um euro por dia."
    assert mt[1] != revision  # the tiny model says something else
    rev_path = _lines(tmp_path / "rev.txt", [mt[0], revision, mt[2]])

    r = cli(["review", src, mt_path, "--revised", rev_path, "--tm", tm_path, "--json"])
    assert r.code == 0, r.err
    summary = json.loads(r.out)["summary"]
    assert summary["changed"] == 1
    assert summary["tm"]["stored"] == 1 and summary["tm"]["written"] == 1
    assert _human(tm_path) == {SOURCE[1]: revision}

    again = tmp_path / "again.txt"
    r = cli(["translate", src, "--from", "en", "--to", "pt", "--tm", tm_path, "-o", again])
    assert r.code == 0, r.err
    assert "(4 sentences, 4 from TM)" in r.err
    out = again.read_text(encoding="utf-8").splitlines()
    assert out[1] == revision
    assert out[0] == mt[0] and out[2] == mt[2]


def test_multi_sentence_revision_is_stored_whole_and_sentence_by_sentence(cli, tmp_path):
    src = _lines(tmp_path / "s.txt", SOURCE[2:])
    mt = _lines(tmp_path / "mt.txt", ["Meu irmão trabalha em um hospital. Ele é uma enfermeira."])
    rev = _lines(tmp_path / "rev.txt", ["Meu irmão trabalha num hospital. Ele é enfermeiro."])
    tm_path = tmp_path / "tm.sqlite"
    r = cli(["review", src, mt, "--revised", rev, "--tm", tm_path, "--from", "en", "--to", "pt"])
    assert r.code == 0, r.err
    assert _human(tm_path) == {
        SOURCE[2]: "Meu irmão trabalha num hospital. Ele é enfermeiro.",
        "My brother works in a hospital.": "Meu irmão trabalha num hospital.",
        "He is a nurse.": "Ele é enfermeiro.",
    }
    assert "stored 1 revised segment as human translations" in " ".join(r.out.split())


# --- what is stored -------------------------------------------------------------------------

MT = ["A biblioteca abre às nove.", "Os retornos tardios custam um euro por dia.",
      "Meu irmão trabalha em um hospital. Ele é enfermeiro."]
REV = ["A biblioteca abre às nove.", "Devoluções em atraso custam um euro por dia.",
       "Meu irmão trabalha em um hospital. Ele é enfermeiro."]


@pytest.fixture
def texts(tmp_path):
    return {"src": _lines(tmp_path / "src.txt", SOURCE), "mt": _lines(tmp_path / "mt.txt", MT),
            "rev": _lines(tmp_path / "rev.txt", REV)}


@pytest.mark.parametrize(("mode", "stored"), [
    ("changed", {SOURCE[1]: REV[1]}),
    ("all", {SOURCE[0]: REV[0], SOURCE[1]: REV[1], SOURCE[2]: REV[2],
             "My brother works in a hospital.": "Meu irmão trabalha em um hospital.",
             "He is a nurse.": "Ele é enfermeiro."}),
])
def test_store_modes(cli, texts, mode, stored):
    r = cli(["review", texts["src"], texts["mt"], "--revised", texts["rev"], "--tm-store", mode,
             "--from", "en", "--to", "pt", "--json"])
    assert r.code == 0, r.err
    assert _human(default_tm_path()) == stored
    assert json.loads(r.out)["summary"]["tm"]["stored"] == (1 if mode == "changed" else 3)


def test_store_none_and_no_tm_write_nothing(cli, texts):
    base = ["review", texts["src"], texts["mt"], "--revised", texts["rev"], "--from", "en",
            "--to", "pt", "--json"]
    r = cli([*base, "--no-tm"])
    assert r.code == 0 and not default_tm_path().exists()
    assert "tm" not in json.loads(r.out)["summary"]
    assert all("suggestions" not in s for s in json.loads(r.out)["segments"])
    r = cli([*base, "--tm-store", "none"])
    assert r.code == 0 and not default_tm_path().exists()


def test_all_mode_skips_unchanged_segments_with_errors(cli, tmp_path):
    src = _lines(tmp_path / "s.txt", ["Sales rose 5% in 2021.", "The shop opens at nine."])
    mt = _lines(tmp_path / "mt.txt", ["As vendas subiram 7% em 2021.", "A loja abre às nove."])
    r = cli(["review", src, mt, "--revised", mt, "--tm-store", "all", "--from", "en",
             "--to", "pt"])
    assert r.code == 1  # the number error is still reported
    assert _human(default_tm_path()) == {"The shop opens at nine.": "A loja abre às nove."}


def test_review_without_revision_neither_stores_nor_creates_the_default_tm(cli, texts):
    r = cli(["review", texts["src"], texts["mt"], "--from", "en", "--to", "pt", "--json"])
    assert r.code == 0, r.err
    assert not default_tm_path().exists()
    assert "tm" not in json.loads(r.out)["summary"]


PO_REVISED = PO_TEXT.replace('msgstr "Salvar arquivo %s"', 'msgstr "Gravar arquivo %s"') \
    .replace('msgstr "Esvaziar a lixeira"', 'msgstr "Esvaziar a Lixeira agora"')


def test_po_revision_stores_approved_changes_only(cli, tmp_path):
    po = write(tmp_path / "app.po", PO_TEXT)
    rev = write(tmp_path / "rev.po", PO_REVISED)  # the Recycle Bin entry stays fuzzy
    r = cli(["review", po, "--revised", rev, "--from", "en", "--json"])
    assert json.loads(r.out)["summary"]["changed"] == 2
    assert _human(default_tm_path()) == {"Save file %s": "Gravar arquivo %s"}
    approved = PO_REVISED.replace("#, fuzzy\n", "")
    write(rev, approved)
    cli(["review", po, "--revised", rev, "--from", "en"])
    assert _human(default_tm_path())["Empty the Recycle Bin now"] == "Esvaziar a Lixeira agora"


def test_po_all_mode_stores_the_approved_entries_without_errors(cli, tmp_path):
    po = write(tmp_path / "app.po", PO_TEXT)
    r = cli(["review", po, "--from", "en", "--tm-store", "all", "--json"])
    assert r.code == 1  # the empty "Open" is an error
    assert json.loads(r.out)["summary"]["tm"]["stored"] == 3
    # not: the empty "Open", the fuzzy entry
    assert _human(default_tm_path()) == {"Save file %s": "Salvar arquivo %s",
                                         "%d file deleted": "%d arquivo excluído",
                                         "%d files deleted": "arquivos excluídos"}


# --- suggestions ----------------------------------------------------------------------------


@pytest.fixture
def suggesting(tmp_path):
    """A TM with a human translation of a near-identical sentence, and a file to review."""
    tm_path = tmp_path / "tm.sqlite"
    _seed_tm(tm_path, [("Late returns cost one euro per day.",
                        "Devoluções em atraso custam um euro por dia.")])
    _seed_tm(tm_path, [("Late returns cost one euro per day.",
                        "Os retornos tardios custam um euro por dia.")], "machine", "fake:en-pt:1")
    src = _lines(tmp_path / "src.txt", ["Late returns cost two euros per day.",
                                        "The museum is closed."])
    mt = _lines(tmp_path / "mt.txt", ["Os retornos tardios custam dois euros por dia.",
                                      "O museu está fechado."])
    return {"tm": tm_path, "src": src, "mt": mt}


def test_suggestions_for_a_near_identical_sentence_in_json(cli, suggesting):
    s = suggesting
    r = cli(["review", s["src"], s["mt"], "--tm", s["tm"], "--from", "en", "--to", "pt",
             "--json"])
    assert r.code == 0, r.err
    first, second = json.loads(r.out)["segments"]
    # the machine entry is superseded by the human one for the same source: not offered
    assert first["suggestions"] == [{"score": 93.0, "source": "Late returns cost one euro per day.",
                                     "target": "Devoluções em atraso custam um euro por dia.",
                                     "origin": "human"}]
    assert first["issues"] == [] and second["suggestions"] == []


def test_suggestions_in_the_terminal_and_html(cli, suggesting, tmp_path):
    s = suggesting
    html = tmp_path / "r.html"
    r = cli(["review", s["src"], s["mt"], "--tm", s["tm"], "--from", "en", "--to", "pt",
             "--no-color", "--html", html])
    assert r.code == 0, r.err
    flat = " ".join(r.out.replace("│", " ").split())
    assert "TM 93%: Late returns cost one euro per day. → Devoluções em atraso" in flat
    assert "suggestions for 1 segment (threshold 75)" in flat
    page = " ".join(html.read_text(encoding="utf-8").replace("│", " ").split())
    assert "TM 93%: Late returns cost" in page


@pytest.mark.parametrize(("extra", "expected"), [
    ([], 1),
    (["--fuzzy-threshold", "95"], 0),
    (["--suggestions", "0"], 0),
])
def test_threshold_and_count_options(cli, suggesting, extra, expected):
    s = suggesting
    r = cli(["review", s["src"], s["mt"], "--tm", s["tm"], "--from", "en", "--to", "pt",
             "--json", *extra])
    assert r.code == 0, r.err
    assert len(json.loads(r.out)["segments"][0]["suggestions"]) == expected


def test_threshold_default_comes_from_the_config(cli, suggesting):
    write(Path(os.environ["GLOSSA_CONFIG"]), "[tm]\nfuzzy_threshold = 95\n")
    load_config.cache_clear()
    s = suggesting
    r = cli(["review", s["src"], s["mt"], "--tm", s["tm"], "--from", "en", "--to", "pt",
             "--json"])
    data = json.loads(r.out)
    assert data["segments"][0]["suggestions"] == []
    assert data["summary"]["tm"]["threshold"] == 95


def test_exact_match_equal_to_the_mt_is_noise_but_a_different_one_is_offered(cli, tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    _seed_tm(tm_path, [("The museum is closed.", "O museu está fechado.")], "machine", "m:1")
    _seed_tm(tm_path, [("Opening hours change in winter.",
                        "O horário muda no inverno.")])
    src = _lines(tmp_path / "src.txt", ["The museum is closed.",
                                        "Opening hours change in winter."])
    mt = _lines(tmp_path / "mt.txt", ["O museu está fechado.",
                                      "Os horários de abertura mudam no inverno."])
    r = cli(["review", src, mt, "--tm", tm_path, "--from", "en", "--to", "pt", "--json"])
    museum, shop = json.loads(r.out)["segments"]
    assert museum["suggestions"] == []  # only the MT itself, already on screen
    assert [(m["score"], m["target"]) for m in shop["suggestions"]] == [
        (100.0, "O horário muda no inverno.")]


def test_suggestions_never_change_issues_or_the_exit_code(cli, tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    _seed_tm(tm_path, [("Sales rose 5% in 2021.", "As vendas subiram 5% em 2021.")])
    src = _lines(tmp_path / "s.txt", ["Sales rose 5% in 2022."])
    mt = _lines(tmp_path / "mt.txt", ["As vendas subiram 7% em 2022."])
    base = ["review", src, mt, "--from", "en", "--to", "pt", "--json"]
    with_tm, without = cli([*base, "--tm", tm_path]), cli([*base, "--no-tm"])
    assert with_tm.code == without.code == 1
    a, b = json.loads(with_tm.out), json.loads(without.out)
    assert a["segments"][0]["suggestions"][0]["target"] == "As vendas subiram 5% em 2021."
    assert a["segments"][0]["issues"] == b["segments"][0]["issues"]
    assert {k: v for k, v in a["summary"].items() if k != "tm"} == b["summary"]


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "message"), [
    (["--no-tm", "--tm", "x.sqlite"], "contradict"),
    (["--fuzzy-threshold", "120"], "between 0 and 100"),
    (["--suggestions", "-1"], "0 or more"),
    (["--tm-store", "all"], "needs --revised"),
    (["--tm", "{missing}"], "no translation memory here yet"),
    (["--tm", "{notdb}"], "not a glossa translation memory"),
])
def test_tm_option_errors_exit_2(cli, texts, tmp_path, extra, message):
    names = {"missing": tmp_path / "missing.sqlite",
             "notdb": write(tmp_path / "notes.txt", "just text\n")}
    r = cli(["review", texts["src"], texts["mt"], "--from", "en", "--to", "pt",
             *[a.format(**names) for a in extra]])
    assert r.code == 2
    assert r.err.startswith("glossa: error:") and message in r.err
    assert len(r.err.strip().splitlines()) == 1
