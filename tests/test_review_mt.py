"""Review of machine-translated PO entries: raw MT is labelled as MT (not a changed-source
fuzzy), the checks run on the MT column too when there is a revision, and issues are
tallied per column and per engine."""

from __future__ import annotations

import json

from review_helpers import write

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt\\n"\n\n'

MT_PO = HEADER + """#. glossa: machine translation, engine bergamot, model en-pt-tiny
#, fuzzy
msgid "The shop opens at 9 a.m. on 3 days."
msgstr "A loja abre às 9 da manhã em 4 dias."

# glossa: machine translation, engine bergamot, model en-pt-tiny
#, fuzzy
msgid "Save the file"
msgstr "Salvar o arquivo"

#, fuzzy
#| msgid "Open the file"
msgid "Open the folder"
msgstr "Abrir o arquivo"
"""

REVISED_PO = HEADER + """msgid "The shop opens at 9 a.m. on 3 days."
msgstr "A loja abre às 9 horas em 3 dias."

msgid "Save the file"
msgstr "Salvar o arquivo"

msgid "Open the folder"
msgstr "Abrir a pasta"
"""


def review_json(cli, *args) -> tuple[int, dict]:
    r = cli(["review", *map(str, args), "--from", "en", "--json"])
    return r.code, json.loads(r.out)


def test_raw_mt_is_labelled_and_only_changed_sources_warn_fuzzy(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    po = write(tmp_path / "mt.po", MT_PO)
    _, report = review_json(cli, po)
    segs = report["segments"]
    fuzzy = [[i["kind"] for i in s["issues"] if i["kind"] == "fuzzy"] for s in segs]
    assert fuzzy == [[], [], ["fuzzy"]]
    # the extracted comment (#.) is not the translator's note; the second one is
    assert segs[1]["machine_translation"] == {
        "engine": "bergamot", "note": "glossa: machine translation, engine bergamot, "
        "model en-pt-tiny"}
    assert segs[0]["machine_translation"]["engine"] is None  # fuzzy, no #|: raw MT
    assert "machine_translation" not in segs[2]
    assert report["summary"]["machine_translated"] == 2
    assert report["signature"]["engines"] == ["bergamot"]
    assert [s["status"] for s in segs] == ["mt", "mt", "fuzzy"]
    assert report["summary"]["by_status"] == {"fuzzy": 1, "mt": 2}
    _, asked = review_json(cli, po, "--fuzzy")
    kinds = [[i["kind"] for i in s["issues"] if i["kind"] in ("fuzzy", "mt")]
             for s in asked["segments"]]
    assert kinds == [["mt"], ["mt"], ["fuzzy"]]  # MT is never called a changed source
    assert asked["segments"][1]["issues"][-1]["message"] == \
        "machine translation (bergamot), not reviewed"
    shown = cli(["review", po, "--from", "en", "--no-color"]).out
    assert "mt: machine translation (bergamot), not reviewed" in shown
    assert shown.count("source changed since it") == 1
    assert "(--fuzzy lists them as warnings)" in shown


def _glossa_po(n_mt: int) -> str:
    """A catalogue as glossa writes it: many MT entries, one wrong number, one changed
    source."""
    entries = [f'# glossa: machine translation, engine bergamot\n#, fuzzy\n'
               f'msgid "Item {k} saved"\nmsgstr "Item {k} salvo"\n' for k in range(n_mt)]
    entries.append('# glossa: machine translation, engine bergamot\n#, fuzzy\n'
                   'msgid "Keep 5 copies"\nmsgstr "Manter 6 cópias"\n')
    entries.append('#, fuzzy\n#| msgid "Delete the file"\nmsgid "Delete the folder"\n'
                   'msgstr "Excluir o arquivo"\n')
    return HEADER + "\n".join(entries)


def test_real_findings_are_not_buried_under_mt_entries(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    po = write(tmp_path / "app.po", _glossa_po(30))
    code, report = review_json(cli, po, "--only-issues")
    assert code == 1  # the wrong number is an error
    assert [s["source"] for s in report["segments"]] == ["Keep 5 copies", "Delete the folder"]
    assert report["summary"]["segments"] == 32 and report["summary"]["machine_translated"] == 31
    _, numbers = review_json(cli, po, "--kind", "number")
    assert [s["source"] for s in numbers["segments"]] == ["Keep 5 copies"]
    code, mts = review_json(cli, po, "--kind", "mt", "--fuzzy")
    assert len(mts["segments"]) == 31 and all(s["status"] == "mt" for s in mts["segments"])
    assert code == 1 and mts["summary"]["errors"] == 1  # filtering lists, never excuses
    full = cli(["review", po, "--from", "en", "--no-color"]).out
    assert "32 segments; --only-issues lists the 2 with issues" in full
    bad = cli(["review", po, "--from", "en", "--kind", "numbers"])
    assert bad.code == 2 and "unknown issue kind 'numbers'" in bad.err


def test_checks_run_on_the_mt_column_and_tally_per_engine(cli, tmp_path):
    po = write(tmp_path / "mt.po", MT_PO)
    rev = write(tmp_path / "rev.po", REVISED_PO)
    code, report = review_json(cli, po, "--revised", rev)
    first = report["segments"][0]
    assert [i["kind"] for i in first["mt_issues"]] == ["number"]  # 3 days -> 4 dias
    assert "4" in first["mt_issues"][0]["message"]
    assert [i["kind"] for i in first["issues"]] == []  # the revision is right
    columns = report["summary"]["by_column"]
    assert columns["mt"]["errors"] == 1 and columns["mt"]["by_kind"] == {"number": 1}
    assert columns["revised"]["errors"] == 0
    engines = report["summary"]["by_engine"]
    assert engines["unknown"] == {"segments": 1, "errors": 1, "warnings": 0,
                                  "by_kind": {"number": 1}}
    assert engines["bergamot"]["segments"] == 1 and engines["bergamot"]["errors"] == 0
    assert code == 0  # no error in the revision; the MT's error does not fail it
    shown = cli(["review", po, "--revised", rev, "--from", "en", "--no-color"]).out
    assert "By column" in shown and "mt: 1 error" in shown
