"""--tm-only pre-translates from the TM alone (no engine), as translate-toolkit's pretranslate
does; a catalogue's own finished entries translate its other entries (copied)."""

from __future__ import annotations

import json

import polib
import pytest

from cli_helpers import translate
from glossa import engines
from glossa.tm import open_tm

HEADER = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _po(path, *entries: tuple[str, str]) -> object:
    body = "".join(f'msgid "{source}"\nmsgstr "{target}"\n\n' for source, target in entries)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _entries(path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path))}


@pytest.fixture
def no_engine(monkeypatch):
    """Any attempt to choose or load an engine fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("--tm-only must not load an engine")

    monkeypatch.setattr(engines, "select_engine", refuse)
    monkeypatch.setattr(engines, "get_engine", refuse)


@pytest.fixture
def tm_path(tmp_path):
    path = tmp_path / "tm.sqlite"
    with open_tm(path) as tm:
        tm.store_many(
            [
                ("The museum opens at ten.", "O museu abre às dez."),
                ("Tickets for %d visitors", "Bilhetes para %d visitantes"),
                ("Guided tours in English", "Visitas guiadas em inglês"),
            ],
            "en",
            "pt",
            origin="human",
        )
        tm.store_many(
            [("The gift shop is closed.", "A loja de presentes está fechada.")],
            "en",
            "pt",
            "bergamot:en-pt:some model",
        )
    return path


def test_exact_and_fuzzy_matches_without_an_engine(cli, tmp_path, tm_path, no_engine):
    src = _po(
        tmp_path / "museum.po",
        ("The museum opens at ten.", ""),
        ("The museum opens at nine.", ""),
        ("The gift shop is closed.", ""),
        ("Parking is free on Sundays.", ""),
    )
    out = tmp_path / "out.po"
    result = translate(cli, src, "--tm", tm_path, "--tm-only", "--json", out=out)
    assert result.code == 0, result.err
    entries = _entries(out)
    exact = entries["The museum opens at ten."]
    assert exact.msgstr == "O museu abre às dez." and "fuzzy" not in exact.flags
    assert not exact.tcomment  # a human translation: no MT mark
    near = entries["The museum opens at nine."]  # ~90 %: the neighbour's text, to fix
    assert near.msgstr == "O museu abre às dez." and "fuzzy" in near.flags
    machine = entries["The gift shop is closed."]  # an exact machine match stays MT
    assert "fuzzy" in machine.flags
    assert machine.tcomment == "glossa: mt bergamot:en-pt:some model"
    assert entries["Parking is free on Sundays."].msgstr == ""
    summary = json.loads(result.out)["summary"]
    assert summary["copied"] == 3 and summary["translated"] == 3 and summary["left"] == 1
    assert json.loads(result.out)["signature"]["engines"] == []
    assert "3 copied" in result.err and "1 left for you" in result.err


def test_the_threshold_decides_which_fuzzy_matches_are_used(cli, tmp_path, tm_path, no_engine):
    src = _po(tmp_path / "museum.po", ("The museum opens at nine.", ""))
    strict, loose = tmp_path / "strict.po", tmp_path / "loose.po"
    assert (
        translate(
            cli, src, "--tm", tm_path, "--tm-only", "--fuzzy-threshold", "95", out=strict
        ).code
        == 0
    )
    assert _entries(strict)["The museum opens at nine."].msgstr == ""
    assert (
        translate(cli, src, "--tm", tm_path, "--tm-only", "--fuzzy-threshold", "80", out=loose).code
        == 0
    )
    assert _entries(loose)["The museum opens at nine."].msgstr == "O museu abre às dez."


def test_a_fuzzy_match_with_other_placeholders_is_not_used(cli, tmp_path, tm_path, no_engine):
    src = _po(
        tmp_path / "museum.po", ("Tickets for %s visitors", ""), ("Tickets for %d visitor", "")
    )
    out = tmp_path / "out.po"
    result = translate(cli, src, "--tm", tm_path, "--tm-only", out=out)
    assert result.code == 0, result.err
    entries = _entries(out)
    assert entries["Tickets for %s visitors"].msgstr == ""  # %d there: would break msgfmt -c
    same = entries["Tickets for %d visitor"]
    assert same.msgstr == "Bilhetes para %d visitantes" and "fuzzy" in same.flags


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tm-only", "--no-tm"], "--tm-only translates from the TM; it cannot go with --no-tm"),
        (["--fuzzy-threshold", "80"], "--fuzzy-threshold goes with --tm-only"),
        (
            ["--tm-only", "--fuzzy-threshold", "120"],
            "--fuzzy-threshold is a score from 0 to 100, not 120",
        ),
    ],
)
def test_tm_only_option_errors_are_one_line(cli, tmp_path, args, message):
    src = _po(tmp_path / "museum.po", ("The museum opens at nine.", ""))
    result = cli(["translate", src, "--to", "pt", "-o", tmp_path / "out.po", *args])
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"glossa: error: {message}"]
    assert not (tmp_path / "out.po").exists()


def test_the_catalogue_translates_its_own_untranslated_entries(cli, tmp_path, no_engine):
    src = _po(
        tmp_path / "museum.po",
        (
            "Audio guides are available. Ask at the desk.",
            "Há áudio-guias disponíveis. Pergunte no balcão.",
        ),
        ("Export…", "Exportar…"),
        ("Ask at the desk.", ""),
        ("Export", ""),
        ("Audio guides", ""),
    )
    out = tmp_path / "out.po"
    result = translate(cli, src, "--tm-only", "--tm", tmp_path / "empty.sqlite", "--json", out=out)
    assert result.code == 0, result.err
    entries = _entries(out)
    ask = entries["Ask at the desk."]  # a sentence of a finished entry
    assert ask.msgstr == "Pergunte no balcão." and "fuzzy" not in ask.flags
    assert entries["Export"].msgstr == "Exportar"  # "Export…" without its ellipsis
    assert entries["Audio guides"].msgstr == ""  # only part of a sentence: nothing to copy
    assert json.loads(result.out)["summary"]["copied"] == 2


def test_own_entries_are_copied_before_the_engine_runs(cli, tmp_path):
    src = _po(
        tmp_path / "museum.po",
        ("Closed on Mondays.", "Encerrado às segundas."),
        ("Closed on Mondays. Open on holidays.", ""),
    )
    out = tmp_path / "out.po"
    result = cli(["translate", src, "--to", "pt", "--from", "en", "--no-tm", "-o", out])
    assert result.code == 0, result.err
    msgstr = _entries(out)["Closed on Mondays. Open on holidays."].msgstr
    assert msgstr.startswith("Encerrado às segundas. ")  # the rest is the engine's
    assert "(2 sentences, 1 from TM)" in result.err
