"""--in-place on locale trees (msgmerge -U style) and --only selections of PO entries."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import polib
import pytest
from translate.storage import pypo as tt_po

from cli_helpers import translate

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)

#: One entry of each kind --only tells apart.
ENTRIES = """#: shop.py:10
msgid "The bakery opens early."
msgstr ""

#: shop.py:11
#, fuzzy
#| msgid "The bakery closes."
msgid "The bakery closes late."
msgstr "A padaria fecha."

# glossa: mt bergamot:en-pt:an older model
#: shop.py:12
#, fuzzy
msgid "Fresh bread every morning."
msgstr "TEXTO DE UM MODELO ANTIGO"

# glossa: mt bergamot:en-pt:an older model
#: shop.py:13
msgid "Cakes to order."
msgstr "Bolos por encomenda, revisto."

#: shop.py:14
msgid "Coffee and tea."
msgstr "Café e chá."
"""


def _tree(root, langs=("pt", "fr")) -> dict[str, object]:
    paths = {}
    for lang in langs:
        path = root / "locale" / lang / "LC_MESSAGES" / "shop.po"
        path.parent.mkdir(parents=True)
        path.write_text(HEADER.format(lang=lang) + ENTRIES, encoding="utf-8")
        paths[lang] = path
    return paths


def _entries(path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path))}


def _msgfmt(path) -> None:
    """msgfmt -c accepts the catalogue, and translate-toolkit reads the same entries."""
    if shutil.which("msgfmt"):
        subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], check=True, capture_output=True
        )
    _toolkit_check(path)


def _toolkit_check(path) -> None:
    units = [u for u in tt_po.pofile(path.read_bytes()).units if not u.isheader()]
    assert [u.source for u in units] == [e.msgid for e in polib.pofile(str(path))]
    for unit in units:  # what translate-toolkit sees of glossa's marks
        notes = unit.getnotes("translator")
        assert notes.count("glossa: mt") <= 1
        if "glossa: mt bergamot:en-pt:en-pt-tiny" in notes and unit.target != "":
            assert unit.isfuzzy() and not unit.prev_source


def test_in_place_updates_the_tree_keeps_the_mode_and_skips_others(cli, tmp_path):
    paths = _tree(tmp_path)
    (tmp_path / "locale" / "shop.pot").write_text(HEADER.format(lang="") + ENTRIES, "utf-8")
    (tmp_path / "locale" / "README.md").write_text("# Catalogues\n", "utf-8")
    os.chmod(paths["pt"], 0o640)
    french = paths["fr"].read_bytes()
    result = translate(cli, tmp_path / "locale", "--in-place", "--no-tm")
    assert result.code == 0, result.err
    assert f"skipped {paths['fr']}: it is in the fr folder, not pt" in result.err
    assert "shop.pot: a template (.pot) is not translated in place" in result.err
    assert paths["fr"].read_bytes() == french
    assert stat.S_IMODE(paths["pt"].stat().st_mode) == 0o640
    assert sorted(p.name for p in paths["pt"].parent.iterdir()) == ["shop.po"]  # no temp left
    entries = _entries(paths["pt"])
    assert entries["The bakery opens early."].msgstr
    assert entries["The bakery closes late."].msgstr == "A padaria fecha."  # not selected
    assert not list(tmp_path.rglob("*.pt.po"))
    _msgfmt(paths["pt"])


def test_an_unchanged_catalogue_is_not_rewritten(cli, tmp_path):
    path = _tree(tmp_path, ("pt",))["pt"]
    args = ["translate", path, "--from", "en", "--to", "pt", "--in-place", "--no-tm"]
    assert cli(args).code == 0
    os.utime(path, (1_000_000, 1_000_000))
    again = cli(args)
    assert again.code == 0, again.err
    assert path.stat().st_mtime == 1_000_000


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "out.po"], "--in-place writes into the inputs; drop -o/--out-dir"),
        (["--out-dir", "out"], "--in-place writes into the inputs; drop -o/--out-dir"),
    ],
)
def test_in_place_refuses_other_outputs_in_one_line(cli, tmp_path, extra, message):
    path = _tree(tmp_path, ("pt",))["pt"]
    before = path.read_bytes()
    result = cli(["translate", path, "--to", "pt", "--in-place", "--no-tm", *extra])
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"glossa: error: {message} (or --in-place)"]
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", "Good evening.\n", "--in-place updates bilingual files (PO, XLIFF), not txt"),
        ("shop.pot", HEADER.format(lang="") + ENTRIES, "a template is not translated in place"),
    ],
)
def test_in_place_refuses_monolingual_files_and_templates(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli(["translate", path, "--to", "pt", "--in-place", "--no-tm"])
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert path.read_text(encoding="utf-8") == content


def test_only_mt_retranslates_glossa_mt_still_fuzzy_and_replaces_its_comment(cli, tmp_path):
    path = _tree(tmp_path, ("pt",))["pt"]
    result = translate(cli, path, "--in-place", "--no-tm", "--only", "mt", "--json")
    assert result.code == 0, result.err
    entries = _entries(path)
    fresh = entries["Fresh bread every morning."]
    assert fresh.msgstr != "TEXTO DE UM MODELO ANTIGO" and "fuzzy" in fresh.flags
    assert fresh.tcomment.count("glossa: mt") == 1
    assert fresh.tcomment.startswith("glossa: mt bergamot:en-pt:en-pt-tiny")
    # a reviewed MT entry (fuzzy flag taken off) is the reviewer's now
    assert entries["Cakes to order."].msgstr == "Bolos por encomenda, revisto."
    assert entries["The bakery closes late."].msgstr == "A padaria fecha."
    assert entries["The bakery opens early."].msgstr == ""  # --only excluded it
    summary = json.loads(result.out)["summary"]
    assert summary["translated"] == 1 and summary["left"] == 1
    assert "1 left for you" in result.err
    _msgfmt(path)


def test_only_fuzzy_drops_the_stale_previous_msgid(cli, tmp_path):
    path = _tree(tmp_path, ("pt",))["pt"]
    result = translate(cli, path, "--in-place", "--no-tm", "--only", "fuzzy, untranslated")
    assert result.code == 0, result.err
    entries = _entries(path)
    closes = entries["The bakery closes late."]
    assert closes.msgstr != "A padaria fecha." and closes.previous_msgid is None
    assert "#| msgid" not in path.read_text(encoding="utf-8")
    assert entries["The bakery opens early."].msgstr
    assert entries["Coffee and tea."].msgstr == "Café e chá."
    assert "left for you" not in result.err
    _msgfmt(path)


def test_retranslate_drops_previous_strings_too(cli, tmp_path):
    path = _tree(tmp_path, ("pt",))["pt"]
    out = tmp_path / "all.po"
    result = translate(cli, path, "--no-tm", "--retranslate", out=out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "#|" not in text and text.count("# glossa: mt") == 5
    assert "an older model" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--only", "fuzzy,reviewed"],
            "--only takes untranslated, fuzzy, mt (comma-separated), not reviewed",
        ),
        (["--only", "mt", "--retranslate"], "--only and --retranslate contradict each other"),
    ],
)
def test_bad_only_is_one_line(cli, tmp_path, args, message):
    path = _tree(tmp_path, ("pt",))["pt"]
    result = cli(["translate", path, "--to", "pt", "--in-place", "--no-tm", *args])
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"glossa: error: {message}")


def test_only_refuses_files_that_are_not_po(cli, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Good evening.\n", encoding="utf-8")
    result = cli(["translate", text, "--to", "pt", "--only", "untranslated", "--no-tm"])
    assert result.code == 2
    assert "--only selects PO entries; it does not apply to txt files" in result.err
    assert not (tmp_path / "notes.pt.txt").exists()


def test_in_place_never_fills_another_language_catalogue(cli, tmp_path):
    """Unlabelled under de/LC_MESSAGES, or labelled en with nothing translated yet (GNU's
    po/LANG.po layout): a template for --out-dir, never one to fill with Portuguese."""
    german = tmp_path / "locale" / "de" / "LC_MESSAGES" / "shop.po"
    english = tmp_path / "locale" / "po" / "en.po"
    brazil = tmp_path / "locale" / "pt_BR" / "LC_MESSAGES" / "shop.po"
    body = 'msgid "The bakery opens early."\nmsgstr ""\n'
    for path, lang in ((german, ""), (english, "en"), (brazil, "")):
        path.parent.mkdir(parents=True)
        path.write_text(HEADER.format(lang=lang) + body, encoding="utf-8")
    before = {p: p.read_bytes() for p in (german, english)}
    assert (
        translate(cli, english, "--no-tm", out=tmp_path / "new.po").code == 0
    )  # to a new file it is a template
    result = translate(cli, tmp_path / "locale", "--in-place", "--no-tm")
    assert result.code == 0, result.err
    assert f"skipped {german}: it is in the de folder, not pt" in result.err
    assert f"skipped {english}: it is labelled en, not pt" in result.err
    assert {p: p.read_bytes() for p in before} == before
    assert _entries(brazil)["The bakery opens early."].msgstr


def test_a_real_django_tree_in_place(cli, tmp_path):
    """Django's admin catalogues: pt filled (its 3 untranslated entries), pt_BR complete and
    left alone, en/fr/de skipped byte for byte; msgfmt -c says of each what it said before
    (Django's own pt catalogue has a Plural-Forms that its msgstr[n] contradict)."""
    from formats_helpers import django_catalogue

    sources = {lang: django_catalogue(lang, "admin") for lang in ("pt", "pt_BR", "en", "fr", "de")}
    if not all(sources.values()):
        pytest.skip("Django (dev dependency) not installed")
    tree = {}
    for lang, path in sources.items():
        tree[lang] = tmp_path / "locale" / lang / "LC_MESSAGES" / "django.po"
        tree[lang].parent.mkdir(parents=True)
        shutil.copyfile(path, tree[lang])
    before = {lang: path.read_bytes() for lang, path in tree.items()}
    result = translate(cli, tmp_path / "locale", "--in-place", "--no-tm", "--json")
    assert result.code in (0, 1), result.err
    for lang in ("en", "fr", "de"):
        assert tree[lang].read_bytes() == before[lang]
        assert f"skipped {tree[lang]}" in result.err
    assert tree["pt_BR"].read_bytes() == before["pt_BR"]  # nothing to fill
    after = {e.msgid: e for e in polib.pofile(str(tree["pt"]))}
    old = {e.msgid: e for e in polib.pofile(str(sources["pt"]))}
    filled = [
        m for m, e in old.items() if m and not e.translated() and not e.obsolete and after[m].msgstr
    ]
    assert filled and all(after[m].msgstr == e.msgstr for m, e in old.items() if e.translated())
    summary = json.loads(result.out)["summary"]
    assert summary["translated"] + summary["kept"] >= len(filled)
    for lang, path in tree.items():
        assert _msgfmt_ok(path) == _msgfmt_ok(sources[lang]), lang
        _toolkit_check(path)


def _msgfmt_ok(path) -> bool:
    if not shutil.which("msgfmt"):
        return True
    return (
        subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True
        ).returncode
        == 0
    )


def test_an_xliff_file_is_updated_in_place(cli, tmp_path):
    xlf = tmp_path / "app.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="pt" datatype="plaintext" '
        'original="app">\n    <body>\n'
        '      <trans-unit id="1"><source>The bakery opens early.</source></trans-unit>\n'
        "    </body>\n  </file>\n</xliff>\n",
        encoding="utf-8",
    )
    result = cli(["translate", xlf, "--from", "en", "--to", "pt", "--in-place", "--no-tm"])
    assert result.code == 0, result.err
    assert "<target" in xlf.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.xlf"]
