"""Micro-batching: concurrent requests for the same pair become one engine batch.

Requests queue per key (pair, glossaries, TM, format). One dispatcher takes the oldest
key's queue and runs all its texts through the pipeline in the worker as one run, so
the engine sees one batch. While that batch runs, new requests keep queueing and go
together in the next one, at once: the busier the server, the larger the batches, and
the engine never idles while work waits. Only a request reaching an idle server waits
a short window (a few ms) for company. With batching off, each request runs alone.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Hashable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

RunBatch = Callable[[Any, list[str]], list[Any]]


@dataclass
class _Job:
    texts: list[str]
    future: asyncio.Future


class MicroBatcher:
    """Collects texts per key and runs each key's collection as one call of ``run_batch``."""

    def __init__(self, run_batch: RunBatch, executor: Executor, window: float = 0.005,
                 max_texts: int = 256, enabled: bool = True) -> None:
        self.run_batch = run_batch
        self.executor = executor
        self.window = window
        self.max_texts = max_texts
        self.enabled = enabled
        self._pending: dict[Hashable, list[_Job]] = {}
        self._ready = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._busy = False  # a batch is running
        self._came_to_idle = False  # the first queued job arrived while nothing ran

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._dispatch())

    async def stop(self) -> None:
        """Finish every queued job, then stop the dispatcher."""
        while self._pending:
            await asyncio.sleep(0.01)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def submit(self, key: Hashable, texts: list[str]) -> list[Any]:
        """Queue ``texts`` under ``key``; returns their results in order."""
        if not texts:
            return []
        job = _Job(list(texts), asyncio.get_running_loop().create_future())
        if not self._pending and not self._busy:
            self._came_to_idle = True
        self._pending.setdefault(key, []).append(job)
        self._ready.set()
        return await job.future  # cancelled by a timeout: the dispatcher skips the job

    async def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._ready.wait()
            if self.enabled and self.window > 0 and self._came_to_idle:
                await asyncio.sleep(self.window)  # jobs queued while busy have waited already
            self._came_to_idle = False
            key = next(iter(self._pending))
            jobs = self._take(key)
            if not self._pending:
                self._ready.clear()
            if jobs:
                self._busy = True
                try:
                    await self._run(loop, key, jobs)
                finally:
                    self._busy = False

    def _take(self, key: Hashable) -> list[_Job]:
        """The key's queued jobs up to max_texts (always at least one), skipping dead ones."""
        queue = [job for job in self._pending.pop(key) if not job.future.done()]
        taken, count = [], 0
        while queue and (not taken or (self.enabled
                                       and count + len(queue[0].texts) <= self.max_texts)):
            job = queue.pop(0)
            taken.append(job)
            count += len(job.texts)
        if queue:
            self._pending[key] = queue
        return taken

    async def _run(self, loop: asyncio.AbstractEventLoop, key: Hashable,
                   jobs: list[_Job]) -> None:
        texts = [text for job in jobs for text in job.texts]
        try:
            results = await loop.run_in_executor(self.executor, self.run_batch, key, texts)
        except Exception as exc:  # noqa: BLE001 - handed to every waiting request
            for job in jobs:
                if not job.future.done():
                    job.future.set_exception(exc)
            return
        start = 0
        for job in jobs:
            part = results[start:start + len(job.texts)]
            start += len(job.texts)
            if not job.future.done():
                job.future.set_result(part)
