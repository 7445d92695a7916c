"""A tree of real third-party catalogues through ``--to pt --out-dir`` (the script, in its
quick mode), and the case it found: a translated catalogue whose ``Language`` header is
empty sits in another language's ``xx/LC_MESSAGES`` folder (GNOME's es catalogues)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAST = re.compile(
    r"files (\d+), other-language (\d+), skipped with one line (\d+), written (\d+), "
    r"msgfmt -c passing (\d+)/(\d+) \(of those passing before\), glossa exit [01], "
    r"problems (\d+)"
)

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: \\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
ENTRIES = {
    "de": 'msgid "Open the garden gate"\nmsgstr "Das Gartentor öffnen"\n',
    "pt": 'msgid "Open the garden gate"\nmsgstr "Abrir o portão do jardim"\n',
}


@pytest.mark.skipif(
    shutil.which("msgunfmt") is None
    or not Path("/usr/share/locale/fr/LC_MESSAGES/libsecret.mo").is_file(),
    reason="needs gettext and the system's compiled catalogues",
)
def test_quick_tree_of_system_catalogues_skips_others_and_keeps_msgfmt_clean():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "po_tree_realworld.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    last = proc.stdout.strip().splitlines()[-1]
    assert proc.returncode == 0, proc.stdout[-3000:]
    match = LAST.fullmatch(last)
    assert match, last
    files, other, skipped, written, after, before, problems = map(int, match.groups())
    assert other >= 4 and skipped == other
    assert written == files - other and written >= 2
    assert after == before >= 1 and problems == 0


def test_empty_language_header_in_another_languages_folder_is_skipped(cli, tmp_path):
    root = tmp_path / "locale"
    for lang, entry in ENTRIES.items():
        path = root / lang / "LC_MESSAGES" / "garden.po"
        path.parent.mkdir(parents=True)
        path.write_text(HEADER + entry, encoding="utf-8")
    german = (root / "de" / "LC_MESSAGES" / "garden.po").read_bytes()
    out = tmp_path / "out"
    result = cli(["translate", root, "--to", "pt", "--out-dir", out, "--no-tm"])
    assert result.code == 0, result.err
    skipped = [line for line in result.err.splitlines() if "skipped" in line]
    assert skipped == [
        f"glossa: skipped {root / 'de' / 'LC_MESSAGES' / 'garden.po'}: "
        "catalogue language is de, target is pt"
    ]
    assert not (out / "de").exists()
    assert (root / "de" / "LC_MESSAGES" / "garden.po").read_bytes() == german


def test_empty_language_header_takes_the_folders_variant(cli, tmp_path):
    """A pt_BR catalogue with no Language translated ``--to pt`` stays pt_BR (header and
    plural rule), and the model's pt_BR raises no variant warning."""
    path = tmp_path / "locale" / "pt_BR" / "LC_MESSAGES" / "garden.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        HEADER.replace("n != 1", "n > 1") + ENTRIES["pt"] + '\nmsgid "Close the shed"\nmsgstr ""\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli(["translate", path, "--to", "pt", "--out-dir", out, "--no-tm"])
    assert result.code == 0, result.err
    written = (out / "garden.pt.po").read_text(encoding="utf-8")
    assert '"Language: pt_BR\\n"' in written
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in written
    assert "variant" not in result.err and "the model writes" not in result.err
