"""Benchmark: one translation job locally and on a local Ray cluster of 1 and 2 workers.

The job: N distinct English sentences (default 2,000; ``--sentences 10000`` for the full
run) in one text document, translated en->pt with the bundled Bergamot model through
glossa's pipeline (``translate_documents``), without a TM. "local" is a plain run (the
engine's own worker processes, one per core); "cluster Nw" starts a local Ray instance
with N CPUs, so the ClusterEngine runs N actors, each holding the model. Actor start-up
and model loading are paid once per cluster and excluded (a warm-up batch), as a
long job amortises them. Per-chunk overhead is the mean driver<->actor round trip of a
call that does no work. The outputs of every mode are checked to be identical.

Run: ``uv run python scripts/bench_cluster.py``. Last line:
``bench cluster_1w=N/s cluster_2w=N/s local=N/s``.
"""

from __future__ import annotations

import argparse
import os
import random
import time

WORDS = ("the library opens early on monday and every reader may borrow five books while "
         "children listen to old stories in the quiet garden near the river after school "
         "a small boat waits for the morning train").split()


def sentences(count: int) -> list[str]:
    rng, seen = random.Random(7), set()
    while len(seen) < count:
        seen.add(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize()
                 + ".")
    return sorted(seen)


# warm-up: enough sentences for the engine's parallel path, so every worker loads the model
WARM_UP = "".join(f"Good morning number {i}.\n" for i in range(128))


def run_job(text: str, cluster: str | None) -> tuple[float, str]:
    from glossa.formats import get_format
    from glossa.pipeline import TranslateOptions, translate_documents

    fmt = get_format("txt")
    doc = fmt.read(text, "bench.txt")
    options = TranslateOptions("pt", "en", "bergamot", cluster=cluster)
    started = time.perf_counter()
    report = translate_documents([doc], options)
    seconds = time.perf_counter() - started
    assert not report.failed, report.failed[:3]
    return seconds, fmt.write(doc)


def round_trip_ms(calls: int = 50) -> float:
    import ray

    from glossa.cluster import _pools

    actor = next(iter(_pools.values())).actors[0]
    ray.get(actor.model_id.remote())
    started = time.perf_counter()
    for _ in range(calls):
        ray.get(actor.model_id.remote())
    return (time.perf_counter() - started) / calls * 1000


def on_cluster(workers: int, text: str) -> tuple[float, str, float]:
    import ray

    from glossa.cluster import disconnect

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
             logging_level="ERROR")
    try:
        run_job(WARM_UP, "local")  # start the actors, load the model
        seconds, output = run_job(text, "local")
        return seconds, output, round_trip_ms()
    finally:
        disconnect()


def main() -> None:
    os.environ["RAY_ENABLE_UV_RUN_RUNTIME_ENV"] = "0"  # before Ray is imported: see cluster.py
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    text = "\n".join(sentences(args.sentences)) + "\n"
    chunks = -(-args.sentences // 256)
    print(f"job: {args.sentences} distinct sentences, {chunks} engine chunks, "
          f"{os.cpu_count()} CPUs on this machine")

    run_job(WARM_UP, None)  # start the engine's worker processes, load the model
    local_s, reference = run_job(text, None)
    rates = {"local": args.sentences / local_s}
    print(f"local: {local_s:.1f} s, {rates['local']:.1f} sentences/s")
    for workers in (1, 2):
        seconds, output, rtt = on_cluster(workers, text)
        assert output == reference, f"cluster {workers}w output differs from the local run"
        rates[f"cluster_{workers}w"] = args.sentences / seconds
        print(f"cluster {workers}w: {seconds:.1f} s, {rates[f'cluster_{workers}w']:.1f} "
              f"sentences/s, round trip {rtt:.2f} ms per call (x{chunks} chunks = "
              f"{rtt * chunks / 1000:.2f} s of the job), output identical to local")
    print(f"scaling 2w/1w: {rates['cluster_2w'] / rates['cluster_1w']:.2f}x; "
          f"cluster 2w / local: {rates['cluster_2w'] / rates['local']:.2f}x")
    print(f"bench cluster_1w={rates['cluster_1w']:.0f}/s cluster_2w={rates['cluster_2w']:.0f}/s "
          f"local={rates['local']:.0f}/s")


if __name__ == "__main__":
    main()
