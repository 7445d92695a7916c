"""Early model loading (glossa.engines.early): a small job's Bergamot model loads in a
forked child while glossa starts; the outputs are the in-process ones, a child that
failed or died is replaced by an in-process load, and a child that loaded another
model is never used. Each case runs in a fresh interpreter (a forked test worker
would carry the test runner's threads and state)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="early loading forks (Linux)")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_early_child_translates_what_the_engine_would():
    out = _run("""
        from glossa.engines import early
        from glossa.engines.bergamot import BergamotEngine

        texts = ["O gato dorme na casa.", " ", "A biblioteca abre às nove."]
        early.start("bergamot", "pt", "en")
        assert ("bergamot", "pt", "en") in early._children
        engine = BergamotEngine()
        first = [t.text for t in engine.translate_batch(texts, "pt", "en")]
        again = [t.text for t in engine.translate_batch(texts[:1], "pt", "en")]
        assert engine._translators == {}, "the model was loaded in-process too"
        assert ("pt", "en") in engine._early  # the later batch went to the child too
        engine.close()
        here = [t.text for t in BergamotEngine().translate_batch(texts, "pt", "en")]
        assert first == here and again == here[:1], (first, here)
        print(first)
    """)
    assert "The cat" in out


def test_a_child_that_loaded_another_model_is_closed_not_used():
    _run("""
        from glossa.engines import early

        early.start("bergamot", "pt", "en")
        child = early._children[("bergamot", "pt", "en")]
        assert early.take("bergamot", "pt", "en", "/some/other/model") is None
        assert child.pid == 0  # killed and reaped
        assert early.take("bergamot", "pt", "en", child.identity) is None  # once only
    """)


def test_a_failed_or_dead_child_gives_way_to_an_in_process_load():
    _run("""
        import os, signal
        from glossa.engines import early
        from glossa.engines.bergamot import BergamotEngine

        def broken():
            raise RuntimeError("no such model file")

        failing = early.EarlyChild("x", broken)
        try:
            failing.translate(["a"])
            raise SystemExit("a failed load must not answer")
        except early.EarlyLoadError as exc:
            assert "no such model file" in str(exc)
        failing.close()

        early.start("bergamot", "pt", "en")
        child = early._children[("bergamot", "pt", "en")]
        os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
        child.pid = 0
        engine = BergamotEngine()
        out = engine.translate_batch(["O gato dorme."], "pt", "en")
        assert out[0].text.startswith("The cat"), out
        assert ("pt", "en") in engine._translators and ("pt", "en") not in engine._early
    """)


def test_no_fork_while_another_thread_runs_and_none_for_an_unknown_pair():
    _run("""
        import threading
        from glossa.engines import early

        early.start("bergamot", "xx", "yy")  # no model: no child
        early.start("argos", "pt", "en")  # no early hook for this engine
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        early.start("bergamot", "pt", "en")
        stop.set()
        thread.join()
        assert early._children == {}, early._children
    """)


def test_the_cli_starts_the_child_for_a_small_job_only(tmp_path):
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("O gato dorme na casa.\n", encoding="utf-8")
    large.write_text("O gato dorme na casa.\n" * 400, encoding="utf-8")
    out = _run(f"""
        import argparse
        from glossa.commands import translate
        from glossa.engines import early

        def args(path, **extra):
            base = dict(inputs=[path], source="pt", to="en", engine="auto", cluster=None,
                        tm_only=False, jobs=0)
            return argparse.Namespace(**{{**base, **extra}})

        translate._warm_up(args({str(large)!r}))
        print("large", sorted(early._children))
        translate._warm_up(args({str(small)!r}, source="auto"))
        print("auto", sorted(early._children))
        translate._warm_up(args({str(small)!r}))
        print("small", sorted(early._children))
        for child in early._children.values():
            child.close()
    """)
    assert "large []" in out and "auto []" in out
    assert "small [('bergamot', 'pt', 'en')]" in out


def test_the_cli_output_is_the_same_with_the_early_child(tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("A biblioteca municipal abre às nove.\n", encoding="utf-8")
    outputs = []
    for jobs in ("0", "1"):  # both small: the early child in both runs
        done = subprocess.run([sys.executable, "-m", "glossa", "translate", str(src), "--from",
                               "pt", "--to", "en", "--no-tm", "-o", "-", "-j", jobs],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    inproc = _run("""
        from glossa.engines.bergamot import BergamotEngine
        print(BergamotEngine().translate_batch(["A biblioteca municipal abre às nove."],
                                               "pt", "en")[0].text)
    """)
    assert outputs[0] == outputs[1] == inproc
