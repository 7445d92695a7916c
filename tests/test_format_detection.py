"""An extension with no format is refused (naming --format txt) instead of being broken
as plain text; stdin and extension-less files are sniffed (issue 13)."""

from __future__ import annotations

import io
import sys

import pytest

from glossa.formats import sniff_format

SRT = "1\n00:00:01,000 --> 00:00:02,500\nGood morning.\n\n2\n00:00:03,000 --> 00:00:04,000\nYes.\n"
PO = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "Good morning."\nmsgstr ""\n'


@pytest.mark.parametrize("name", ["app.js", "table.csv", "strings.properties", "notes.2024"])
def test_unknown_extension_is_refused_and_nothing_written(cli, tmp_path, name):
    src = tmp_path / name
    src.write_text('{"greeting": "Hello, world", "bye": "Goodbye"}\n', encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2 and result.err.count("\n") == 1
    assert "--format txt" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_format_txt_still_translates_an_unknown_extension(cli, tmp_path):
    src = tmp_path / "notes.2024"
    src.write_text("Bom dia.\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm", "--format", "txt",
                  "-o", tmp_path / "out.txt"])
    assert result.code == 0, result.err
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "Good morning.\n"


@pytest.mark.parametrize(("head", "expected"), [
    (SRT, "srt"), ("\ufeff" + SRT.replace("\n", "\r\n"), "srt"), (PO, "po"),
    ("# Title\n\nSome *text*.\n", "md"), ("See [the docs](https://x.org) and `code`.\n", "md"),
    ("Hello world.\nSecond line.\n", "txt"), ("1. first\n2. second\n", "txt"),
    (b"PK\x03\x04\x14\x00", "txt"),
])
def test_sniffing(head, expected):
    assert sniff_format(head) == expected


def test_extensionless_subtitles_are_translated_as_srt(cli, tmp_path):
    src = tmp_path / "SUBTITLES"
    src.write_text(SRT, encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", "-"])
    assert result.code == 0, result.err
    assert "00:00:01,000 --> 00:00:02,500" in result.out  # timing kept: read as SRT
    assert "Bom dia." in result.out


def test_stdin_po_is_sniffed(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PO.encode())))
    result = cli(["translate", "-", "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 0, result.err
    assert 'msgstr "Bom dia."' in result.out and "Language: pt" in result.out
