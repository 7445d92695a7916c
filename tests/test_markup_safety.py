"""Untrusted text (terms, notes, paths, TM content, package metadata) never reaches rich
as markup: every command prints it literally and exits normally (issue 19)."""

from __future__ import annotations

import json

import pytest

HOSTILE = "[/b] [link=javascript:alert(1)]x[/link] [bold red]"


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # tables keep each value on one line


@pytest.fixture
def hostile_dir(tmp_path):
    # a "/" cannot be in a file name, but a path's separator closes the tag just as well
    folder = tmp_path / "[link=javascript:alert(1)]x[" / "link][bold red]["
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def glossary(hostile_dir):
    path = hostile_dir / "terms.tsv"
    path.write_text(f"en\tpt\tnote\nlibrary\tbiblioteca\t{HOSTILE}\n", encoding="utf-8")
    return path


def _ok(result, *codes):
    assert result.code in (codes or (0,)), result.err
    assert "Traceback" not in result.err
    assert "MarkupError" not in result.err
    return result


def test_glossary_commands_print_markup_literally(cli, glossary, hostile_dir):
    r = _ok(cli(["glossary", "add", glossary, "--en", f"Front {HOSTILE}", "--pt", HOSTILE]))
    assert str(glossary) in r.out
    r = _ok(cli(["glossary", "edit", glossary, "library", "--note", f"new {HOSTILE}"]))
    r = _ok(cli(["glossary", "list", glossary]))
    assert "[/b]" in r.out and "[link=javascript:alert(1)]x[/link]" in r.out
    _ok(cli(["glossary", "search", glossary, "[/b]"]), 0, 1)
    _ok(cli(["glossary", "validate", glossary]), 0, 1)
    out = hostile_dir / "b]out.tbx"
    r = _ok(cli(["glossary", "export", glossary, out]))
    assert out.is_file() and "[/b]out.tbx" in r.out.replace("\n", "")
    merged = hostile_dir / "[bold]merged.tsv"
    _ok(cli(["glossary", "merge", glossary, glossary, "-o", merged]))


def test_terms_prints_markup_literally(cli, glossary, hostile_dir):
    text = hostile_dir / "doc.txt"
    text.write_text(f"The library {HOSTILE} opens.\n", encoding="utf-8")
    r = _ok(cli(["terms", text, "-g", glossary]))
    assert "biblioteca" in r.out and HOSTILE in r.out.replace("\n", " ") or "[/b]" in r.out


def test_review_table_and_html_keep_markup_inert(cli, glossary, hostile_dir):
    src = hostile_dir / "src.txt"
    tgt = hostile_dir / "tgt.txt"
    src.write_text(f"The library {HOSTILE}\n", encoding="utf-8")
    tgt.write_text(f"A biblioteca {HOSTILE}\n", encoding="utf-8")
    tm = hostile_dir / "b]tm.sqlite"
    from glossa.tm import open_tm

    with open_tm(tm) as memory:
        memory.store_many([(f"The library {HOSTILE}", f"A biblioteca {HOSTILE}")], "en", "pt",
                          origin="human")
    html = hostile_dir / "b]report.html"
    r = _ok(cli(["review", src, tgt, "-g", glossary, "--from", "en", "--to", "pt", "--tm", tm,
                 "--tm-store", "none", "--html", html]), 0, 1)
    assert "[/b]" in r.out
    page = html.read_text(encoding="utf-8")
    assert 'href="javascript' not in page


def test_tm_commands_print_markup_literally(cli, hostile_dir):
    from glossa.tm import open_tm

    tm = hostile_dir / "b]tm.sqlite"
    with open_tm(tm) as memory:
        memory.store_many([(f"Good morning {HOSTILE}", f"Bom dia {HOSTILE}")], "en", "pt",
                          model_id=HOSTILE, origin="machine")
    r = _ok(cli(["tm", "stats", "--tm", tm]))
    assert "[/b]" in r.out
    r = _ok(cli(["tm", "search", f"Good morning {HOSTILE}", "--from", "en", "--to", "pt",
                 "--tm", tm]))
    assert "[link=javascript:alert(1)]x[/link]" in r.out
    out = hostile_dir / "b]out.tmx"
    _ok(cli(["tm", "export", out, "--tm", tm]))
    assert out.is_file()
    po = hostile_dir / "b]in.po"
    po.write_text(f'msgid "Hello {HOSTILE}"\nmsgstr "Olá {HOSTILE}"\n', encoding="utf-8")
    r = _ok(cli(["tm", "import", po, "--from", "en", "--to", "pt", "--tm", tm]))
    assert "[/b]tm.sqlite" in r.err.replace("\n", "")


def test_models_list_prints_package_metadata_literally(cli, tmp_path, monkeypatch):
    packages = tmp_path / "[link=x][" / "b]argos"
    folder = packages / "translate-de_fr-1_0"
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "model.bin").write_bytes(b"x")
    (folder / "sentencepiece.model").write_bytes(b"x")
    (folder / "metadata.json").write_text(json.dumps(
        {"from_code": "de", "to_code": "fr", "package_version": HOSTILE}), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    r = _ok(cli(["models", "list"]))
    assert "[/b]argos" in r.out.replace("\n", "")


def test_translate_summary_prints_paths_literally(cli, hostile_dir):
    src = hostile_dir / "b]doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    r = _ok(cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm"]))
    assert "[/b]doc.en.txt" in r.err.replace("\n", "")
