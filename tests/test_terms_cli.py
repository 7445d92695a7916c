"""`glossa terms`: table and JSON output, exit codes and error messages."""

from __future__ import annotations

import json

import pytest

from glossary_helpers import SAMPLE_TSV


@pytest.fixture
def files(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text(SAMPLE_TSV, encoding="utf-8")
    text = tmp_path / "in.txt"
    text.write_text("Segundo Alexander Lavrentyev,\na Frente Sul e as atualizações de segurança.\n",
                    encoding="utf-8")
    return glossary, text


def test_json_lists_spans_and_forms(cli, files):
    glossary, text = files
    result = cli(["terms", str(text), "--glossary", str(glossary), "--json"])
    assert result.code == 0
    data = json.loads(result.out)
    assert data["lang"] == "pt"
    source = text.read_text(encoding="utf-8")
    got = [(m["form"], m["line"], m["keep_verbatim"]) for m in data["matches"]]
    assert got == [("Alexander Lavrentyev", 1, False), ("Frente Sul", 2, False),
                   ("atualizações de segurança", 2, False)]
    assert all(source[m["start"]:m["end"]] == m["form"] for m in data["matches"])
    assert data["matches"][2]["term"] == "atualização de segurança"


def test_table_output(cli, files):
    glossary, text = files
    result = cli(["terms", str(text), "-g", str(glossary), "--lang", "pt"])
    assert result.code == 0
    flat = " ".join(result.out.split())  # the title wraps when the temp path is long
    assert "3 term occurrences" in flat and "Frente Sul" in flat


@pytest.mark.parametrize("args, message", [
    (["--lang", "xx"], "unknown language code"),
    (["--lang", "de"], "no 'de' column"),
])
def test_bad_language(cli, files, args, message):
    glossary, text = files
    result = cli(["terms", str(text), "-g", str(glossary), *args])
    assert result.code == 2 and message in result.err


def test_malformed_glossary_exit_2(cli, files, tmp_path):
    _, text = files
    bad = tmp_path / "bad.tsv"
    bad.write_text("en\tpt\na\tb\tc\n", encoding="utf-8")
    result = cli(["terms", str(text), "-g", str(bad)])
    assert result.code == 2
    assert result.err.startswith("glossa: error: ") and "bad.tsv:2" in result.err
