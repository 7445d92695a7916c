"""XLIFF end to end with the real bundled en->pt models: files written by other tools
(translate-toolkit's po2xliff, Okapi- and Angular-style XLIFF) translated from the CLI,
then read back by translate-toolkit and reviewed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from xliff_helpers import DATA, outside_targets


def _translate(cli, tmp_path, name: str, *extra: str):
    src = tmp_path / name
    if not src.exists():
        shutil.copy(DATA / name, src)
    out = tmp_path / "out.xlf"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", out, *extra])
    return src, out, result


def _inline_tags(xml: str) -> list[str]:
    return re.findall(r"<(?:g|x|bx|ex|ph|bpt|ept|it|mrk|pc|sc|ec|sm|em)\b[^>]*>", xml)


@pytest.fixture
def po2xliff_file(tmp_path):
    """XLIFF as translate-toolkit's po2xliff writes it, from a PO file of our own."""
    out = tmp_path / "app.xlf"
    subprocess.run([sys.executable, "-m", "translate.convert.po2xliff", str(DATA / "app.po"),
                    str(out)], check=True, capture_output=True)
    return out


def test_po2xliff_output_is_translated_and_read_back(cli, tmp_path, po2xliff_file):
    src, out, result = _translate(cli, tmp_path, po2xliff_file.name)
    assert result.code == 0, result.err
    assert "3/3 segments translated" in result.err
    before = tt_xliff.xlifffile.parsefile(str(src)).units
    after = tt_xliff.xlifffile.parsefile(str(out)).units
    assert [(u.getid(), u.source) for u in before] == [(u.getid(), u.source) for u in after]
    filled = {u.source: u.target for u in after}
    assert filled["Save the file before closing the window."] == \
        "Guarde o ficheiro antes de fechar a janela."  # translated already: kept
    for source in ("Welcome back!", "You have %(count)s new messages.", "Open the settings"):
        assert filled[source] and filled[source] != source
    assert "%(count)s" in filled["You have %(count)s new messages."]
    assert all(u.isfuzzy() for u in after if u.source == "Welcome back!")
    assert outside_targets(out.read_text("utf-8")) == outside_targets(src.read_text("utf-8"))


def test_okapi_style_file_keeps_inline_tags(cli, tmp_path):
    src, out, result = _translate(cli, tmp_path, "okapi-help.html.xlf")
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert outside_targets(text) == outside_targets(src.read_text("utf-8"))
    targets = re.findall(r"<target[^>]*>(.*?)</target>", text, re.DOTALL)
    seg_source = re.search(r"<seg-source>(.*?)</seg-source>", text).group(1)
    assert len(targets) == 5
    tu2 = next(t for t in targets if "mtype=\"seg\"" in t)
    assert _inline_tags(tu2) == _inline_tags(seg_source)  # same tags, same order
    assert re.search(r'<g id="1" ctype="bold">\w+</g>', tu2)
    store = tt_xliff.xlifffile.parsefile(str(out))
    by_id = {u.getid().split("\x04")[-1]: u for u in store.units}
    assert by_id["tu4"].target in (None, "")  # translate="no"
    assert by_id["tu5"].target == "Cancelar"  # approved
    assert by_id["tu1"].target and by_id["tu1"].target != "Getting started"


def test_angular_xliff2_is_translated_with_tags_around_their_words(cli, tmp_path):
    src, out, result = _translate(cli, tmp_path, "angular-messages.xlf")
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert outside_targets(text) == outside_targets(src.read_text("utf-8"))
    assert 'trgLang="pt"' in text and text.count('subState="glossa:mt"') == 3
    assert re.search(r"<pc id=\"0\"[^>]*>[^<]*\w[^<]*</pc>", text)  # bold text still bold
    assert '<ph id="0" equiv="INTERPOLATION" disp="{{ minutes }}"/>' in \
        re.findall(r"<target>(.*?)</target>", text)[1]
    store = tt_xliff2.Xliff2File.parsefile(str(out))
    targets = {u.getid(): u.target for u in store.units}
    assert targets["legal"] is None and targets["checkout"] == "Finalizar compra"
    assert all(targets[k] for k in ("introductionHeader", "2793016410046186935",
                                    "4654328374829364221"))


def test_no_fuzzy_and_review_of_the_output(cli, tmp_path):
    _, out, result = _translate(cli, tmp_path, "angular-messages.xlf", "--no-fuzzy")
    assert result.code == 0, result.err
    assert out.read_text("utf-8").count('<segment state="translated" subState="glossa:mt">') == 3
    review = cli(["review", out, "--json", "--no-tm"])
    assert review.code in (0, 1), review.err
    report = json.loads(review.out)
    assert [s["source"] for s in report["segments"]][0] == "Hello, welcome to the shop!"
    assert all(s["target"] for s in report["segments"])
    assert not any(i["kind"] == "placeholder" for s in report["segments"]
                   for i in s.get("issues", []))


def test_trados_sdlxliff_segments_are_filled(cli, tmp_path):
    src, out, result = _translate(cli, tmp_path, "guide.docx.sdlxliff")
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert outside_targets(text) == outside_targets(src.read_text("utf-8"))
    new = re.search(r"<target [^>]*>(.*?)</target>", text).group(1)
    assert re.fullmatch(r'<mrk mtype="seg" mid="1">[^<]*<g id="pt1">\w+</g>[^<]*</mrk> '
                        r'<mrk mtype="seg" mid="2">[^<]+</mrk>', new), new
    assert '<target><mrk mtype="seg" mid="3">A impressora está pronta.</mrk></target>' in text
    assert '<sdl:seg-defs><sdl:seg id="1" /><sdl:seg id="2" /></sdl:seg-defs>' in text
    assert 'target-language="pt-PT"' in text  # same language: kept
    units = tt_xliff.xlifffile.parsefile(str(out)).units
    assert units[0].target and units[0].target != units[0].source


def test_unit_whose_tags_come_back_swapped_is_kept_and_reported(cli, tmp_path, monkeypatch):
    """The real model's output with its tag tokens swapped: glossa must not write it."""
    from glossa.engines.bergamot import BergamotEngine

    real = BergamotEngine.translate_batch

    def swapped(self, texts, source, target):
        swap = {"XT0X": "XT1X", "XT1X": "XT0X", "ZXQ0": "ZXQ1", "ZXQ1": "ZXQ0"}
        return [type(out)(re.sub(r"XT[01]X|ZXQ[01]", lambda m: swap[m.group()], out.text))
                for out in real(self, texts, source, target)]

    monkeypatch.setattr(BergamotEngine, "translate_batch", swapped)
    src = tmp_path / "one.xlf"
    src.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                   '<file source-language="en" datatype="plaintext" original="a"><body>\n'
                   '<trans-unit id="1"><source>Press <g id="1">Enter</g> to continue.</source>'
                   "</trans-unit>\n"
                   '<trans-unit id="2"><source>Thank you.</source></trans-unit>\n'
                   "</body></file></xliff>\n", encoding="utf-8")
    _, out, result = _translate(cli, tmp_path, "one.xlf")
    assert result.code == 1
    assert f"{src}:3: kept: inline tags out of order" in result.err
    text = out.read_text("utf-8")
    assert text.count("<target") == 1 and "Thank you.</source><target" in text


def test_glossary_tm_and_mixed_languages_work_on_xliff(cli, tmp_path):
    """Auto-detected source: a unit already in Portuguese gets no target; glossary terms are
    enforced inside tagged text; the second run comes from the translation memory."""
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\tpt\nprint queue\tfila de impressão\n", encoding="utf-8")
    src = tmp_path / "mixed.xlf"
    src.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                   '<file source-language="en" datatype="plaintext" original="a"><body>\n'
                   '<trans-unit id="1"><source>Open the <g id="1">print queue</g> to see '
                   "your documents.</source></trans-unit>\n"
                   '<trans-unit id="2"><source>Obrigado por esperar.</source></trans-unit>\n'
                   "</body></file></xliff>\n", encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    args = ["translate", src, "--to", "pt", "-g", glossary, "--tm", tm, "-o"]
    first = cli([*args, tmp_path / "a.xlf"])
    assert first.code == 0, first.err
    text = (tmp_path / "a.xlf").read_text("utf-8")
    assert text.count("<target") == 1  # the Portuguese unit is already in the target language
    assert "fila de impressão" in re.search(r"<target[^>]*>(.*?)</target>", text).group(1)
    second = cli([*args, tmp_path / "b.xlf"])
    assert second.code == 0 and "from TM" in second.err
    assert (tmp_path / "b.xlf").read_text("utf-8") == text
