"""Routes: a language pair translated by one engine, or by two through a pivot language.

A route behaves like an Engine for its pair, so the pipeline runs it the same way: the
masked sentence (placeholder and glossary tokens) goes through every hop and is restored
once, in the final language. Its model id joins the hops' ids, so the translation memory
keys the end-to-end pair by everything that produced it.

Choice: a direct model first; else two hops through the first pivot in PIVOTS that both
hops reach. For each hop the engines are tried in registry order, neural (Argos,
Bergamot) before rule-based (Apertium); ``--engine NAME`` pins every hop to one engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from glossa.engines.base import (
    Engine,
    Translation,
    guarded_batch,
    is_rule_based,
    prefetch_batch,
)
from glossa.errors import ModelMissing

# Pivot languages in order of preference: Spanish first, since the Romance pairs Apertium
# has (ca, gl, pt, fr, it) are closest to it and stay rule-based-close; then English.
PIVOTS = ("es", "en", "ca", "pt", "fr", "it")


@dataclass(frozen=True)
class Hop:
    engine: Engine
    source: str
    target: str

    @property
    def label(self) -> str:
        return f"{self.engine.name} {self.source}->{self.target}"


class Route:
    """A chain of engine hops for one pair, usable wherever an Engine is."""

    def __init__(self, hops: Sequence[Hop]) -> None:
        self.hops = list(hops)
        self.source, self.target = self.hops[0].source, self.hops[-1].target
        # a direct route is its engine (e.g. "argos"); a chain is "route"
        self.name = self.hops[0].engine.name if len(self.hops) == 1 else "route"

    @property
    def pivot(self) -> bool:
        return len(self.hops) > 1

    @property
    def describe(self) -> str:
        """e.g. "apertium es->en, bergamot en->pt"."""
        return ", ".join(hop.label for hop in self.hops)

    @property
    def rule_based(self) -> bool:
        return any(is_rule_based(hop.engine) for hop in self.hops)

    def models(self) -> list:
        return []

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == (self.source, self.target)

    def model_id(self, source: str, target: str) -> str:
        return " > ".join(hop.engine.model_id(hop.source, hop.target) for hop in self.hops)

    def configure(self, *, jobs: int = 0) -> None:
        for hop in self.hops:
            hop.engine.configure(jobs=jobs)

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list]:
        """What the first hop cannot read (the later hops read its output)."""
        first = self.hops[0]
        return first.engine.unencodable(texts, first.source, first.target)

    def prefetch(self, texts: Sequence[str], source: str, target: str) -> None:
        """The first hop may start early; the later ones need its outputs."""
        first = self.hops[0]
        prefetch_batch(first.engine, texts, first.source, first.target)

    def install_hint(self, source: str, target: str) -> str:
        return "; or ".join(hop.engine.install_hint(hop.source, hop.target) for hop in self.hops)

    def translate_batch(self, texts: Sequence[str], source: str, target: str
                        ) -> list[Translation]:
        """Every hop in turn; a sentence failed on one hop skips the rest and stays failed.
        Unknown words are reported from the hop that met them."""
        results = [Translation(t) for t in texts]
        for hop in self.hops:
            live = [i for i, r in enumerate(results) if r.error is None]
            if not live:
                break
            outputs = _run_hop(hop, [results[i].text for i in live])
            for i, out in zip(live, outputs, strict=True):
                unknown = results[i].unknown + tuple(w for w in out.unknown
                                                     if w not in results[i].unknown)
                error = f"{hop.label}: {out.error}" if out.error and self.pivot else out.error
                results[i] = Translation(out.text.strip(), out.score, unknown, error)
        return results


def _run_hop(hop: Hop, texts: list[str]) -> list[Translation]:
    """One hop's outputs; an engine that raises fails the sentences that make it raise,
    not the run (see guarded_batch)."""
    outputs = guarded_batch(hop.engine, texts, hop.source, hop.target)
    if len(outputs) != len(texts):
        return [Translation("", error=f"{hop.label}: {len(outputs)} outputs for "
                                      f"{len(texts)} sentences")] * len(texts)
    return outputs


def _engines(preference: str) -> list[Engine]:
    return list(_lazy_engines(preference))


def _lazy_engines(preference: str) -> Iterator[Engine]:
    """Engines in registry order, each imported only when the one before did not serve:
    a pair Bergamot serves never imports Apertium. Under ``auto`` an engine whose probe
    finds nothing installed (no Argos package folder) is skipped without importing it."""
    from glossa.engines import ENGINES, get_engine, has_models

    if preference != "auto":
        yield get_engine(preference)
        return
    for name in ENGINES:
        if has_models(name):
            yield get_engine(name)


def _hop(engines: Iterable[Engine], source: str, target: str) -> Hop | None:
    for engine in engines:
        if engine.supports(source, target):
            return Hop(engine, source, target)
    return None


def find_route(source: str, target: str, preference: str = "auto") -> Route | None:
    """The best route for a pair, or None when no chain of at most two hops reaches it."""
    direct = _hop(_lazy_engines(preference), source, target)
    if direct is not None:
        return Route([direct])
    engines = _engines(preference)
    languages = {lang for engine in engines for m in engine.models()
                 for lang in (m.source, m.target)}
    pivots = [p for p in PIVOTS if p in languages] + sorted(languages - set(PIVOTS))
    for pivot in pivots:
        if pivot in (source, target):
            continue
        first = _hop(engines, source, pivot)
        second = first and _hop(engines, pivot, target)
        if first and second:
            return Route([first, second])
    return None


def select_route(source: str, target: str, preference: str = "auto") -> Route:
    """find_route, or ModelMissing with how to get a model."""
    route = find_route(source, target, preference)
    if route is not None:
        return route
    where = "" if preference == "auto" else f" for engine {preference}"
    from glossa.engines import ENGINES, get_engine

    names = ENGINES if preference == "auto" else [preference]
    hints = "; or ".join(get_engine(name).install_hint(source, target) for name in names)
    raise ModelMissing(f"no model for {source}->{target}{where} (no pivot language reaches it "
                       f"either); {hints}")


def check_engine_installed(preference: str, source: str, target: str) -> None:
    """A pinned engine with nothing installed is one clear error, not a failure per segment."""
    if preference == "auto":
        return
    from glossa.engines import get_engine

    engine = get_engine(preference)
    if not engine.models():
        raise ModelMissing(f"no model for {source}->{target}: engine {preference} has no "
                           f"models installed; {engine.install_hint(source, target)}")


def reachable_routes(preference: str = "auto") -> list[Route]:
    """Every pair some route reaches, direct or by pivot."""
    engines = _engines(preference)
    languages = sorted({lang for engine in engines for m in engine.models()
                        for lang in (m.source, m.target)})
    routes = []
    for source in languages:
        for target in languages:
            if source != target:
                route = find_route(source, target, preference)
                if route is not None:
                    routes.append(route)
    return routes
