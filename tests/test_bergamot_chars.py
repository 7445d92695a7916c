"""The cached character table of a Bergamot vocabulary answers as the vocabulary does."""

from __future__ import annotations

import random

import pytest

from glossa.engines import bergamot as bmod
from glossa.engines.base import unknown_runs
from glossa.engines.bergamot import BergamotEngine

TEXTS = [
    "Coração, pão e limões — à noite.",
    "Ærøskøbing’s «fjord» costs 5 €",
    "Straße Nr. 7: Ωmega and Жук",
    "ÇA VA? ñandú, ğ ş ı",
]


def _random_texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = [chr(c) for a, b in bmod._TABLE_RANGES for c in range(a, b)]
    return ["".join(rng.choice(pool) for _ in range(40)) for _ in range(20)]


@pytest.mark.parametrize(("source", "target"), [("pt", "en"), ("en", "pt")])
def test_table_and_vocabulary_find_the_same_unknown_runs(source, target):
    engine = BergamotEngine()
    texts = TEXTS + _random_texts(5)
    from_table = engine.unencodable(texts, source, target)
    known = engine._vocabulary(source, target)
    assert from_table == [unknown_runs(text, known) for text in texts]
    assert any(from_table)  # the texts do hold characters the tiny vocabulary lacks


def test_second_run_reads_the_table_without_loading_the_vocabulary(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(tmp_path / "data"))
    first = BergamotEngine().unencodable(TEXTS, "pt", "en")
    assert list((tmp_path / "data" / "cache").glob("bergamot-chars-*.json"))
    later = BergamotEngine()

    def refuse(*_args):
        raise AssertionError("the vocabulary was loaded")

    monkeypatch.setattr(later, "_vocabulary", refuse)
    assert later.unencodable(TEXTS, "pt", "en") == first


def test_characters_outside_the_table_still_ask_the_vocabulary(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(tmp_path / "data"))
    engine = BergamotEngine()
    asked = []
    real = engine._vocabulary
    monkeypatch.setattr(engine, "_vocabulary", lambda s, t: asked.append(1) or real(s, t))
    spans = engine.unencodable(["Olá 世界 amigo"], "pt", "en")
    assert asked and spans == [unknown_runs("Olá 世界 amigo", real("pt", "en"))]


def test_a_corrupt_table_is_rebuilt(monkeypatch, tmp_path):
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(tmp_path / "data"))
    expected = BergamotEngine().unencodable(TEXTS, "pt", "en")
    for path in (tmp_path / "data" / "cache").glob("bergamot-chars-*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert BergamotEngine().unencodable(TEXTS, "pt", "en") == expected
