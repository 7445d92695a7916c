"""Word frequencies (the ``wordfreq`` package's small lists) as per-word evidence.

Character n-grams (lingua) cannot tell that "est", "ce" and "trop" are among the
commonest French words and nearly absent from English, nor that "loader" and
"chats" are ordinary English; a frequency list can.  Names are rare in every
list, so they weigh little either way.

A document needs a few hundred words of each list, not all 30-60 thousand. The first
run unpacks a list (gzip + msgpack, 5-15 ms) and keeps it in glossa's cache folder as an
index of 256 shards by a hash of the word; later runs read the index and unpack only
the shards of the words they look up (a one-line text: a few dozen small shards per
language instead of nine whole lists, most of a one-shot ``glossa detect``).
Callers that look up many words should announce them first with ``prefetch``.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

FLOOR = -6.5  # log10 frequency assumed for a word missing from a list (lists stop near -6)
_PARTS = re.compile(r"(?<=['’])|[-‐]")


class _Table:
    """One language's list: word -> log10 frequency, resolved on demand from its buckets
    (bucket i holds the words of frequency 10**(-i/100))."""

    def __init__(self, buckets: list[list[str]] | None = None,
                 full: dict[str, float] | None = None):
        self._buckets = buckets or []
        self._known: dict[str, float | None] = dict(full or {})
        self._complete = full is not None

    def resolve(self, words: Iterable[str]) -> None:
        """Look up every word not yet known in one pass over the buckets."""
        if self._complete:
            return
        missing = {w for w in words if w not in self._known}
        if not missing:
            return
        found: dict[str, float] = {}
        for index, bucket in enumerate(self._buckets):
            if not missing.isdisjoint(bucket):
                for word in missing.intersection(bucket):
                    found[word] = -index / 100
        for word in missing:
            self._known[word] = found.get(word)

    def get(self, word: str, default: float) -> float:
        if word not in self._known:
            self.resolve((word,))
        value = self._known.get(word)
        return default if value is None else value

    def as_dict(self) -> dict[str, float]:
        if not self._complete:
            self._known = {word: -index / 100 for index, bucket in enumerate(self._buckets)
                           for word in bucket}
            self._complete = True
        return {w: v for w, v in self._known.items() if v is not None}


class _ShardedTable:
    """One language's list read from its index (see ``_index_path``): word -> bucket
    dicts in shards by ``_shard_of``, each unpacked on the first lookup of one of its
    words."""

    def __init__(self, blob: bytes):
        import zlib
        from array import array

        head = len(_INDEX_MAGIC) + 4
        if blob[len(_INDEX_MAGIC):head] != zlib.crc32(blob[head:]).to_bytes(4, "little"):
            raise ValueError("damaged word index")  # (0.5 ms: a shard never fails to load)
        offsets = array("I")
        offsets.frombytes(blob[head:head + 4 * (_SHARDS + 1)])
        if len(offsets) != _SHARDS + 1 or offsets[-1] != len(blob):
            raise ValueError("truncated word index")
        self._blob, self._offsets = blob, offsets
        self._shards: dict[int, dict[str, int]] = {}

    def _shard(self, index: int) -> dict[str, int]:
        shard = self._shards.get(index)
        if shard is None:
            import marshal

            start, end = self._offsets[index], self._offsets[index + 1]
            shard = self._shards[index] = marshal.loads(self._blob[start:end])
        return shard

    def resolve(self, words: Iterable[str]) -> None:
        for word in words:
            self._shard(_shard_of(word))

    def get(self, word: str, default: float) -> float:
        bucket = self._shard(_shard_of(word)).get(word)
        return default if bucket is None else -bucket / 100

    def as_dict(self) -> dict[str, float]:
        return {w: -b / 100 for i in range(_SHARDS) for w, b in self._shard(i).items()}


_SHARDS = 256
_INDEX_MAGIC = b"glossa-wordfreq-index 2\n"


def _shard_of(word: str) -> int:
    import zlib

    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % _SHARDS


def _index_path(path: Path) -> Path | None:
    """Where the index of the list ``path`` is kept: named by the list's size and time,
    so an updated wordfreq gets new indexes. None when glossa has no data folder."""
    try:
        from glossa.config import data_dir

        info = path.stat()
        return data_dir() / "cache" / f"{path.name}.{info.st_size}.{info.st_mtime_ns}.index"
    except Exception:  # noqa: BLE001 - without a cache the lists are read whole
        return None


def _write_index(target: Path, buckets: list[list[str]]) -> None:
    """Store the index of a list just unpacked (atomic; a cache that cannot be written
    only costs the next run time)."""
    import marshal
    from array import array

    shards: list[dict[str, int]] = [{} for _ in range(_SHARDS)]
    for bucket_index, bucket in enumerate(buckets):
        for word in bucket:
            shards[_shard_of(word)][word] = bucket_index
    blobs = [marshal.dumps(shard) for shard in shards]
    offsets, pos = array("I"), len(_INDEX_MAGIC) + 4 + 4 * (_SHARDS + 1)
    for blob in blobs:
        offsets.append(pos)
        pos += len(blob)
    offsets.append(pos)
    body = b"".join([offsets.tobytes(), *blobs])
    try:
        import zlib

        from glossa.fileio import atomic_write

        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, b"".join([_INDEX_MAGIC, zlib.crc32(body).to_bytes(4, "little"),
                                       body]))
    except Exception:  # noqa: BLE001
        pass


def _read_list(path: Path) -> _Table | _ShardedTable:
    """A list from its index when there is one, else unpacked whole (and indexed)."""
    index = _index_path(path)
    if index is not None:
        try:
            blob = index.read_bytes()
            if blob.startswith(_INDEX_MAGIC):
                return _ShardedTable(blob)
        except (OSError, ValueError):
            pass
    buckets = _read_cbpack(path)
    if index is not None:
        _write_index(index, buckets)
    return _Table(buckets=buckets)


@cache
def _table(lang: str) -> _Table | _ShardedTable | None:
    path = _data_dir() / f"small_{lang}.msgpack.gz"
    if not path.exists():
        return None
    try:
        return _read_list(path)
    except (OSError, ValueError, ImportError):
        pass
    from wordfreq import get_frequency_dict  # slower to import (ftfy, langcodes, regex)

    return _Table(full={w: math.log10(f) for w, f in get_frequency_dict(lang, "small").items()})


def word_list(lang: str) -> dict[str, float] | None:
    """log10 frequencies of all of a language's common words, or None when there is no list."""
    table = _table(lang)
    return None if table is None else table.as_dict()


@cache
def _data_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read_cbpack(path: Path) -> list[list[str]]:
    """wordfreq's list format read directly: a header, then buckets of words.
    Importing wordfreq itself costs 0.25 s we need not pay."""
    import gzip

    import msgpack

    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack list")
    return data[1:]


def list_key(word: str) -> str:
    """A lower-cased word as wordfreq's lists spell it: they are case-folded ("ß" is
    "ss": "grüße" is listed as "grüsse") and write the apostrophe as '."""
    return word.replace("’", "'").replace("ß", "ss")


def _forms(word: str) -> list[str]:
    """The lookup keys of a lower-cased word: itself, then its apostrophe/hyphen parts."""
    word = list_key(word)
    return [word, *(p for p in _PARTS.split(word) if p.strip("'"))]


def load(lang: str) -> None:
    """Unpack ``lang``'s small list now (a few ms), e.g. while an engine still loads."""
    _table(lang)


def prefetch(words: Iterable[str], langs: Iterable[str]) -> None:
    """Resolve many lower-cased words in one pass per list before ``log_frequencies``."""
    keys = {form for word in words for form in _forms(word)}
    if not keys:  # no word in these languages' script: their lists are never read
        return
    for lang in langs:
        table = _table(lang)
        if table is not None:
            table.resolve(keys)


@lru_cache(maxsize=100_000)
def log_frequencies(word: str, langs: tuple[str, ...]) -> dict[str, float] | None:
    """log10 frequency of a lower-cased word per language that has a list; None if
    the word is in none of them (a name, a rare word, a typo)."""
    lists = {lang: _table(lang) for lang in langs}
    lists = {lang: table for lang, table in lists.items() if table is not None}
    word, *parts = _forms(word)
    out = {lang: table.get(word, FLOOR) for lang, table in lists.items()}
    if not any(v > FLOOR for v in out.values()) and len(parts) > 1:
        out = {lang: sum(table.get(p, FLOOR) for p in parts) / len(parts)
               for lang, table in lists.items()}
    return out if any(v > FLOOR for v in out.values()) else None


@cache
def _large_table(lang: str) -> _Table | _ShardedTable | None:
    path = _data_dir() / f"large_{lang}.msgpack.gz"
    try:
        return _read_list(path) if path.exists() else None
    except (OSError, ValueError, ImportError):
        return None


def rare_in(word: str, lang: str, other_freq: float, ratio: float = 3.0) -> bool:
    """True when ``lang`` barely uses the lower-cased ``word``: its large list (words down
    to 1 in 100 million) lacks it or has it ``ratio`` orders of magnitude below
    ``other_freq`` (log10).  Names and borrowings written in a text of ``lang`` pass
    that bar ("kraków", "crème"); foreign words do not ("notícias", "proibida").

    Read only for the few words that need it (one list load, ~0.1 s); a language
    without a large list falls back to its small one, which lacks the word already.
    """
    table = _large_table(lang)
    if table is None:
        table = _table(lang)
    if table is None:
        return True
    freq = table.get(list_key(word), FLOOR - 3)
    return freq <= other_freq - ratio


def unknown_words(words: Iterable[str], lang: str) -> set[str] | None:
    """The lower-cased ``words`` that are in neither of ``lang``'s lists (small, then
    large), whole or as all their hyphen/apostrophe parts: non-words a model invented, or
    rare words. None when ``lang`` has no list. One pass per list for all the words."""
    small = _table(lang)
    if small is None:
        return None
    forms = {word: _forms(word) for word in words}
    keys = {form for parts in forms.values() for form in parts}
    small.resolve(keys)
    missing = {key for key in keys if small.get(key, FLOOR - 1) < FLOOR}
    # a part only counts for a word missing as a whole, and only when longer than "d'"/"lo"
    needed = {whole for whole, *_ in forms.values()} | {
        p for whole, *parts in forms.values() if whole in missing and len(parts) > 1
        for p in parts if len(p.strip("'")) > 2}
    missing &= needed
    large = _large_table(lang) if missing else None  # ~0.06 s to read: only when needed
    if large is not None and missing:
        large.resolve(missing)
        missing = {key for key in missing if large.get(key, FLOOR - 9) < FLOOR - 3}
    return {word for word, (whole, *parts) in forms.items()
            if whole in missing and (len(parts) < 2 or any(
                p in missing for p in parts if len(p.strip("'")) > 2))}  # d'água, dá-lo

