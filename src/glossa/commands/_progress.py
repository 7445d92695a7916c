"""A rich progress bar on stderr, shown only when stderr is a terminal and the job lasts.

The bar appears after SHOW_AFTER seconds: a job done sooner (a one-line file) never
imports rich for it, which would cost more than the job itself.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SHOW_AFTER = 0.4  # seconds


class _DeferredBar:
    """Remembers the latest (done, total) and shows a rich bar once asked to."""

    def __init__(self, label: str) -> None:
        self.label, self.lock = label, threading.Lock()
        self.latest: tuple[int, int] | None = None
        self.progress = self.task = None
        self.closed = False

    def show(self) -> None:
        with self.lock:
            if self.closed or self.progress is not None:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=None)
            if self.latest is not None:
                self.progress.update(self.task, completed=self.latest[0], total=self.latest[1])

    def update(self, done: int, total: int) -> None:
        with self.lock:
            self.latest = (done, total)
            if self.progress is not None:
                self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            if self.progress is not None:
                self.progress.stop()


@contextmanager
def progress_bar(
    label: str, show_after: float | None = None
) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a (done, total) callback updating a progress bar, or None when not on a TTY."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = _DeferredBar(label)
    timer = threading.Timer(SHOW_AFTER if show_after is None else show_after, bar.show)
    timer.daemon = True
    timer.start()
    try:
        yield bar.update
    finally:
        timer.cancel()
        bar.close()
