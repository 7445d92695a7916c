"""The ``glossa`` program's exit (glossa.cli.entry): exit codes and output as ``main()``
gives them, exit handlers run, and the fast exit (no interpreter teardown) taken only
when no thread or worker process is left to wait for."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=120)


def test_exit_code_and_output_of_the_program(tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("O gato dorme na casa.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "glossa", "translate", str(src), "--from", "pt",
                           "--to", "en", "--no-tm", "-o", "-"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The cat") and done.stdout.endswith("\n")
    assert "0 failed" in done.stderr
    missing = subprocess.run([sys.executable, "-m", "glossa", "translate",
                              str(tmp_path / "none.txt"), "--to", "en"],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1, missing.stderr


def test_exit_handlers_run_and_the_fast_exit_waits_for_threads(tmp_path):
    marker = tmp_path / "handler-ran"
    code = f"""
        import atexit, sys, threading, time
        import glossa.cli as cli

        def main():
            atexit.register(lambda: open({str(marker)!r}, "w").write("ran"))
            if sys.argv[1] == "thread":
                threading.Thread(target=lambda: (time.sleep(0.3), print("thread done"))).start()
            print("alone" if cli._alone() else "not alone", flush=True)
            return 3

        cli.main = main
        cli.entry()
    """
    fast = _python(code, "plain")
    assert fast.returncode == 3 and fast.stdout == "alone\n" and marker.read_text() == "ran"
    marker.unlink()
    waits = _python(code, "thread")
    assert waits.returncode == 3 and marker.read_text() == "ran"
    assert waits.stdout == "not alone\nthread done\n"  # the thread was not cut off
