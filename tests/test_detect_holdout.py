"""Held-back recall: the detector library on our own holdout set of mixed documents
(tests/data/eval/mixed-own-holdout.jsonl, written for glossa and never tuned on), scored
like ../shared/eval/score_detect.py.  Its twin mixed-own-tune.jsonl, the set the rules
were developed on, is scored in test_detect_eval.py."""

from __future__ import annotations

from pathlib import Path

from detect_helpers import score_file

EVAL = Path(__file__).parent / "data" / "eval"


def _figures(score) -> str:
    p = score.tp / (score.tp + score.fp) if score.tp + score.fp else 1.0
    r = score.tp / (score.tp + score.fn) if score.tp + score.fn else 1.0
    return (
        f"detect F1={score.f1:.3f} P={p:.3f} R={r:.3f} "
        f"hostFP={score.host_fp_rate:.4f} wrong_dominant={len(score.wrong_dominant)}"
    )


def test_holdout_f1_and_host_false_positives():
    score = score_file(EVAL / "mixed-own-holdout.jsonl")
    print(f"mixed-own-holdout: {_figures(score)}")
    assert score.wrong_dominant == []
    assert score.f1 >= 0.98, _figures(score)
    assert score.host_fp_rate <= 0.005, _figures(score)
