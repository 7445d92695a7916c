"""Reading inputs strictly and writing outputs atomically, so nothing is ever lost."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from glossa.errors import InputError

MAX_LINE_CHARS = 1_000_000  # a "line" longer than this is almost surely not text


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed and kept), refusing binary data with a clear message."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes); glossa reads UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(f"{name}: a line of {longest} characters is too long to translate "
                         f"(limit {MAX_LINE_CHARS}); is this really a text file?")
    return text


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, or stdin's for "-", turning OS errors into one-line InputErrors."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror}") from None


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, or stdin for "-"."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return decode_text(read_bytes(path), name)


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Write text (UTF-8) or bytes via a temp file in the same directory, then rename."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if str(path) == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (tests capture stdout this way)
            sys.stdout.write(data.decode("utf-8", "surrogateescape"))
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        sys.stdout.flush()
        return
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if p.exists():
            os.chmod(tmp, p.stat().st_mode & 0o777)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
