"""Every reader is linear: about 1 MB of adversarial input completes well inside a
generous bound (a subprocess timeout, not a timing assertion), and absurd structure is
reported as one error line (issue 19)."""

from __future__ import annotations

import subprocess
import sys

import pytest

READ = r"""
import sys
from glossa.errors import GlossaError
path, kind = sys.argv[1], sys.argv[2]
try:
    if kind == "glossary":
        from glossa.glossary import load_glossary
        print(len(load_glossary(path).entries))
    else:
        from glossa.api import read_document
        print(len(read_document(path).segments))
except GlossaError as exc:
    print("error:", exc)
"""

MB = 1_000_000


def _po_entries() -> str:
    return 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n' + "".join(
        f'msgid "Item {i} %s"\nmsgid_plural "Items {i}"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        for i in range(MB // 60))


def _po_continuations() -> str:
    return 'msgid ""\n' + '"x"\n' * (MB // 4) + 'msgstr ""\n'


def _tbx() -> str:
    body = "\n".join(f'<termEntry><langSet xml:lang="en"><tig><term>t{i}</term></tig>'
                     f'</langSet><langSet xml:lang="pt"><tig><term>u{i}</term></tig>'
                     f"</langSet></termEntry>" for i in range(MB // 130))
    return (f'<?xml version="1.0"?>\n<martif type="TBX"><text><body>\n{body}\n'
            "</body></text></martif>")


def _srt() -> str:
    return "".join(f"{i}\n00:00:01,000 --> 00:00:02,000\n<i>Line {i}</i> {{\\an8}}\n\n"
                   for i in range(1, MB // 50))


CASES = {
    "po-entries.po": (_po_entries, "document"),
    "po-continuations.po": (_po_continuations, "document"),
    # markdown-it itself spends ~20-60 us per link or delimiter (linear, but slow):
    # 200 KB keeps these quick; scripts/ could time 1 MB
    "md-brackets.md": (lambda: ("[" * 999 + "\n") * 200, "document"),
    "md-links.md": (lambda: "[a](b) " * (MB // 35) + "\n", "document"),
    "md-emphasis.md": (lambda: "*a " * (MB // 30) + "b** " * (MB // 40) + "\n", "document"),
    "md-backticks.md": (lambda: "".join("`" * k + " x " for k in range(1, 1400)), "document"),
    "srt-cues.srt": (_srt, "document"),
    "txt-lines.txt": (lambda: "Word, word. " * (MB // 12) + "\n", "document"),
    "terms.tbx": (_tbx, "glossary"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_finishes_on_a_large_adversarial_input(tmp_path, name):
    make, kind = CASES[name]
    path = tmp_path / name
    path.write_text(make(), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", READ, str(path), kind], capture_output=True,
                          text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_absurd_nplurals_is_refused_fast(cli, tmp_path):
    po = tmp_path / "plural.po"
    po.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=100000000; plural=n;\\n"\n\n'
                  'msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\n', encoding="utf-8")
    result = cli(["translate", po, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2 and "nplurals=100000000" in result.err
    assert f"{po}:1:" in result.err
    assert not (tmp_path / "plural.pt.po").exists()


def test_huge_plural_index_is_refused(cli, tmp_path):
    po = tmp_path / "index.po"
    po.write_text('msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[99999999] ""\n',
                  encoding="utf-8")
    result = cli(["translate", po, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2 and "msgstr[99999999]" in result.err


def test_absurdly_nested_markdown_is_reported(cli, tmp_path):
    md = tmp_path / "nest.md"
    md.write_text("Intro.\n\n" + "[" * 500 + "x" + "]" * 500 + "\n", encoding="utf-8")
    result = cli(["translate", md, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2 and f"{md}:3: brackets nested more than 64 deep" in result.err
    assert not (tmp_path / "nest.pt.md").exists()
