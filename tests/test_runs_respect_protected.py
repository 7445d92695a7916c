"""Language runs never cut a protected span (a link, a URL, code) in two."""

from __future__ import annotations

import shutil

import pytest

from glossa.detect import LangSpan
from glossa.document import Span
from glossa.pipeline import _blanked, _snapped


def test_a_run_inside_a_link_is_widened_to_the_whole_link():
    text = "see [tarfix](https://example.org/MixedCase/tarfix) (for repairs)"
    link = Span(text.index("["), text.index(")") + 1)
    inner = LangSpan(text.index("tarfix"), text.index("tarfix") + 6, "de", 0.9)
    [snapped] = _snapped([inner], [link])
    assert (snapped.start, snapped.end) == (link.start, link.end)
    assert snapped.lang == "de"
    outside = LangSpan(0, 3, "fr", 0.9)
    assert _snapped([outside], [link]) == [outside]


def test_detection_sees_protected_spans_as_blanks():
    text = "Run `grep -i Ordnung` now"
    code = Span(text.index("`"), text.rindex("`") + 1)
    blanked = _blanked(text, [code, Span(code.start + 1, code.start + 3)])
    assert len(blanked) == len(text)
    assert blanked == "Run " + " " * (code.end - code.start) + " now"


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Apertium (eng-spa)")
def test_urls_in_markdown_links_come_back_exactly(tmp_path, cli):
    src = tmp_path / "deps.md"
    lines = ["* [zlib](https://zlib.net/) (optional)",
             "* [ujson](https://github.com/SomeOne/UltraJSON) or just [lscpu](https://github.com/"
             "NanoWorks/LsCpu) (for CPU feature detection)"]
    src.write_text("Dependencies:\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "deps.es.md"
    result = cli(["translate", src, "--to", "es", "--no-tm", "-o", out])
    assert result.code in (0, 1), result.err
    text = out.read_text(encoding="utf-8")
    for url in ("https://zlib.net/", "https://github.com/SomeOne/UltraJSON",
                "https://github.com/NanoWorks/LsCpu"):
        assert f"({url})" in text, text
