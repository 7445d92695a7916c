"""Loading a glossary for editing and saving it back without ever losing work.

A save is refused when the file changed on disk since it was loaded (someone else's edit
must not be clobbered), writes a backup of the previous version next to it
(``GLOSSARY~``), re-reads what it is about to write to make sure it loads back to the
same terms, and replaces the file atomically (temp file + rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from glossa.errors import GlossaError, GlossaryError, InputError, OutputError
from glossa.fileio import atomic_write, check_outputs, decode_text
from glossa.glossary import Entry, Glossary
from glossa.glossary.io import dumps, format_of, loads

BACKUP_SUFFIX = "~"


class ConcurrentModification(GlossaError):
    """The file on disk is not the one that was loaded; saving would overwrite an edit."""


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when read: enough to notice any later change."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> FileStamp:
        return cls(st.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())


@dataclass
class Session:
    """A glossary loaded from ``path`` plus what is needed to save it back safely."""

    path: Path
    glossary: Glossary
    fmt: str
    stamp: FileStamp | None  # None: the file did not exist when loaded
    original: bytes = b""
    options: dict = field(default_factory=dict)  # format options (po: src/tgt)

    @property
    def exists(self) -> bool:
        return self.stamp is not None


def backup_path(path: str | Path) -> Path:
    """Where the previous version goes on save: ``news.tsv`` -> ``news.tsv~``."""
    p = Path(path)
    return p.with_name(p.name + BACKUP_SUFFIX)


def _read_stable(path: Path) -> tuple[bytes, FileStamp]:
    """Read bytes and stamp them, retrying if the file changes while being read."""
    for _ in range(5):
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
        if (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size):
            return data, FileStamp.of(data, after)
        time.sleep(0.05)
    raise InputError(f"{path}: keeps changing while being read; try again")


def open_glossary(path: str | Path, fmt: str | None = None, create: bool = False,
                  **options) -> Session:
    """Load ``path`` for editing; with ``create`` a missing file gives an empty glossary."""
    p = Path(path)
    fmt = format_of(p, fmt)
    if p.is_dir():
        raise InputError(f"{p}: is a directory")
    if not p.exists():
        if not create:
            raise InputError(f"{p}: no such file")
        return Session(p, Glossary(path=str(p), delimiter="," if fmt == "csv" else "\t"),
                       fmt, None, b"", options)
    try:
        data, stamp = _read_stable(p)
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror}") from None
    glossary = parse_glossary(decode_text(data, str(p)), fmt, str(p), **options)
    return Session(p, glossary, fmt, stamp, data, options)


def parse_glossary(text: str, fmt: str, path: str | None, **options) -> Glossary:
    """The glossary layer's reader, with a missing format module reported clearly."""
    try:
        return loads(text, fmt, path, **options)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("glossa."):
            raise
        raise GlossaryError(f"the {fmt.upper()} glossary format is not available in this "
                            "version of glossa", path) from None


def render(glossary: Glossary, fmt: str, **options) -> str:
    """The glossary layer's writer (same caveat as parse_glossary)."""
    try:
        return dumps(glossary, fmt, **options)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("glossa."):
            raise
        raise GlossaryError(f"the {fmt.upper()} glossary format is not available in this "
                            "version of glossa") from None


def check_unchanged(session: Session) -> None:
    """Raise ConcurrentModification if the file is no longer what was loaded."""
    p = session.path
    if session.stamp is None:
        if p.exists():
            raise ConcurrentModification(
                f"{p}: was created by someone else after this session started; not saved "
                "(nothing was overwritten). Reload it and apply your change again.")
        return
    try:
        data = p.read_bytes()
        st = p.stat()
    except FileNotFoundError:
        raise ConcurrentModification(
            f"{p}: was deleted or moved since it was loaded; not saved") from None
    now = FileStamp.of(data, st)
    if (now.size, now.sha256) != (session.stamp.size, session.stamp.sha256):
        when = time.strftime("%H:%M:%S", time.localtime(st.st_mtime))
        raise ConcurrentModification(
            f"{p}: changed on disk since it was loaded (modified {when}, "
            f"{session.stamp.size} -> {now.size} bytes); not saved, nothing was overwritten. "
            "Reload it and apply your change again.")


def _write_bytes_atomic(path: Path, data: bytes, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _terms_key(entry: Entry, langs: set[str] | None) -> tuple:
    return tuple(sorted((k, v) for k, v in entry.terms.items()
                        if v and (langs is None or k in langs)))


def first_loss(saved: Glossary, kept: Glossary, langs: set[str] | None = None) -> str | None:
    """What ``kept`` has that ``saved`` (the written text read back) lost, if anything;
    ``langs`` limits the comparison to the languages a format was asked to hold."""
    if len(saved.entries) != len(kept.entries):
        found = {_terms_key(e, langs) for e in saved.entries}
        gone = [e for e in kept.entries if _terms_key(e, langs) not in found]
        which = f" ({label(gone[0])} would be read back as a comment or not at all)" \
            if gone else ""
        return f"{len(kept.entries)} entries would be read back as {len(saved.entries)}{which}"
    for new, old in zip(saved.entries, kept.entries, strict=True):
        lost = [lang for lang, t in old.terms.items()
                if t and new.terms.get(lang) != t and (langs is None or lang in langs)]
        if lost:
            return f"the {', '.join(lost)} term of entry #{old.id} would be lost"
        if langs is not None:
            continue
        if new.canonical() != old.canonical() or new.note != old.note or \
                {k: v for k, v in new.extra.items() if v} != \
                {k: v for k, v in old.extra.items() if v}:
            return f"entry #{old.id} would not load back the same"
    return None


def label(entry: Entry) -> str:
    terms = " = ".join(t for t in entry.terms.values() if t) or "(no terms)"
    return f"entry #{entry.id} {terms}"


def save(session: Session, backup: bool = True) -> Path | None:
    """Write the session's glossary back to its file; returns the backup path, if any.

    Refuses (ConcurrentModification) when the file changed since it was loaded, and
    (GlossaryError) when the text to be written would not load back to the same terms.
    """
    text = render(session.glossary, session.fmt, **session.options)
    reread = parse_glossary(text, session.fmt, str(session.path), **session.options)
    loss = first_loss(reread, session.glossary)
    if loss:
        raise GlossaryError(f"the {session.fmt.upper()} format cannot hold this: {loss}; "
                            "not saved", str(session.path))
    with locked(session.path):  # check-and-rename is one step for every glossa process
        check_unchanged(session)
        saved_backup = None
        if session.stamp is not None and backup:
            mode = session.path.stat().st_mode & 0o777
            saved_backup = backup_path(session.path)
            try:
                _write_bytes_atomic(saved_backup, session.original, mode)
            except OSError as exc:
                raise OutputError(f"{saved_backup}: cannot write the backup: "
                                  f"{exc.strerror or exc}; not saved") from None
        atomic_write(session.path, text)
        data, stamp = _read_stable(session.path)
    session.original, session.stamp = data, stamp
    return saved_backup


def lock_path(path: str | Path) -> Path:
    """The advisory lock file beside a glossary: ``news.tsv`` -> ``.news.tsv.lock``."""
    p = Path(path)
    return p.with_name(f".{p.name}.lock")


@contextlib.contextmanager
def locked(path: str | Path):
    """Hold an exclusive ``flock`` on the glossary's lock file (POSIX; elsewhere a no-op).

    The glossary itself is replaced by rename on every save, so locking it would lock an
    inode the next reader never sees; the lock file stays put.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    where = lock_path(path)
    try:
        handle = open(where, "a")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise OutputError(f"{where}: cannot create the lock file: {exc.strerror or exc}; "
                          "not saved") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def export_loss(glossary: Glossary, text: str, fmt: str, **options) -> str | None:
    """What an export written as ``text`` fails to carry (PO: only its language pair)."""
    langs = {options["src"], options["tgt"]} if fmt == "po" else None
    reread = parse_glossary(text, fmt, None, **options)
    return first_loss(reread, glossary, langs)


def write_new(path: str | Path, text: str, inputs: list[Path] = ()) -> None:
    """Write an output file (export, merge) atomically, never over one of ``inputs``."""
    check_outputs(inputs, [path])
    atomic_write(path, text)
