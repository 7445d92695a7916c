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
