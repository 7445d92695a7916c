"""Mixed-language segments (issue 13): a run with no route is the only run kept; a run
already in the target language never reaches the engine, with --from auto or explicit.
"""

from __future__ import annotations

import json

import pytest

from scripted_engine import install, scripted_translate

# An English sentence quoting a Portuguese and a Spanish line (the Spanish has no route
# to English with Bergamot alone: Apertium es->en is not used with --engine bergamot).
SONGS = (
    'At the harbour festival the fishermen sang "o mar é a nossa casa e o nosso pão" '
    'and the visitors from Vigo answered "siempre volveremos a este puerto querido" '
    "while the boats came in.\n"
)
PT_RUN = "o mar é a nossa casa e o nosso pão"
ES_RUN = "siempre volveremos a este puerto querido"


def test_run_without_a_route_keeps_only_itself_with_real_models(cli, tmp_path, bergamot):
    src = tmp_path / "festival.txt"
    src.write_text(SONGS, encoding="utf-8")
    out = tmp_path / "festival.en.txt"
    result = cli(
        ["translate", src, "--to", "en", "--engine", "bergamot", "--no-tm", "-o", out, "--json"]
    )
    assert result.code == 1  # a run is missing from the output
    text = out.read_text(encoding="utf-8")
    assert PT_RUN not in text and ES_RUN in text  # Portuguese translated, Spanish kept
    assert text.startswith('At the harbour festival the fishermen sang "')
    assert text.endswith("while the boats came in.\n")
    report = json.loads(result.out)
    assert [(p["kind"], p["line"]) for p in report["problems"]] == [("no-model", 1)]
    assert "es->en" in report["problems"][0]["message"]
    assert report["summary"]["translated"] == 1


def test_run_without_a_route_in_a_route_table(cli, tmp_path, monkeypatch):
    engine = install(monkeypatch, pairs=[("pt", "en")])
    src = tmp_path / "festival.txt"
    src.write_text(SONGS, encoding="utf-8")
    result = scripted_translate(cli, src, source=None, target="en")
    assert result.code == 1
    assert engine.seen == [PT_RUN]  # neither the Spanish run nor the English host
    assert PT_RUN.upper() in result.out and ES_RUN in result.out
    assert "no-model: no model for es->en" in result.err
    assert "0 term misses" in result.err and "1/1 segments translated" in result.err


@pytest.fixture
def scripted(monkeypatch):
    return install(monkeypatch)


def test_target_language_quote_is_shielded_with_auto_source(cli, tmp_path, scripted):
    src = tmp_path / "carta.txt"
    src.write_text(
        "O capitão escreveu no diário de bordo que a tripulação gritou "
        '"land ahoy at last" quando viu a costa pela primeira vez.\n',
        encoding="utf-8",
    )
    result = scripted_translate(cli, src, source=None, target="en")
    assert result.code == 0, result.err
    assert len(scripted.seen) == 1 and "land ahoy" not in scripted.seen[0]
    assert '"land ahoy at last"' in result.out


def test_explicit_source_leaves_sentences_already_in_the_target(cli, tmp_path, scripted):
    lines = [
        "The ferry leaves from the north pier every hour.",
        "O barco parte do cais norte todas as horas da manhã.",
        "Menu",
        "The ferry, o barco das sete, leaves from the north pier every hour.",
    ]
    src = tmp_path / "ferry.txt"
    src.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = scripted_translate(cli, src)
    assert result.code == 0, result.err
    assert scripted.seen == [lines[0], lines[2], lines[3]]  # short or mixed: still sent
    assert lines[1] in result.out.split("\n")


def test_explicit_source_still_translates_its_own_language(cli, tmp_path, scripted):
    """Confidence matters: English sentences full of loans and names are English."""
    lines = [
        "The café on Rua Augusta serves pastéis de nata and espresso all day.",
        "Our guide Sebastião showed us the azulejos of the old station.",
    ]
    src = tmp_path / "tour.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = scripted_translate(cli, src, "--wrap", "keep")
    assert result.code == 0, result.err
    assert scripted.seen == lines
