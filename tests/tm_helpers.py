"""Shared pieces of the translation-memory tests (fixtures, sample files, a fake engine)."""
# ruff: noqa: E501  (the OmegaT sample keeps its real long lines)

from __future__ import annotations

import pytest

from scripted_engine import ScriptedEngine

MODEL = "bergamot:en-pt:tiny v1"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Point glossa's data dir (and so the default TM) at a temporary directory."""
    path = tmp_path / "data"
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(path))
    return path


OMEGAT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.0_0_1bf1729c" segtype="sentence" srclang="EN-US"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="EN-US">
        <seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to keep your changes.</seg>
      </tuv>
      <tuv lang="PT-BR" changeid="ana" changedate="20240311T101500Z" creationid="ana"
           creationdate="20240311T101500Z">
        <seg>Clique em <bpt i="1" x="1">&lt;b&gt;</bpt>Salvar<ept i="1">&lt;/b&gt;</ept> para manter as alterações.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-US">
        <seg>The library opens at nine.</seg>
      </tuv>
      <tuv xml:lang="PT-BR" changeid="ana" changedate="20240312T090000Z" creationid="ana"
           creationdate="20240312T090000Z">
        <seg>A biblioteca abre às nove horas.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


class FakeEngine(ScriptedEngine):
    """Deterministic stand-in that records calls and can be told to fail (for resume tests)."""

    name = "fake"

    def __init__(self, fail_on_call: int | None = None) -> None:
        super().__init__(pairs=None)
        self.fail_on_call = fail_on_call
        self.answer = lambda text, source, target: f"«{text.upper()}»"

    @property
    def calls(self) -> list[list[str]]:
        return self.batches

    def model_id(self, source: str, target: str) -> str:
        return f"fake:{source}-{target}:1"

    def translate_batch(self, texts, source, target):
        if self.fail_on_call is not None and len(self.batches) + 1 == self.fail_on_call:
            self.batches.append(list(texts))
            raise KeyboardInterrupt
        return super().translate_batch(texts, source, target)
