"""API keys, per-key rate limits and request size limits (all in memory, per process)."""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from glossa.errors import InputError, UsageError

_RATE_RE = re.compile(r"^\s*(\d+)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$", re.I)
_WINDOWS = {"s": 1.0, "sec": 1.0, "second": 1.0, "m": 60.0, "min": 60.0, "minute": 60.0,
            "h": 3600.0, "hour": 3600.0}


@dataclass(frozen=True)
class Rate:
    """At most ``count`` requests per ``window`` seconds."""

    count: int
    window: float = 60.0

    def __str__(self) -> str:
        return f"{self.count} requests per {self.window:g}s"


def parse_rate(text: str) -> Rate:
    """'60', '60/min', '5/s', '1000/hour' -> Rate (a bare number is per minute)."""
    match = _RATE_RE.match(text)
    if not match or int(match.group(1)) < 1:
        raise UsageError(f"bad request limit {text!r}: use N or N/min (N >= 1), e.g. 60/min")
    unit = (match.group(2) or "min").lower()
    return Rate(int(match.group(1)), _WINDOWS[unit])


def load_api_keys(path: str | Path, default: Rate | None) -> dict[str, Rate | None]:
    """Keys file: one key a line, optionally followed by its own limit ('KEY 120/min').

    Blank lines and lines starting with '#' are ignored. A key without a limit of its
    own gets ``default`` (None: unlimited).
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read API keys file: {exc}") from None
    keys: dict[str, Rate | None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) > 2:
            raise InputError(f"{path}:{number}: expected 'KEY' or 'KEY N/min', got {line!r}")
        keys[parts[0]] = parse_rate(parts[1]) if len(parts) == 2 else default
    if not keys:
        raise InputError(f"{path}: no API keys in the file")
    return keys


@dataclass
class RateLimiter:
    """Sliding-window request counts per client (API key, or address without keys)."""

    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, client: str, rate: Rate | None) -> bool:
        """Count one request for ``client``; False when it is over ``rate``."""
        if rate is None:
            return True
        now = self.clock()
        with self._lock:
            times = self._seen.setdefault(client, deque())
            while times and now - times[0] >= rate.window:
                times.popleft()
            if len(times) >= rate.count:
                return False
            times.append(now)
            return True


class BodyTooLarge(Exception):
    """The request body is over the server's byte limit (answered with 413)."""


def limit_body(app, max_bytes: int):
    """ASGI middleware: refuse request bodies over ``max_bytes`` (413), streamed or not."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            return await _too_large(send, max_bytes)
        received = 0

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge()
            return message

        started = False

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            return await app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:  # the app usually answers 413 itself
                await _too_large(send, max_bytes)

    return middleware


async def _too_large(send, max_bytes: int) -> None:
    import json

    body = json.dumps({"error": f"request body over the server's limit of {max_bytes} bytes"})
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body.encode()})
