"""glossa translate with the translation memory: reuse, resume, many files, workers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import glossa.engines
import glossa.engines.bergamot as bergamot
from glossa import pipeline
from glossa.api import make_options
from glossa.cli import main
from glossa.formats import get_format
from glossa.tm import open_tm
from tm_helpers import FakeEngine, data_dir  # noqa: F401  (fixture)

SENTENCES = [
    "The library opens at nine.", "My brother works in a hospital.",
    "We visited the museum last summer.", "The train was late again this morning.",
    "She bought fresh bread at the market.", "The meeting has been moved to Friday.",
    "Please close the window before you leave.", "The children are playing in the garden.",
    "Our neighbours have a very friendly dog.", "The report is due at the end of the month.",
    "He forgot his umbrella on the bus.", "The new bridge will open next year.",
    "I would like a cup of coffee, please.", "The teacher explained the lesson twice.",
    "They are planning a trip to the mountains.", "The shop on the corner sells old books.",
    "It rained all weekend in the city.", "The doctor asked me to come back tomorrow.",
]


def _write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rerun_takes_every_sentence_from_the_tm_without_the_engine(data_dir, tmp_path,  # noqa: F811
                                                                   capsys, monkeypatch):
    src = _write(tmp_path / "a.txt", SENTENCES[:6])
    args = ["translate", str(src), "--from", "en", "--to", "pt"]
    assert main(args) == 0
    first_out = (tmp_path / "a.pt.txt").read_text(encoding="utf-8")
    assert "from TM" not in capsys.readouterr().err
    assert "biblioteca" in first_out

    def no_engine(*a, **k):
        raise AssertionError("the engine must not run when the TM has everything")

    monkeypatch.setattr(bergamot.BergamotEngine, "translate_batch", no_engine)
    assert main(args) == 0
    assert "(6 sentences, 6 from TM)" in capsys.readouterr().err
    assert (tmp_path / "a.pt.txt").read_text(encoding="utf-8") == first_out
    with open_tm() as memory:
        assert len(memory) == 6
        assert {e.model_id for e in memory.entries()} == {
            bergamot.BergamotEngine().model_id("en", "pt")}


def test_no_tm_neither_reads_nor_writes(data_dir, tmp_path, capsys):  # noqa: F811
    src = _write(tmp_path / "a.txt", SENTENCES[:2])
    assert main(["translate", str(src), "--from", "en", "--to", "pt", "--no-tm"]) == 0
    assert not (data_dir / "tm.sqlite").exists()
    assert main(["translate", str(src), "--to", "pt", "--no-tm", "--tm", "x.sqlite"]) == 2
    assert "contradict" in capsys.readouterr().err


def test_explicit_tm_path_is_used(data_dir, tmp_path, capsys):  # noqa: F811
    src = _write(tmp_path / "a.txt", SENTENCES[:2])
    tm_path = tmp_path / "project" / "memory.sqlite"
    assert main(["translate", str(src), "--from", "en", "--to", "pt", "--tm", str(tm_path)]) == 0
    assert tm_path.exists() and not (data_dir / "tm.sqlite").exists()


def test_human_translation_wins_and_fuzzy_matches_are_never_applied(data_dir, tmp_path,  # noqa: F811
                                                                    capsys):
    with open_tm() as memory:
        memory.store_many([("The library opens at nine.", "A biblioteca abre às 9h.")],
                          "en", "pt", origin="human")
    src = _write(tmp_path / "a.txt", ["The library opens at nine.", "The library opens at ten."])
    assert main(["translate", str(src), "--from", "en", "--to", "pt"]) == 0
    lines = (tmp_path / "a.pt.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "A biblioteca abre às 9h."
    assert lines[1] != "A biblioteca abre às 9h." and "9h" not in lines[1]
    assert "1 from TM" in capsys.readouterr().err


def test_directory_run_shares_one_model_load_and_batch(data_dir, tmp_path, capsys,  # noqa: F811
                                                       monkeypatch):
    docs = tmp_path / "docs"
    _write(docs / "a.txt", SENTENCES[:3])
    _write(docs / "guide" / "b.txt", SENTENCES[3:6])
    _write(docs / "guide" / "deep" / "c.txt", SENTENCES[:2])  # repeats a.txt's sentences
    _write(docs / ".cache" / "skip.txt", ["Hidden folders are skipped."])
    (docs / "image.png").write_bytes(b"\x89PNG\r\n")
    loads, batches = [], []
    real_load = bergamot._load
    monkeypatch.setattr(bergamot, "_load", lambda model: loads.append(model) or real_load(model))
    engine = glossa.engines.get_engine("bergamot")
    engine.close()  # worker processes an earlier test left would take this small batch
    real_batch = engine.translate_batch
    monkeypatch.setattr(engine, "_translators", {})
    monkeypatch.setattr(engine, "translate_batch",
                        lambda texts, s, t: batches.append(len(texts)) or real_batch(texts, s, t))
    out = tmp_path / "out"
    assert main(["translate", str(docs), "--out-dir", str(out), "--from", "en", "--to", "pt"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a.pt.txt", "guide/b.pt.txt", "guide/deep/c.pt.txt"]
    assert len(loads) == 1 and batches == [6]  # 8 sentences, 6 distinct, one engine call
    err = capsys.readouterr().err
    assert "(8 sentences)" in err and "(+2 more)" in err
    assert (out / "guide" / "deep" / "c.pt.txt").read_text(encoding="utf-8").splitlines() == \
        (out / "a.pt.txt").read_text(encoding="utf-8").splitlines()[:2]


def _docs(lines):
    return [get_format("txt").read("\n".join(lines) + "\n", "a.txt")]


def test_interrupted_run_resumes_from_the_chunks_already_stored(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "ENGINE_CHUNK", 4)
    lines = SENTENCES[:10]
    with open_tm(tmp_path / "tm.sqlite") as memory:
        options = make_options("pt", "en", tm=memory)
        crashing = FakeEngine(fail_on_call=2)
        monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: crashing)
        with pytest.raises(KeyboardInterrupt):
            pipeline.translate_documents(_docs(lines), options)
        assert len(memory) == 4  # the first chunk was stored before the interruption

        resumed = FakeEngine()
        monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: resumed)
        docs = _docs(lines)
        report = pipeline.translate_documents(docs, options)
        assert report.from_tm == 4 and report.translated == 10
        assert sum(len(c) for c in resumed.calls) == 6
        assert get_format("txt").write(docs[0]).splitlines() == [f"«{s.upper()}»" for s in lines]
        assert len(memory) == 10


def test_interrupted_cli_run_exits_130_and_writes_nothing(data_dir, tmp_path, capsys,  # noqa: F811
                                                          monkeypatch):
    monkeypatch.setattr(pipeline, "ENGINE_CHUNK", 4)
    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: FakeEngine(fail_on_call=3))
    src = _write(tmp_path / "a.txt", SENTENCES[:12])
    assert main(["translate", str(src), "--from", "en", "--to", "pt"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert not (tmp_path / "a.pt.txt").exists()
    monkeypatch.setattr(glossa.engines, "select_engine", lambda *a: FakeEngine())
    assert main(["translate", str(src), "--from", "en", "--to", "pt"]) == 0
    assert "8 from TM" in capsys.readouterr().err


def test_two_workers_and_the_default_give_the_same_output(tmp_path, capsys, monkeypatch):
    import glossa.engines.bergamot as bergamot

    monkeypatch.setattr(bergamot, "PARALLEL_MIN", 4)  # this small job goes to the workers too
    monkeypatch.setattr(bergamot, "worker_count", lambda jobs: jobs or 2)  # "all cores" = 2
    src = _write(tmp_path / "a.txt", SENTENCES)
    one, two, auto = tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "auto.txt"
    base = ["translate", str(src), "--from", "en", "--to", "pt", "--no-tm"]
    assert main([*base, "-o", str(one), "--jobs", "1"]) == 0
    engine = glossa.engines.get_engine("bergamot")
    try:
        assert main([*base, "-o", str(two), "--jobs", "2"]) == 0
        assert engine._pool is not None  # the batch really went to worker processes
        assert main([*base, "-o", str(auto)]) == 0
        assert engine.jobs == 2  # the default uses every core
    finally:
        if engine._pool is not None:
            engine._pool.shutdown()
        engine._pool, engine.jobs = None, 1
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
    assert auto.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")
    assert main([*base, "-o", str(two), "--jobs", "-1"]) == 2


def test_two_glossa_processes_translating_into_one_tm_lose_nothing(tmp_path):
    a = _write(tmp_path / "a.txt", SENTENCES[:9])
    b = _write(tmp_path / "b.txt", SENTENCES[9:])
    tm_path = tmp_path / "shared.sqlite"
    env = {**os.environ, "GLOSSA_DATA_DIR": str(tmp_path / "data")}
    procs = [subprocess.Popen([sys.executable, "-m", "glossa", "translate", str(f), "--from",
                               "en", "--to", "pt", "--tm", str(tm_path)], env=env,
                              stderr=subprocess.PIPE, text=True) for f in (a, b)]
    errors = [p.communicate(timeout=180)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_tm(tm_path) as memory:
        assert {e.source for e in memory.entries()} == set(SENTENCES)
