"""A locale tree of real Django catalogues translated with ``--to pt --out-dir``: the
catalogues in other languages are skipped with one line each and nothing is written for
them, the pt ones and the template are filled, and msgfmt -c finds no new error."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

import polib
import pytest

from formats_helpers import MSGFMT, django_catalogue

DOMAIN = "postgres"  # small, with plural entries; its pt_BR fails msgfmt -c as Django ships it
LANGS = ("fr", "de", "pt", "pt_BR")
CLEARED = 4  # translated entries emptied in each pt catalogue, for glossa to fill

pytestmark = [
    pytest.mark.skipif(MSGFMT is None, reason="msgfmt not installed"),
    pytest.mark.skipif(
        any(django_catalogue(lang, DOMAIN) is None for lang in (*LANGS, "en")),
        reason="Django's catalogues not installed",
    ),
]


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


def _cleared(text: str, count: int) -> str:
    """``text`` with the msgstrs of its first ``count`` translated entries emptied (the
    header and every other line as Django ships them)."""
    blocks, done = _blocks(text), 0
    for i, block in enumerate(blocks[1:], 1):
        if done == count or "#~" in block or 'msgstr ""\n"' in block:
            continue
        emptied = re.sub(r'^(msgstr(?:\[\d+\])?) ".+"$', r'\1 ""', block, flags=re.MULTILINE)
        if emptied != block:
            blocks[i], done = emptied, done + 1
    return "\n\n".join(blocks)


def _msgfmt_errors(path: Path) -> list[str]:
    """msgfmt -c's complaints, file name and line numbers taken out."""
    proc = subprocess.run(
        [MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    return [re.sub(r"^.*?:\d+: ", "", line) for line in proc.stderr.splitlines()]


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tree") / "locale"
    for lang in LANGS:
        text = django_catalogue(lang, DOMAIN).read_text(encoding="utf-8")
        if lang.startswith("pt"):
            text = _cleared(text, CLEARED)
        path = root / lang / "LC_MESSAGES" / "app.po"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    template = django_catalogue("en", DOMAIN).read_text(encoding="utf-8")
    (root / "app.pot").write_text(template, encoding="utf-8")  # Django's says Language: en
    return root


@pytest.fixture(scope="module")
def run(tree, tmp_path_factory) -> tuple[int, str, Path]:
    """The real CLI on the tree, once for the module (bundled Bergamot en->pt), with the
    state folders isolated as conftest does for each test."""
    from glossa.cli import main
    from glossa.config import load_config

    out, state = tmp_path_factory.mktemp("out"), tmp_path_factory.mktemp("state")
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stderr(err):
        env.setenv("GLOSSA_DATA_DIR", str(state / "data"))
        env.setenv("GLOSSA_CONFIG", str(state / "config.toml"))
        env.setenv("ARGOS_PACKAGES_DIR", str(state / "argos"))
        load_config.cache_clear()
        code = main(
            ["translate", str(tree), "--to", "pt", "--out-dir", str(out), "--no-tm", "-j", "1"]
        )
    load_config.cache_clear()
    return code, err.getvalue(), out


def test_other_languages_are_skipped_with_one_line_each(run, tree):
    code, err, out = run
    assert code == 0, err
    skipped = [line for line in err.splitlines() if "skipped" in line]
    assert sorted(skipped) == sorted(
        f"glossa: skipped {tree / lang / 'LC_MESSAGES' / 'app.po'}: catalogue language is "
        f"{lang}, target is pt"
        for lang in ("de", "fr")
    )
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["app.pt.po", "pt/LC_MESSAGES/app.pt.po", "pt_BR/LC_MESSAGES/app.pt.po"]


def test_target_catalogues_are_filled_and_keep_their_header(run, tree):
    _code, _err, out = run
    for lang in ("pt", "pt_BR"):
        before = (tree / lang / "LC_MESSAGES" / "app.po").read_text(encoding="utf-8")
        after = (out / lang / "LC_MESSAGES" / "app.pt.po").read_text(encoding="utf-8")
        old, new = polib.pofile(before), polib.pofile(after)
        assert new.metadata["Language"] == lang  # never relabelled to plain pt
        assert new.metadata["Plural-Forms"] == old.metadata["Plural-Forms"]
        assert len(new.translated_entries()) + len(new.fuzzy_entries()) > len(
            old.translated_entries()
        )
        changed = [
            a
            for a, b in zip(
                _blocks(before)[0].splitlines(), _blocks(after)[0].splitlines(), strict=True
            )
            if a != b
        ]
        assert [line.split(":")[0] for line in changed] == ['"PO-Revision-Date']


def test_the_template_gets_gettexts_pt_header(run):
    _code, _err, out = run
    catalogue = polib.pofile(str(out / "app.pt.po"))
    assert catalogue.metadata["Language"] == "pt"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert all(e.msgstr or any(e.msgstr_plural.values()) for e in catalogue)


def test_msgfmt_finds_no_new_error(run, tree):
    """Every output passes msgfmt -c but the one whose input already failed it (Django's
    pt_BR: msgstr[2] under nplurals=2), which keeps exactly its own errors and is named."""
    _code, err, out = run
    clean = ["app.pt.po", "pt/LC_MESSAGES/app.pt.po"]
    for name in clean:
        assert _msgfmt_errors(out / name) == [], name
    source = tree / "pt_BR" / "LC_MESSAGES" / "app.po"
    assert _msgfmt_errors(source), "Django's pt_BR passes msgfmt -c now: pick another domain"
    assert _msgfmt_errors(out / "pt_BR" / "LC_MESSAGES" / "app.pt.po") == _msgfmt_errors(source)
    warnings = [line for line in err.splitlines() if "nplurals=2 but" in line]
    assert len(warnings) == 1 and str(source) in warnings[0]
