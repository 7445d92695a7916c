"""Borrowed phrases found through the first-word index are those one alternation of
every phrase finds (the index only skips words that start no phrase)."""

from __future__ import annotations

import random
import re

import pytest

from glossa.detect.loans import LOAN_PHRASES, _fold, loan_ranges


def _one_alternation() -> re.Pattern[str]:
    variants = {v for phrase in LOAN_PHRASES for v in (phrase, _fold(phrase))}
    parts = sorted(
        (re.escape(v).replace("'", "['’]").replace(r"\ ", r"\s+") for v in variants),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w'’-])", re.IGNORECASE)


PIECES = [w for phrase in LOAN_PHRASES for w in phrase.split()] + [
    "the",
    "um",
    "De",
    "FACTO",
    "Joie",
    "l'oeil",
    "d’œuvre",
    "TROMPE",
    "per",
    "se",
    "x",
    "é",
]
GLUE = [" ", "  ", "\n", "-", "'", "’", ", ", "", "\t"]


@pytest.mark.parametrize("seed", range(4))
def test_index_finds_what_one_alternation_finds(seed):
    rng = random.Random(seed)
    reference = _one_alternation()
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) + rng.choice(GLUE) for _ in range(rng.randint(1, 14)))
        assert loan_ranges(text) == [(m.start(), m.end()) for m in reference.finditer(text)]


def test_overlapping_candidates_keep_the_leftmost_longest():
    text = "Ela disse: ad hoc hoc, e depois ad  HOC; um vis-à-vis, VIS-A-VIS e per se."
    got = [text[a:b] for a, b in loan_ranges(text)]
    assert got == ["ad hoc", "ad  HOC", "vis-à-vis", "VIS-A-VIS", "per se"]


def test_only_the_first_words_a_text_meets_are_compiled():
    from glossa.detect import loans

    loans._pattern.cache_clear()
    assert loan_ranges("A de facto rule, vice versa.") == [(2, 10), (17, 27)]
    compiled = {word for word in ("de", "vice") if loans._pattern(word) is not None}
    assert compiled == {"de", "vice"}
    # compiled: "a" (a priori...), "de", "vice"; "rule" starts no phrase, "facto" is inside one
    assert loans._pattern.cache_info().currsize == 3
