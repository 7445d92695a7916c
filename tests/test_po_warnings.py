"""Verification warnings and failures as translator comments (PO) and notes (XLIFF)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from translate.storage import po as ttk_po
from translate.storage import xliff as ttk_xliff
from translate.storage import xliff2 as ttk_xliff2

import glossa.engines
from glossa.formats import po
from scripted_engine import ScriptedEngine

MSGFMT = shutil.which("msgfmt")


class WarningEngine(ScriptedEngine):
    """An engine whose outputs the test chooses: one invents a parenthetical (a warning),
    one leaks a model token (fatal, kept in the source), the rest are clean."""

    def __init__(self):
        super().__init__(pairs=None)
        self.answer = lambda text, source, target: self._one(text)

    def model_id(self, source, target):
        return f"scripted:{source}-{target}:1"

    @staticmethod
    def _one(text):
        if "Bookmark" in text or "bookmark" in text:
            return "Adicionar marcador (favorito)"
        if "Ruler" in text or "ruler" in text:
            return "Mostrar <unk> régua"
        return f"«{text.upper()}»"


@pytest.fixture
def scripted(monkeypatch):
    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: WarningEngine())


CATALOGUE = """\
msgid ""
msgstr ""
"Project-Id-Version: viewer 2.1\\n"
"Language: pt\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

# Keep it short: this is a menu label.
#. Translators: the toolbar button
#: src/menus.c:40
msgid "Add Bookmark"
msgstr ""

# glossa: warning: a warning from an earlier run
#: src/menus.c:41
msgid "Show Ruler"
msgstr ""

# glossa: warning: stale: the entry is clean now
# Ana: checked with the style guide
#: src/menus.c:42
msgid "Zoom to Fit"
msgstr ""

# glossa: warning: an old warning on an entry this run does not touch
msgid "Old entry"
msgstr "Entrada antiga"
"""


def _run(cli, tmp_path, text, name="viewer.pot", *extra):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8", newline="")
    out = tmp_path / f"out-{name}"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "-o", out, "--no-tm", *extra])
    return result, out


def test_po_entries_carry_their_warnings_as_translator_comments(cli, tmp_path, scripted):
    result, out = _run(cli, tmp_path, CATALOGUE)
    assert result.code == 1  # "Show Ruler" could not be translated
    text = out.read_text(encoding="utf-8")
    entries = {e.msgid: e for e in polib.pofile(text)}
    bookmark = entries["Add Bookmark"].tcomment.splitlines()
    assert "Keep it short: this is a menu label." in bookmark
    assert "glossa: warning: the translation adds '(' ')' the source does not have" in bookmark
    assert entries["Add Bookmark"].comment == "Translators: the toolbar button"
    assert entries["Add Bookmark"].msgstr == "Adicionar marcador (favorito)"
    ruler = entries["Show Ruler"]
    assert ruler.msgstr == ""  # kept in the source language, never written wrong
    [note] = [c for c in ruler.tcomment.splitlines() if c.startswith("glossa: warning:")]
    assert note.startswith("glossa: warning: not translated (kept in the source language): ")
    assert "<unk>" in note and "earlier run" not in ruler.tcomment
    fit = entries["Zoom to Fit"]
    assert fit.msgstr == "«ZOOM TO FIT»"
    assert "glossa: warning" not in fit.tcomment  # the stale one is gone
    assert "Ana: checked with the style guide" in fit.tcomment.splitlines()
    assert (
        entries["Old entry"].tcomment
        == "glossa: warning: an old warning on an entry this run does not touch"
    )
    assert text.count("# glossa: warning:") == 3
    assert "! " in result.err and "warning" in result.err  # still reported on stderr


@pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")
def test_po_with_warnings_passes_msgfmt_and_translate_toolkit(cli, tmp_path, scripted):
    _, out = _run(cli, tmp_path, CATALOGUE)
    check = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", out], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    store = ttk_po.pofile.parsestring(out.read_bytes())
    notes = {u.source: u.getnotes("translator") for u in store.units if u.source}
    assert "glossa: warning: the translation adds" in notes["Add Bookmark"]
    assert "Keep it short" in notes["Add Bookmark"]
    assert "not translated (kept in the source language)" in notes["Show Ruler"]
    assert "glossa: warning" not in notes["Zoom to Fit"]


def test_a_second_run_replaces_glossa_warnings_and_keeps_one_line_each(cli, tmp_path, scripted):
    _, first = _run(cli, tmp_path, CATALOGUE)
    result, second = _run(
        cli, tmp_path, first.read_text(encoding="utf-8"), "again.po", "--retranslate"
    )
    text = second.read_text(encoding="utf-8")
    assert text.count("# glossa: warning: the translation adds") == 1
    assert text.count("# glossa: warning: not translated") == 1
    assert text.count("# glossa: mt ") == 3  # not added twice either
    assert "does not touch" not in text  # "Old entry" was retranslated: its warning went


def test_po_writer_uses_the_file_newline_and_one_line_per_warning():
    text = CATALOGUE.replace("\n", "\r\n")
    doc = po.read(text, "crlf.po")
    for segment in doc.segments:
        segment.translation = segment.text.upper()
    doc.meta["target"] = "pt"
    first = next(i for i, s in enumerate(doc.segments) if s.text == "Add Bookmark")
    doc.meta["warnings"] = {first: ["two\nlines of   text", "another"]}
    out = po.write(doc)
    assert "# glossa: warning: two lines of text\r\n# glossa: warning: another\r\n" in out
    assert "\r\n" in out and "\n" not in out.replace("\r\n", "")


XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="viewer.ui" source-language="en" target-language="pt" datatype="plaintext">
    <body>
      <trans-unit id="bookmark">
        <source>Add Bookmark</source>
        <note from="developer">A menu label.</note>
      </trans-unit>
      <trans-unit id="ruler">
        <source>Show Ruler</source>
        <target state="new"></target>
        <note from="glossa">a warning from an earlier run</note>
      </trans-unit>
      <trans-unit id="fit">
        <source>Zoom to Fit</source>
        <note from="glossa">stale</note>
        <note from="glossa">stale too</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="pt">
  <file id="f1">
    <unit id="bookmark">
      <notes>
        <note category="developer">A menu label.</note>
      </notes>
      <segment>
        <source>Add Bookmark</source>
      </segment>
    </unit>
    <unit id="ruler">
      <segment>
        <source>Show Ruler</source>
      </segment>
    </unit>
    <unit id="fit">
      <notes>
        <note category="glossa">stale</note>
      </notes>
      <segment>
        <source>Zoom to Fit</source>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff12_units_get_a_glossa_note(cli, tmp_path, scripted):
    result, out = _run(cli, tmp_path, XLIFF12, "viewer.xlf")
    assert result.code == 1
    store = ttk_xliff.xlifffile.parsestring(out.read_bytes())
    units = {u.getid().rpartition("\x04")[2]: u for u in store.units}
    assert "the translation adds '(' ')'" in units["bookmark"].getnotes("glossa")
    assert units["bookmark"].getnotes("developer") == "A menu label."
    assert units["bookmark"].target == "Adicionar marcador (favorito)"
    ruler = units["ruler"].getnotes("glossa")
    assert ruler.startswith("not translated (kept in the source language)")
    assert "earlier run" not in ruler and not units["ruler"].target
    assert units["fit"].getnotes("glossa") == ""  # both stale notes gone
    assert units["fit"].target == "«ZOOM TO FIT»"
    text = out.read_text(encoding="utf-8")
    assert text.count('<note from="glossa">') == 2
    # the note follows the target (XLIFF 1.2's order: source, target, then notes)
    bookmark = text[text.index('id="bookmark"') : text.index('id="ruler"')]
    assert bookmark.index("<target") < bookmark.index('from="glossa"')


def test_xliff20_units_get_a_glossa_note(cli, tmp_path, scripted):
    result, out = _run(cli, tmp_path, XLIFF20, "viewer20.xlf")
    assert result.code == 1
    store = ttk_xliff2.Xliff2File.parsestring(out.read_bytes())
    units = {u.getid(): u for u in store.units}
    assert units["bookmark"].target == "Adicionar marcador (favorito)"
    assert not units["ruler"].target

    def notes(uid: str, category: str) -> list[str]:
        """The unit's notes (XLIFF 2.0 puts <notes> on the unit; translate-toolkit's
        getnotes() looks inside <segment>, so its unit element is read here)."""
        element = units[uid].getunitelement()
        return [
            n.text
            for n in element.iterfind(
                f"{{{ttk_xliff2.Xliff2Unit.namespace}}}notes/"
                f"{{{ttk_xliff2.Xliff2Unit.namespace}}}note"
            )
            if n.get("category") == category
        ]

    assert notes("bookmark", "glossa") == ["the translation adds '(' ')' the source does not have"]
    assert notes("bookmark", "developer") == ["A menu label."]
    assert notes("ruler", "glossa")[0].startswith("not translated")
    assert notes("fit", "glossa") == []
    text = out.read_text(encoding="utf-8")
    ruler = text[text.index('<unit id="ruler">') : text.index('<unit id="fit">')]
    assert ruler.index("<notes>") < ruler.index("<segment>")  # notes come first in a unit
    fit = text[text.index('<unit id="fit">') :]
    assert "<notes>" not in fit  # a <notes> left empty is removed (it needs one note)
    from glossa.formats import _xml

    _xml.parse(text, "out.xlf", "XLIFF")  # well-formed


XLIFF20_SEGMENTS = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="pt">
  <file id="f1">
    <unit id="help">
      <notes>
        <note category="glossa">segment s1: from an earlier run</note>
        <note category="glossa">segment s3: the third segment is not touched</note>
      </notes>
      <segment id="s1">
        <source>Add Bookmark.</source>
      </segment>
      <segment id="s2">
        <source>Show the ruler.</source>
      </segment>
      <segment id="s3" state="final">
        <source>Done.</source>
        <target>Feito.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff20_notes_of_several_segments_name_their_segment(cli, tmp_path, scripted):
    result, out = _run(cli, tmp_path, XLIFF20_SEGMENTS, "segments.xlf")
    assert result.code == 1
    text = out.read_text(encoding="utf-8")
    from glossa.formats import _xml

    root = _xml.parse(text, "segments.xlf", "XLIFF")
    notes = [_xml.plain_text(text, n) for n in root.iter("note")]
    assert notes[0] == "segment s3: the third segment is not touched"
    assert notes[1].startswith("segment s1: the translation adds")
    assert notes[2].startswith("segment s2: not translated (kept in the source language)")
    assert len(notes) == 3 and "earlier run" not in text


def test_an_xliff_tag_the_engine_lost_is_noted_on_its_unit(monkeypatch, tmp_path, cli):
    """A unit kept in the source because the engine lost an inline tag gets a note."""

    class TagDropper(WarningEngine):
        @staticmethod
        def _one(text):
            return (
                "".join(ch for ch in text if ord(ch) < 0xF0000 and not ch.isupper()) or "sem nada"
            )

    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: TagDropper())
    source = XLIFF12.replace(
        "<source>Add Bookmark</source>", '<source>Add <ph id="1">%s</ph> now</source>'
    )
    _, out = _run(cli, tmp_path, source, "tags.xlf")
    text = out.read_text(encoding="utf-8")
    unit = text[text.index('id="bookmark"') : text.index('id="ruler"')]
    assert "<target" not in unit
    assert '<note from="glossa">not translated (kept in the source language)' in unit
