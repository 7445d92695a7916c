from __future__ import annotations

import pytest

from glossa.errors import InputError, OutputError
from glossa.fileio import MAX_LINE_CHARS, atomic_write, read_text


def test_atomic_write_leaves_no_partial_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def boom(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OutputError, match="disk full"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_preserves_crlf(tmp_path):
    atomic_write(tmp_path / "x.txt", "a\r\nb\r\n")
    assert (tmp_path / "x.txt").read_bytes() == b"a\r\nb\r\n"


def test_huge_line_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("a" * (MAX_LINE_CHARS + 1), encoding="utf-8")
    with pytest.raises(InputError, match="too long"):
        read_text(path)


def test_bom_is_kept(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffOlá".encode())
    assert read_text(path) == "\ufeffOlá"


@pytest.mark.parametrize("encoding", ["UTF-16LE", "UTF-16BE"])
def test_utf16_without_a_bom_is_named_with_its_iconv_line(tmp_path, encoding):
    path = tmp_path / "notes.po"
    path.write_bytes('msgid "Kettle"\nmsgstr "Chaleira"\n'.encode(encoding.lower()))
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}: looks like {encoding} without a byte order mark; glossa reads UTF-8: "
        f"convert it first, e.g. `iconv -f {encoding} -t UTF-8`")


def test_nul_bytes_that_are_not_utf16_text_are_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="looks like a binary file"):
        read_text(path)
