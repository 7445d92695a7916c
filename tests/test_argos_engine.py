"""The Argos engine end to end on real (random-weight) packages built in the test session."""

from __future__ import annotations

import ctranslate2
import pytest
import sentencepiece as spm

import argos_helpers
from argos_helpers import make_sentences
from glossa.engines import get_engine, select_engine
from glossa.engines.argos import ArgosEngine, load_options
from glossa.engines.argos_packages import install_archive
from glossa.errors import ModelMissing, UsageError

argos_archives = argos_helpers.argos_archives  # fixtures
argos_env = argos_helpers.argos_env

SENTENCES = make_sentences(24, seed=11) + make_sentences(8, words=3, seed=12)


@pytest.fixture
def installed(argos_env, argos_archives, monkeypatch):
    """de-fr (target prefix __fr__), it-en and en-nl installed in a private folder."""
    monkeypatch.setenv("GLOSSA_THREADS", "1")  # same float sums as the reference below
    return {name: install_archive(argos_archives[name]) for name in ("de-fr", "it-en", "en-nl")}


def reference(pkg, texts, prefix=None, beam_size=2):
    """Plain CTranslate2, one sentence per call: what the batched engine must reproduce."""
    sp = spm.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(pkg.path / "model"), intra_threads=1,
                                        compute_type="auto")  # as glossa and argos
    out = []
    for text in texts:
        result = translator.translate_batch(
            [sp.encode(text, out_type=str)], target_prefix=[[prefix]] if prefix else None,
            beam_size=beam_size, length_penalty=0.2, replace_unknowns=True)[0]
        hyp = result.hypotheses[0]
        out.append(sp.decode_pieces(hyp[1:] if prefix else hyp))
    return out


def test_batch_matches_one_by_one_in_input_order(installed):
    engine = ArgosEngine()
    got = engine.translate_batch(SENTENCES, "de", "fr")
    assert len(got) == len(SENTENCES)
    expected = reference(installed["de-fr"], SENTENCES, prefix="__fr__")
    assert [t.text for t in got] == expected
    assert len(set(expected)) > len(SENTENCES) // 3  # outputs differ, so order is checked
    assert all(isinstance(t.score, float) and t.score <= 0 for t in got)


def test_small_token_batches_give_the_same_result(installed, monkeypatch):
    engine = ArgosEngine()
    whole = engine.translate_batch(SENTENCES, "de", "fr")
    monkeypatch.setenv("GLOSSA_MAX_BATCH_TOKENS", "40")  # many sub-batches
    assert [t.text for t in engine.translate_batch(SENTENCES, "de", "fr")] == \
        [t.text for t in whole]


def test_deterministic_and_output_lengths_follow_inputs(installed):
    engine = ArgosEngine()
    first = engine.translate_batch(SENTENCES, "de", "fr")
    assert engine.translate_batch(SENTENCES, "de", "fr") == first
    words = [len(t.text.split()) for t in first]
    assert 0 < sum(words) / len(words) < 40  # neither empty nor running to the length limit


def test_target_prefix_is_fed_and_stripped(installed):
    engine = ArgosEngine()
    texts = [t.text for t in engine.translate_batch(SENTENCES[:6], "de", "fr")]
    assert not any("__fr__" in t for t in texts)
    without_prefix = reference(installed["de-fr"], SENTENCES[:6])
    assert texts != without_prefix  # the prefix changes what the decoder produces


def test_empty_and_whitespace_segments_pass_through(installed):
    engine = ArgosEngine()
    got = engine.translate_batch(["", "  ", SENTENCES[0], f"  {SENTENCES[1]}\n"], "de", "fr")
    assert got[0].text == "" and got[1].text == "  "
    assert got[2].text.strip() and got[3].text.startswith("  ") and got[3].text.endswith("\n")
    assert got[3].text.strip() == engine.translate_batch([SENTENCES[1]], "de", "fr")[0].text
    assert engine.translate_batch([], "de", "fr") == []


def test_pivot_through_english(installed):
    engine = ArgosEngine()
    assert engine.supports("it", "nl") and not engine.supports("nl", "it")
    assert engine.model_id("it", "nl") == "argos:it-en:1.0+argos:en-nl:1.0"
    got = [t.text for t in engine.translate_batch(SENTENCES[:5], "it", "nl")]
    english = reference(installed["it-en"], SENTENCES[:5])
    assert got == reference(installed["en-nl"], english)


def test_models_lists_installed_packages(installed):
    models = {m.pair: m for m in ArgosEngine().models()}
    assert set(models) == {"de-fr", "it-en", "en-nl"}
    assert models["de-fr"].version == "1.0" and models["de-fr"].size > 100_000
    assert models["de-fr"].path == installed["de-fr"].path


def test_missing_pair_names_the_install_command(installed):
    with pytest.raises(ModelMissing, match="glossa models install --from fr --to de"):
        ArgosEngine().translate_batch(["x"], "fr", "de")


def test_select_engine_finds_argos_packages(installed):
    assert select_engine("de", "fr").name == "argos"
    assert select_engine("it", "nl", "argos").name == "argos"


def test_packages_installed_after_first_use_are_found(argos_env, argos_archives):
    engine = ArgosEngine()
    assert not engine.supports("de", "fr")
    install_archive(argos_archives["de-fr"])
    assert engine.supports("de", "fr")


def test_reinstall_loads_the_new_model(installed, argos_archives):
    engine = ArgosEngine()
    before = engine.translate_batch(SENTENCES[:8], "de", "fr")
    install_archive(argos_archives["de-fr-1.1"])  # different random weights
    assert engine.model_id("de", "fr") == "argos:de-fr:1.1"
    assert engine.translate_batch(SENTENCES[:8], "de", "fr") != before


def test_sentencepiece_decode_keeps_underscores(installed):
    """argostranslate turns '_' into ' '; glossa's decode must give back the text."""
    sp = spm.SentencePieceProcessor(model_file=str(installed["de-fr"].path
                                                   / "sentencepiece.model"))
    from glossa.engines.argos import _Tokenizer

    tok = _Tokenizer(installed["de-fr"])
    for text in ("snake_case and file_name.txt", "__init__ e-mail 50%"):
        assert tok.decode(tok.encode(text)) == text == sp.decode(sp.encode(text))


@pytest.mark.parametrize("env, value, field, expected", [
    ("GLOSSA_BEAM_SIZE", "4", "beam_size", 4),
    ("GLOSSA_THREADS", "1", "intra_threads", 1),
    ("GLOSSA_INTER_THREADS", "2", "inter_threads", 2),
    ("GLOSSA_MAX_BATCH_TOKENS", "512", "max_batch_tokens", 512),
    ("GLOSSA_COMPUTE_TYPE", "int8", "compute_type", "int8"),
])
def test_options_from_environment(monkeypatch, env, value, field, expected):
    monkeypatch.setenv(env, value)
    assert getattr(load_options(), field) == expected


def test_options_from_config_file_and_env_wins(monkeypatch, tmp_path):
    from glossa.config import load_config

    config = tmp_path / "config.toml"
    config.write_text("[argos]\nbeam_size = 5\nthreads = 3\n")
    monkeypatch.setenv("GLOSSA_CONFIG", str(config))
    load_config.cache_clear()
    options = load_options()
    assert (options.beam_size, options.intra_threads) == (5, 3)
    monkeypatch.setenv("GLOSSA_BEAM_SIZE", "1")
    assert load_options().beam_size == 1


@pytest.mark.parametrize("value", ["zero", "0", "-2"])
def test_bad_option_is_a_usage_error(monkeypatch, value):
    monkeypatch.setenv("GLOSSA_BEAM_SIZE", value)
    with pytest.raises(UsageError, match="GLOSSA_BEAM_SIZE"):
        load_options()


def test_beam_size_reaches_the_decoder(installed, monkeypatch):
    engine = ArgosEngine()
    monkeypatch.setenv("GLOSSA_BEAM_SIZE", "1")
    greedy = [t.text for t in engine.translate_batch(SENTENCES, "de", "fr")]
    assert greedy == reference(installed["de-fr"], SENTENCES, prefix="__fr__", beam_size=1)


def test_translate_cli_end_to_end(installed, cli, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("\n\n".join(SENTENCES[:4]) + "\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = cli(["translate", src, "--from", "de", "--to", "fr", "--engine", "argos",
                  "-o", out])
    assert result.code == 0, result.err
    paragraphs = out.read_text(encoding="utf-8").strip().split("\n\n")
    expected = reference(installed["de-fr"], SENTENCES[:4], prefix="__fr__")
    assert paragraphs == expected


def test_registry_engine_is_argos(installed):
    assert isinstance(get_engine("argos"), ArgosEngine)


@pytest.mark.parametrize(("cores", "layout"), [(1, (1, 1)), (2, (2, 1)), (4, (4, 1)),
                                               (8, (4, 2)), (64, (4, 2))])
def test_default_thread_layout_runs_batches_in_parallel_first(cores, layout):
    from glossa.engines.argos import default_layout

    assert default_layout(cores) == layout


@pytest.mark.parametrize(("inter", "intra"), [("2", "1"), ("1", "2"), ("3", "1")])
def test_every_thread_layout_gives_the_same_output(installed, monkeypatch, inter, intra):
    pkg = installed["it-en"]
    expected = reference(pkg, SENTENCES)
    monkeypatch.setenv("GLOSSA_INTER_THREADS", inter)
    monkeypatch.setenv("GLOSSA_THREADS", intra)
    out = [t.text for t in ArgosEngine().translate_batch(SENTENCES, "it", "en")]
    assert out == expected


def test_thread_layout_fits_the_job_and_never_changes_the_output(installed, monkeypatch):
    """Default layout: a lone sentence gets 1 x cores, a batch cores x 1 (loaded once,
    replacing the first), then small jobs reuse it; every layout gives the same text."""
    import glossa.engines.argos as argos

    monkeypatch.delenv("GLOSSA_THREADS")  # the fixture's fixed layout off: auto layout
    monkeypatch.setattr(argos, "usable_cores", lambda: 2)
    engine = ArgosEngine()

    def layouts():
        return [(r.options.inter_threads, r.options.intra_threads)
                for r in engine._runners.values()]

    alone = engine.translate_batch(SENTENCES[:1], "de", "fr")[0].text
    assert layouts() == [(1, 2)]
    batch = [t.text for t in engine.translate_batch(SENTENCES, "de", "fr")]
    assert layouts() == [(2, 1)]
    again = engine.translate_batch(SENTENCES[:1], "de", "fr")[0].text
    assert layouts() == [(2, 1)]
    assert alone == again == batch[0]
    assert batch == reference(installed["de-fr"], SENTENCES, prefix="__fr__")


@pytest.mark.parametrize(("cores", "sentences", "layout"), [
    (2, None, (2, 1)), (2, 500, (2, 1)), (2, 1, (1, 2)), (8, 500, (4, 2)), (8, 2, (2, 4)),
    (1, 1, (1, 1)), (16, 500, (4, 2))])
def test_default_layout_from_cores_and_job_size(cores, sentences, layout):
    from glossa.engines.argos import default_layout

    assert default_layout(cores, sentences) == layout


def test_a_thread_count_set_by_the_user_fixes_the_layout(monkeypatch):
    monkeypatch.setenv("GLOSSA_INTER_THREADS", "2")
    assert not load_options().auto_layout
    monkeypatch.delenv("GLOSSA_INTER_THREADS")
    assert load_options().auto_layout
