"""`glossa translate` on PO/POT files end to end with the bundled en->pt model."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import polib
import pytest

from formats_helpers import MSGFMT, django_catalogue
from glossa import engines
from scripted_engine import ScriptedEngine

DATA = Path(__file__).parent / "data" / "formats"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")


def _msgfmt_ok(path: Path) -> None:
    if MSGFMT is None:
        return
    proc = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_pot_gives_po_for_target(tmp_path, cli):
    src = tmp_path / "demo.pot"
    src.write_bytes((DATA / "demo.pot").read_bytes())
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 0, result.err
    assert src.read_bytes() == (DATA / "demo.pot").read_bytes()  # input untouched
    out = tmp_path / "demo.pt.po"
    catalogue = polib.pofile(str(out))
    assert catalogue.metadata["Language"] == "pt"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"  # msginit -l pt
    entries = {e.msgid: e for e in catalogue}
    assert entries["Open the file"].msgstr.lower().startswith("abr")
    assert "fuzzy" in entries["Open the file"].flags
    assert "%(name)s" in entries["Delete %(name)s now"].msgstr
    plural = entries["%(count)d file was removed."]
    assert all("%(count)d" in v for v in plural.msgstr_plural.values())
    assert entries["&Save As"].msgstr.count("&") == 1
    assert entries["Already translated"].msgstr == "Já traduzido"
    usage = next(e for e in catalogue if e.msgid.startswith("Usage"))
    assert usage.msgstr.count("\n") == usage.msgid.count("\n")
    _msgfmt_ok(out)


def test_no_fuzzy_and_retranslate_options(tmp_path, cli):
    src = tmp_path / "demo.pot"
    src.write_text((DATA / "demo.pot").read_text(encoding="utf-8").replace(
        '"Já traduzido"', '"velho"'), encoding="utf-8")
    out = tmp_path / "out.po"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm", "--no-fuzzy", "--retranslate", "-o", out])
    assert result.code == 0, result.err
    entries = {e.msgid: e for e in polib.pofile(str(out))}
    assert entries["Open the file"].flags == []
    assert entries["Already translated"].msgstr == "Já traduzido"  # was "velho"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\nnonsense\n', 3, "unexpected text 'nonsense'"),
        ('msgid "a"\nmsgstr "unterminated\n', 2,
             "malformed string after msgstr: no closing quote"),
    ],
)
def test_malformed_po_exit_2_one_line_no_output(tmp_path, cli, content, line, message):
    src = tmp_path / "bad.po"
    src.write_text(content, encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"glossa: error: {src}:{line}: {message}"]
    assert not (tmp_path / "bad.pt.po").exists()


def test_invalid_utf8_po_exit_2(tmp_path, cli):
    src = tmp_path / "latin.po"
    src.write_bytes('msgid "café"\nmsgstr ""\n'.encode("latin-1"))
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2
    assert f"{src}:1: not valid UTF-8" in result.err
    assert not (tmp_path / "latin.pt.po").exists()


class TokenEater(ScriptedEngine):
    """An engine that loses every placeholder token: the entry must stay untranslated."""

    name = "eater"

    def __init__(self):
        super().__init__(pairs=None)
        self.answer = lambda text, source, target: re.sub(r"XT\d+X|ZXQ\d+", "", text).upper()


def test_lost_placeholder_leaves_msgstr_empty_and_exit_1(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(engines, "ENGINES", {"eater": "unused:Unused"})
    monkeypatch.setattr(engines, "get_engine", lambda name: TokenEater())
    src = tmp_path / "demo.pot"
    src.write_bytes((DATA / "demo.pot").read_bytes())
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 1
    assert "placeholders lost" in result.err and "%(name)s" in result.err
    entries = {e.msgid: e for e in polib.pofile(str(tmp_path / "demo.pt.po"))}
    assert entries["Delete %(name)s now"].msgstr == ""
    assert "fuzzy" not in entries["Delete %(name)s now"].flags
    assert entries["Open the file"].msgstr == "OPEN THE FILE"


@pytest.mark.skipif(django_catalogue("en", "admin") is None, reason="Django not installed")
def test_real_catalogue_subset_en_to_pt(tmp_path, cli):
    """Django's admin catalogue (English, empty msgstrs): everything but msgstrs preserved."""
    source = django_catalogue("en", "admin")
    src = tmp_path / "admin.pot"
    src.write_bytes(source.read_bytes())
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code in (0, 1), result.err
    out = tmp_path / "admin.pt.po"
    before = [e for e in polib.pofile(str(src))]
    after = [e for e in polib.pofile(str(out))]
    assert [(e.msgctxt, e.msgid, e.msgid_plural, e.occurrences) for e in before] == [
        (e.msgctxt, e.msgid, e.msgid_plural, e.occurrences) for e in after]
    filled = 0
    for old, new in zip(before, after, strict=True):
        assert [f for f in new.flags if f != "fuzzy"] == old.flags
        values = list(new.msgstr_plural.values()) if new.msgid_plural else [new.msgstr]
        if not any(values):
            continue
        filled += 1
        assert "fuzzy" in new.flags
        for value, origin in zip(values, [old.msgid] + [old.msgid_plural] * 5, strict=False):
            assert sorted(PLACEHOLDER.findall(value)) == sorted(PLACEHOLDER.findall(origin))
    assert filled >= 0.95 * len(before)
    _msgfmt_ok(out)
