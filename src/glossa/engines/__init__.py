"""Engine registry: plain dict of name -> "module:Class", imported only when needed."""

from __future__ import annotations

from functools import cache

from glossa.registry import load_plugin

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing on every start-up)
if TYPE_CHECKING:
    from glossa.engines.base import Engine, ModelInfo

__all__ = ["Engine", "ModelInfo", "Translation", "ENGINES", "get_engine", "select_engine",
           "all_models", "model_languages"]



def __getattr__(name: str):
    """The interface types, from glossa.engines.base on first use: the registry itself
    is read by every command line (--engine choices) and stays light."""
    if name in ("Engine", "ModelInfo", "Translation"):
        from glossa.engines import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Order matters for --engine auto: Argos first, then the bundled Bergamot models.
ENGINES: dict[str, str] = {
    "argos": "glossa.engines.argos:ArgosEngine",
    "bergamot": "glossa.engines.bergamot:BergamotEngine",
    "apertium": "glossa.engines.apertium:ApertiumEngine",  # rule-based, from Debian packages
}


# Cheap "is anything installed?" checks, asked before importing an engine for --engine auto.
PROBES: dict[str, str] = {
    "argos": "glossa.engines.argos_packages:any_installed",
}


# Cheap pair listings, for languages without importing the engine (detect's candidates).
PAIR_LISTS: dict[str, str] = {
    "bergamot": "glossa.engines.bergamot_models:installed_pairs",
    "apertium": "glossa.engines.apertium_modes:installed_pairs",
}


def has_models(name: str) -> bool:
    """False only when the engine's probe finds nothing installed (then it is not loaded)."""
    probe = PROBES.get(name)
    return probe is None or load_plugin("engine probe", PROBES, name)()


@cache
def get_engine(name: str) -> Engine:
    """Return the process-wide instance of an engine (models stay loaded between calls)."""
    return load_plugin("engine", ENGINES, name)()


def all_models() -> list[ModelInfo]:
    """Every installed model of every engine."""
    return [m for name in ENGINES for m in get_engine(name).models()]


def model_languages() -> list[str]:
    """Languages of every installed model, as cheaply as each engine can list its pairs
    (its PAIR_LISTS entry, else ``pairs()``: no model loaded, no sizes or versions read);
    engines with nothing installed (their probe says so) are not imported."""
    from glossa.engines.base import engine_pairs

    codes: list[str] = []
    for name in ENGINES:
        if not has_models(name):
            continue
        if name in PAIR_LISTS:
            pairs = load_plugin("engine pair list", PAIR_LISTS, name)()
        else:
            pairs = engine_pairs(get_engine(name))
        codes += [code for pair in pairs for code in pair]
    return list(dict.fromkeys(codes))


def select_engine(source: str, target: str, preference: str = "auto") -> Engine:
    """The route (one engine, or two through a pivot) for source -> target, or ModelMissing."""
    from glossa.engines.routes import select_route

    return select_route(source, target, preference)

