"""Routes and the pipeline's handling of engines that fail: an engine exception or a failed
sentence keeps only its own units in the source language, never aborts the run."""

from __future__ import annotations

import pytest

import glossa.engines
from glossa.engines.base import EngineDefaults, Translation
from glossa.engines.routes import Hop, Route, find_route
from glossa.errors import EngineError
from glossa.pipeline import TranslateOptions, translate_documents


class Upper(EngineDefaults):
    """A tiny real engine for the protocol: upper-cases, fails sentences saying so."""

    name = "upper"

    def __init__(self, raise_on: str | None = None, fail_on: str | None = None):
        self.raise_on, self.fail_on, self.calls = raise_on, fail_on, 0

    def models(self):
        return []

    def supports(self, source, target):
        return True

    def model_id(self, source, target):
        return f"upper:{source}-{target}"

    def translate_batch(self, texts, source, target):
        self.calls += 1
        if self.raise_on and any(self.raise_on in t for t in texts):
            raise EngineError("the engine process died")
        return [Translation("", error="hung") if self.fail_on and self.fail_on in t
                else Translation(t.upper()) for t in texts]


def _doc(lines):
    from glossa.formats import get_format

    return get_format("txt").read("\n".join(lines) + "\n", None)


def test_route_chains_hops_and_joins_model_ids():
    route = Route([Hop(Upper(), "es", "en"), Hop(Upper(), "en", "pt")])
    assert route.model_id("es", "pt") == "upper:es-en > upper:en-pt"
    assert route.pivot and route.name == "route"
    assert [t.text for t in route.translate_batch(["hola"], "es", "pt")] == ["HOLA"]


def test_a_sentence_failed_on_the_first_hop_skips_the_second():
    second = Upper()
    route = Route([Hop(Upper(fail_on="x"), "es", "en"), Hop(second, "en", "pt")])
    out = route.translate_batch(["a", "x b", "c"], "es", "pt")
    assert [o.text for o in out] == ["A", "", "C"]
    assert out[1].error and "upper es->en" in out[1].error


def test_an_engine_exception_fails_only_its_units(monkeypatch):
    engine = Upper(raise_on="boom")
    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: engine)
    monkeypatch.setattr("glossa.pipeline.ENGINE_CHUNK", 1)
    doc = _doc(["first line", "boom here", "third line"])
    report = translate_documents([doc], TranslateOptions(target="pt", source="en"))
    assert [s.translation for s in doc.segments] == ["FIRST LINE", None, "THIRD LINE"]
    assert [p.kind for p in report.problems] == ["failed"]
    assert "died" in report.problems[0].message and report.exit_code == 1


def test_a_failed_sentence_keeps_only_its_run(monkeypatch):
    engine = Upper(fail_on="hung")
    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: engine)
    doc = _doc(["Good sentence here. This one hung badly. Another good one."])
    translate_documents([doc], TranslateOptions(target="pt", source="en"))
    assert doc.segments[0].translation == ("GOOD SENTENCE HERE. This one hung badly. "
                                           "ANOTHER GOOD ONE.")


def test_bergamot_direct_wins_and_pinning_an_engine_limits_every_hop():
    route = find_route("en", "pt")
    assert [h.engine.name for h in route.hops] == ["bergamot"]
    assert find_route("es", "pt", "bergamot") is None


@pytest.mark.skipif(not __import__("glossa.engines.apertium", fromlist=["available"])
                    .available(), reason="apertium is not installed")
def test_neural_hop_preferred_over_rule_based_for_the_same_hop():
    route = find_route("gl", "pt")
    assert [(h.engine.name, h.target) for h in route.hops] == [("apertium", "en"),
                                                                ("bergamot", "pt")]
    assert find_route("ca", "pt").hops[0].target == "es"  # Spanish is the first pivot
    assert find_route("gl", "pt", "apertium") is None  # Apertium alone has no gl->X->pt
    pinned = find_route("ca", "pt", "apertium")
    assert [h.engine.name for h in pinned.hops] == ["apertium", "apertium"]
