"""Early model loading for small jobs: the model starts loading in a forked child as
soon as the command line is read, while glossa imports the rest of itself, reads the
input and plans the job; the child then translates what it is sent.

Loading the bundled Bergamot model takes 0.07-0.1 s and holds the interpreter, so in
one process it adds to everything else a one-line job does; on a second core the two
overlap. It is a head start, never a second way to translate: the engine asks for the
child with the model directory it chose itself (``take``), and a child that loaded
another model, failed, or died is closed and the model loaded in-process as usual.

An engine takes part with a light hook in ``EARLY`` (its module must not import the
engine): ``hook(source, target) -> (identity, load) | None``, where ``load()`` runs in
the child and returns ``translate(text) -> str``.
"""

from __future__ import annotations

import atexit
import os
import sys

EARLY: dict[str, str] = {
    "bergamot": "glossa.engines.bergamot_models:early_model",
}

_children: dict[tuple[str, str, str], EarlyChild] = {}


def start(engine: str, source: str, target: str) -> None:
    """Start loading ``engine``'s model of source -> target in a child, when the engine
    has a hook, the pair a model, and this process can fork safely."""
    if engine not in EARLY or (engine, source, target) in _children or not _can_fork():
        return
    from glossa.registry import load_plugin

    try:
        found = load_plugin("early engine", EARLY, engine)(source, target)
    except Exception:  # noqa: BLE001 - no head start; the job reports what is wrong
        return
    if found is not None:
        identity, load = found
        _children[(engine, source, target)] = EarlyChild(identity, load)


def take(engine: str, source: str, target: str, identity: str) -> EarlyChild | None:
    """The child loading ``identity`` for the pair, if one was started (once only)."""
    child = _children.pop((engine, source, target), None)
    if child is not None and child.identity != identity:
        child.close()
        return None
    return child


def _can_fork() -> bool:
    """Linux, and no other thread running (a forked child gets only the forking one)."""
    import threading

    return sys.platform == "linux" and threading.active_count() == 1


class EarlyChild:
    """A forked child that loads a model, then translates the lists of texts it is sent.

    Texts and outputs go through pipes with ``marshal``. The child exits when its request
    pipe closes, so it never outlives glossa; a load error comes back as the answer to
    the first request (``EarlyLoadError``).
    """

    def __init__(self, identity: str, load) -> None:
        self.identity = identity
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into glossa's code
            try:
                os.close(parent_writes)
                os.close(parent_reads)
                _serve(load, child_reads, child_writes)
            finally:
                os._exit(0)
        os.close(child_reads)
        os.close(child_writes)
        self.pid = pid
        self._requests = os.fdopen(parent_writes, "wb")
        self._answers = os.fdopen(parent_reads, "rb")
        atexit.register(self.close, wait=False)  # the exiting process need not reap it

    def translate(self, texts: list[str]) -> list[str]:
        """The child's outputs; OSError or EOFError when it is gone."""
        import marshal

        marshal.dump(texts, self._requests)
        self._requests.flush()
        ok, answer = marshal.load(self._answers)
        if not ok:
            raise EarlyLoadError(answer)
        return answer

    def close(self, wait: bool = True) -> None:
        """Stop the child at once: unused or done, loading on would only delay the exit.
        ``wait`` reaps it (a process that goes on running must; one that exits need not)."""
        import signal
        from contextlib import suppress

        if self.pid:
            with suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            for stream in (self._requests, self._answers):
                with suppress(OSError):
                    stream.close()
            if wait:
                with suppress(ChildProcessError):
                    os.waitpid(self.pid, 0)
            self.pid = 0


class EarlyLoadError(Exception):
    """The child could not load the model (the message is the loader's)."""


def _serve(load, requests_fd: int, answers_fd: int) -> None:
    """The child: load, then answer requests until the request pipe closes."""
    import marshal
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    requests, answers = os.fdopen(requests_fd, "rb"), os.fdopen(answers_fd, "wb")
    try:
        translate, failure = load(), ""
    except Exception as exc:  # noqa: BLE001 - sent back; the parent reports it
        translate, failure = None, str(exc) or type(exc).__name__
    while True:
        try:
            texts = marshal.load(requests)
        except (EOFError, ValueError, OSError):
            return
        if translate is None:
            marshal.dump((False, failure), answers)
        else:
            marshal.dump((True, [translate(t) if t.strip() else t for t in texts]), answers)
        answers.flush()
