"""Pipeline mechanics: which pieces of a segment become engine units, batching, failures.

A recording engine stands in for a model here so the tests can see exactly which
texts reach the engine; real-model behaviour is covered by the CLI tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from glossa import engines
from glossa.document import Document, Segment, Span
from glossa.pipeline import TranslateOptions, _plan_segment, translate_documents
from scripted_engine import ScriptedEngine


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    lang: str


class RecordingEngine(ScriptedEngine):
    """Upper-cases text inside «» (keeping placeholder tokens) and records every batch;
    ``drop_tokens`` plays a model that loses the masks, ``silent`` one that answers ""."""

    name = "recording"

    def __init__(self, pairs=(("pt", "en"), ("ru", "en"))):
        super().__init__(pairs)
        self.drop_tokens = False
        self.silent = False
        self.answer = self._record

    def _record(self, text: str, source: str, target: str) -> str:
        if self.silent:
            return ""
        if self.drop_tokens:
            text = re.sub(r"XT\d+X|ZXQ\d+", "", text)  # both shield strategies
        return "«" + " ".join(w if w.startswith("XT") else w.upper() for w in text.split(" ")) + "»"


@pytest.fixture
def recorder(monkeypatch):
    engine = RecordingEngine()
    monkeypatch.setattr(engines, "ENGINES", {"recording": "unused:Unused"})
    monkeypatch.setattr(engines, "get_engine", lambda name: engine)
    return engine


def units_of(text, runs, dominant="en", target="en", source="auto"):
    segment = Segment(text)
    spans = [Run(*r) for r in runs] if runs is not None else None
    planned = _plan_segment(segment, spans, dominant, TranslateOptions(target, source))
    return [(text[s:e], lang, [text[k.start:k.end] for k in keep])
            for s, e, lang, keep in planned]


def test_foreign_run_inside_target_sentence_is_translated_alone():
    text = "The banner said Bom dia and nothing else."
    assert units_of(text, [(16, 23, "pt")]) == [("Bom dia", "pt", [])]


def test_target_quote_inside_foreign_sentence_is_shielded():
    text = 'O ministro disse "Yes we can" ontem em Lisboa.'
    planned = units_of(text, [(18, 28, "en")], dominant="pt")
    assert planned == [(text, "pt", ["Yes we can"])]


def test_sentence_fully_in_target_language_is_left_alone():
    assert units_of("All is well. Nothing to do.", []) == []


def test_explicit_source_translates_every_sentence_with_letters():
    text = "Bom dia. 2024. Até logo."
    assert units_of(text, None, dominant="pt", source="pt") == [
        ("Bom dia.", "pt", []), ("Até logo.", "pt", [])]


def test_batches_are_pooled_and_deduplicated_across_documents(recorder):
    docs = [Document("", [Segment("Bom dia."), Segment("Obrigado.")], "txt"),
            Document("", [Segment("Bom dia.")], "txt")]
    report = translate_documents(docs, TranslateOptions("en", "pt", "recording"))
    assert recorder.batches == [["Bom dia.", "Obrigado."]]
    assert [s.translation for d in docs for s in d.segments] == [
        "«BOM DIA.»", "«OBRIGADO.»", "«BOM DIA.»"]
    assert report.translated == 3 and report.exit_code == 0


def test_protected_spans_reach_the_output_unchanged(recorder):
    segment = Segment("Abrir %s agora", protected=[Span(6, 8)])
    translate_documents([Document("", [segment], "txt")], TranslateOptions("en", "pt",
                                                                           "recording"))
    assert recorder.batches == [["Abrir XT0X agora"]]
    assert segment.translation == "«ABRIR %s AGORA»"


def test_lost_placeholder_fails_the_segment_instead_of_writing_it(recorder):
    recorder.drop_tokens = True
    segment = Segment("Abrir %s agora", protected=[Span(6, 8)])
    report = translate_documents([Document("", [segment], "txt", "f.po")],
                                 TranslateOptions("en", "pt", "recording"))
    assert segment.translation is None
    assert [p.kind for p in report.problems] == ["failed"]
    assert "%s" in report.problems[0].message
    assert report.exit_code == 1


def test_empty_engine_output_never_replaces_text(recorder):
    recorder.silent = True
    segment = Segment("Bom dia a todos.")
    report = translate_documents([Document("", [segment], "txt", "f.txt")],
                                 TranslateOptions("en", "pt", "recording"))
    assert segment.translation is None
    assert "empty translation" in report.problems[0].message


def test_segment_a_format_keeps_in_the_source_is_reported(tmp_path, monkeypatch):
    import glossa.formats.txt as txt_format
    from glossa.api import write_document
    from glossa.pipeline import TranslateReport

    original_write = txt_format.write

    def refusing_write(doc):  # as md.write does when a translation would break the structure
        doc.segments[0].notes.append("kept in the source language: structure would change")
        doc.segments[0].translation = None
        return original_write(doc)

    monkeypatch.setattr(txt_format, "write", refusing_write)
    doc = Document("uno\n", [Segment("uno", 0, 3, context={"line": 1}, translation="one")],
                   "txt", "f.txt")
    report = TranslateReport()
    write_document(doc, tmp_path / "out.txt", report)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "uno\n"
    assert [(p.kind, p.where) for p in report.problems] == [("kept", "f.txt:1")]
    assert report.exit_code == 1
