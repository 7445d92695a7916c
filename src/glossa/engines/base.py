"""The one small interface every translation engine implements."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable


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
    """One engine output: the text and, where the engine gives one, a log-prob score."""

    text: str
    score: float | None = None


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

    def install_hint(self, source: str, target: str) -> str:
        """How a user gets a model of this engine for the pair (one short clause)."""
        ...

    def configure(self, *, jobs: int = 0) -> None:
        """Run settings for this job: ``jobs`` worker processes (0 = as many as make sense).

        Engines that cannot use them ignore settings they do not have.
        """
        ...


def worker_count(requested: int = 0, per_worker_mb: int = 400) -> int:
    """Worker processes to use: ``requested``, or for 0 one per usable core, capped so
    the workers' models fit in the memory that is available now."""
    if requested > 0:
        return requested
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8, _available_mb() // per_worker_mb))


def _available_mb() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 1 << 20  # unknown: do not let memory be the limit
