"""glossa review on seeded-defect sets it was not written against (tests/data/review-eval):
real Bergamot output for the clean lines, about a quarter of the lines seeded with
defects. Scored like /work/shared/eval/score_review.py: distinct (line, kind) flags of
the five error kinds; recall over seeded defects, precision over flags on seeded vs
clean lines (a wrong kind on a seeded line counts neither way)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SETS = sorted(p for p in (Path(__file__).parent / "data" / "review-eval").iterdir()
              if p.is_dir())
KINDS = {"term", "number", "untranslated", "placeholder", "empty"}


def score(result_json: str, expected: Path) -> tuple[float, float, set, set]:
    seeded = {(d["line"], d["kind"]) for d in
              json.loads(expected.read_text(encoding="utf-8"))["defects"]}
    flags = {(s["index"] + 1, i["kind"]) for s in json.loads(result_json)["segments"]
             for i in s["issues"] if i["kind"] in KINDS}
    hits = flags & seeded
    false_pos = {f for f in flags if f[0] not in {line for line, _ in seeded}}
    recall = len(hits) / len(seeded)
    precision = len(hits) / (len(hits) + len(false_pos)) if hits or false_pos else 0.0
    return recall, precision, seeded - hits, false_pos


def test_there_are_three_sets_of_40_to_60_lines():
    assert len(SETS) >= 3
    for d in SETS:
        lines = (d / "source.txt").read_text(encoding="utf-8").splitlines()
        assert 40 <= len(lines) <= 60
        assert len((d / "target.txt").read_text(encoding="utf-8").splitlines()) == len(lines)


@pytest.mark.parametrize("data", SETS, ids=[d.name for d in SETS])
def test_seeded_defects_are_found_and_clean_lines_pass(cli, data):
    r = cli(["review", data / "source.txt", data / "target.txt", "-g", data / "glossary.tsv",
             "--json", "--no-tm"])
    assert r.code == 1  # every set has errors
    recall, precision, missed, false_pos = score(r.out, data / "expected.json")
    assert recall >= 0.9, f"missed: {sorted(missed)}"
    assert precision >= 0.9, f"false positives: {sorted(false_pos)}"
