"""The Bergamot engine finds the bundled en<->pt models and extra model directories."""

from __future__ import annotations

import shutil

from glossa.engines.bergamot import BergamotEngine, _bundled_dirs, discover_models


def test_bundled_models_cover_pt_en_both_ways():
    engine = BergamotEngine()
    assert engine.supports("pt", "en") and engine.supports("en", "pt")
    assert not engine.supports("en", "ru")
    pairs = {m.pair for m in engine.models()}
    assert {"pt-en", "en-pt"} <= pairs
    assert all(m.size > 1_000_000 for m in engine.models())


def test_translates_a_batch_in_order():
    engine = BergamotEngine()
    out = engine.translate_batch(["Bom dia.", "O gato dorme na cadeira.", ""], "pt", "en")
    assert [t.text for t in out] == ["Good morning.", "The cat sleeps in the chair.", ""]


def test_extra_model_dirs_from_environment(tmp_path, monkeypatch):
    bundled = discover_models(_bundled_dirs())
    pten = next(m for m in bundled if (m.source, m.target) == ("pt", "en"))
    custom = tmp_path / "models" / "my-pten"
    shutil.copytree(pten.directory, custom)
    monkeypatch.setenv("GLOSSA_BERGAMOT_MODELS", str(tmp_path / "models"))
    engine = BergamotEngine()
    found = {m.pair: m.path for m in engine.models()}
    assert found["pt-en"] == custom  # configured directories win over the bundled ones
    assert engine.translate_batch(["Bom dia."], "pt", "en")[0].text == "Good morning."


def test_model_dirs_from_config_file(tmp_path, monkeypatch):
    from glossa.config import load_config

    bundled = discover_models(_bundled_dirs())
    enpt = next(m for m in bundled if (m.source, m.target) == ("en", "pt"))
    custom = tmp_path / "enpt"
    shutil.copytree(enpt.directory, custom)
    config = tmp_path / "config.toml"
    config.write_text(f'bergamot_models = ["{custom}"]\n', encoding="utf-8")
    monkeypatch.setenv("GLOSSA_CONFIG", str(config))
    load_config.cache_clear()
    assert {m.pair: m.path for m in BergamotEngine().models()}["en-pt"] == custom


def test_directory_without_models_is_ignored(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "model.bin").write_bytes(b"x")
    assert discover_models([tmp_path, tmp_path / "missing"]) == []
