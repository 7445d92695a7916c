"""An engine whose answers a test writes: to see what reaches the engine and to play the
tiny models' mistakes (inventions, lost names, moved tags) on purpose."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from glossa import engines
from glossa.engines import ModelInfo
from glossa.engines.base import Translation


class ScriptedEngine:
    """Answers with ``answer(text, source, target)`` (default: upper-case words, tokens kept)
    and records every batch."""

    name = "scripted"

    def __init__(self, pairs=(("en", "pt"), ("pt", "en"))):
        self.pairs = None if pairs is None else set(pairs)  # None: every pair, no model list
        self.batches: list[list[str]] = []
        self.answer: Callable[[str, str, str], str] = shout

    @property
    def seen(self) -> list[str]:
        return [text for batch in self.batches for text in batch]

    def models(self):
        return [ModelInfo(self.name, source, target, "1") for source, target in self.pairs or ()]

    def supports(self, source, target):
        return self.pairs is None or (source, target) in self.pairs

    def model_id(self, source, target):
        return f"{self.name}:{source}-{target}"

    def configure(self, *, jobs=0):
        pass

    def unencodable(self, texts, source, target):
        return [[] for _ in texts]

    def install_hint(self, source, target):
        return "this is a test engine"

    def translate_batch(self, texts, source, target):
        self.batches.append(list(texts))
        return [Translation(self.answer(text, source, target)) for text in texts]


def shout(text: str, source: str = "", target: str = "") -> str:
    """Upper-case every word but the placeholder tokens (XT0X, ZXQ0)."""
    return " ".join(w if w.startswith(("XT", "ZXQ")) else w.upper() for w in text.split(" "))


def install(monkeypatch: pytest.MonkeyPatch, pairs=(("en", "pt"), ("pt", "en"))) -> ScriptedEngine:
    """Make the scripted engine the only one (``--engine scripted`` on the CLI)."""
    engine = ScriptedEngine(pairs)
    monkeypatch.setattr(engines, "ENGINES", {"scripted": "unused:Unused"})
    monkeypatch.setattr(engines, "get_engine", lambda name: engine)
    return engine


def scripted_translate(cli, src, *extra, source: str | None = "en", target: str = "pt",
                       out="-"):
    """``glossa translate SRC --engine scripted --no-tm EXTRA`` (see cli_helpers.translate)."""
    from cli_helpers import translate

    return translate(cli, src, "--engine", "scripted", "--no-tm", *extra, source=source,
                     target=target, out=out)
