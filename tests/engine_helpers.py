"""A word-table engine plug-in for tests that need outputs they can predict, registered
the way any engine is: one line in ``glossa.engines.ENGINES`` (see ``register``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossa.engines.base import EngineDefaults, ModelInfo, Translation

#: en -> pt, word by word; words not here come back unchanged (as names do).
WORDS = {
    "insert": "insira",
    "your": "seu",
    "before": "antes",
    "you": "você",
    "sign": "entrar",
    "in": "em",
    "open": "abra",
    "the": "o",
    "to": "para",
    "see": "ver",
    "devices": "aparelhos",
    "lists": "lista",
    "every": "cada",
    "device": "aparelho",
    "turn": "ligue",
    "on": "a",
    "light": "candeeiro",
    "save": "salve",
    "file": "arquivo",
    "first": "primeira",
    "second": "segunda",
    "line": "linha",
    "shelf": "prateleira",
}


class TableEngine(EngineDefaults):
    """en->pt from WORDS, keeping everything else (placeholder tokens included); a
    sentence holding "jammed" makes it raise, as a buggy plug-in would."""

    name = "table"

    def models(self) -> list[ModelInfo]:
        return [ModelInfo("table", "en", "pt", "1", kind="rule-based")]

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == ("en", "pt")

    def model_id(self, source: str, target: str) -> str:
        return "table:en-pt:1"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if any("jammed" in text for text in texts):
            raise KeyError("jammed")
        return [Translation(re.sub(r"[A-Za-z]+", _word, text)) for text in texts]


def _word(match: re.Match) -> str:
    word = match.group()
    out = WORDS.get(word.lower(), word)
    return out.capitalize() if word[0].isupper() and out.islower() else out


def register(monkeypatch) -> str:
    """Register TableEngine as "table" for one test; returns the name to pass. (get_engine
    keeps one instance per name for the process: other test engines use other names.)"""
    from glossa.engines import ENGINES

    monkeypatch.setitem(ENGINES, "table", f"{__name__}:TableEngine")
    return "table"
