"""Command-line options are placeholders: the pt<->en models translate the words in them."""

from __future__ import annotations

import re

import pytest

from glossa.placeholders import find_placeholders


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Pass --dry-run first, then --jobs=4.", ["--dry-run", "--jobs=4"]),
        ("Build with --prefix=/opt/tools and reload.", ["--prefix=/opt/tools"]),
        ("Use -q or -v (or -h).", ["-q", "-v", "-h"]),
        ("Say 'yes' -- or leave it.", []),
        ("A well-known x-ray costs -5 points.", []),
    ],
)
def test_options_are_found(text, options):
    found = [text[p.start:p.end] for p in find_placeholders(text) if p.kind == "option"]
    assert found == options


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_options_survive_the_real_model(tmp_path, cli, suffix):
    src = tmp_path / f"notes{suffix}"
    # unshielded, the model writes "--rápido" and "-- silencioso"
    src.write_text("Use --fast to pack the archive sooner.\n\n"
                   "The option --quiet hides the warnings, and -f forces a rebuild.\n",
                   encoding="utf-8")
    out = tmp_path / f"notes.pt{suffix}"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", out])
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    for option in ("--fast", "--quiet", "-f"):
        assert re.search(rf"(?<![\w-]){option}(?![\w-])", text), text  # not "---quiet"
    assert "The option" not in text


def test_options_survive_in_po(tmp_path, cli):
    src = tmp_path / "tool.pot"
    src.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "--strict was given; stopping."\nmsgstr ""\n',
                   encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "tool.pt.po").read_text(encoding="utf-8")
    msgstr = out.split('msgid "--strict was given; stopping."\n')[1].split("\n")[0]
    assert msgstr.startswith('msgstr "--strict ') and "estrito" not in msgstr


def test_email_addresses_are_placeholders(tmp_path, cli):
    """Unshielded, the model translates the words of an address (green@ -> verde@)."""
    src = tmp_path / "contact.txt"
    src.write_text("Questions go to red.fox@example.org or to sales@shop-online.example.\n",
                   encoding="utf-8")
    found = [p for p in find_placeholders(src.read_text(encoding="utf-8")) if p.kind == "email"]
    assert len(found) == 2
    out = tmp_path / "contact.pt.txt"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", out])
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "red.fox@example.org" in text and "sales@shop-online.example" in text
    assert "Questions" not in text


def test_words_with_inner_capitals_are_names(tmp_path, cli):
    """Unshielded, a lone "NetBeans" cell came back with an invented "(O NetBeans)"."""
    src = tmp_path / "ports.md"
    src.write_text("| system | editor |\n| --- | --- |\n| Haiku | NetBeans |\n"
                   "| Linux | KDevelop |\n\n"
                   "Plugins exist for JavaScript, TypeScript and CoffeeScript projects.\n",
                   encoding="utf-8")
    out = tmp_path / "ports.pt.md"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--no-tm", "-o", out])
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "| Haiku | NetBeans |" in text or "| NetBeans |" in text
    assert "(O NetBeans)" not in text and "KDevelop |" in text
    assert "JavaScript, TypeScript e CoffeeScript" in text, text
