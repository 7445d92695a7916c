"""The translation memory: one SQLite file shared by every glossa process.

Each row is one sentence pair with what produced it: languages, origin
(``machine`` or ``human``), the engine's model id and the glossary fingerprint
for machine output, timestamps, and its context (a PO ``msgctxt``: "Open" as a
verb and as an adjective are separate entries; empty for text without one).
SQLite runs in WAL mode with a busy timeout and every write is one
``BEGIN IMMEDIATE`` transaction, so several glossa processes can translate into
the same TM at once without losing rows.

Reuse rules (what a translator expects from a CAT tool):

* a **human** translation of exactly the same sentence for the same language
  pair is reused whatever engine, model or glossary is in use now (the newest
  one when there are several), and always beats a machine one;
* a **machine** translation is reused only when the model id and glossary
  fingerprint are the ones in use now, so a new model or a changed glossary
  re-translates;
* exact matches need the same context too.

Schema 1 (no context column) is upgraded in place when opened: its PO imports'
``msgctxt: X`` notes become contexts.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from glossa.errors import GlossaError

SCHEMA_VERSION = 2
APPLICATION_ID = 0x676C5458  # "glTX": marks the file as a glossa TM
BUSY_TIMEOUT_S = 60.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BATCH = 500  # parameters per IN (...) query
ORIGINS = ("machine", "human")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('machine', 'human')),
    model_id TEXT NOT NULL DEFAULT '',
    glossary TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    changed TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS segments_context_key
    ON segments (src_lang, tgt_lang, source, context, origin, model_id, glossary);
"""

#: Schema 1 -> 2: the context column, and the unique key over it.
_UPGRADE_1 = """
ALTER TABLE segments ADD COLUMN context TEXT NOT NULL DEFAULT '';
UPDATE segments SET context = substr(note, 10) WHERE origin = 'human' AND note LIKE 'msgctxt: %'
    AND instr(note, char(10)) = 0;
DROP INDEX IF EXISTS segments_key;
CREATE UNIQUE INDEX IF NOT EXISTS segments_context_key
    ON segments (src_lang, tgt_lang, source, context, origin, model_id, glossary);
"""


class TMError(GlossaError):
    """A translation memory that cannot be used: corrupted, foreign, newer, locked."""


def now() -> str:
    """UTC timestamp in the TMX form (YYYYMMDDThhmmssZ), which sorts as text."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def engine_of(model_id: str) -> str:
    """'bergamot:en-pt:tiny v1' -> 'bergamot'; '' for human entries."""
    return model_id.split(":", 1)[0] if model_id else ""


@dataclass(frozen=True)
class TMEntry:
    """One stored sentence pair and where it came from."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    origin: str = "machine"
    model_id: str = ""
    glossary: str = ""
    created: str = ""
    changed: str = ""
    note: str = ""
    context: str = ""  # PO msgctxt ("" for none)

    @property
    def engine(self) -> str:
        return engine_of(self.model_id)


@dataclass(frozen=True)
class TMHit:
    """An exact match: the stored translation and what produced it."""

    target: str
    origin: str
    model_id: str = ""


@dataclass(frozen=True)
class FuzzyMatch:
    """A stored translation of a similar sentence, offered (never applied) during review."""

    source: str
    target: str
    score: float  # 0..100, rapidfuzz ratio of the sources
    origin: str
    model_id: str
    changed: str
    context: str = ""


def _check_file(path: Path) -> None:
    """Refuse files that are not SQLite before SQLite gets to misread them."""
    if path.is_dir():
        raise TMError(f"{path}: is a directory, not a translation memory")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        head = handle.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        raise TMError(f"{path}: not a glossa translation memory (not an SQLite database); "
                      "pass another file with --tm or move this one away")


class TranslationMemory:
    """A glossa TM in one SQLite file; open it once per process and reuse it."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        _check_file(self.path)
        if not self.path.exists():
            if not create:
                raise TMError(f"{self.path}: no translation memory here yet")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fuzzy_cache: dict[tuple[str, str], list[TMEntry]] = {}
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise TMError(f"{self.path}: cannot open translation memory: {exc}") from None
        try:
            with self._guard():
                self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                self._init_schema()
        except BaseException:
            self._db.close()
            raise

    # --- housekeeping -------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite failures into one clear TMError line."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise TMError(f"{self.path}: translation memory stayed locked by another "
                              f"process for {BUSY_TIMEOUT_S:.0f}s") from None
            if "readonly" in text:
                raise TMError(f"{self.path}: the translation memory is read-only; glossa "
                              "writes to it (new entries, schema upgrades)") from None
            if "malformed" in text or "not a database" in text:
                raise TMError(f"{self.path}: corrupted translation memory ({text}); restore "
                              "a backup or move it away") from None
            raise TMError(f"{self.path}: translation memory error: {text}") from None
        except sqlite3.DatabaseError as exc:
            raise TMError(f"{self.path}: corrupted translation memory ({exc}); restore a "
                          "backup or move it away") from None

    def _init_schema(self) -> None:
        db = self._db
        db.execute("BEGIN")  # one snapshot: another process may be creating the schema now
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            db.execute("COMMIT")
        if app_id == APPLICATION_ID:
            if version > SCHEMA_VERSION:
                raise TMError(f"{self.path}: translation memory schema {version} is newer than "
                              f"this glossa understands ({SCHEMA_VERSION}); upgrade glossa")
            if version == SCHEMA_VERSION:
                self._wal()
                return
        else:
            if tables or app_id:
                raise TMError(f"{self.path}: an SQLite database that is not a glossa "
                              "translation memory; pass another file with --tm")
        self._wal()
        db.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the lock: another process may have created it meanwhile.
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current < SCHEMA_VERSION:
                script = _UPGRADE_1 if current == 1 else _SCHEMA
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _wal(self) -> None:
        for _ in range(50):  # switching to WAL needs a moment without other writers
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                time.sleep(0.1)
        self._db.execute("PRAGMA journal_mode = WAL")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- pipeline hooks -----------------------------------------------------------------

    def lookup_many(self, sources: Sequence[str], src: str, tgt: str, model_id: str,
                    glossary_fingerprint: str) -> dict[str, str]:
        """Exact matches without context: human ones for the pair, else machine ones of
        this model+glossary."""
        found = self.lookup_keyed([(s, "") for s in sources], src, tgt, model_id,
                                  glossary_fingerprint)
        return {source: hit.target for (source, _), hit in found.items()}

    def lookup_keyed(self, keys: Sequence[tuple[str, str]], src: str, tgt: str,
                     model_id: str | None, glossary_fingerprint: str = "",
                     human_only: bool = False) -> dict[tuple[str, str], TMHit]:
        """Exact matches of (source, context) keys: the newest human one, else the newest
        machine one of this model+glossary (``model_id=None``: of any model, for
        ``--tm-only``, where no engine is in use; ``human_only``: none)."""
        best: dict[tuple[str, str], tuple[tuple[int, str], TMHit]] = {}
        unique = list(dict.fromkeys(keys))
        machine = "1" if model_id is None else "(model_id = ? AND glossary = ?)"
        if human_only:
            machine, model_id = "0", None
        with self._guard():
            for i in range(0, len(unique), _BATCH):
                chunk = unique[i:i + _BATCH]
                sources = list(dict.fromkeys(s for s, _ in chunk))
                marks = ",".join("?" * len(sources))
                rows = self._db.execute(
                    "SELECT source, context, target, origin, model_id, changed FROM segments "
                    f"WHERE src_lang = ? AND tgt_lang = ? AND source IN ({marks}) "
                    f"AND (origin = 'human' OR {machine})",
                    [src, tgt, *sources,
                     *([] if model_id is None else [model_id, glossary_fingerprint])],
                )
                wanted = set(chunk)
                for source, context, target, origin, model, changed in rows:
                    key = (source, context)
                    if key not in wanted:
                        continue
                    rank = (1 if origin == "human" else 0, changed)
                    if key not in best or rank > best[key][0]:
                        best[key] = (rank, TMHit(target, origin, model))
        return {key: value[1] for key, value in best.items()}

    def store_many(self, pairs: Iterable[tuple[str, str]], src: str, tgt: str,
                   model_id: str = "", glossary_fingerprint: str = "",
                   origin: str = "machine", note: str = "",
                   contexts: Sequence[str] | None = None) -> int:
        """Store sentence pairs in one transaction; returns how many rows were new or changed.

        Human revisions (``origin="human"``) are stored without model and glossary,
        one per source sentence, context and pair, the newest replacing the older one.
        ``contexts``, when given, holds one context per pair.
        """
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {origin!r}")
        stamp = now()
        if origin == "human":
            model_id, glossary_fingerprint = "", ""
        pairs = list(pairs)
        ctx = list(contexts) if contexts is not None else [""] * len(pairs)
        entries = [TMEntry(s, t, src, tgt, origin, model_id, glossary_fingerprint, stamp, stamp,
                           note, c) for (s, t), c in zip(pairs, ctx, strict=True) if s and t]
        return self.add_entries(entries)

    # --- entries ------------------------------------------------------------------------

    def add_entries(self, entries: Sequence[TMEntry]) -> int:
        """Insert or update entries (keeping their timestamps) in one transaction."""
        if not entries:
            return 0
        rows = [(e.src_lang, e.tgt_lang, e.source, e.target, e.origin, e.model_id, e.glossary,
                 e.created or now(), e.changed or e.created or now(), e.note, e.context)
                for e in entries]
        with self._guard():
            before = self._db.total_changes
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT INTO segments (src_lang, tgt_lang, source, target, origin, model_id, "
                    "glossary, created, changed, note, context) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (src_lang, tgt_lang, source, context, origin, model_id, "
                    "glossary) "
                    "DO UPDATE SET target = excluded.target, changed = excluded.changed, "
                    "note = excluded.note WHERE target != excluded.target "
                    "OR note != excluded.note",
                    rows,
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            changed = self._db.total_changes - before
        self._fuzzy_cache.clear()
        return changed

    def entries(self, src: str | None = None, tgt: str | None = None,
                origin: str | None = None) -> Iterator[TMEntry]:
        """Every entry (optionally of one pair or origin) in the order it was first stored."""
        where, args = [], []
        for column, value in (("src_lang", src), ("tgt_lang", tgt), ("origin", origin)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        sql = ("SELECT source, target, src_lang, tgt_lang, origin, model_id, glossary, created, "
               "changed, note, context FROM segments"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
        with self._guard():
            rows = self._db.execute(sql, args).fetchall()
        for row in rows:
            yield TMEntry(*row)

    def __len__(self) -> int:
        with self._guard():
            return self._db.execute("SELECT count(*) FROM segments").fetchone()[0]

    # --- fuzzy matching -----------------------------------------------------------------

    def fuzzy_matches(self, text: str, src: str, tgt: str, limit: int = 5,
                      threshold: float | None = None) -> list[FuzzyMatch]:
        """Stored translations of sentences similar to ``text``, best first.

        Scores are rapidfuzz ``ratio`` (normalised Levenshtein similarity, 0..100) of the
        source sentences; matches below ``threshold`` (default: config
        ``[tm] fuzzy_threshold``, else 75) are left out. For equal scores, human
        translations come first, then the newest. Each (source, target) pair appears once.
        Nothing is ever applied: the caller shows them to the translator.
        """
        from rapidfuzz import fuzz, process

        cutoff = default_threshold() if threshold is None else threshold
        candidates = self._pair_entries(src, tgt)
        if not candidates or limit <= 0:
            return []
        scored = process.extract(text, [e.source for e in candidates], scorer=fuzz.ratio,
                                 score_cutoff=cutoff, limit=None)
        ranked = sorted(((score, candidates[index]) for _, score, index in scored),
                        key=lambda se: se[1].changed, reverse=True)  # newest first on ties
        ranked.sort(key=lambda se: (-se[0], se[1].origin != "human"))
        seen: set[tuple[str, str]] = set()
        matches: list[FuzzyMatch] = []
        for score, entry in ranked:
            key = (entry.source, entry.target)
            if key in seen:
                continue
            seen.add(key)
            matches.append(FuzzyMatch(entry.source, entry.target, round(score, 1), entry.origin,
                                      entry.model_id, entry.changed, entry.context))
            if len(matches) >= limit:
                break
        return matches

    def _pair_entries(self, src: str, tgt: str) -> list[TMEntry]:
        key = (src, tgt)
        if key not in self._fuzzy_cache:
            self._fuzzy_cache[key] = list(self.entries(src, tgt))
        return self._fuzzy_cache[key]

    # --- statistics ---------------------------------------------------------------------

    def stats(self) -> dict:
        """Counts per language pair and origin, models, timestamps and file size."""
        with self._guard():
            rows = self._db.execute(
                "SELECT src_lang, tgt_lang, origin, count(*), count(DISTINCT model_id), "
                "min(created), max(changed) FROM segments "
                "GROUP BY src_lang, tgt_lang, origin ORDER BY src_lang, tgt_lang"
            ).fetchall()
            models = self._db.execute(
                "SELECT src_lang, tgt_lang, model_id, count(*) FROM segments "
                "WHERE origin = 'machine' GROUP BY src_lang, tgt_lang, model_id"
            ).fetchall()
        pairs: dict[str, dict] = {}
        for src, tgt, origin, count, _, first, last in rows:
            pair = pairs.setdefault(f"{src}-{tgt}", {"source": src, "target": tgt, "entries": 0,
                                                      "human": 0, "machine": 0, "models": {},
                                                      "first": first, "last": last})
            pair["entries"] += count
            pair[origin] += count
            pair["first"], pair["last"] = min(pair["first"], first), max(pair["last"], last)
        for src, tgt, model_id, count in models:
            pairs[f"{src}-{tgt}"]["models"][model_id] = count
        size = sum(p.stat().st_size for p in self._files())
        return {
            "path": str(self.path),
            "schema": SCHEMA_VERSION,
            "entries": sum(p["entries"] for p in pairs.values()),
            "human": sum(p["human"] for p in pairs.values()),
            "machine": sum(p["machine"] for p in pairs.values()),
            "size_bytes": size,
            "pairs": list(pairs.values()),
        }

    def _files(self) -> list[Path]:
        names = [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]
        return [p for p in names if p.exists()]


def default_threshold() -> float:
    """Fuzzy threshold from the config file (``[tm] fuzzy_threshold``), else 75."""
    from glossa.config import load_config

    value = load_config().get("tm", {}).get("fuzzy_threshold", 75)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TMError(f"config: [tm] fuzzy_threshold must be a number, not {value!r}") from None
