"""Long documents are analysed piece by piece: same spans, bounded memory."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import glossa.detect as detect
from glossa.detect import detect_text
from glossa.detect.tokens import tokenize

EVAL = Path(__file__).parent / "data" / "detect-eval.jsonl"
MARK = re.compile(r"⟦(\w+)\|(.*?)⟧", re.S)


def _english_documents() -> list[str]:
    docs = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    return [MARK.sub(r"\2", d["text"]) for d in docs if d["host"] == "en"]


def test_pieces_cut_after_blank_lines_and_cover_the_text():
    text = "a\n\nbb\n\n\nccc\n\ndddd"
    pieces = list(detect._paragraph_pieces(text, 2))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a == prev_b for (_, prev_b), (a, _) in zip(pieces, pieces[1:], strict=False))
    assert all(text[b - 2:b] == "\n\n" for _, b in pieces[:-1])


def test_piecewise_detection_finds_the_same_spans_as_whole_text(monkeypatch):
    text = "\n\n".join(_english_documents())
    whole = detect_text(text)
    monkeypatch.setattr(detect, "BATCH_CHARS", 300)
    pieces = detect_text(text)
    assert len(list(detect._paragraph_pieces(text, 300))) > 10
    assert pieces.dominant == whole.dominant == "en"
    assert pieces.spans == whole.spans
    assert whole.spans  # the documents do have foreign runs


@pytest.mark.parametrize("words", [1, 50])
def test_kept_mask_sweep_matches_the_direct_check(words):
    text = " ".join(f"w{i} per se" for i in range(words))
    tokens = tokenize(text)
    ranges = sorted([(m.start(), m.end()) for m in re.finditer(r"per se", text)]
                    + [(0, 3), (1, 12)])
    direct = [any(a < w.end and w.start < b for a, b in ranges) for w in tokens]
    assert detect._overlaps(tokens, ranges) == direct
