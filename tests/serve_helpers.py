"""Start `glossa serve` as a real subprocess on 127.0.0.1 with a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
NEWS_GLOSSARY = REPO / "glossaries" / "news.tsv"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningServer:
    process: subprocess.Popen
    url: str  # http://127.0.0.1:PORT, no trailing slash
    state: Path

    def stats(self) -> dict:
        return httpx.get(f"{self.url}/glossa/stats").json()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(state: Path, *options: str, timeout: float = 60.0) -> RunningServer:
    """Run `python -m glossa serve OPTIONS` with its own data dir; wait until /health answers."""
    state.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GLOSSA_DATA_DIR": str(state / "data"),
           "GLOSSA_CONFIG": str(state / "config.toml"), "ARGOS_PACKAGES_DIR": str(state / "argos")}
    port = free_port()
    log = (state / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "glossa", "serve", "--port", str(port),
                                *options], env=env, stdout=log, stderr=subprocess.STDOUT)
    server = RunningServer(process, f"http://127.0.0.1:{port}", state)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"glossa serve exited: {(state / 'server.log').read_text()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"glossa serve did not start: {(state / 'server.log').read_text()}")
