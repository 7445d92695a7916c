"""No command destroys a file it reads, two outputs never share a file, and writes are
atomic: through symlinks, straight into devices and FIFOs, with the umask's modes, and
one error line (exit 2, nothing partial) when the OS refuses (issues 13 and 19)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from glossa.errors import OutputError, UsageError
from glossa.fileio import atomic_write, check_outputs

PO = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "Good morning."\nmsgstr "Bom dia."\n'


def _refused(result, *files: Path, before: dict[Path, bytes]):
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    for f in files:
        assert f.read_bytes() == before[f], f"{f} was changed"


def _snapshot(*files: Path) -> dict[Path, bytes]:
    return {f: f.read_bytes() for f in files}


# --- every file a command reads is protected ------------------------------------------------


def test_review_html_cannot_replace_source_target_or_po(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The library opens.\n", encoding="utf-8")
    b.write_text("A biblioteca abre.\n", encoding="utf-8")
    po = tmp_path / "x.po"
    po.write_text(PO, encoding="utf-8")
    before = _snapshot(a, b, po)
    for args in (["review", a, b, "--html", a], ["review", a, b, "--html", b],
                 ["review", po, "--html", po]):
        _refused(cli(args), a, b, po, before=before)


def test_translate_cannot_replace_its_glossary_or_tm(cli, tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("pt\ten\nbiblioteca\tlibrary\n", encoding="utf-8")
    before = _snapshot(src, glossary)
    result = cli(["translate", src, "--from", "pt", "--to", "en", "-g", glossary,
                  "-o", glossary, "--no-tm"])
    _refused(result, src, glossary, before=before)
    assert "refusing to overwrite an input file" in result.err
    tm = tmp_path / "T.sqlite"
    result = cli(["translate", src, "--from", "pt", "--to", "en", "--tm", tm, "-o", tm])
    assert result.code == 2 and not tm.exists()  # refused before the TM was even created


def test_tm_export_and_import_cannot_replace_the_tm(cli, tmp_path):
    from glossa.tm import open_tm

    tm = tmp_path / "T.sqlite"
    with open_tm(tm) as memory:
        memory.store_many([("Good morning.", "Bom dia.")], "en", "pt", origin="human")
    before = _snapshot(tm)
    _refused(cli(["tm", "export", tm, "--tm", tm]), tm, before=before)
    _refused(cli(["tm", "import", tm, "--tm", tm, "--from", "en", "--to", "pt"]), tm,
             before=before)


def test_hard_link_and_symlink_to_an_input_are_refused(cli, tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    os.link(src, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(src)
    before = _snapshot(src)
    for out in ("hard.txt", "soft.txt"):
        result = cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm",
                      "-o", tmp_path / out])
        _refused(result, src, before=before)


def test_library_api_refuses_to_overwrite_its_input(tmp_path):
    import glossa.api

    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="refusing to overwrite"):
        glossa.api.translate_file(src, "en", "pt", output=src)
    assert src.read_text(encoding="utf-8") == "Bom dia.\n"


def test_glossary_export_and_import_cannot_replace_their_input(cli, tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text("en\tpt\nlibrary\tbiblioteca\n", encoding="utf-8")
    before = _snapshot(g)
    _refused(cli(["glossary", "export", g, g]), g, before=before)
    _refused(cli(["glossary", "import", g, g]), g, before=before)
    _refused(cli(["glossary", "merge", g, g, "-o", g]), g, before=before)


# --- output collisions ------------------------------------------------------------------------


def test_two_inputs_mapping_to_one_output_are_refused_before_translating(cli, tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(f"Bom dia {name}.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = cli(["translate", tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt",
                  "--from", "pt", "--to", "en", "--no-tm", "--out-dir", out])
    assert result.code == 2 and "a.txt would both be written to" in result.err
    assert not out.exists()
    plain, done = tmp_path / "b.txt", tmp_path / "b.en.txt"
    plain.write_text("Bom dia.\n", encoding="utf-8")
    done.write_text("Good morning.\n", encoding="utf-8")
    before = _snapshot(plain, done)
    result = cli(["translate", plain, done, "--from", "pt", "--to", "en", "--no-tm"])
    _refused(result, plain, done, before=before)


def test_check_outputs_ignores_stdout_and_devices(tmp_path):
    check_outputs([tmp_path / "a.txt", "-"], ["-", "/dev/null", "/dev/null"])


# --- how files are written --------------------------------------------------------------------


def test_symlinked_output_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "catalogue.po"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.po"
    link.symlink_to(real)
    atomic_write(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["catalogue.po"]


def test_new_files_honour_the_umask_and_existing_files_keep_their_mode(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.html", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.html").stat().st_mode) == 0o640
    kept = tmp_path / "kept.txt"
    kept.write_text("a", encoding="utf-8")
    kept.chmod(0o604)
    atomic_write(kept, "b")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604


def test_fifo_is_written_directly_and_one_without_reader_is_an_error(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="nobody is reading"):
        atomic_write(fifo, "x")
    got: list[bytes] = []

    def reader() -> None:  # like `cat pipe &`: blocked in open() until a writer comes
        with open(fifo, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(100):  # until the reader is waiting in open()
        try:
            atomic_write(fifo, "through the pipe")
            break
        except OutputError:
            time.sleep(0.02)
    thread.join(5)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_character_devices_stay_devices(tmp_path):
    atomic_write("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(OutputError, match="/dev/full: cannot write"):
        atomic_write("/dev/full", "x" * 100_000)  # ENOSPC, as a full disk answers
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_stdout_is_written_not_replaced(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "glossa", "translate", str(src), "--from",
                           "pt", "--to", "en", "--no-tm", "-q", "-o", "/dev/stdout"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Good morning.\n"


@pytest.mark.parametrize("where", ["/proc/glossa-out.txt", "FILE/inside-a-file.txt"])
def test_unwritable_places_are_one_line_exit_2(cli, tmp_path, where):
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    out = where.replace("FILE", str(src))
    result = cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm", "-o", out])
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert "cannot write" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_full_disk_during_rename_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(OutputError, match="No space left"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
