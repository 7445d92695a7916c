"""Engine registry: plain dict of name -> "module:Class", imported only when needed."""

from __future__ import annotations

import importlib
from functools import cache

from glossa.engines.base import Engine, ModelInfo, Translation
from glossa.errors import UsageError

__all__ = ["Engine", "ModelInfo", "Translation", "ENGINES", "get_engine", "select_engine",
           "all_models"]

# Order matters for --engine auto: Argos first, then the bundled Bergamot models.
ENGINES: dict[str, str] = {
    "argos": "glossa.engines.argos:ArgosEngine",
    "bergamot": "glossa.engines.bergamot:BergamotEngine",
    "apertium": "glossa.engines.apertium:ApertiumEngine",  # rule-based, from Debian packages
}


@cache
def get_engine(name: str) -> Engine:
    """Return the process-wide instance of an engine (models stay loaded between calls)."""
    try:
        module_name, class_name = ENGINES[name].split(":")
    except KeyError:
        raise UsageError(
            f"unknown engine {name!r}; choose one of: auto, {', '.join(ENGINES)}"
        ) from None
    return getattr(importlib.import_module(module_name), class_name)()


def all_models() -> list[ModelInfo]:
    """Every installed model of every engine."""
    return [m for name in ENGINES for m in get_engine(name).models()]


def select_engine(source: str, target: str, preference: str = "auto") -> Engine:
    """The route (one engine, or two through a pivot) for source -> target, or ModelMissing."""
    from glossa.engines.routes import select_route

    return select_route(source, target, preference)
