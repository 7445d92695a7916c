"""Glossary term accuracy through the CLI on the terms-eval sets (tests/data/terms-eval:
software/UI, news/politics, hard cases), scored like the shared scorer: a term is a hit
when its required target form is a case-sensitive substring of the output line (into
Portuguese the form with its first letter's case swapped counts too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossa.cli import main

DATA = Path(__file__).parent / "data" / "terms-eval"
SETS = ["ui", "news", "hard"]
DIRECTIONS = [("en", "pt"), ("pt", "en")]


def _hit(form: str, line: str, tgt: str) -> bool:
    forms = {form, form[:1].swapcase() + form[1:]} if tgt == "pt" else {form}
    return any(f in line for f in forms)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("src, tgt", DIRECTIONS)
def test_term_accuracy_through_cli(tmp_path, name, src, tgt):
    tests = [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
    tests = [t for t in tests if (t["src"], t["tgt"]) == (src, tgt)]
    assert len(tests) >= 20
    source = tmp_path / f"in.{src}.txt"
    source.write_text("".join(t["text"] + "\n" for t in tests), encoding="utf-8")
    out = tmp_path / f"out.{tgt}.txt"
    code = main(["translate", str(source), "--from", src, "--to", tgt, "--glossary",
                 str(DATA / f"{name}.tsv"), "-o", str(out), "--no-tm", "-q"])
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == len(tests)
    untranslated = [t["text"] for t, o in zip(tests, lines, strict=True) if o == t["text"]]
    assert untranslated == []
    pairs = [(form, o) for t, o in zip(tests, lines, strict=True) for _, form in t["terms"]]
    misses = [(form, o) for form, o in pairs if not _hit(form, o, tgt)]
    assert 1 - len(misses) / len(pairs) >= 0.97, misses
    if not misses:
        assert code == 0  # (a term miss makes the exit code 1)
