"""Reading inputs strictly and writing outputs atomically, so nothing is ever lost.

Three promises every command keeps through this module:

* an output never replaces a file the command reads (``check_outputs``, called before any
  work is done), and two outputs of one run never land on the same file;
* an output is either the old file or the complete new one: regular files are written to
  a temp file beside the target and renamed over it; a symlink is written through to its
  target (the link stays); a character device, FIFO or ``/dev/stdout`` is written directly,
  never replaced by a regular file;
* every OS error (read-only folder, full disk, no permission) becomes one line naming the
  file (``OutputError``/``InputError``, exit 2), with no temp file left behind.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from glossa.errors import InputError, OutputError, UsageError

MAX_LINE_CHARS = 1_000_000  # a "line" longer than this is almost surely not text

_UTF16_BOMS = {codecs.BOM_UTF16_LE: "UTF-16LE", codecs.BOM_UTF16_BE: "UTF-16BE"}
_UTF32_BOMS = {codecs.BOM_UTF32_LE: "UTF-32LE", codecs.BOM_UTF32_BE: "UTF-32BE"}


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/UTF-32 by BOM (checked longest first: the UTF-32LE BOM starts like UTF-16LE's)."""
    for boms in (_UTF32_BOMS, _UTF16_BOMS):
        for bom, name in boms.items():
            if data.startswith(bom):
                return name
    return None


def _bare_utf16(head: bytes) -> str | None:
    """UTF-16LE/BE text written without a BOM (mostly Latin text: every other byte NUL,
    and it decodes with no control characters but line ends and tabs), else None."""
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for encoding, zeros, others in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        if half and zeros >= 0.6 * half and others == 0:
            try:
                text = head.decode(encoding.lower())
            except UnicodeDecodeError:
                return None
            if all(ch.isprintable() or ch in "\r\n\t" for ch in text):
                return encoding
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed and kept), refusing binary data with a clear message."""
    wide = _wide_encoding(data)
    if wide:
        base = wide[:6]
        raise InputError(f"{name}: the file is {base} (byte order mark); glossa reads UTF-8: "
                         f"convert it first, e.g. `iconv -f {base} -t UTF-8`")
    if b"\x00" in data[:8192]:
        bare = _bare_utf16(data[:8192])
        if bare:
            raise InputError(f"{name}: looks like {bare} without a byte order mark; glossa "
                             f"reads UTF-8: convert it first, e.g. `iconv -f {bare} -t UTF-8`")
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
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, or stdin for "-"."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return decode_text(read_bytes(path), name)


# --- protecting what a command reads ------------------------------------------------


def _identity(path: str | Path) -> tuple[Path, tuple[int, int] | None, bool]:
    """(resolved path, (st_dev, st_ino) if it exists, is a regular file or absent)."""
    p = Path(path)
    try:
        resolved = p.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        resolved = p.absolute()
    try:
        st = os.stat(p)
    except (OSError, ValueError):
        return resolved, None, True
    return resolved, (st.st_dev, st.st_ino), stat.S_ISREG(st.st_mode)


def check_outputs(reads: Iterable[str | Path | None],
                  outputs: Iterable[str | Path | None],
                  sources: Iterable[str | Path] | None = None) -> None:
    """Refuse (UsageError) an output that is a file the command reads, or is shared by
    two outputs of one run; compared by resolved path and by inode (hard links, symlinks).
    ``sources`` (parallel to ``outputs``) names the input each output is made from.

    Special files (``/dev/null``, FIFOs, terminals) and "-" (stdin/stdout) are not files a
    command can destroy, so they are neither protected nor counted as collisions.
    """
    protected: dict[object, str] = {}
    for item in reads:
        if item is None or str(item) == "-":
            continue
        resolved, inode, regular = _identity(item)
        if not regular:
            continue
        protected[resolved] = str(item)
        if inode is not None:
            protected[inode] = str(item)
    seen: dict[object, str] = {}
    outputs = list(outputs)
    origin = [str(x) for x in sources] if sources is not None else [str(x) for x in outputs]
    for item, made_from in zip(outputs, origin, strict=True):
        if item is None or str(item) == "-":
            continue
        resolved, inode, regular = _identity(item)
        if not regular:
            continue
        keys = [resolved] + ([inode] if inode is not None else [])
        for key in keys:
            if key in protected:
                read = protected[key]
                same = "" if read == str(item) else f" (it is {read})"
                raise UsageError(f"{item}: refusing to overwrite an input file of this command"
                                 f"{same}; choose another output")
            if key in seen:
                raise UsageError(f"{seen[key]} and {made_from} would both be written to {item}; "
                                 "rename one input or use separate --out-dir runs")
        for key in keys:
            seen[key] = made_from


# --- writing ------------------------------------------------------------------------


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_to_stdout(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests capture stdout this way)
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    sys.stdout.flush()


def _write_special(path: Path, mode: int, data: bytes) -> None:
    """Write straight into a device or FIFO (renaming over it would replace the node)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if stat.S_ISFIFO(mode):
        try:  # with nobody reading, opening a FIFO would block for ever
            fd = os.open(path, flags | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OutputError(f"{path}: a FIFO nobody is reading from") from None
            raise
        os.set_blocking(fd, True)
    else:
        fd = os.open(path, flags)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _write_regular(target: Path, data: bytes, old_mode: int | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = (0o666 & ~current_umask()) if old_mode is None else stat.S_IMODE(old_mode)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Write text (UTF-8) or bytes to path ("-": stdout) without ever leaving half a file.

    New files get ``0o666 & ~umask``; an existing file keeps its mode; a symlink keeps
    pointing at its (atomically replaced) target. OS errors raise ``OutputError``.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    if str(path) == "-":
        _write_to_stdout(data)
        return
    p = Path(path)
    try:
        try:
            st = os.stat(p)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{p}: is a directory")
        if st is not None and not stat.S_ISREG(st.st_mode):
            _write_special(p, st.st_mode, data)
            return
        target = Path(os.path.realpath(p)) if p.is_symlink() else p
        _write_regular(target, data, st.st_mode if st is not None else None)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{p}: cannot write: {exc.strerror or exc}") from None
