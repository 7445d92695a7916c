"""Scoring of ⟦lang|fragment⟧ documents like /work/shared/eval/score_detect.py, in-process:
character-level precision/recall/F1 over the letters of foreign fragments, and the share
of host letters labelled foreign."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from glossa.detect import detect_text

MARK = re.compile(r"⟦([^|⟦⟧]*)\|([^⟦⟧]*)⟧")


def parse(marked: str, host: str) -> tuple[str, list[str]]:
    """Plain text and per-character gold labels from ⟦lang|text⟧ markup."""
    plain, gold, pos = [], [], 0
    for m in MARK.finditer(marked):
        plain += [marked[pos:m.start()], m.group(2)]
        gold += [host] * (m.start() - pos) + [m.group(1)] * len(m.group(2))
        pos = m.end()
    plain.append(marked[pos:])
    gold += [host] * (len(marked) - pos)
    return "".join(plain), gold


def predicted(text: str, det) -> list[str]:
    labels = [det.dominant] * len(text)
    for s in det.spans:
        labels[s.start:s.end] = [s.lang] * (s.end - s.start)
    return labels


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    host_letters: int = 0
    host_fp: int = 0
    wrong_dominant: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def host_fp_rate(self) -> float:
        return self.host_fp / self.host_letters if self.host_letters else 0.0

    def add(self, text: str, gold: list[str], host: str, det) -> None:
        if det.dominant != host:
            self.wrong_dominant.append(text[:40])
        for c, g, p in zip(text, gold, predicted(text, det), strict=True):
            if not c.isalpha():
                continue
            if g == host:
                self.host_letters += 1
                self.host_fp += p != host
            self.tp += g != host and p == g
            self.fn += g != host and p != g
            self.fp += p != host and p != g


def score_file(path: Path) -> Score:
    """Detect every document of a JSONL file ({"id", "host", "text"}) and score it."""
    score = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            text, gold = parse(doc["text"], doc["host"])
            score.add(text, gold, doc["host"], detect_text(text))
    return score
