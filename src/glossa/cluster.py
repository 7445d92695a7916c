"""Run engine chunks on a Ray cluster (``glossa translate --cluster``).

The driver does everything it does in a local run (read files, plan units, TM,
glossary, verification, writing); only ``translate_batch`` goes to Ray actors.
Each actor holds glossa's own engine, so a model loads once per actor and stays.
``supports``, ``model_id`` and ``unencodable`` answer on the driver, which needs
the same glossa and models: the model id (and with it the TM and the outputs)
is then that of a local run, and every actor checks it reports the same one.

Ray is imported only here, only when ``--cluster`` is given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from glossa.document import Span
from glossa.engines.base import Engine, ModelInfo, Translation
from glossa.errors import EngineError, UsageError

TRIES = 3  # attempts per piece of a chunk, each on a live actor, before the run fails
START_TIMEOUT = 300  # seconds to wait for an actor: a cluster with no free CPU fails, not hangs
NAMESPACE = "glossa"

_pools: dict[tuple[str, str, str, float], _ActorPool] = {}


def connect(address: str) -> None:
    """Join (``ray://host:port``, ``host:port``, ``auto``) or start (``local``) a Ray
    cluster once per process; a process already inside a Ray job keeps its own."""
    # Workers run their own glossa install; Ray's `uv run` hook would instead start them
    # with the driver's uv command from another directory, in an environment without Ray.
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        import ray
    except ModuleNotFoundError:
        raise UsageError("--cluster needs Ray: pip install 'glossa[ray]'") from None
    if ray.is_initialized():
        return
    try:
        ray.init(address=address, namespace=NAMESPACE, include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR", configure_logging=True)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise UsageError(f"cannot reach the Ray cluster {address!r}: {exc}") from None


class EngineActor:
    """Lives in a Ray worker: glossa's real engine for one pair, model loaded once."""

    def __init__(self, engine: str, source: str, target: str, jobs: int) -> None:
        from glossa.engines import get_engine

        self.engine = get_engine(engine)
        self.engine.configure(jobs=jobs)
        self.pair = (source, target)

    def model_id(self) -> str:
        """The model this worker runs, or '' when its glossa install lacks the pair."""
        source, target = self.pair
        return self.engine.model_id(source, target) if self.engine.supports(*self.pair) else ""

    def translate(self, texts: list[str]) -> list[Translation]:
        return self.engine.translate_batch(texts, *self.pair)


class _ActorPool:
    """Actors for one (engine, pair), spread over the cluster's nodes; a dead one is
    replaced and its piece of the chunk is sent again."""

    def __init__(self, engine: str, source: str, target: str, cpus: float, expected: str):
        import ray

        self.args = (engine, source, target)
        self.cpus, self.expected = cpus, expected
        free = ray.available_resources().get("CPU", 0)  # a shared cluster: what is free now
        self.size = max(1, int(free // cpus))
        self.remote = ray.remote(num_cpus=cpus, max_restarts=0)(EngineActor)
        self.actors = [self._start(i) for i in range(self.size)]
        self._check(self.actors)
        self.restarts = 0

    def _start(self, index: int):
        engine, source, target = self.args
        name = f"glossa:{engine}:{source}-{target}:{os.getpid()}:{index}:{id(self)}"
        return self.remote.options(name=name, scheduling_strategy="SPREAD").remote(
            *self.args, max(1, int(self.cpus)))

    def _check(self, actors: Sequence[Any]) -> None:
        """Every worker runs the driver's model, or outputs could differ from a local run."""
        import ray

        try:
            found_ids = ray.get([a.model_id.remote() for a in actors], timeout=START_TIMEOUT)
        except ray.exceptions.GetTimeoutError:
            raise EngineError(f"no Ray worker started within {START_TIMEOUT} s: the cluster "
                              f"has no {self.cpus:g} free CPUs") from None
        except ray.exceptions.RayError as exc:
            raise EngineError(f"cannot start a glossa worker on the Ray cluster: {exc}") from None
        for found in found_ids:
            if found != self.expected:
                engine, source, target = self.args
                have = found or f"no {engine} model for {source}->{target}"
                raise EngineError(f"a Ray worker has {have}, the driver {self.expected}; "
                                  "install the same glossa and models on every node")

    def translate(self, texts: list[str]) -> list[Translation]:
        """Split a chunk over the actors, gather in order, retry what a dead actor lost."""
        import ray

        size = -(-len(texts) // self.size)
        pieces = [texts[i:i + size] for i in range(0, len(texts), size)]
        results: list[list[Translation] | None] = [None] * len(pieces)
        tries = [0] * len(pieces)
        running = {self._submit(i, pieces[i]): (i, i) for i in range(len(pieces))}
        while running:
            [ref], _ = ray.wait(list(running), num_returns=1)
            index, slot = running.pop(ref)
            try:
                results[index] = ray.get(ref)
            except ray.exceptions.RayActorError as exc:
                tries[index] += 1
                if tries[index] >= TRIES:
                    raise EngineError(f"a chunk failed on {TRIES} Ray workers: {exc}") from None
                slot = self._replace(slot)
                running[self._submit(slot, pieces[index])] = (index, slot)
            except ray.exceptions.RayTaskError as exc:
                raise EngineError(f"a Ray worker failed: {exc.cause!r}") from None
        return [t for piece in results for t in piece or ()]

    def _submit(self, slot: int, piece: list[str]):
        return self.actors[slot].translate.remote(piece)

    def _replace(self, slot: int) -> int:
        """A fresh actor in place of a dead one (on whichever node has room)."""
        self.restarts += 1
        print(f"glossa: a Ray worker died; sending its sentences to another "
              f"({self.restarts} restarted)", file=sys.stderr)
        self.actors[slot] = self._start(slot + self.restarts * self.size)
        self._check([self.actors[slot]])
        return slot


class ClusterEngine:
    """The driver's engine, with translate_batch running on Ray actors."""

    def __init__(self, local: Engine, cpus: float = 1) -> None:
        self.local, self.cpus = local, cpus
        self.name = local.name

    def models(self) -> list[ModelInfo]:
        return self.local.models()

    def supports(self, source: str, target: str) -> bool:
        return self.local.supports(source, target)

    def model_id(self, source: str, target: str) -> str:
        return self.local.model_id(source, target)

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list[Span]]:
        return self.local.unencodable(texts, source, target)

    def install_hint(self, source: str, target: str) -> str:
        return self.local.install_hint(source, target)

    def configure(self, *, jobs: int = 0) -> None:
        """Local worker processes do not apply: each actor uses its own CPUs."""

    def translate_batch(self, texts: Sequence[str], source: str, target: str
                        ) -> list[Translation]:
        if not texts:
            return []
        return self._pool(source, target).translate(list(texts))

    def _pool(self, source: str, target: str) -> _ActorPool:
        key = (self.name, source, target, self.cpus)
        if key not in _pools:
            _pools[key] = _ActorPool(self.name, source, target, self.cpus,
                                     self.local.model_id(source, target))
        return _pools[key]


def release() -> None:
    """End glossa's actors in this process, freeing their CPUs; Ray stays connected."""
    import ray

    for pool in _pools.values():
        for actor in pool.actors:
            ray.kill(actor)
    _pools.clear()


def disconnect() -> None:
    """End glossa's actors and leave the cluster (a local one started here stops)."""
    import ray

    release()
    ray.shutdown()


def cluster_engine(local: Engine, address: str, cpus: float = 1) -> ClusterEngine:
    """Wrap ``local`` so its batches run on the Ray cluster at ``address``."""
    if cpus <= 0:
        raise UsageError(f"--cluster-cpus must be more than 0, not {cpus}")
    connect(address)
    return ClusterEngine(local, cpus)
