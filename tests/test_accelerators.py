"""Keyboard accelerators: the catalogue's marker detected, taken out, put back (issue 13)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from glossa import accelerators
from glossa.formats import po
from glossa.placeholders import find_placeholders

DATA = Path(__file__).parent / "data" / "accelerators"
GNOME = DATA / "gnome-menus.pot"  # 50 GTK-style labels and 10 messages with other "_"
KDE = DATA / "kde-menus.pot"  # 40 KDE-style labels and 6 messages with other "&"
MSGFMT = shutil.which("msgfmt")
GTK_MO = Path("/usr/share/locale/pt_BR/LC_MESSAGES/gtk30.mo")


def _find(text: str, marker: str) -> int | None:
    return accelerators.find(text, marker, find_placeholders(text, po.PROTECT_KINDS))


@pytest.mark.parametrize(
    ("text", "marker", "at"),
    [
        ("Dupl_icate", "_", 4),  # inside a word
        ("Rel_oad", "_", 3),
        ("_Quit", "_", 0),
        ("Show Side_bar", "_", 9),
        ("Page la_yout:", "_", 7),  # lower case on both sides, but not two words
        ("Tab _Width:", "_", 4),
        ("(_Keep both)", "_", 1),
        ("Save _As…", "_", 5),
        ("Import _Photos...", "_", 7),
        ("Sa&ve All", "&", 2),
        ("&Go", "&", 0),
        ("Save && &Close", "&", 8),
        ("Sa~ve", "~", 2),
        ("~Edit", "~", 0),
    ],
)
def test_an_accelerator_marker_is_found(text, marker, at):
    assert _find(text, marker) == at


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("The file_name option is deprecated", "_"),  # snake_case
        ("max_width", "_"),
        ("Use __init__ for setup", "_"),  # dunder
        ("This is _really_ important", "_"),  # paired emphasis, one word
        ("Press _any key_ to continue", "_"),  # paired emphasis, two words
        ("Column %s_%d", "_"),  # glued to placeholders
        ("Row %d_name", "_"),
        ("{user_name} joined", "_"),
        ("Set GDK_SCALE=2 for HiDPI", "_"),  # an environment variable
        ("LC_ALL", "_"),
        ("Page_Down", "_"),  # a key name
        ("item_2 and item_3", "_"),
        ("os.path_join", "_"),
        ("_Open or _Close", "_"),  # two candidates: not one accelerator
        ("R&D Department", "&"),
        ("Q&A", "&"),
        ("Terms &amp; conditions", "&"),
        ("Rock & Roll", "&"),
        ("Fish && Chips", "&"),
        ("see ~/notes", "~"),
    ],
)
def test_what_is_not_an_accelerator(text, marker):
    assert _find(text, marker) is None


def _messages(path: Path) -> list[tuple[str, list]]:
    return [
        (e.msgid, find_placeholders(e.msgid, po.PROTECT_KINDS))
        for e in polib.pofile(str(path))
        if e.msgid
    ]


def test_the_catalogue_style_is_detected():
    assert accelerators.detect_style(_messages(GNOME)) == "_"
    assert accelerators.detect_style(_messages(KDE)) == "&"
    python_like = [
        (m, [])
        for m in [
            "Set user_name first",
            "Call __init__",
            "max_size too big",
            "a _strong_ word",
            "Done",
            "Saved %s",
            "Row_2",
            "Open",
        ]
    ]
    assert accelerators.detect_style(python_like) == "none"
    lone = [
        (m, [])
        for m in [
            "Open",
            "Close",
            "Print",
            "Save",
            "Help",
            "Quit",
            "Undo",
            "Redo",
            "Copy",
            "Paste",
            "Find",
            "Make _Backup",
        ]
    ]
    assert accelerators.detect_style(lone) == "initial"  # one stray marker in twelve


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Make _Backup", "Make Backup"),  # word-initial: taken even when the style is unclear
        ("E&xport", "Export"),
        ("Dupl_icate", None),  # inside a word: only in a catalogue that uses "_"
        ("This is _really_ important", None),
        ("_Keep or &Drop", None),  # two candidates
    ],
)
def test_a_catalogue_too_small_to_tell_takes_each_message_own_initial_marker(text, clean):
    marked = accelerators.strip(text, "initial")
    assert (marked.text if marked else None) == clean


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("Rel_oad", "Recarregar", "_Recarregar"),  # no "o": the corresponding word's first letter
        ("Sto_p", "Parar", "_Parar"),  # the same letter, in the word that corresponds
        ("Show Side_bar", "Mostrar barra lateral", "Mostrar _barra lateral"),  # at a word start
        ("_Help", "Ajuda", "_Ajuda"),  # no such letter: the first one
        ("Open in _GIMP", "Abrir no GIMP", "Abrir no _GIMP"),  # the word came through
        ("Insert _Image", "Inserir imagem", "Inserir _imagem"),  # the corresponding word
    ],
)
def test_the_marker_is_put_back(source, translation, expected):
    marked = accelerators.strip(source, "_")
    assert marked is not None and "_" not in marked.text
    restored = accelerators.restore(translation, marked.text, marked.offset, "_")
    assert restored == expected


def test_a_literal_ampersand_is_doubled_again():
    marked = accelerators.strip("Search && Rep&lace", "&")
    assert marked is not None and marked.text == "Search & Replace" and marked.doubled
    assert (
        accelerators.restore(
            "Procurar & substituir", marked.text, marked.offset, "&", marked.doubled
        )
        == "Procurar && &substituir"
    )
    only = accelerators.strip("Fish && Chips", "&")
    assert only is not None and only.offset is None and only.text == "Fish & Chips"
    assert accelerators.restore("Peixe & batatas", only.text, None, "&", True) == "Peixe && batatas"


def test_the_marker_never_goes_after_the_marker_or_into_a_placeholder():
    marked = accelerators.strip("&Save %s", "&")
    taken = find_placeholders("%s A&B", po.PROTECT_KINDS)
    out = accelerators.restore("%s A&B", marked.text, marked.offset, "&", taken=taken)
    assert "&&" not in out and out.startswith("%s ")


def _segments(path: Path, **options) -> list[str]:
    return [
        s.text for s in po.read(path.read_text(encoding="utf-8"), str(path), **options).segments
    ]


def test_the_engine_gets_labels_without_markers_and_other_underscores_as_they_are():
    texts = _segments(GNOME)
    assert "Duplicate" in texts and "Show Sidebar" in texts and "Page Setup" in texts
    assert not any("_" in t for t in texts[:50])
    assert "Use __init__ for setup" in texts and "This is _really_ important" in texts
    assert "Press _any key_ to continue" in texts and "The file_name option is deprecated" in texts
    kde = _segments(KDE)
    assert "Save & Close" in kde and "Save Copy As..." in kde and "R&D Department" in kde


def test_forcing_the_style():
    assert "Dupl_icate" in _segments(GNOME, accelerator="none")
    assert "Sa&ve All" in _segments(KDE, accelerator="_")  # "&" is not this style's marker
    assert "Save All" in _segments(KDE, accelerator="&")
    with pytest.raises(Exception, match="accelerator must be one of"):
        _segments(GNOME, accelerator="^")


def test_config_key_and_a_bad_value(tmp_path, cli, monkeypatch):
    from glossa.config import load_config

    config = tmp_path / "config.toml"
    monkeypatch.setenv("GLOSSA_CONFIG", str(config))
    config.write_text('accelerator = "none"\n', encoding="utf-8")
    load_config.cache_clear()
    assert "Dupl_icate" in _segments(GNOME)
    assert "Duplicate" in _segments(GNOME, accelerator="auto")  # the option wins
    config.write_text('accelerator = "^"\n', encoding="utf-8")
    load_config.cache_clear()
    result = cli(
        ["translate", GNOME, "--from", "en", "--to", "pt", "-o", tmp_path / "x.po", "--no-tm"]
    )
    assert result.code == 2 and not (tmp_path / "x.po").exists()
    assert result.err.strip().splitlines() == [
        "glossa: error: accelerator must be one of auto, _, &, ~, none, not '^' "
        "(--accelerator or accelerator in the config)"
    ]


def _marked_key(msgstr: str, marker: str) -> list[int]:
    return [
        m.start()
        for m in re.finditer(
            re.escape(marker) + r"(?!" + re.escape(marker) + ")", msgstr.replace(marker * 2, "")
        )
    ]


@pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize(("path", "marker", "labels"), [(GNOME, "_", 50), (KDE, "&", 40)])
def test_real_translation_keeps_one_marker_per_label_and_msgfmt_checks_it(
    tmp_path, cli, path, marker, labels
):
    out = tmp_path / f"{path.stem}.pt.po"
    result = cli(["translate", path, "--from", "en", "--to", "pt", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    check = subprocess.run(
        [MSGFMT, "-c", f"--check-accelerators={marker}", "-o", "/dev/null", out],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    entries = [e for e in polib.pofile(str(out)) if e.msgid]
    for entry in entries[:labels]:
        keys = _marked_key(entry.msgstr, marker)
        assert len(keys) == 1, (entry.msgid, entry.msgstr)
        plain = entry.msgstr.replace(marker * 2, "")
        assert plain[keys[0] + 1].isalpha(), (entry.msgid, entry.msgstr)
    translated = [
        e for e in entries[:labels] if e.msgstr.replace(marker, "") != e.msgid.replace(marker, "")
    ]
    assert len(translated) >= labels * 0.8  # labels are translated, not left in English
    save_close = next(e for e in entries if e.msgid == "Save && &Close") if marker == "&" else None
    if save_close is not None:
        assert "&&" in save_close.msgstr or " e " in save_close.msgstr


def test_the_cli_option_forces_the_style(tmp_path, cli):
    out = tmp_path / "kde.pt.po"
    result = cli(
        [
            "translate",
            KDE,
            "--from",
            "en",
            "--to",
            "pt",
            "-o",
            out,
            "--no-tm",
            "--accelerator",
            "none",
        ]
    )
    assert result.code == 0, result.err
    assert out.exists()  # read with "&" left in the text: the run still succeeds
    assert "--accelerator" in cli(["translate", "--help"]).out


def test_the_api_takes_the_style(tmp_path):
    from glossa.api import read_document

    doc = read_document(GNOME, accelerator="none")
    assert "Dupl_icate" in [s.text for s in doc.segments]
    assert "Duplicate" in [s.text for s in read_document(GNOME).segments]


@pytest.mark.skipif(
    not GTK_MO.exists() or shutil.which("msgunfmt") is None or MSGFMT is None,
    reason="needs GTK 3's installed pt_BR catalogue and gettext",
)
def test_gtk_own_catalogue(tmp_path, cli):
    """GTK 3's real catalogue: every msgid the Brazilian translators gave an accelerator is
    detected as one (and no other), and the output passes msgfmt's accelerator check."""
    real = tmp_path / "gtk30.po"
    subprocess.run(["msgunfmt", GTK_MO, "-o", real], check=True)
    catalogue = polib.pofile(str(real))
    found = {e.msgid for e in catalogue if e.msgid and _find(e.msgid, "_") is not None}
    marked_by_people = {
        e.msgid for e in catalogue if e.msgid and "_" in e.msgstr and e.msgid.count("_") == 1
    }
    assert len(found) > 200
    assert len(found - marked_by_people) <= 2  # what people did not mark is not taken
    assert accelerators.detect_style(_messages(real)) == "_"
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in catalogue:
        if entry.msgid in found and not entry.msgid_plural:
            pot.append(polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt))
    pot.save(str(tmp_path / "gtk.pot"))
    result = cli(
        [
            "translate",
            tmp_path / "gtk.pot",
            "--from",
            "en",
            "--to",
            "pt",
            "-o",
            tmp_path / "gtk.pt.po",
            "--no-tm",
        ]
    )
    assert result.code == 0, result.err
    check = subprocess.run(
        [MSGFMT, "-c", "--check-accelerators=_", "-o", "/dev/null", tmp_path / "gtk.pt.po"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


MULTI = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Export"
msgstr ""

msgid "Import"
msgstr ""

msgid ""
"Choose a folder\\n"
"  and press _Continue  "
msgstr ""

msgid "Remove _%d item"
msgid_plural "Remove _%d items"
msgstr[0] ""
msgstr[1] ""

msgid "Sh_rink Window"
msgstr ""
"""


def test_marker_on_a_later_line_with_indentation_and_in_plurals():
    from formats_helpers import fake_translate

    doc = po.read(MULTI, "multi.pot")
    texts = [s.text for s in doc.segments]
    assert "and press Continue" in texts and "Shrink Window" in texts
    words = {
        "Choose a folder": "Escolha uma pasta",
        "and press Continue": "e prima Continuar",
        "Shrink Window": "Encolher janela",
    }
    fake_translate(doc, lambda t: words.get(t.strip(), t) if t.strip() else t)
    entries = {e.msgid: e for e in polib.pofile(po.write(doc))}
    assert entries["Choose a folder\n  and press _Continue  "].msgstr == (
        "Escolha uma pasta\n  e prima _Continuar  "
    )
    assert entries["Sh_rink Window"].msgstr == "Encolhe_r janela"
    plural = entries["Remove _%d item"]  # "_" before a placeholder: not a letter key, kept
    assert plural.msgstr_plural[0].startswith("Remove _%d")


QT_XLIFF = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="mainwindow.ui" source-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>&amp;Open</source></trans-unit>
      <trans-unit id="2"><source>Sa&amp;ve All</source></trans-unit>
      <trans-unit id="3"><source>Save &amp;&amp; &amp;Close</source></trans-unit>
      <trans-unit id="4"><source>Open <g id="b">&amp;Recent</g></source></trans-unit>
      <trans-unit id="5"><source>R&amp;D budget</source></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_accelerators_are_taken_out_and_put_back():
    from translate.storage import xliff as ttk_xliff

    from formats_helpers import fake_translate
    from glossa.formats import xliff

    doc = xliff.read(QT_XLIFF, "mainwindow.xlf")
    texts = [s.text for s in doc.segments if not s.context.get("phrase")]
    assert texts[:3] == ["Open", "Save All", "Save & Close"]
    assert texts[4] == "R&D budget"
    words = {
        "Open": "Abrir",
        "Save All": "Salvar tudo",
        "Save & Close": "Salvar & fechar",
        "R&D budget": "Orçamento de I&D",
    }
    fake_translate(
        doc, lambda t: words.get(t, t.replace("Open ", "Abrir ").replace("Recent", "recentes"))
    )
    store = ttk_xliff.xlifffile.parsestring(xliff.write(doc).encode("utf-8"))
    targets = [u.target for u in store.units]
    assert targets[:3] == ["&Abrir", "Sal&var tudo", "Salvar && fe&char"]
    assert "&recentes" in targets[3]
    assert targets[4] == "Orçamento de I&D"  # not an accelerator: left as translated
    assert xliff.read(QT_XLIFF, "x.xlf", accelerator="none").segments[0].text == "&Open"


def test_a_command_line_tool_catalogue_is_not_taken_for_a_gtk_one():
    """Identifiers in a CLI tool's messages look like mid-word "_" markers; only label-like
    messages (a few capitalised words on one line) count, so none of these is touched."""
    cli_messages = [
        "sock_open failed",
        "read_block: short read",
        "warning: buf_len too small",
        "cannot parse cfg_path %s",
        "lookup_host: no such host",
        "Usage: tool [-v] --log_dir DIR",
        "mem_pool exhausted",
        "invalid tz_name",
        "Done",
        "Ready",
        "Waiting for the lock_file to be released, try again later",
        "bad key_id",
    ]
    messages = [(m, find_placeholders(m, po.PROTECT_KINDS)) for m in cli_messages]
    style = accelerators.detect_style(messages)
    assert style in ("none", "initial")
    assert all(accelerators.strip(m, style, t) is None for m, t in messages)
    assert _find("Sock_et Options", "_") == 4  # in a label the same shape is a key
    assert _find("the sock_et options failed to load", "_") is None
