"""msgctxt is part of a message's identity: separate units, separate TM entries (schema 2,
old TMs upgraded on open); review shows msgctxt and extracted comments; provenance marks."""

from __future__ import annotations

import json
import os
import sqlite3

import polib
import pytest
from translate.storage import pypo as tt_po

from cli_helpers import translate
from glossa.document import Document
from glossa.formats import po
from glossa.pipeline import TranslateOptions, plan_units
from glossa.tm import SCHEMA_VERSION, TMError, open_tm

HEADER = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

CATALOGUE = (
    HEADER
    + """#. Toolbar button that locks the door
msgctxt "verb"
msgid "Lock"
msgstr ""

#. The lock icon's tooltip
msgctxt "noun"
msgid "Lock"
msgstr ""

msgid "Lock"
msgstr ""
"""
)


def _seed(tm_path, rows):
    """Human entries (source, target, context)."""
    with open_tm(tm_path) as tm:
        for source, target, context in rows:
            tm.store_many([(source, target)], "en", "pt", origin="human", contexts=[context])


def _by_context(path) -> dict[str | None, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(path))}


def test_same_msgid_in_two_contexts_is_two_units():
    doc = po.read(CATALOGUE, "lock.po")
    units = plan_units([doc], TranslateOptions("pt", "en"))
    assert [(u.source, u.context) for u in units] == [("en", "verb"), ("en", "noun"), ("en", "")]
    assert all(doc.segments[u.seg_index].text == "Lock" for u in units)


def test_human_tm_entries_are_matched_by_context_and_not_fuzzy(cli, tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    _seed(tm_path, [("Lock", "Trancar", "verb"), ("Lock", "Fechadura", "noun")])
    src = tmp_path / "lock.po"
    src.write_text(CATALOGUE, encoding="utf-8")
    out = tmp_path / "out.po"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--tm", tm_path, "-o", out])
    assert result.code == 0, result.err
    entries = _by_context(out)
    assert entries["verb"].msgstr == "Trancar" and entries["noun"].msgstr == "Fechadura"
    for context in ("verb", "noun"):  # human translations: no fuzzy flag, no MT comment
        assert "fuzzy" not in entries[context].flags
        assert "glossa" not in entries[context].tcomment
    plain = entries[None]  # no context: no human entry matches it, so it is MT
    assert plain.msgstr and plain.msgstr not in ("Trancar", "Fechadura")
    assert "fuzzy" in plain.flags and plain.tcomment.startswith("glossa: mt bergamot:")
    with open_tm(tm_path) as tm:
        machine = [(e.source, e.context) for e in tm.entries(origin="machine")]
    assert machine == [("Lock", "")]
    assert "2 copied" in result.err
    units = {u.getcontext(): u for u in tt_po.pofile(out.read_bytes()).units if not u.isheader()}
    assert [(c, u.target, u.isfuzzy()) for c, u in units.items() if c] == [
        ("verb", "Trancar", False),
        ("noun", "Fechadura", False),
    ]
    assert units[""].isfuzzy() and units[""].getnotes("translator").startswith("glossa: mt ")


def test_machine_translations_are_stored_per_context(cli, tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    src = tmp_path / "lock.po"
    src.write_text(CATALOGUE, encoding="utf-8")
    result = translate(cli, src, "--tm", tm_path, out=tmp_path / "out.po")
    assert result.code == 0, result.err
    with open_tm(tm_path) as tm:
        assert sorted(e.context for e in tm.entries()) == ["", "noun", "verb"]
        found = tm.lookup_keyed(
            [("Lock", "verb"), ("Lock", "adjective")], "en", "pt", next(iter(tm.entries())).model_id
        )
    assert list(found) == [("Lock", "verb")] and found[("Lock", "verb")].origin == "machine"


def _schema_1(path, rows) -> None:
    """A TM as glossa wrote it before contexts (schema 1)."""
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE segments (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('machine', 'human')),
            model_id TEXT NOT NULL DEFAULT '', glossary TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL, changed TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
        CREATE UNIQUE INDEX segments_key
            ON segments (src_lang, tgt_lang, source, origin, model_id, glossary);
        PRAGMA application_id = 1735152728;
        PRAGMA user_version = 1;
    """)
    db.executemany(
        "INSERT INTO segments (src_lang, tgt_lang, source, target, origin, "
        "created, changed, note) VALUES ('en', 'pt', ?, ?, 'human', "
        "'20240101T000000Z', '20240101T000000Z', ?)",
        rows,
    )
    db.commit()
    db.close()


def test_a_schema_1_tm_is_upgraded_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    _schema_1(path, [("Lock", "Trancar", "msgctxt: verb"), ("Door", "Porta", "from a TMX")])
    with open_tm(path) as tm:
        assert tm.stats()["schema"] == SCHEMA_VERSION == 2
        contexts = {e.source: (e.context, e.note) for e in tm.entries()}
        assert contexts == {"Lock": ("verb", "msgctxt: verb"), "Door": ("", "from a TMX")}
        assert tm.lookup_many(["Door", "Lock"], "en", "pt", "m", "") == {"Door": "Porta"}
        tm.store_many([("Lock", "Fechadura")], "en", "pt", origin="human", contexts=["noun"])
    with open_tm(path) as tm:  # opened again: already schema 2
        hits = tm.lookup_keyed([("Lock", "verb"), ("Lock", "noun")], "en", "pt", "m")
        assert {k: h.target for k, h in hits.items()} == {
            ("Lock", "verb"): "Trancar",
            ("Lock", "noun"): "Fechadura",
        }
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()


def test_a_read_only_schema_1_tm_says_why_it_cannot_open(tmp_path):
    path = tmp_path / "old.sqlite"
    _schema_1(path, [("Door", "Porta", "")])
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # root ignores file modes
        pytest.skip("running as root: a 0444 file is still writable")
    with pytest.raises(TMError, match="read-only"):
        open_tm(path)


def test_po_import_and_tmx_keep_the_context(cli, tmp_path):
    done = tmp_path / "done.po"
    done.write_text(
        HEADER + 'msgctxt "verb"\nmsgid "Lock"\nmsgstr "Trancar"\n\nmsgid "Door"\nmsgstr "Porta"\n',
        encoding="utf-8",
    )
    tm_path = tmp_path / "tm.sqlite"
    assert cli(["tm", "import", done, "--from", "en", "--tm", tm_path]).code == 0
    found = cli(["tm", "search", "Lock", "--from", "en", "--to", "pt", "--tm", tm_path]).out
    assert "human Lock (context: verb)" in found
    tmx = tmp_path / "out.tmx"
    assert cli(["tm", "export", tmx, "--tm", tm_path]).code == 0
    assert '<prop type="x-glossa-context">verb</prop>' in tmx.read_text(encoding="utf-8")
    other = tmp_path / "other.sqlite"
    assert cli(["tm", "import", tmx, "--tm", other]).code == 0
    with open_tm(other) as tm:
        assert {e.source: e.context for e in tm.entries()} == {"Lock": "verb", "Door": ""}


def test_review_shows_context_and_extracted_comments(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    done = tmp_path / "lock.po"
    done.write_text(
        CATALOGUE.replace('msgstr ""\n\n#. The', 'msgstr "Trancar"\n\n#. The', 1), encoding="utf-8"
    )
    result = cli(["review", done, "--from", "en", "--json"])
    first = json.loads(result.out)["segments"][0]
    assert first["context"] == "verb"
    assert first["comment"] == "Toolbar button that locks the door"
    shown = cli(["review", done, "--from", "en", "--no-color"]).out
    assert "context: verb" in shown and "note: Toolbar button that locks the door" in shown


def test_mt_comment_is_replaced_not_duplicated_on_a_rerun(cli, tmp_path):
    src = tmp_path / "lock.po"
    src.write_text(
        HEADER + "# glossa: machine translation by bergamot:en-pt:v0\n"
        '# kept: a translator\'s own note\n#, fuzzy\nmsgid "Door"\n'
        'msgstr "Portão"\n',
        encoding="utf-8",
    )
    for _ in range(2):
        result = translate(cli, src, "--in-place", "--no-tm", "--only", "mt")
        assert result.code == 0, result.err
    text = src.read_text(encoding="utf-8")
    assert text.count("# glossa:") == 1 and "# glossa: mt bergamot:en-pt:" in text
    assert "# kept: a translator's own note" in text and "v0" not in text
    reviewed = json.loads(cli(["review", src, "--from", "en", "--json"]).out)["segments"][0]
    assert reviewed["machine_translation"]["engine"] == "bergamot"


def test_a_document_without_contexts_plans_empty_ones():
    from glossa.document import Segment

    units = plan_units(
        [Document("", [Segment("Good night.")], "txt")], TranslateOptions("pt", "en")
    )
    assert [u.context for u in units] == [""]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_marks_on_a_first_entry_stay_after_the_bom_and_new_header(bom):
    doc = po.read(bom + '#| msgid "Old day"\nmsgid "New day"\nmsgstr ""\n', "x.po")
    for segment in doc.segments:
        segment.translation, segment.provenance, segment.origin = "Novo dia", "m:en-pt:1", "mt"
    doc.meta["target"] = "pt"
    out = po.write(doc)
    assert out.startswith(bom + 'msgid ""\nmsgstr ""\n') and out.count("\ufeff") == len(bom)
    assert out.endswith(
        '\n\n# glossa: mt m:en-pt:1\n#, fuzzy\nmsgid "New day"\nmsgstr "Novo dia"\n'
    )
    assert "#|" not in out
