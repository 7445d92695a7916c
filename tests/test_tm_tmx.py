"""TMX export/import (round trips, OmegaT files, broken files) and PO import."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossa.cli import main
from glossa.errors import FormatError
from glossa.tm import TMEntry, TranslationMemory, open_tm
from glossa.tm.tmx import read_tmx, write_tmx
from tm_helpers import MODEL, OMEGAT_TMX, data_dir  # noqa: F401  (fixture)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _fill(memory: TranslationMemory) -> None:
    memory.store_many([("Good morning.", "Bom dia."), ("Use <b>bold</b> & \"quotes\".",
                                                      "Use <b>negrito</b> & \"aspas\".")],
                      "en", "pt", MODEL, "f00d")
    memory.store_many([("Cancel", "Cancelar")], "en", "pt", origin="human", note="menu")
    memory.store_many([("Bom dia.", "Good morning.")], "pt", "en", "bergamot:pt-en:1")


def test_export_is_tmx_14b_that_cat_tools_read(data_dir, tmp_path):  # noqa: F811
    with open_tm() as memory:
        _fill(memory)
    out = tmp_path / "out.tmx"
    assert main(["tm", "export", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "datatype"):
        assert header.get(attr)
    assert header.get("segtype") == "sentence"
    assert header.get("srclang") == "*all*"  # two source languages
    tus = root.findall("body/tu")
    assert len(tus) == 4
    first = tus[0]
    assert first.get("srclang") == "en" and first.get("creationdate").endswith("Z")
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props == {"x-glossa-origin": "machine", "x-glossa-engine": "bergamot",
                     "x-glossa-model": MODEL, "x-glossa-glossary": "f00d"}
    assert [(t.get(XML_LANG), t.find("seg").text) for t in first.findall("tuv")] == [
        ("en", "Good morning."), ("pt", "Bom dia.")]
    assert tus[1].find("tuv/seg").text == "Use <b>bold</b> & \"quotes\"."
    human = tus[2]
    assert human.find("note").text == "menu"
    assert {p.get("type"): p.text for p in human.findall("prop")} == {"x-glossa-origin": "human"}


def test_single_source_language_goes_in_the_header(data_dir, tmp_path):  # noqa: F811
    with open_tm() as memory:
        _fill(memory)
    out = tmp_path / "enpt.tmx"
    assert main(["tm", "export", str(out), "--from", "en", "--origin", "machine"]) == 0
    root = ET.parse(out).getroot()
    assert root.find("header").get("srclang") == "en"
    assert len(root.findall("body/tu")) == 2
    assert all(tu.get("srclang") is None for tu in root.findall("body/tu"))


def test_export_import_export_is_identical(data_dir, tmp_path):  # noqa: F811
    with open_tm() as memory:
        _fill(memory)
    first, second = tmp_path / "first.tmx", tmp_path / "second.tmx"
    assert main(["tm", "export", str(first)]) == 0
    fresh = tmp_path / "fresh.sqlite"
    assert main(["tm", "import", str(first), "--tm", str(fresh)]) == 0
    assert main(["tm", "export", str(second), "--tm", str(fresh)]) == 0
    assert second.read_bytes() == first.read_bytes()
    with open_tm() as a, TranslationMemory(fresh) as b:
        assert list(a.entries()) == list(b.entries())


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_text, _text), min_size=1, max_size=6))
def test_any_text_survives_write_then_read(tmp_path, pairs):
    entries = [TMEntry(s, t, "en", "pt", "machine", MODEL, "", "20240101T000000Z",
                       "20240101T000000Z") for s, t in pairs]
    text, skipped = write_tmx(entries)
    path = tmp_path / "p.tmx"
    path.write_text(text, encoding="utf-8")
    kept = [e for e in entries if not any(ord(c) < 32 and c not in "\t\n\r"
                                          or c in "\ufffe\uffff" for c in e.source + e.target)]
    assert skipped == len(entries) - len(kept)
    assert read_tmx(path) == kept


def test_import_omegat_tmx(data_dir, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "project_save.tmx"
    path.write_text(OMEGAT_TMX, encoding="utf-8")
    assert main(["tm", "import", str(path)]) == 0
    assert "2 entries (en-pt: 2)" in capsys.readouterr().err
    with open_tm() as memory:
        entries = list(memory.entries())
        assert [(e.source, e.target, e.origin, e.changed) for e in entries] == [
            ("Click <b>Save</b> to keep your changes.",
             "Clique em <b>Salvar</b> para manter as alterações.", "human", "20240311T101500Z"),
            ("The library opens at nine.", "A biblioteca abre às nove horas.", "human",
             "20240312T090000Z"),
        ]
        # human entries are reused for any engine
        assert memory.lookup_many(["The library opens at nine."], "en", "pt", MODEL, "x") == {
            "The library opens at nine.": "A biblioteca abre às nove horas."}


def test_import_picks_one_target_from_a_multilingual_tmx(tmp_path):
    path = tmp_path / "multi.tmx"
    path.write_text("""<tmx version="1.4"><header srclang="en" segtype="sentence"/><body>
<tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="pt"><seg>Sim</seg></tuv>
<tuv xml:lang="de"><seg>Ja</seg></tuv></tu></body></tmx>""", encoding="utf-8")
    assert [(e.tgt_lang, e.target) for e in read_tmx(path)] == [("pt", "Sim"), ("de", "Ja")]
    assert [(e.tgt_lang, e.target) for e in read_tmx(path, tgt="de")] == [("de", "Ja")]
    assert [(e.src_lang, e.source, e.target) for e in read_tmx(path, src="de", tgt="en")] == [
        ("de", "Ja", "Yes")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu><tuv xml:lang="en">'
         "<seg>a</seg></tuv>\n</body></tmx>", 5, "malformed TMX: mismatched tag"),
        ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv><seg>a</seg></tuv>'
         "</tu>\n</body></tmx>", 5, "without xml:lang"),
        ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="en">'
         "\n</tuv></tu>\n</body></tmx>", 6, "without <seg>"),
        ("<html><body/></html>", 1, "root element is <html>"),
        ('<tmx version="1.4"><body/></tmx>', 1, "no <header>"),
        ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="qq">'
         "<seg>a</seg></tuv></tu>\n</body></tmx>", 5, "unknown language 'qq'"),
        ("", 1, "malformed TMX: no element found"),
    ],
)
def test_malformed_tmx_is_one_error_with_its_line(data_dir, tmp_path, capsys, text, line,  # noqa: F811
                                                  message):
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_tmx(path)
    assert info.value.line == line and message in str(info.value)
    assert main(["tm", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"glossa: error: {path}:{line}: {info.value.detail}\n"
    assert not (data_dir / "tm.sqlite").exists() or len(open_tm()) == 0


# --- PO ----------------------------------------------------------------------------------

PO = r'''msgid ""
msgstr ""
"Language: pt_BR\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Save"
msgstr "Salvar"

#, fuzzy
msgid "Delete"
msgstr "Apagar"

msgid "Untranslated"
msgstr ""

msgctxt "menu"
msgid "Open the file. Then edit it."
msgstr "Abra o arquivo. Depois edite-o."

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Um arquivo"
msgstr[1] "%d arquivos"

#~ msgid "Old"
#~ msgstr "Velho"
'''


def test_po_import_takes_approved_entries_as_human(data_dir, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "app.pt.po"
    path.write_text(PO, encoding="utf-8")
    assert main(["tm", "import", str(path), "--from", "en"]) == 0
    with open_tm() as memory:
        got = {(e.source, e.target) for e in memory.entries()}
        assert all(e.origin == "human" and (e.src_lang, e.tgt_lang) == ("en", "pt")
                   for e in memory.entries())
    assert got == {("Save", "Salvar"),
                   ("Open the file. Then edit it.", "Abra o arquivo. Depois edite-o."),
                   ("Open the file.", "Abra o arquivo."), ("Then edit it.", "Depois edite-o."),
                   ("One file", "Um arquivo"), ("%d files", "%d arquivos")}


@pytest.mark.parametrize(
    ("po", "args", "message"),
    [
        (PO, [], "pass --from LANG"),
        (PO.replace('"Language: pt_BR\\n"\n', ""), ["--from", "en"], "pass --to LANG"),
    ],
)
def test_po_import_needs_languages(data_dir, tmp_path, capsys, po, args, message):  # noqa: F811
    path = tmp_path / "app.po"
    path.write_text(po, encoding="utf-8")
    assert main(["tm", "import", str(path), *args]) == 2
    assert message in capsys.readouterr().err


def test_po_source_language_from_header(tmp_path):
    from glossa.tm.bilingual import read_units

    path = tmp_path / "app.po"
    path.write_text(PO.replace('"Language: pt_BR\\n"', '"Language: pt_BR\\n"\n'
                               '"X-Source-Language: en\\n"'), encoding="utf-8")
    assert {(e.src_lang, e.tgt_lang) for e in read_units(path)} == {("en", "pt")}


def test_malformed_po_names_the_line(data_dir, tmp_path, capsys):  # noqa: F811
    path = tmp_path / "bad.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nmsgid "c\nfoo bar\n', encoding="utf-8")
    assert main(["tm", "import", str(path), "--from", "en", "--to", "pt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"glossa: error: {path}:4: ") and "malformed string" in err
    assert err.count("\n") == 1


def test_unknown_import_extension_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "terms.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert main(["tm", "import", str(path), "--tm", str(tmp_path / "t.sqlite")]) == 2
    assert capsys.readouterr().err == (f"glossa: error: {path}: cannot import .csv; glossa "
                                       "imports .tmx, .po, .pot, .xlf, .xliff, .sdlxliff files\n")


def test_export_of_an_empty_or_missing_tm_fails_clearly(tmp_path, capsys):
    assert main(["tm", "export", str(tmp_path / "o.tmx"), "--tm", str(tmp_path / "no.sqlite")]) == 2
    assert "no translation memory here yet" in capsys.readouterr().err
    TranslationMemory(tmp_path / "empty.sqlite").close()
    assert main(["tm", "export", str(tmp_path / "o.tmx"), "--tm",
                 str(tmp_path / "empty.sqlite")]) == 2
    assert "no entries to export" in capsys.readouterr().err
    assert not (tmp_path / "o.tmx").exists()


def test_stats_table_and_json(data_dir, capsys):  # noqa: F811
    import json

    assert main(["tm", "stats"]) == 0
    assert "no entries yet" in capsys.readouterr().out
    with open_tm() as memory:
        _fill(memory)
    assert main(["tm", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["entries"], stats["human"], stats["machine"]) == (4, 1, 3)
    assert {(p["source"], p["target"], p["entries"]) for p in stats["pairs"]} == {
        ("en", "pt", 3), ("pt", "en", 1)}
    assert stats["size_bytes"] > 0
    assert main(["tm", "stats"]) == 0
    assert "en-pt" in capsys.readouterr().out
    from rich.console import Console
    from rich.theme import Theme

    from glossa.commands.tm import StatsView
    from glossa.theme import STYLES

    console = Console(width=160, no_color=True, record=True, file=io.StringIO(),
                      theme=Theme(STYLES))
    console.print(StatsView(stats))
    rows = {line.split("│")[1].strip(): line for line in console.export_text().splitlines()
            if line.count("│") > 3}
    assert set(rows) == {"en-pt", "pt-en", "total"}
    assert "│       3 │     1 │       2 │ " + MODEL + " (2)" in rows["en-pt"]
    assert "│       4 │     1 │       3 │" in rows["total"]


def test_tuv_with_only_changedate_gets_it_as_creation_date_too(tmp_path):
    path = tmp_path / "o.tmx"
    path.write_text('<tmx version="1.4"><header srclang="EN-US"/><body><tu>'
                    '<tuv xml:lang="EN-US"><seg>Yes</seg></tuv>'
                    '<tuv xml:lang="PT-BR" changedate="20240312T090000Z"><seg>Sim</seg></tuv>'
                    "</tu></body></tmx>", encoding="utf-8")
    (entry,) = read_tmx(path)
    assert (entry.created, entry.changed) == ("20240312T090000Z", "20240312T090000Z")


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="app" source-language="en" target-language="pt-BR" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Close the drawer.</source><target state="translated">Feche a gaveta.</target></trans-unit>
   <trans-unit id="2"><source>Empty the bin.</source><target state="needs-review-translation">Esvazie</target></trans-unit>
   <trans-unit id="3"><source>Lock the door.</source></trans-unit>
  </body>
 </file>
</xliff>
"""  # noqa: E501


def test_xliff_is_imported_through_its_units(tmp_path, capsys):
    """Any bilingual format's units() feeds the TM, not only PO: finished units only."""
    path = tmp_path / "app.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    tm = tmp_path / "t.sqlite"
    assert main(["tm", "import", str(path), "--tm", str(tm)]) == 0
    with open_tm(tm) as memory:
        found = [(e.source, e.target, e.src_lang, e.tgt_lang, e.origin)
                 for e in memory.entries()]
    assert found == [("Close the drawer.", "Feche a gaveta.", "en", "pt", "human")]
