"""The SQLite translation memory: reuse rules, fuzzy matches, safety, concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from glossa.cli import main
from glossa.tm import (
    SCHEMA_VERSION,
    TMEntry,
    TMError,
    TranslationMemory,
    default_tm_path,
    fuzzy_matches,
    open_tm,
)
from tm_helpers import MODEL, data_dir  # noqa: F401  (fixture)


@pytest.fixture
def tm(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        yield memory


def test_default_path_follows_glossa_data_dir(data_dir):  # noqa: F811
    assert default_tm_path() == data_dir / "tm.sqlite"
    with open_tm() as memory:
        memory.store_many([("Hello.", "Olá.")], "en", "pt", MODEL)
    assert (data_dir / "tm.sqlite").exists()


def test_schema_is_versioned_with_user_version_and_wal(tm):
    db = sqlite3.connect(tm.path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stored_entry_keeps_languages_model_glossary_origin_and_time(tm):
    tm.store_many([("Good morning.", "Bom dia.")], "en", "pt", MODEL, "g1")
    (entry,) = tm.entries()
    assert (entry.source, entry.target, entry.src_lang, entry.tgt_lang) == (
        "Good morning.", "Bom dia.", "en", "pt")
    assert (entry.origin, entry.model_id, entry.engine, entry.glossary) == (
        "machine", MODEL, "bergamot", "g1")
    assert len(entry.created) == 16 and entry.created.endswith("Z")


@pytest.mark.parametrize(
    ("src", "tgt", "model", "glossary", "found"),
    [
        ("en", "pt", MODEL, "g1", True),
        ("en", "pt", "bergamot:en-pt:tiny v2", "g1", False),  # new model re-translates
        ("en", "pt", MODEL, "g2", False),  # changed glossary re-translates
        ("en", "pt", MODEL, "", False),  # glossary dropped
        ("en", "es", MODEL, "g1", False),  # other pair
        ("pt", "en", MODEL, "g1", False),
    ],
)
def test_machine_matches_need_same_pair_model_and_glossary(tm, src, tgt, model, glossary, found):
    tm.store_many([("Good morning.", "Bom dia.")], "en", "pt", MODEL, "g1")
    hits = tm.lookup_many(["Good morning.", "Unknown."], src, tgt, model, glossary)
    assert hits == ({"Good morning.": "Bom dia."} if found else {})


def test_match_is_exact(tm):
    tm.store_many([("Good morning.", "Bom dia.")], "en", "pt", MODEL)
    assert tm.lookup_many(["good morning.", "Good morning", "Good  morning."], "en", "pt",
                          MODEL, "") == {}


def test_human_translation_is_reused_whatever_the_engine_and_beats_machine(tm):
    tm.store_many([("Save the file.", "Guarde o arquivo.")], "en", "pt", MODEL)
    tm.store_many([("Save the file.", "Salve o arquivo.")], "en", "pt", origin="human")
    for model, glossary in [(MODEL, ""), ("argos:en-pt:1.9", "abc")]:
        assert tm.lookup_many(["Save the file."], "en", "pt", model, glossary) == {
            "Save the file.": "Salve o arquivo."}
    assert tm.lookup_many(["Save the file."], "en", "es", MODEL, "") == {}


def test_newest_human_revision_replaces_the_older_one(tm):
    tm.store_many([("Cancel", "Cancelar")], "en", "pt", origin="human")
    tm.store_many([("Cancel", "Anular")], "en", "pt", origin="human")
    assert tm.lookup_many(["Cancel"], "en", "pt", MODEL, "") == {"Cancel": "Anular"}
    assert len(tm) == 1


def test_storing_the_same_pair_twice_keeps_one_row(tm):
    assert tm.store_many([("A cat.", "Um gato.")], "en", "pt", MODEL) == 1
    assert tm.store_many([("A cat.", "Um gato.")], "en", "pt", MODEL) == 0
    assert len(tm) == 1


def test_lookup_handles_more_sources_than_one_query_holds(tm):
    pairs = [(f"Sentence number {i}.", f"Frase número {i}.") for i in range(1500)]
    tm.store_many(pairs, "en", "pt", MODEL)
    hits = tm.lookup_many([s for s, _ in pairs] + ["missing"], "en", "pt", MODEL, "")
    assert hits == dict(pairs)


def test_bad_origin_is_refused(tm):
    with pytest.raises(ValueError):
        tm.store_many([("a", "b")], "en", "pt", origin="robot")


# --- fuzzy matches -----------------------------------------------------------------------


def test_fuzzy_matches_rank_by_similarity_and_respect_threshold_and_limit(tm):
    tm.store_many([("The cat sleeps on the chair.", "O gato dorme na cadeira."),
                   ("The dog sleeps on the chair.", "O cão dorme na cadeira."),
                   ("Taxes are due in April.", "Os impostos vencem em abril.")],
                  "en", "pt", MODEL)
    matches = tm.fuzzy_matches("The cat sleeps on a chair.", "en", "pt", limit=5, threshold=70)
    assert [m.source for m in matches] == ["The cat sleeps on the chair.",
                                           "The dog sleeps on the chair."]
    assert 70 <= matches[1].score < matches[0].score < 100
    assert len(tm.fuzzy_matches("The cat sleeps on a chair.", "en", "pt", 1, 70)) == 1
    assert tm.fuzzy_matches("The cat sleeps on a chair.", "en", "pt", 5, 99) == []
    assert tm.fuzzy_matches("The cat sleeps on a chair.", "en", "es", 5, 10) == []


def test_fuzzy_prefers_human_on_equal_score_and_sees_new_entries(tm):
    tm.store_many([("Open the door.", "Abra a porta.")], "en", "pt", MODEL)
    assert tm.fuzzy_matches("Open the doors.", "en", "pt", 5, 80)[0].origin == "machine"
    tm.store_many([("Open the door.", "Abre a porta.")], "en", "pt", origin="human")
    first, second = tm.fuzzy_matches("Open the doors.", "en", "pt", 5, 80)
    assert (first.origin, first.target, second.origin) == ("human", "Abre a porta.", "machine")


def test_module_fuzzy_matches_uses_default_tm_and_config_threshold(data_dir, tmp_path,  # noqa: F811
                                                                   monkeypatch):
    from glossa.config import load_config

    assert fuzzy_matches("Anything.", "en", "pt") == []  # no TM yet: no matches, no file
    assert not default_tm_path().exists()
    with open_tm() as memory:
        memory.store_many([("Print the report.", "Imprima o relatório.")], "en", "pt", MODEL)
    assert fuzzy_matches("Print the reports.", "en", "pt")[0].target == "Imprima o relatório."
    config = tmp_path / "config.toml"
    config.write_text("[tm]\nfuzzy_threshold = 99\n", encoding="utf-8")
    monkeypatch.setenv("GLOSSA_CONFIG", str(config))
    load_config.cache_clear()
    try:
        assert fuzzy_matches("Print the reports.", "en", "pt") == []
    finally:
        load_config.cache_clear()


def test_tm_search_cli_shows_fuzzy_matches(data_dir, capsys):  # noqa: F811
    with open_tm() as memory:
        memory.store_many([("Print the report.", "Imprima o relatório.")], "en", "pt",
                          origin="human")
    assert main(["tm", "search", "Print the reports.", "--from", "en", "--to", "pt"]) == 0
    out = capsys.readouterr().out
    assert "human" in out and "Imprima o relatório." in out and "%" in out
    assert main(["tm", "search", "Something else entirely.", "--from", "en", "--to", "pt"]) == 1


# --- files that are not a glossa TM ------------------------------------------------------


def _foreign_sqlite(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()


def _corrupted(path):
    with TranslationMemory(path) as memory:
        memory.store_many([(f"Sentence {i}.", f"Frase {i}.") for i in range(3000)], "en", "pt",
                          MODEL)
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:len(data) - 4096] = b"\xff" * (len(data) - 8192)  # keep the header, wreck pages
    path.write_bytes(bytes(data))


def _newer(path):
    with TranslationMemory(path):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("just some notes\n", encoding="utf-8"), "not an SQLite database"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200), "not an SQLite database"),
        (_foreign_sqlite, "not a glossa translation memory"),
        (_corrupted, "corrupted translation memory"),
        (_newer, "newer than this glossa"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_unusable_files_give_one_clear_error_and_exit_2(tmp_path, capsys, make, message):
    path = tmp_path / "tm.sqlite"
    make(path)
    with pytest.raises(TMError, match=message), TranslationMemory(path) as memory:
        memory.lookup_many([f"Sentence {i}." for i in range(3000)], "en", "pt", MODEL, "")
        list(memory.entries())
    assert main(["tm", "stats", "--tm", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("glossa: error: ") and message in err and err.count("\n") == 1


def test_translate_refuses_a_non_tm_file(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database", encoding="utf-8")
    assert main(["translate", str(src), "--from", "pt", "--to", "en", "--tm", str(bad)]) == 2
    assert "not an SQLite database" in capsys.readouterr().err
    assert not (tmp_path / "a.en.txt").exists()


# --- concurrency -------------------------------------------------------------------------

_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from glossa.tm import TranslationMemory
    path, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.01)
    tm = TranslationMemory(path)
    for chunk in range(40):
        pairs = [(f"{name} sentence {chunk}-{i}.", f"{name} frase {chunk}-{i}.")
                 for i in range(25)]
        tm.store_many(pairs, "en", "pt", "bergamot:en-pt:1", "")
        tm.lookup_many([p[0] for p in pairs], "en", "pt", "bergamot:en-pt:1", "")
    tm.store_many([("Shared sentence.", f"by {name}")], "en", "pt", origin="human")
    print(len(tm))
""")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path, go = tmp_path / "tm.sqlite", tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name, str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("alpha", "beta")]
    go.touch()  # both start together, both creating the schema if need be
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    with TranslationMemory(path) as memory:
        entries = list(memory.entries())
    machine = [e for e in entries if e.origin == "machine"]
    assert len(machine) == 2 * 40 * 25
    assert {e.source.split()[0] for e in machine} == {"alpha", "beta"}
    assert [e.target for e in entries if e.origin == "human"] in (["by alpha"], ["by beta"])


def test_entries_round_trip_through_add_entries(tm):
    entry = TMEntry("Hi.", "Oi.", "en", "pt", "human", "", "", "20240101T000000Z",
                    "20240102T000000Z", "msgctxt: greeting")
    tm.add_entries([entry])
    assert list(tm.entries()) == [entry]
