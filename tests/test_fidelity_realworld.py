"""scripts/fidelity_realworld.py --quick: other projects' files, checked independently."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GTK = Path("/usr/share/locale/pt/LC_MESSAGES/gtk30.mo")


@pytest.mark.skipif(not GTK.exists() or shutil.which("msgunfmt") is None,
                    reason="needs Debian's GTK catalogues and gettext's msgunfmt")
def test_third_party_files_are_written_right_or_reported():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "fidelity_realworld.py"),
                           "--quick", "--limit", "60"],
                          capture_output=True, text=True, check=False, timeout=600)
    last = proc.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=(\d+)", last))
    assert last.startswith("fidelity "), proc.stdout + proc.stderr
    assert int(figures["files"]) >= 3 and int(figures["translated"]) >= 60, last
    assert figures["wrong"] == "0" and figures["unreported_kept"] == "0", proc.stdout
    assert figures["msgfmt_failures"] == "0", proc.stdout
    assert proc.returncode == 0


def _checker():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import fidelity_realworld
    finally:
        sys.path.pop(0)
    return fidelity_realworld


@pytest.mark.parametrize(("source", "output"), [
    ("Blocks of 4096*4096 bytes", "Blocos de 4096 * 496 bytes"),  # a number rewritten
    ("' group is for backups.\"", "\" grupo é para backups\"."),  # a quote left alone
    ("Calendar", "Calendário (em inglês)"),  # an invented aside
    ("Ask IBM.", "Pregunta a iBM."),  # capitals broken
    ("Save as UTF-16.", "Salvar como Utf-16."),  # a code respelled
    ("Run `make dist` now.", "Execute o make `dist` agora."),  # a code span broken
])
def test_the_checker_catches_what_glossa_must_not_write(source, output):
    checker = _checker()
    tally = checker.Tally()
    checker.compare(tally, "x:1", source, output)
    assert tally.wrong == 1, (source, output)
    checker.compare(tally, "x:1", source, output, warned=True)
    assert tally.warned == 1 and tally.wrong == 1


@pytest.mark.parametrize(("source", "output"), [
    ("It costs 1,250 euros.", "Custa 1.250 euros."),
    ("Say \"hi\" to them.", "Diga “oi” a eles."),
    ("%s: `%s' argument to `-q'", "%s: argumento `%s' para `-q'"),  # GNU quotes move
    ("  %%   a percent sign", "  %%   um % literal"),
])
def test_the_checker_lets_a_faithful_translation_through(source, output):
    checker = _checker()
    tally = checker.Tally()
    checker.compare(tally, "x:1", source, output)
    assert tally.wrong == 0, tally.examples
