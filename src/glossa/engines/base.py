"""The one small interface every translation engine implements."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from glossa.document import Span


@dataclass(frozen=True)
class ModelInfo:
    """An installed model for one language pair, as `glossa models list` shows it.

    ``path`` and ``size`` are those of a local model; an engine whose models live
    elsewhere (a system package, a server) leaves them None. ``kind`` tells translators
    what they are checking: "neural" or "rule-based".
    """

    engine: str
    source: str
    target: str
    version: str
    path: Path | None = None
    size: int | None = None  # bytes on disk
    kind: str = "neural"
    variant: str = ""  # a regional or orthographic variant of the target (pt_BR, valencia)

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"

    def to_json(self) -> dict:
        return {
            "engine": self.engine,
            "source": self.source,
            "target": self.target,
            "version": self.version,
            "size": self.size,
            "path": None if self.path is None else str(self.path),
            "kind": self.kind,
            "variant": self.variant,
        }


@dataclass(frozen=True)
class Translation:
    """One engine output: the text and, where the engine gives one, a log-prob score.

    ``unknown`` lists source words the engine did not know (rule-based engines say so);
    ``error`` set means this one sentence failed (crashed or hung engine process) and
    the pipeline keeps its unit in the source language instead of failing the run.
    """

    text: str
    score: float | None = None
    unknown: tuple[str, ...] = ()
    error: str | None = None


@runtime_checkable
class Engine(Protocol):
    """Translate batches of plain sentences for a language pair.

    Implementations load models lazily and cache them for the process, so the
    cost of loading is paid once per run, not per segment.
    """

    name: str

    def models(self) -> list[ModelInfo]:
        """Installed models this engine can run."""
        ...

    def supports(self, source: str, target: str) -> bool:
        """True when this engine can translate source -> target (directly or by pivot)."""
        ...

    def model_id(self, source: str, target: str) -> str:
        """A stable identifier of the model(s) used for a pair (engine, name, version)."""
        ...

    def translate_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[Translation]:
        """Translate every text (one sentence each); output order matches input order."""
        ...

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list[Span]]:
        """Spans of each text the model cannot read (characters outside its vocabulary);
        glossa keeps them verbatim instead of letting the model drop or mangle them."""
        ...

    def install_hint(self, source: str, target: str) -> str:
        """How a user gets a model of this engine for the pair (one short clause)."""
        ...

    def configure(self, *, jobs: int = 0) -> None:
        """Run settings for this job: ``jobs`` worker processes (0 = as many as make sense).

        Engines that cannot use them ignore settings they do not have.
        """
        ...


class EngineDefaults:
    """What most engines do for the optional parts of the protocol; inherit and override.

    Besides the protocol's methods, an engine may declare:

    - ``rule_based = True``: its output is rule-based (Apertium), which reports show;
    - ``pairs()``: its (source, target) pairs without loading a model or reading sizes,
      for listing languages cheaply (default: from ``models()``);
    - ``close()``: stop worker processes or pipes it started (default: nothing);
    - ``prefetch(texts, source, target)``: a hint that ``texts`` are the next batch, so an
      engine with worker processes can start on them while glossa checks the last one
      (default: nothing). ``translate_batch`` must return for them what it would have
      returned without the hint.

    Code outside this module reads them only through ``is_rule_based``, ``engine_pairs``,
    ``close_engine`` and ``prefetch_batch``, so an engine that leaves
    them out gets these defaults.
    """

    rule_based: bool = False

    def pairs(self) -> list[tuple[str, str]]:
        return [(m.source, m.target) for m in self.models()]  # type: ignore[attr-defined]

    def close(self) -> None:
        """Nothing to stop."""

    def configure(self, *, jobs: int = 0) -> None:
        """Nothing to set up."""

    def prefetch(self, texts: Sequence[str], source: str, target: str) -> None:
        """Nothing to start early."""

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list[Span]]:
        return [[] for _ in texts]

    def install_hint(self, source: str, target: str) -> str:
        return f"no model of this engine for {source}->{target}"


def is_rule_based(engine: Engine) -> bool:
    """The optional ``rule_based`` flag (see EngineDefaults); False when not declared."""
    return bool(getattr(engine, "rule_based", EngineDefaults.rule_based))


def engine_pairs(engine: Engine) -> list[tuple[str, str]]:
    """The optional ``pairs()`` (see EngineDefaults), else the pairs of ``models()``."""
    pairs = getattr(engine, "pairs", None)
    if pairs is not None:
        return list(pairs())
    return [(m.source, m.target) for m in engine.models()]


def close_engine(engine: Engine) -> None:
    """The optional ``close()`` (see EngineDefaults); nothing when not declared."""
    closing = getattr(engine, "close", None)
    if closing is not None:
        closing()


def prefetch_batch(engine: Engine, texts: Sequence[str], source: str, target: str) -> None:
    """The optional ``prefetch()`` (see EngineDefaults); nothing when not declared. A hint
    that fails is dropped: ``translate_batch`` will translate those texts anyway."""
    from contextlib import suppress

    prefetch = getattr(engine, "prefetch", None)
    if prefetch is not None and texts:
        with suppress(Exception):  # only a head start is lost
            prefetch(texts, source, target)


def engine_error(exc: Exception) -> str:
    """How a failed engine call is reported for its sentences: the message of an expected
    failure (a crashed process, an OS error), else the exception's type too (a plug-in's
    bare ``KeyError('x')`` says little on its own)."""
    from glossa.errors import GlossaError

    if isinstance(exc, (GlossaError, OSError, RuntimeError, ValueError)) and str(exc):
        return str(exc)
    return f"engine error: {type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def guarded_batch(engine: Engine, texts: Sequence[str], source: str,
                  target: str) -> list[Translation]:
    """``engine.translate_batch`` that never raises: an exception fails only the sentences
    that cause it. A batch that raises is split in two and each half tried again; when
    both halves raise as well, the engine fails on everything and the whole batch is
    failed (a few calls, not one per sentence)."""
    outputs, exc = _attempt(engine, texts, source, target)
    return outputs if exc is None else _isolate(engine, list(texts), source, target, exc)


def _attempt(engine: Engine, texts: Sequence[str], source: str,
             target: str) -> tuple[list[Translation], Exception | None]:
    try:
        return list(engine.translate_batch(texts, source, target)), None
    except Exception as exc:  # a plug-in's bug fails its sentences, not the run
        return [], exc


def _isolate(engine: Engine, texts: list[str], source: str, target: str,
             exc: Exception) -> list[Translation]:
    if len(texts) > 1:
        halves = [texts[: len(texts) // 2], texts[len(texts) // 2:]]
        tried = [_attempt(engine, half, source, target) for half in halves]
        if any(error is None for _, error in tried):
            out: list[Translation] = []
            for half, (outputs, error) in zip(halves, tried, strict=True):
                out += outputs if error is None else _isolate(engine, half, source, target,
                                                              error)
            return out
    return [Translation("", error=engine_error(exc))] * len(texts)
def model_variant(engine: Engine, source: str, target: str) -> str:
    """The regional variant the engine writes for the pair as a locale ("pt_BR"), "" when
    unknown; a route writes what its last hop writes."""
    hops = getattr(engine, "hops", None)
    if hops:
        return model_variant(hops[-1].engine, hops[-1].source, hops[-1].target)
    infos = [m for m in engine.models() if (m.source, m.target) == (source, target)]
    if not infos:
        return ""
    variant = min(infos, key=lambda m: (m.variant != "", m.variant)).variant
    if re.fullmatch(r"[A-Z]{2}|\d{3}", variant):  # Apertium names a region alone (es-pt_BR)
        return f"{target}_{variant}"
    return variant


def worker_count(requested: int = 0, per_worker_mb: int = 400) -> int:
    """Worker processes to use: ``requested``, or for 0 one per usable core, capped so
    the workers' models fit in the memory that is available now."""
    if requested > 0:
        return requested
    return max(1, min(_usable_cores(), 8, _available_mb() // per_worker_mb))


def _usable_cores() -> int:
    """Cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _available_mb() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 1 << 20  # unknown: do not let memory be the limit


def unknown_runs(text: str, known: Callable[[str], bool]) -> list[Span]:
    """Pieces to keep as they are: each word holding a letter ``known`` rejects (or the
    unreadable character itself, when it is not a letter), widened over neighbouring
    such pieces ("Müller", "Русский язык")."""
    spans: list[Span] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if known(ch):
            pos += 1
            continue
        start, end = pos, pos + 1
        if _letter(ch):
            while start > 0 and _letter(text[start - 1]):
                start -= 1
            while end < len(text) and _letter(text[end]):
                end += 1
        if spans and not text[spans[-1].end:start].strip():
            start = spans.pop().start
        spans.append(Span(start, end))
        pos = end
    return spans


def _letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch).startswith("M") or ch in "'’-"


def vocabulary_check(encode_ids: Callable[[str], list[int]], unk_id: int) -> Callable[[str], bool]:
    """A cached per-character test: does the tokenizer encode ``ch`` without <unk>?"""
    cache: dict[str, bool] = {}

    def known(ch: str) -> bool:
        if ch not in cache:
            cache[ch] = ch.isspace() or unk_id not in encode_ids(ch)
        return cache[ch]

    return known

