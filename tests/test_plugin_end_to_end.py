"""The plug-in contracts, end to end: a format, an engine and a QA check written in this
module, each registered with its registry line only, run through the library API (and
the CLI) like the built-in ones. Also the library-level guards every plug-in relies on:
an output never replaces its input, and an engine that raises fails its own units only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from glossa import api
from glossa.document import Document, Segment
from glossa.engines import ENGINES
from glossa.engines.base import EngineDefaults, ModelInfo, Translation
from glossa.errors import UsageError
from glossa.formats import EXTENSIONS, FORMATS
from glossa.formats.base import BilingualUnit
from glossa.glossary import Entry, Glossary
from glossa.glossary.io import FORMATS as GLOSSARY_EXTENSIONS
from glossa.glossary.io import GLOSSARY_FORMATS
from glossa.qa import CHECKS, SEVERITY, Issue, SegmentContext, flag, register
from glossa.review.align import load_units, resolve_languages
from glossa.review.report import build_report
from glossa.tm import TM_IMPORTERS, open_tm

# --- a bilingual format: one "source<TAB>target" pair per line ---------------------------


class PairsFormat:
    """Lines ``source<TAB>target``; a pair with an empty target is a segment to fill."""

    @staticmethod
    def read(text: str, path: str | None = None, **options: object) -> Document:
        segments = []
        for number, line in enumerate(text.split("\n"), 1):
            source, tab, target = line.partition("\t")
            if tab and source.strip() and not target.strip():
                segments.append(Segment(source, context={"line": number}))
        return Document(text, segments, "pairs", path)

    @staticmethod
    def write(doc: Document) -> str:
        lines = doc.text.split("\n")
        for segment in doc.segments:
            if segment.translation is not None:
                lines[segment.context["line"] - 1] = f"{segment.text}\t{segment.translation}"
        return "\n".join(lines)

    @staticmethod
    def units(doc: Document) -> list[BilingualUnit]:
        found = []
        for number, line in enumerate(doc.text.split("\n"), 1):
            source, tab, target = line.partition("\t")
            if tab and source.strip():
                found.append(
                    BilingualUnit(
                        source,
                        target,
                        line=number,
                        id=source,
                        state="translated" if target else "untranslated",
                        source_lang="en",
                        target_lang="pt",
                    )
                )
        return found


# --- an engine: word for word from a table ------------------------------------------------

TABLE = {
    "lock": "tranque",
    "unlock": "destranque",
    "the": "a",
    "gate": "porteira",
    "shed": "cabana",
    "quietly": "silenciosamente",
}


class LexiconEngine(EngineDefaults):
    """en->pt word by word from TABLE; a word it lacks comes back in capitals. A sentence
    holding "jam" makes it raise, as a buggy plug-in would."""

    name = "lexicon"
    calls = 0

    def models(self) -> list[ModelInfo]:
        return [ModelInfo("lexicon", "en", "pt", "1", kind="rule-based")]

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == ("en", "pt")

    def model_id(self, source: str, target: str) -> str:
        return "lexicon:en-pt:1"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        LexiconEngine.calls += 1
        if any("jam" in text for text in texts):
            raise KeyError("jam")
        return [Translation(re.sub(r"[A-Za-z]+", _word, text)) for text in texts]


def _word(match: re.Match) -> str:
    word = match.group()
    out = TABLE.get(word.lower(), word.upper())
    return out.capitalize() if word[0].isupper() and out.islower() else out


class BrokenEngine(LexiconEngine):
    """Raises on every call (an engine whose library is broken)."""

    name = "crashing"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        LexiconEngine.calls += 1
        raise TypeError("translate_batch() got an unexpected keyword")


# --- a QA check ---------------------------------------------------------------------------


def shouting(ctx: SegmentContext) -> list[Issue]:
    """A word in capitals in the target that the source does not have in capitals."""
    loud = [w for w in re.findall(r"\b[A-Z]{2,}\b", ctx.target) if w not in ctx.source]
    return (
        [flag("shouting", f"capitals the source does not have: {', '.join(loud)}")] if loud else []
    )


# --- a glossary format: "english term => portuguese term" lines --------------------------


class ArrowGlossary:
    """``en => pt`` per line; ``#`` lines are comments."""

    @staticmethod
    def parse(text: str, path: str | None = None, **options: object) -> Glossary:
        glossary = Glossary(path=path, columns=["en", "pt"])
        for number, line in enumerate(text.split("\n"), 1):
            source, arrow, target = line.partition("=>")
            if arrow and not line.startswith("#"):
                glossary.rows.append(
                    Entry(
                        {"en": source.strip(), "pt": target.strip()},
                        id=len(glossary.rows) + 1,
                        line=number,
                    )
                )
        return glossary

    @staticmethod
    def dumps(glossary: Glossary, **options: object) -> str:
        return "".join(f"{e.term('en')} => {e.term('pt')}\n" for e in glossary.entries)


@pytest.fixture
def plugins(monkeypatch):
    """The registry lines, undone after the test."""
    monkeypatch.setitem(FORMATS, "pairs", f"{__name__}:PairsFormat")
    monkeypatch.setitem(EXTENSIONS, ".pairs", "pairs")
    monkeypatch.setitem(ENGINES, "lexicon", f"{__name__}:LexiconEngine")
    monkeypatch.setitem(ENGINES, "crashing", f"{__name__}:BrokenEngine")
    monkeypatch.setitem(GLOSSARY_FORMATS, "arrow", f"{__name__}:ArrowGlossary")
    monkeypatch.setitem(GLOSSARY_EXTENSIONS, ".arrows", "arrow")
    monkeypatch.setitem(TM_IMPORTERS, ".pairs", "glossa.tm.bilingual:read_units")
    register("shouting", "warning")(shouting)
    LexiconEngine.calls = 0
    yield
    CHECKS.pop("shouting")
    SEVERITY.pop("shouting")


def test_new_format_engine_and_check_run_end_to_end_through_the_api(plugins, tmp_path):
    src = tmp_path / "strings.pairs"
    src.write_text("Lock the gate.\t\nOpen the shed.\t\nThe shed\tA cabana\n", "utf-8")
    out = tmp_path / "strings.pt.pairs"
    report = api.translate_file(src, "pt", "en", output=out, engine="lexicon")
    assert report.failed == [] and report.translated == 2
    assert report.engines == {"lexicon:en-pt:1"}
    assert out.read_text("utf-8") == (
        "Lock the gate.\tTranque a porteira.\nOpen the shed.\tOPEN a cabana.\nThe shed\tA cabana\n"
    )
    inp = load_units(out)
    src_lang, tgt_lang = resolve_languages(inp, "en", None)
    reviewed = build_report(inp, src_lang, tgt_lang)
    found = {
        s.segment.line: [(i.kind, i.severity, i.message) for i in s.issues if i.kind == "shouting"]
        for s in reviewed.segments
    }
    assert found == {
        1: [],
        2: [("shouting", "warning", "capitals the source does not have: OPEN")],
        3: [],
    }


def test_the_cli_offers_and_runs_plugins_registered_at_run_time(plugins, tmp_path, cli):
    src = tmp_path / "more.pairs"
    src.write_text("Unlock the gate quietly.\t\n", "utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "lexicon", "--no-tm"])
    assert result.code == 0, result.err
    out = tmp_path / "more.pt.pairs"
    assert (
        out.read_text("utf-8") == "Unlock the gate quietly.\tDestranque a porteira "
        "silenciosamente.\n"
    )
    review = cli(["review", out, "--from", "en", "--no-tm", "--json"])
    assert review.code == 0, review.err
    assert '"shouting"' not in review.out


def test_an_output_equal_to_its_input_is_refused_by_the_library(plugins, tmp_path):
    src = tmp_path / "notes.pairs"
    original = "Lock the shed.\t\n"
    src.write_text(original, "utf-8")
    link = tmp_path / "same.pairs"
    link.hardlink_to(src)
    for output in (src, link):
        with pytest.raises(UsageError, match="refusing to overwrite an input file"):
            api.translate_file(src, "pt", "en", output=output, engine="lexicon")
    assert src.read_text("utf-8") == original
    assert LexiconEngine.calls == 0  # refused before anything was read or translated


def test_an_engine_exception_fails_only_its_units(plugins, tmp_path):
    src = tmp_path / "batch.pairs"
    src.write_text("Lock the gate.\t\nUnlock the jam.\t\nLock the shed.\t\n", "utf-8")
    out = tmp_path / "batch.pt.pairs"
    report = api.translate_file(src, "pt", "en", output=out, engine="lexicon")
    assert report.translated == 2
    assert [(p.kind, p.where, p.message) for p in report.failed] == [
        ("failed", f"{src}:2", "engine error: KeyError: 'jam'")
    ]
    assert report.exit_code == 1
    assert out.read_text("utf-8") == (
        "Lock the gate.\tTranque a porteira.\n"
        "Unlock the jam.\t\nLock the shed.\tTranque a cabana.\n"
    )


def test_an_engine_that_always_raises_fails_every_unit_in_a_few_calls(plugins, tmp_path):
    src = tmp_path / "all.pairs"
    src.write_text("".join(f"Lock gate {n}.\t\n" for n in range(40)), "utf-8")
    report = api.translate_file(
        src, "pt", "en", output=tmp_path / "all.pt.pairs", engine="crashing"
    )
    assert report.translated == 0 and len(report.failed) == 40
    assert {p.message for p in report.failed} == {
        "engine error: TypeError: translate_batch() got an unexpected keyword"
    }
    assert LexiconEngine.calls == 3  # the batch, then its two halves: no call per sentence


def test_a_glossary_format_and_a_tm_importer_are_one_registry_line_each(plugins, tmp_path, cli):
    terms = tmp_path / "terms.arrows"
    terms.write_text("# farm words\nshed => galpão\n", "utf-8")
    src = tmp_path / "farm.pairs"
    src.write_text("Lock the shed.\t\n", "utf-8")
    out = tmp_path / "farm.pt.pairs"
    report = api.translate_file(src, "pt", "en", output=out, glossary=terms, engine="lexicon")
    assert report.term_misses == [] and report.failed == []
    source, target = out.read_text("utf-8").rstrip("\n").split("\t")
    assert source == "Lock the shed." and "galpão" in target  # the glossary's term
    tm = tmp_path / "tm.sqlite"
    result = cli(["tm", "import", out, "--tm", tm])
    assert result.code == 0, result.err
    with open_tm(tm) as memory:
        assert [(e.source, e.target, e.origin) for e in memory.entries()] == [
            ("Lock the shed.", target, "human")
        ]
