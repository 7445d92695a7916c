"""Benchmark `glossa serve`: bounded load from 1, 8 and 32 concurrent clients.

    uv run python scripts/bench_serve.py [--requests 256] [--clients 1,8,32] [--jobs 2]
                                         [--rounds 3]

Two real `glossa serve` subprocesses on 127.0.0.1 (no TM, so every request reaches the
engine): one with micro-batching (5 ms window), one with --no-batching. Each client is
a thread with its own keep-alive HTTP connection sending one English sentence per
request (LibreTranslate form fields, en -> pt, Bergamot tiny model). The sentences are
all different, and every answer is compared with glossa's offline translation of that
sentence: a lost or wrong answer stops the benchmark. Figures are medians of interleaved
rounds, since the machine is usually shared.

The baseline is the same sentences sent one by one to the server without batching;
``batching_gain`` is the batched server's requests/s at the largest client count over
that baseline. Last line: ``bench serve_rps=N p99_ms=N batching_gain=Nx``.

Bergamot's native translator takes one sentence per call and holds the GIL, so a batch
costs the engine as much per sentence as single requests do; what a batch buys is the
spread over ``--jobs`` engine processes (Bergamot's parallel path, for batches of 16
or more), which single requests never reach. Both servers get the same ``--jobs``.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

SUBJECTS = ["The teacher", "My neighbour", "The old doctor", "Our driver", "The young writer",
            "His sister", "The farmer", "A tourist"]
VERBS = ["bought", "found", "painted", "sold", "lost", "cleaned", "opened", "carried"]
OBJECTS = ["a small house", "the red car", "an old book", "the new bicycle", "a wooden box",
           "the blue door"]
TIMES = ["yesterday", "last week", "this morning", "on Sunday"]


def sentences(count: int) -> list[str]:
    """``count`` distinct plain English sentences (subject, verb, object, time)."""
    combos = itertools.product(SUBJECTS, VERBS, OBJECTS, TIMES)
    out = [f"{s} {v} {o} {t}." for s, v, o, t in itertools.islice(combos, 0, None, 5)]
    if len(out) < count:
        raise SystemExit(f"at most {len(out)} distinct sentences; ask for fewer --requests")
    return out[:count]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(state: Path, *options: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "GLOSSA_DATA_DIR": str(state / "data"),
           "GLOSSA_CONFIG": str(state / "config.toml"), "ARGOS_PACKAGES_DIR": str(state / "argos")}
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "glossa", "serve", "--port", str(port),
                                "--no-tm", *options], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"glossa serve {' '.join(options)} did not start")


def load(url: str, texts: list[str], expected: dict[str, str], clients: int) -> dict:
    """Send every text once from ``clients`` threads; check every answer; time them."""
    work: queue.Queue[str] = queue.Queue()
    for text in texts:
        work.put(text)
    latencies: list[float] = []
    wrong: list[str] = []
    lock = threading.Lock()

    host, port = url.removeprefix("http://").split(":")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def client() -> None:
        # http.client, not httpx: the lightest client, so the figures are the server's
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        while True:
            try:
                text = work.get_nowait()
            except queue.Empty:
                conn.close()
                return
            body = urlencode({"q": text, "source": "en", "target": "pt"})
            t0 = time.perf_counter()
            conn.request("POST", "/translate", body, headers)
            reply = conn.getresponse()
            data = reply.read()
            elapsed = time.perf_counter() - t0
            ok = reply.status == 200 and json.loads(data).get("translatedText") == expected[text]
            with lock:
                latencies.append(elapsed)
                if not ok:
                    wrong.append(f"{text!r} -> {reply.status} {data[:200]!r}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if wrong or len(latencies) != len(texts):
        raise SystemExit(f"{len(wrong)} wrong or lost answers of {len(texts)}: {wrong[:3]}")
    latencies.sort()
    return {"rps": len(texts) / seconds, "p50": 1000 * statistics.median(latencies),
            "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=256, help="requests per run")
    parser.add_argument("--clients", default="1,8,32", help="concurrent clients per run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians)")
    parser.add_argument("--jobs", type=int, default=2, help="glossa serve --jobs (both servers)")
    args = parser.parse_args()
    levels = [int(n) for n in args.clients.split(",")]
    texts = sentences(args.requests)

    from glossa.api import translate_text

    t0 = time.perf_counter()
    expected = {text: translate_text(text, to="pt", from_="en") for text in texts}
    print(f"offline reference: {len(texts)} sentences in {time.perf_counter() - t0:.2f}s "
          f"(one by one, in-process)")

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        jobs = ["--jobs", str(args.jobs)]
        batched, batched_url = start_server(Path(tmp) / "batched", *jobs)
        single, single_url = start_server(Path(tmp) / "single", "--no-batching", *jobs)
        try:
            for url in (batched_url, single_url):  # models load once per process
                load(url, texts[:4], expected, 1)
                httpx.post(f"{url}/translate", json={"q": texts[:32], "source": "en",
                                                     "target": "pt"}, timeout=120)
            runs = rounds(args.rounds, levels, texts, expected, batched_url, single_url)
        finally:
            for process in (batched, single):
                process.terminate()
                process.wait(30)
    report(runs, levels)


def rounds(count: int, levels: list[int], texts: list[str], expected: dict[str, str],
           batched_url: str, single_url: str) -> dict[str, list[dict]]:
    """Interleaved rounds (baseline, then each level unbatched and batched), so that load
    from other jobs on the machine falls on every configuration alike."""
    runs: dict[str, list[dict]] = {}
    for number in range(1, count + 1):
        runs.setdefault("base", []).append(load(single_url, texts, expected, 1))
        for clients in levels:
            runs.setdefault(f"plain{clients}", []).append(
                load(single_url, texts, expected, clients))
            before = httpx.get(f"{batched_url}/glossa/stats").json()
            run = load(batched_url, texts, expected, clients)
            after = httpx.get(f"{batched_url}/glossa/stats").json()
            run["per_batch"] = (after["texts"] - before["texts"]) / max(
                1, after["batches"] - before["batches"])
            runs.setdefault(f"batched{clients}", []).append(run)
        print(f"round {number}/{count} done", flush=True)
    return runs


def median_of(runs: list[dict], name: str) -> float:
    return statistics.median(run[name] for run in runs)


def report(runs: dict[str, list[dict]], levels: list[int]) -> None:
    base = runs["base"]
    print(f"no batching, one by one: {median_of(base, 'rps'):7.1f} req/s  "
          f"p50 {median_of(base, 'p50'):6.1f} ms  p99 {median_of(base, 'p99'):6.1f} ms")
    for clients in levels:
        batched, plain = runs[f"batched{clients}"], runs[f"plain{clients}"]
        print(f"{clients:3d} clients: batched {median_of(batched, 'rps'):7.1f} req/s  "
              f"p50 {median_of(batched, 'p50'):6.1f} ms  p99 {median_of(batched, 'p99'):6.1f} ms"
              f"  {median_of(batched, 'per_batch'):5.1f} sentences/batch | unbatched "
              f"{median_of(plain, 'rps'):7.1f} req/s  p99 {median_of(plain, 'p99'):6.1f} ms")
    top = runs[f"batched{levels[-1]}"]
    gains = [b["rps"] / a["rps"] for a, b in zip(base, top, strict=True)]
    print(f"medians of {len(base)} interleaved rounds; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"bench serve_rps={median_of(top, 'rps'):.0f} p99_ms={median_of(top, 'p99'):.0f} "
          f"batching_gain={statistics.median(gains):.1f}x")


if __name__ == "__main__":
    main()
