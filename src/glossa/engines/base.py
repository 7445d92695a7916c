"""The one small interface every translation engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class ModelInfo:
    """An installed model for one language pair, as `glossa models list` shows it."""

    engine: str
    source: str
    target: str
    version: str
    path: Path
    size: int  # bytes on disk
    variant: str = ""  # e.g. Apertium's pt_BR or cat_valencia modes

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
            "path": str(self.path),
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
