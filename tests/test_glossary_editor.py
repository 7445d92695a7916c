"""Glossary editor commands end to end: CLI exit codes and messages, byte-exact
preservation of untouched rows, round trips through TBX/PO/CSV, import conflicts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossa.commands.glossary import script_main
from glossa.glossary import load_glossary
from glossa.glossary_editor import safety
from glossary_editor_helpers import NEWS_TSV, changed_lines, write_news

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ed(capsys):
    """Run scripts/glossary_editor.py in-process: ed(["list", path]) -> (code, out, err)."""

    def run(args):
        try:
            code = script_main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# --- preserving what is not touched ---------------------------------------------------

VARIANTS = {
    "lf": NEWS_TSV,
    "crlf": NEWS_TSV.replace("\n", "\r\n"),
    "bom": "\ufeff" + NEWS_TSV,
    "no-final-newline": NEWS_TSV.rstrip("\n"),
    "padded-cells": NEWS_TSV.replace("NATO\tNATO\tOTAN\t\t", "NATO \tNATO\tOTAN"),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_edit_changes_exactly_one_line(tmp_path, ed, variant):
    path = write_news(tmp_path, text=VARIANTS[variant])
    before = path.read_bytes()
    code, out, err = ed(["edit", path, "Security Council", "--pt", "Conselho de Seguranca"])
    assert (code, err) == (0, "")
    assert "changed #2 Security Council" in out
    diff = changed_lines(before, path.read_bytes())
    assert [n for n, _, _ in diff] == [4]
    assert diff[0][2].rstrip(b"\r") == ("Security Council\tСовет Безопасности\t"
                                        "Conselho de Seguranca\tUN body\tnews").encode()
    assert safety.backup_path(path).read_bytes() == before


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
def test_rm_removes_exactly_one_line(tmp_path, ed, variant):
    path = write_news(tmp_path, text=VARIANTS[variant])
    before = path.read_bytes()
    code, out, _ = ed(["rm", path, "NATO"])
    assert code == 0 and "removed #4 NATO" in out
    newline = b"\r\n" if variant == "crlf" else b"\n"
    kept = [line for line in before.split(newline) if not line.startswith(b"NATO\t")]
    assert path.read_bytes() == newline.join(kept)


def test_add_appends_one_line_and_keeps_comments_and_unknown_columns(tmp_path, ed):
    path = write_news(tmp_path)
    code, out, err = ed(["add", path, "--en", "Kherson", "--ru", "Херсон", "--note", "city"])
    assert (code, err) == (0, "")
    assert "added #6 Kherson = Херсон" in out
    assert path.read_text(encoding="utf-8") == NEWS_TSV + "Kherson\tХерсон\t\tcity\t\n"


def test_add_new_language_adds_a_column_after_the_languages(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, _ = ed(["add", path, "--en", "Kyiv", "--ru", "Киев", "--de-DE", "Kiew"])
    assert code == 0
    got = lines(path)
    assert got[0] == "# News desk glossary — keep in sync with the style guide"
    assert got[1] == "en\tru\tpt\tde\tnote\tdomain"
    assert got[2] == "Southern Front\tЮжный фронт\tFrente Sul\t\tmilitary\tnews"
    assert got[4] == "# people"
    assert got[-2] == "Kyiv\tКиев\t\tKiew\t\t"
    assert load_glossary(path).get(6).terms == {"en": "Kyiv", "ru": "Киев", "de": "Kiew"}


def test_add_creates_a_missing_glossary(tmp_path, ed):
    path = tmp_path / "new.tsv"
    code, out, _ = ed(["add", path, "--en", "dark mode", "--pt", "modo escuro"])
    assert code == 0 and "(new file)" in out
    assert path.read_text(encoding="utf-8") == "en\tpt\ndark mode\tmodo escuro\n"
    assert not safety.backup_path(path).exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(en=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
                  max_size=20).filter(lambda s: s.strip() and not s.strip().startswith("#")),
       ru=st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя -", min_size=1, max_size=20)
       .filter(str.strip))
def test_add_then_rm_restores_the_file_byte_for_byte(tmp_path_factory, en, ru):
    from glossa.glossary_editor import commands as ops

    path = write_news(tmp_path_factory.mktemp("prop"))
    before = path.read_bytes()
    session = safety.open_glossary(path)
    entry = ops.make_entry({"en": en, "ru": ru})
    ops.add_entry(session.glossary, entry, force=True)
    safety.save(session)
    assert load_glossary(path).get(entry.id).terms == entry.terms
    session = safety.open_glossary(path)
    ops.remove_entry(session.glossary, session.glossary.get(entry.id))
    safety.save(session)
    assert path.read_bytes() == before


# --- refusing bad changes -----------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--en", "Southern Front", "--ru", "Южный Фронт"],
     "'Southern Front' (en) is translated 'Южный Фронт' here but 'Южный фронт' in #1"),
    (["--en", "NATO", "--ru", "NATO", "--pt", "OTAN"], "same terms as #4 NATO"),
    (["--note", "only a note"], "the entry has no terms"),
    (["--en", "a\tb", "--ru", "x"], "the en term contains a tab or line break"),
    (["--en", "x", "--en", "y"], "given twice"),
])
def test_add_refuses_bad_entries_and_writes_nothing(tmp_path, ed, args, message):
    path = write_news(tmp_path)
    code, out, err = ed(["add", path, *args])
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == NEWS_TSV
    assert not safety.backup_path(path).exists()


def test_force_keeps_a_conflicting_entry(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, err = ed(["add", path, "--en", "Southern Front", "--ru", "Южный Фронт", "--force"])
    assert code == 0 and "conflict" in err
    assert len(load_glossary(path).entries) == 6


@pytest.mark.parametrize("args, message", [
    (["add", "{p}", "--xx", "foo"], "unknown language code 'xx'"),
    (["add", "{p}", "--en"], "--en needs a term"),
    (["add", "{p}", "--en", "A", "--bogus-option-x", "1"], "unrecognized arguments"),
    (["edit", "{p}", "Southern Front"], "nothing to change"),
    (["edit", "{p}", "Southrn Frnt", "--ru", "x"],
     "no entry 'Southrn Frnt' in the glossary; did you mean 'Southern Front' (#1)?"),
    (["edit", "{p}", "99", "--ru", "x"], "no entry '99'"),
    (["rm", "{p}", "Zaporizhzhia"], "no entry 'Zaporizhzhia'"),
    (["list", "{p}", "--lang", "klingon"], "unknown language code 'klingon'"),
])
def test_usage_errors_exit_2_with_one_clear_line(tmp_path, ed, args, message):
    path = write_news(tmp_path)
    code, _, err = ed([a.replace("{p}", str(path)) for a in args])
    assert code == 2
    assert message in err
    assert path.read_text(encoding="utf-8") == NEWS_TSV


def test_term_naming_two_entries_asks_for_the_id(tmp_path, ed):
    path = write_news(tmp_path, text=NEWS_TSV + "Frente Sul\tЮжный фронт (Бразилия)\t\t\t\n")
    code, _, err = ed(["rm", path, "frente sul"])
    assert code == 2 and "names 2 entries (#1, #6); use the id instead" in err
    code, _, _ = ed(["rm", path, "6"])
    assert code == 0 and path.read_text(encoding="utf-8") == NEWS_TSV


@pytest.mark.parametrize("text, line, message", [
    (NEWS_TSV + "Kyiv\tКиев\tKiev\t\t\textra\n", 9, "6 cells but the header has 5 columns"),
    ("term\tnote\nKyiv\tcity\n", 1, "the header row must name language codes"),
    ("en\tru\tcase\nKyiv\tКиев\tmaybe\n", 2, "case must be 'sensitive', 'insensitive'"),
])
def test_bad_glossary_gives_file_and_line_and_writes_nothing(tmp_path, ed, text, line, message):
    path = write_news(tmp_path, text=text)
    for args in (["add", path, "--en", "x", "--ru", "y"], ["list", path], ["validate", path]):
        code, out, err = ed(args)
        assert code == 2 and out == ""
        assert f"{path}:{line}: " in err and message in err
    assert path.read_text(encoding="utf-8") == text
    assert not safety.backup_path(path).exists()


def test_binary_or_non_utf8_glossary_is_refused(tmp_path, ed):
    path = tmp_path / "latin1.tsv"
    path.write_bytes("en\tpt\nSouthern Front\tFrente Sul\nsecurity\tseguran\u00e7a\n"
                     .encode("latin-1"))
    code, _, err = ed(["add", path, "--en", "x", "--pt", "y"])
    assert code == 2 and f"{path}:3: not valid UTF-8" in err


# --- list, search -------------------------------------------------------------------------

def test_list_json_and_lang_filter(tmp_path, ed):
    path = write_news(tmp_path, text=NEWS_TSV + "Kyiv\t\tKiev\t\t\n")
    code, out, _ = ed(["list", path, "--json"])
    data = json.loads(out)
    assert code == 0 and [d["id"] for d in data] == [1, 2, 3, 4, 5, 6]
    assert data[0] == {"id": 1, "line": 3, "terms": {"en": "Southern Front", "ru": "Южный фронт",
                                                     "pt": "Frente Sul"},
                       "note": "military", "case": "auto", "pos": "", "forbidden": {},
                       "extra": {"domain": "news"}, "keep_verbatim": False}
    code, out, _ = ed(["list", path, "--lang", "ru", "--json"])
    assert [d["id"] for d in json.loads(out)] == [1, 2, 3, 4, 5]  # Kyiv has no ru term
    code, out, _ = ed(["list", path, "--lang", "ru"])
    assert out.splitlines()[0].split() == ["id", "ru", "note"]
    assert "тёмная тема" in out and "Kiev" not in out and out.rstrip().endswith("5 entries")


@pytest.mark.parametrize("query, lang, first_id, how", [
    ("Южного фронта", None, 1, "form"),        # inflected phrase (genitive)
    ("фронтом", None, 1, "form"),              # one inflected word of the term
    ("Совета Безопасности", "ru", 2, "form"),
    ("тёмной темой", None, 5, "form"),
    ("Lavrentiev", None, 3, "fuzzy"),          # other transliteration
    ("securty council", None, 2, "fuzzy"),     # typo
    ("Council", None, 2, "form"),              # a word of the term
    ("ouncil", None, 2, "contains"),
    ("OTAN", "pt", 4, "exact"),
    ("UN body", None, 2, "note"),
])
def test_search_finds_forms_typos_and_notes(tmp_path, ed, query, lang, first_id, how):
    path = write_news(tmp_path)
    code, out, _ = ed(["search", path, query, "--json", *(["--lang", lang] if lang else [])])
    hits = json.loads(out)
    assert code == 0
    assert (hits[0]["id"], hits[0]["how"]) == (first_id, how)


def test_search_without_match_exits_1(tmp_path, ed):
    path = write_news(tmp_path)
    code, out, _ = ed(["search", path, "zzzqqqxxx"])
    assert code == 1 and "no matches" in out


# --- validate -----------------------------------------------------------------------------

HEADER = "en\tru\tnote\n"


@pytest.mark.parametrize("body, kind, line", [
    ("NATO\tНАТО\t\nNATO\tНАТО\t\n", "duplicate", 3),
    ("Southern Front\tЮжный фронт\t\nsouthern front\tЮжный Фронт\t\n", "conflict", 3),
    ("\t\tjust a note\n", "empty", 2),
    ("CNN\tСNN\t\n", "near-verbatim", 2),           # Cyrillic С in the Russian cell
    ("iPhone\tIPhone\t\n", "near-verbatim", 2),
    ("Hacker News\tHacker\u00a0 News\t\n", "near-verbatim", 2),
    ("Kyiv\t\tcity\n", "incomplete", 2),
])
def test_validate_reports_each_kind_of_problem(tmp_path, ed, body, kind, line):
    path = write_news(tmp_path, "v.tsv", HEADER + body)
    code, out, _ = ed(["validate", path, "--json"])
    problems = json.loads(out)
    assert code == 1
    assert [(p["kind"], p["line"]) for p in problems] == [(kind, line)]
    code, out, _ = ed(["validate", path])
    assert code == 1 and f"{path}:{line}: " in out and f"[{kind}]" in out


@pytest.mark.parametrize("header", ["en\tru\txx\n", "en\tru\tforbidden_qq\n"])
def test_validate_reports_unknown_language_columns(tmp_path, ed, header):
    path = write_news(tmp_path, "v.tsv", header + "Kyiv\tКиев\tfoo\n")
    code, out, _ = ed(["validate", path, "--json"])
    assert code == 1
    assert [p["kind"] for p in json.loads(out)] == ["unknown-language"]


@pytest.mark.parametrize("body", [
    "NATO\tNATO\t\n",                        # verbatim on purpose
    "Internet\tinternet\t\n",                # capitalisation conventions differ
    "US\tСША\t\nus\tнам\t\n",                # different case-insensitive sources? see below
])
def test_validate_accepts_clean_rows(tmp_path, ed, body):
    if body.startswith("US"):  # two case-sensitive entries may differ only by case
        text = "en\tru\tcase\nUS\tСША\tsensitive\nus\tнам\tsensitive\n"
    else:
        text = HEADER + body
    path = write_news(tmp_path, "v.tsv", text)
    code, out, _ = ed(["validate", path])
    assert (code, out.strip()) == (0, "no problems found")


def test_validate_news_fixture_is_clean(tmp_path, ed):
    code, out, _ = ed(["validate", write_news(tmp_path)])
    assert (code, out.strip()) == (0, "no problems found")


# --- import, export, merge ------------------------------------------------------------------

THEIRS_CSV = ("en,ru,pt,note\n"
              "Southern Front,Южный Фронт,Frente Sul,\n"
              "NATO,NATO,OTAN,alliance\n"
              "Kherson,Херсон,Kherson,city\n")


def test_import_with_conflicts_needs_a_preference(tmp_path, ed):
    path = write_news(tmp_path)
    theirs = write_news(tmp_path, "theirs.csv", THEIRS_CSV)
    code, out, _ = ed(["import", path, theirs])
    assert code == 1
    assert "conflict #1 ru: ours 'Южный фронт', theirs 'Южный Фронт' -> UNRESOLVED" in out
    assert "nothing written" in out
    assert path.read_text(encoding="utf-8") == NEWS_TSV


@pytest.mark.parametrize("prefer, ru", [("ours", "Южный фронт"), ("theirs", "Южный Фронт")])
def test_import_prefer_resolves_and_reports(tmp_path, ed, prefer, ru):
    path = write_news(tmp_path)
    theirs = write_news(tmp_path, "theirs.csv", THEIRS_CSV)
    code, out, _ = ed(["import", path, theirs, "--prefer", prefer, "--json"])
    report = json.loads(out.split("\nimported")[0])
    assert code == 0
    assert report["conflicts"] == [{"entry": 1, "field": "ru", "ours": "Южный фронт",
                                    "theirs": "Южный Фронт", "resolution": prefer}]
    assert [e["terms"] for e in report["added"]] == [{"en": "Kherson", "ru": "Херсон",
                                                      "pt": "Kherson"}]
    assert report["updated"] == ([1, 4] if prefer == "theirs" else [4])
    g = load_glossary(path)
    assert g.get(1).terms["ru"] == ru
    assert g.get(4).note == "alliance"  # filled in: ours had no note
    text = path.read_text(encoding="utf-8")
    assert text.startswith(NEWS_TSV.split("NATO")[0].replace("Южный фронт", ru))
    assert text.endswith("Kherson\tХерсон\tKherson\tcity\t\n")


def test_import_dry_run_writes_nothing(tmp_path, ed):
    path = write_news(tmp_path)
    theirs = write_news(tmp_path, "theirs.csv", THEIRS_CSV)
    code, out, _ = ed(["import", path, theirs, "--prefer", "theirs", "--dry-run"])
    assert code == 0 and "(dry run): 1 added, 2 updated" in out
    assert path.read_text(encoding="utf-8") == NEWS_TSV


def test_import_bad_file_reports_its_line(tmp_path, ed):
    path = write_news(tmp_path)
    bad = write_news(tmp_path, "bad.tbx", "<martif><text><body>\n<termEntry>\n</body></martif>")
    code, _, err = ed(["import", path, bad])
    assert code == 2 and f"{bad}:3: " in err
    assert path.read_text(encoding="utf-8") == NEWS_TSV


@pytest.mark.parametrize("fmt", ["tbx", "po", "csv", "tsv"])
def test_import_from_every_format(tmp_path, ed, fmt):
    source = write_news(tmp_path, "src.tsv", "en\tru\nKherson\tХерсон\nNATO\tNATO\n")
    other = tmp_path / f"other.{fmt}"
    assert ed(["export", source, other])[0] == 0
    path = write_news(tmp_path)
    code, out, _ = ed(["import", path, other])
    assert code == 0 and "1 added, 0 updated, 1 unchanged, 0 conflicts" in out
    assert path.read_text(encoding="utf-8") == NEWS_TSV + "Kherson\tХерсон\t\t\t\n"


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_round_trip_through_other_formats_is_exact(tmp_path, ed, variant, fmt):
    path = write_news(tmp_path, text=VARIANTS[variant])
    mid, back = tmp_path / f"mid.{fmt}", tmp_path / "back.tsv"
    for src, dst in ((path, mid), (mid, back)):
        code, _, err = ed(["export", src, dst])
        assert (code, err) == (0, "")  # nothing reported lost
    if variant == "lf" or fmt == "csv":
        assert back.read_bytes() == path.read_bytes()
    else:  # TBX is XML: line breaks and BOM of the TSV are not carried, the text is
        assert back.read_text(encoding="utf-8") == NEWS_TSV


def test_round_trip_through_po_is_byte_exact_for_a_pair(tmp_path, ed):
    text = NEWS_TSV.replace("\tpt", "").replace("\tFrente Sul", "")
    text = text.replace("\tConselho de Segurança", "").replace("\tAlexander Lavrentyev\t", "\t")
    text = text.replace("\tOTAN", "").replace("\tmodo escuro", "")
    path = write_news(tmp_path, text=text)
    assert load_glossary(path).languages == ["en", "ru"]
    mid, back = tmp_path / "mid.po", tmp_path / "back.tsv"
    code, _, err = ed(["export", path, mid])
    assert (code, err) == (0, "")
    assert ed(["export", mid, back])[0] == 0
    assert back.read_bytes() == path.read_bytes()


def test_po_export_says_which_languages_it_leaves_out(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, err = ed(["export", path, tmp_path / "out.po", "--tgt", "pt"])
    assert code == 0
    assert "PO holds one language pair (en -> pt); ru terms are not written" in err
    assert load_glossary(tmp_path / "out.po").get(1).terms == {"en": "Southern Front",
                                                               "pt": "Frente Sul"}


@given(rows=st.lists(st.tuples(*[st.text(alphabet="abcxyzАБВабв ñ'\"-,.;", max_size=12)] * 3),
                     min_size=1, max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trips_lose_nothing_property(tmp_path_factory, rows):
    from glossa.glossary import dumps, loads

    body = "".join("\t".join(c.strip() for c in r) + "\n" for r in rows
                   if r[0].strip())  # PO needs a source term (msgid)
    text = "# generated\nen\tru\tnote\n" + body
    original = loads(text, "tsv")
    for fmt, options in (("tbx", {}), ("po", {"src": "en", "tgt": "ru"}), ("csv", {})):
        middle = dumps(original, fmt, **options)
        back = dumps(loads(middle, fmt), "tsv")
        assert back == text, fmt


def test_merge_writes_a_third_file_and_keeps_inputs(tmp_path, ed):
    a = write_news(tmp_path)
    b = write_news(tmp_path, "theirs.csv", THEIRS_CSV)
    out = tmp_path / "merged.tbx"
    code, stdout, _ = ed(["merge", a, b, "-o", out])
    assert code == 1 and not out.exists()  # a conflict needs --prefer
    code, stdout, _ = ed(["merge", a, b, "-o", out, "--prefer", "ours"])
    assert code == 0 and f"-> {out}" in stdout
    merged = load_glossary(out)
    assert [e.terms.get("en") for e in merged.entries] == [
        "Southern Front", "Security Council", "Alexander Lavrentyev", "NATO", "dark mode",
        "Kherson"]
    assert merged.get(1).terms["ru"] == "Южный фронт"
    assert a.read_text(encoding="utf-8") == NEWS_TSV
    assert b.read_text(encoding="utf-8") == THEIRS_CSV
    code, _, err = ed(["merge", a, b, "-o", a, "--prefer", "ours"])
    assert code == 2 and "refusing to overwrite an input file" in err
    assert a.read_text(encoding="utf-8") == NEWS_TSV


def test_export_refuses_to_overwrite_the_glossary(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, err = ed(["export", path, path])
    assert code == 2 and "refusing to overwrite an input file" in err


# --- safety ------------------------------------------------------------------------------

def _edited_session(path: Path) -> safety.Session:
    from glossa.glossary_editor import commands as ops

    session = safety.open_glossary(path)
    ops.add_entry(session.glossary, ops.make_entry({"en": "Kyiv", "ru": "Киев"}))
    return session


@pytest.mark.parametrize("change", ["append", "same-size", "delete", "replace"])
def test_save_refuses_when_the_file_changed_on_disk(tmp_path, change):
    path = write_news(tmp_path)
    session = _edited_session(path)
    if change == "append":
        path.write_text(NEWS_TSV + "Odesa\tОдесса\t\t\t\n", encoding="utf-8")
    elif change == "same-size":  # same length, same second: only the hash can tell
        path.write_text(NEWS_TSV.replace("OTAN", "NATO"), encoding="utf-8")
    elif change == "delete":
        path.unlink()
    else:
        other = write_news(tmp_path, "other.tsv", NEWS_TSV.replace("UN body", "UN organ"))
        other.replace(path)
    on_disk = path.read_bytes() if path.exists() else None
    with pytest.raises(safety.ConcurrentModification, match="not saved"):
        safety.save(session)
    assert (path.read_bytes() if path.exists() else None) == on_disk
    assert not safety.backup_path(path).exists()


def test_save_after_touch_only_is_allowed_and_keeps_a_backup(tmp_path):
    import os

    path = write_news(tmp_path)
    path.chmod(0o640)
    session = _edited_session(path)
    os.utime(path, (1_000_000, 1_000_000))  # mtime changed, content did not
    backup = safety.save(session)
    assert backup == tmp_path / "news.tsv~"
    assert backup.read_text(encoding="utf-8") == NEWS_TSV
    assert (backup.stat().st_mode & 0o777, path.stat().st_mode & 0o777) == (0o640, 0o640)
    assert path.read_text(encoding="utf-8").endswith("Kyiv\tКиев\t\t\t\n")
    # the session now tracks the saved file: a second save works, a foreign edit does not
    safety.save(session)
    path.write_text("en\tru\n", encoding="utf-8")
    with pytest.raises(safety.ConcurrentModification):
        safety.save(session)


def test_new_file_created_by_someone_else_is_not_clobbered(tmp_path):
    from glossa.glossary_editor import commands as ops

    path = tmp_path / "new.tsv"
    session = safety.open_glossary(path, create=True)
    ops.add_entry(session.glossary, ops.make_entry({"en": "a", "ru": "б"}))
    path.write_text("en\tpt\nx\ty\n", encoding="utf-8")
    with pytest.raises(safety.ConcurrentModification, match="created by someone else"):
        safety.save(session)
    assert path.read_text(encoding="utf-8") == "en\tpt\nx\ty\n"


def test_entry_starting_with_hash_is_saved_escaped_and_read_back(tmp_path, ed):
    # (edited by the glossary-layer hardening: the TSV writer now escapes a leading "#")
    path = write_news(tmp_path, text="en\tru\nNATO\tНАТО\n")
    code, _, err = ed(["add", path, "--en", "#hashtag", "--ru", "хэштег"])
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == "en\tru\nNATO\tНАТО\n\\#hashtag\tхэштег\n"
    assert [e.terms["en"] for e in load_glossary(path).entries] == ["NATO", "#hashtag"]


def test_save_check_reports_entries_the_written_text_loses():
    from glossa.glossary import loads

    kept = loads("en\tru\nNATO\tНАТО\na\ty\n")
    saved = loads("en\tru\nNATO\tНАТО\n")
    loss = safety.first_loss(saved, kept)
    assert loss.startswith("2 entries would be read back as 1") and "a = y" in loss
    assert safety.first_loss(kept, kept) is None


def test_format_that_cannot_hold_an_edit_refuses_to_save(tmp_path, ed):
    path = tmp_path / "pair.po"
    assert ed(["export", write_news(tmp_path, "pair.tsv", "en\tru\nNATO\tНАТО\n"), path])[0] == 0
    before = path.read_bytes()
    code, _, err = ed(["add", path, "--en", "Kyiv", "--ru", "Киев", "--de", "Kiew"])
    assert code == 2 and "the de term of entry #2 would be lost; not saved" in err
    assert path.read_bytes() == before


# --- entry points ----------------------------------------------------------------------------

def test_glossa_glossary_subcommand_uses_the_same_code(tmp_path, cli):
    path = write_news(tmp_path)
    result = cli(["glossary", "add", path, "--en", "Kyiv", "--uk", "Київ"])
    assert result.code == 0 and "added #6 Kyiv = Київ" in result.out
    assert load_glossary(path).get(6).terms == {"en": "Kyiv", "uk": "Київ"}
    result = cli(["glossary", "validate", path])
    assert (result.code, result.out.strip()) == (0, "no problems found")
    result = cli(["glossary", "rm", path, "nothing-like-this"])
    assert result.code == 2 and result.err.startswith("glossa: error: no entry")
    result = cli(["glossary"])
    assert result.code == 2 and "ACTION" in result.err


def test_script_runs_as_a_program(tmp_path):
    path = write_news(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "glossary_editor.py"),
                           "list", str(path), "--json"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 5
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "glossary_editor.py"),
                           str(tmp_path / "missing.tsv")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert "missing.tsv: no such file; to start a new glossary give its languages" in proc.stderr


def test_edit_case_note_and_forbidden_variants(tmp_path, ed):
    path = write_news(tmp_path)
    code, out, _ = ed(["edit", path, "2", "--case", "sensitive", "--note", "",
                       "--forbidden", "pt:Conselho da Segurança", "--forbidden", "SC", "--json"])
    assert code == 0
    data = json.loads(out[out.index("{"):])
    assert (data["case"], data["note"]) == ("sensitive", "")
    assert data["forbidden"] == {"pt": ["Conselho da Segurança"], "*": ["SC"]}
    entry = load_glossary(path).get(2)
    assert entry.case_sensitive is True
    assert entry.forbidden_for("pt") == ["SC", "Conselho da Segurança"]
    assert entry.forbidden_for("ru") == ["SC"]
    code, _, _ = ed(["edit", path, "2", "--forbidden", ""])
    assert code == 0 and load_glossary(path).get(2).forbidden_for("pt") == []


def test_edit_removes_a_language_with_an_empty_value(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, _ = ed(["edit", path, "dark mode", "--pt", ""])
    assert code == 0
    assert load_glossary(path).get(5).terms == {"en": "dark mode", "ru": "тёмная тема"}
    assert lines(path)[7] == "dark mode\tтёмная тема\t\tUI\tsoftware"


def test_import_into_itself_is_refused(tmp_path, ed):
    path = write_news(tmp_path)
    code, _, err = ed(["import", path, path])
    assert code == 2 and "cannot import a glossary into itself" in err


@pytest.mark.parametrize("fmt", ["tbx", "po", "csv"])
def test_editing_tbx_po_csv_in_place_changes_only_that_entry(tmp_path, ed, fmt):
    import difflib

    pair = write_news(tmp_path, "pair.tsv", "# desk\nen\tru\tnote\nNATO\tНАТО\talliance\n"
                      "Kherson\tХерсон\tcity\nKyiv\tКиев\tcapital\n")
    path = tmp_path / f"pair.{fmt}"
    assert ed(["export", pair, path])[0] == 0
    before = path.read_text(encoding="utf-8").splitlines()
    code, _, err = ed(["edit", path, "Херсон", "--note", "port city"])
    assert (code, err) == (0, "")
    after = path.read_text(encoding="utf-8").splitlines()
    diff = [d for d in difflib.unified_diff(before, after, n=0, lineterm="")
            if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert len(diff) == 2 and "city" in diff[0] and "port city" in diff[1]
    assert load_glossary(path).get(2).note == "port city"
