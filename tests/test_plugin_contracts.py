"""One contract per plug-in kind, checked for every registered plug-in (translate-toolkit's
shared store tests): a new format, engine or QA check is covered by adding its registry
line, plus, for a format, a sample below."""

from __future__ import annotations

import inspect

import pytest

from glossa.engines import ENGINES, get_engine
from glossa.engines.base import (
    EngineDefaults,
    ModelInfo,
    Translation,
    close_engine,
    engine_pairs,
    is_rule_based,
)
from glossa.formats import FORMATS, get_format
from glossa.qa import CHECK_MODULES, SEVERITY, load_checks
from glossa.qa.base import SEVERITIES

#: A small real-looking file per format, with at least two translatable segments.
#: (Bytes for formats that read bytes: XLIFF decodes by its own declaration.)
SAMPLES: dict[str, str | bytes] = {
    "txt": "First line of text.\n\n  Second line, indented.\n",
    "md": "# A title\n\nA paragraph with *emphasis*.\n\n- an item\n",
    "po": ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
           'msgid "Open file"\nmsgstr ""\n\nmsgid "Close file"\nmsgstr ""\n'),
    "xliff": (b'<?xml version="1.0" encoding="UTF-8"?>\n'
              b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
              b' <file original="app" source-language="en" datatype="plaintext">\n  <body>\n'
              b'   <trans-unit id="1"><source>Open file</source></trans-unit>\n'
              b'   <trans-unit id="2"><source>Close <g id="b">all</g> files</source>'
              b'</trans-unit>\n  </body>\n </file>\n</xliff>\n'),
    "json": '{\n  "menu": {"open": "Open file", "close": "Close file"}\n}\n',
    "arb": '{\n  "@@locale": "en",\n  "open": "Open file",\n  "@open": {"description": "menu"},'
           '\n  "close": "Close file"\n}\n',
    "yaml": "en:\n  menu:\n    open: Open file\n    close: 'Close file'\n",
    "html": ('<!DOCTYPE html>\n<html lang="en">\n<head><title>Help</title></head>\n<body>\n'
             '<p>Open the <b>File</b> menu.</p>\n<p>Close the window.</p>\n</body>\n</html>\n'),
    "srt": "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:03,000 --> "
           "00:00:04,000\nGoodbye now.\n",
}


def _office_samples() -> dict[str, bytes]:
    """The LibreOffice-made test documents (real DOCX and ODT files)."""
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "formats" / "office"
    return {ext: (folder / f"rich.{ext}").read_bytes() for ext in ("docx", "odt")}


SAMPLES.update(_office_samples())


def test_every_format_has_a_sample():
    assert set(FORMATS) <= set(SAMPLES), "add a sample for the new format to SAMPLES"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_reads_and_writes_back_unchanged(name):
    module = get_format(name)
    data = SAMPLES[name]
    assert isinstance(data, bytes) == bool(getattr(module, "BINARY", False))
    doc = module.read(data, f"sample.{name}")
    assert doc.format == name
    assert len(doc.segments) >= 2
    assert module.write(doc) == data


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_segments_name_a_file_line(name):
    module = get_format(name)
    if not getattr(module, "LINES", True):
        pytest.skip(f"{name} has no file lines (LINES = False)")
    doc = module.read(SAMPLES[name], f"sample.{name}")
    for segment in doc.segments:
        assert isinstance(segment.context.get("line"), int) and segment.context["line"] >= 1


def _with_protected(segment, words: str) -> str:
    """A stand-in translation that keeps the segment's protected spans, as restore does."""
    kept = " ".join(segment.text[p.start:p.end] for p in segment.protected)
    return f"{words} {kept}".strip()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_puts_translations_back_and_reads_its_own_output(name):
    module = get_format(name)
    doc = module.read(SAMPLES[name], f"sample.{name}")
    doc.meta["target"] = "pt"
    for i, segment in enumerate(doc.segments):
        segment.translation = _with_protected(segment, f"Tradução {i}")
    out = module.write(doc)
    again = module.read(out, f"out.{name}")  # a format reads what it writes
    text = (out.decode("utf-8", "replace") if isinstance(out, bytes) else out)
    text = (text + " ".join(s.text for s in again.segments)).casefold()  # zipped: re-read
    for i, segment in enumerate(doc.segments):  # put back, or kept and said so
        assert f"tradução {i}" in text or segment.notes, segment.text


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_engine_keeps_the_engine_protocol(name):
    engine = get_engine(name)
    assert engine.name == name
    for method in ("models", "supports", "model_id", "translate_batch", "configure",
                   "install_hint", "unencodable"):
        assert callable(getattr(engine, method)), method
    assert "jobs" in inspect.signature(engine.configure).parameters
    assert engine.install_hint("xx", "yy").strip()
    for model in engine.models():
        assert model.engine == name and engine.supports(model.source, model.target)
    # the optional parts, read through base.py's helpers: pairs agree with models()
    listed = {(m.source, m.target) for m in engine.models()}
    assert listed <= set(engine_pairs(engine))
    assert isinstance(is_rule_based(engine), bool)


class _Bare:
    """An engine with only the required methods: the optional parts get the defaults."""

    name = "bare"

    def models(self):
        return [ModelInfo("bare", "en", "pt", "1"), ModelInfo("bare", "pt", "en", "1")]

    def supports(self, source, target):
        return (source, target) in {("en", "pt"), ("pt", "en")}

    def model_id(self, source, target):
        return "bare-1"

    def translate_batch(self, texts, source, target):
        return [Translation(t) for t in texts]


def test_an_engine_without_the_optional_parts_gets_the_defaults():
    bare = _Bare()
    assert engine_pairs(bare) == [("en", "pt"), ("pt", "en")]
    assert is_rule_based(bare) is False
    close_engine(bare)  # nothing to stop, and no AttributeError
    assert EngineDefaults().rule_based is False


@pytest.mark.parametrize("name", sorted(CHECK_MODULES))
def test_qa_check_is_registered_with_a_severity(name):
    assert name in load_checks()
    assert SEVERITY[name] in SEVERITIES


def test_cheap_pair_lists_agree_with_the_engines():
    """An engine's PAIR_LISTS entry (languages without importing it) lists its pairs()."""
    from glossa.engines import PAIR_LISTS, get_engine
    from glossa.engines.base import engine_pairs
    from glossa.registry import load_plugin

    for name in PAIR_LISTS:
        listed = load_plugin("engine pair list", PAIR_LISTS, name)()
        assert sorted(listed) == sorted(engine_pairs(get_engine(name))), name
