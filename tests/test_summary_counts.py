"""The job's counts: translated (copied and unchanged among them), kept in the source,
failed, left for you; the same numbers in the summary line and in --json."""

from __future__ import annotations

import json

import pytest

from cli_helpers import translate
from glossa import engines
from glossa.api import read_document, write_document
from glossa.pipeline import TranslateOptions, translate_documents
from glossa.tm import open_tm
from scripted_engine import ScriptedEngine

HEADER = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


class EchoEngine(ScriptedEngine):
    """ "PT " + text; the text itself for names; nothing for a sentence with "Broken"."""

    name = "echo"

    def __init__(self):
        super().__init__(pairs=[("en", "pt")])
        self.answer = lambda t, source, target: (
            "" if "Broken" in t else t if t == "Bluetooth" else "PT " + t
        )

    def model_id(self, source, target):
        return "echo:en-pt:1"


@pytest.fixture
def echo(monkeypatch):
    engine = EchoEngine()
    monkeypatch.setattr(engines, "ENGINES", {"echo": "unused:Unused"})
    monkeypatch.setattr(engines, "get_engine", lambda name: engine)
    return engine


def _po(path, entries: str):
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def test_every_segment_to_fill_is_counted_once(echo, tmp_path):
    first = _po(
        tmp_path / "a.po",
        'msgid "Bluetooth"\nmsgstr ""\n\n'
        'msgid "Have a nice trip."\nmsgstr ""\n\n'
        'msgid "Broken record."\nmsgstr ""\n\n'
        'msgid "See you soon."\nmsgstr ""\n',
    )
    second = _po(
        tmp_path / "b.po",
        '#, fuzzy\nmsgid "Old news."\nmsgstr "Notícia"\n\nmsgid "Not today."\nmsgstr ""\n',
    )
    with open_tm(tmp_path / "tm.sqlite") as tm:
        tm.store_many([("See you soon.", "Até breve.")], "en", "pt", origin="human")
        docs = [read_document(first), read_document(second, only=frozenset({"fuzzy"}))]
        options = TranslateOptions("pt", "en", "echo", tm=tm)
        report = translate_documents(docs, options)
    for doc in docs:
        write_document(doc, tmp_path / f"out-{doc.path.rsplit('/', 1)[-1]}", report)
    counts = report.counts()
    assert {
        k: counts[k]
        for k in ("segments", "translated", "unchanged", "copied", "kept", "failed", "left")
    } == {
        "segments": 5,
        "translated": 3 + 1,
        "unchanged": 1,
        "copied": 1,
        "kept": 1,
        "failed": 1,
        "left": 1,
    }
    assert counts["warnings"] == len(report.warnings)
    assert report.exit_code == 1  # a segment is missing from the output
    text = (tmp_path / "out-a.po").read_text(encoding="utf-8")
    assert 'msgid "Broken record."\nmsgstr ""' in text  # kept: not written


def test_summary_line_and_json_agree(cli, tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    with open_tm(tm_path) as tm:
        tm.store_many(
            [("Wi-Fi", "Wi-Fi"), ("Good night.", "Boa noite.")], "en", "pt", origin="human"
        )
    src = _po(
        tmp_path / "c.po",
        'msgid "Wi-Fi"\nmsgstr ""\n\n'
        'msgid "Good night."\nmsgstr ""\n\n'
        'msgid "The train is late."\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "The bus is late."\nmsgstr "O autocarro"\n\n'
        'msgid "Where is the station?"\nmsgstr ""\n',
    )
    out = tmp_path / "out.po"
    result = translate(cli, src, "--tm", tm_path, "--only", "untranslated", "--json", out=out)
    assert result.code == 0, result.err
    summary = json.loads(result.out)["summary"]
    assert summary["segments"] == 4 and summary["translated"] == 4
    assert summary["copied"] == 2 and summary["unchanged"] == 1
    assert summary["kept"] == 0 and summary["failed"] == 0 and summary["left"] == 0
    line = result.err.strip().splitlines()[-1]
    assert line.startswith("glossa: 4/4 segments translated (4 sentences, 2 from TM) in ")
    assert "; 2 copied, 1 unchanged, 0 failed, 0 term misses -> " in line
    assert json.loads(result.out)["files"] == [
        {"input": str(src), "output": str(out), "written": True}
    ]


def test_left_for_you_is_in_the_line_and_json(cli, tmp_path):
    src = _po(
        tmp_path / "d.po",
        '#, fuzzy\nmsgid "The bus is late."\nmsgstr "O autocarro"\n\n'
        'msgid "Where is the station?"\nmsgstr ""\n\n'
        'msgid "Tickets, please."\nmsgstr ""\n',
    )
    result = translate(cli, src, "--no-tm", "--only", "fuzzy", "--json", out=tmp_path / "out.po")
    assert result.code == 0, result.err
    assert json.loads(result.out)["summary"]["left"] == 2
    assert "1/1 segments translated" in result.err and "2 left for you" in result.err


def test_json_refuses_stdout_output(cli, tmp_path):
    src = _po(tmp_path / "e.po", 'msgid "Tickets, please."\nmsgstr ""\n')
    result = cli(["translate", src, "--to", "pt", "--no-tm", "-o", "-", "--json"])
    assert result.code == 2
    assert result.err.strip() == (
        "glossa: error: --json prints the report on stdout: write the translation to a file "
        "(-o FILE or --out-dir DIR)"
    )


def test_kept_and_failed_in_the_summary_line(cli, echo, tmp_path):
    src = _po(
        tmp_path / "f.po",
        'msgid "Broken record."\nmsgstr ""\n\nmsgid "Have a nice trip."\nmsgstr ""\n',
    )
    result = translate(cli, src, "--engine", "echo", "--no-tm", "--json", out=tmp_path / "out.po")
    assert result.code == 1, result.err
    summary = json.loads(result.out)["summary"]
    assert (summary["translated"], summary["kept"], summary["failed"]) == (1, 1, 1)
    line = result.err.strip().splitlines()[-1]
    assert "1/2 segments translated" in line and "; 1 kept in the source, 1 failed, " in line
    assert any(p.startswith(f"! {src}:6: failed: ") for p in result.err.splitlines()), result.err
