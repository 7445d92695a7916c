"""Quoted punctuation in a msgid names something literal (a sed command, a character the
parser expected): it is protected, since the engine dropped it (`":" lacks a label` came
back as `"" falta um rótulo`, with no warning)."""

from __future__ import annotations

import polib
import pytest

from glossa.formats import po

HEADER = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("msgid", "kept"),
    [
        ('\\"=\\" needs a value', '"="'),
        ("expected ']' before the end", "']'"),
        ("type “;;” between the commands", "“;;”"),
    ],
)
def test_quoted_symbols_are_protected(msgid, kept):
    doc = po.read(HEADER + f'msgid "{msgid}"\nmsgstr ""\n', "cmd.pot")
    (segment,) = doc.segments
    spans = [segment.text[s.start : s.end] for s in segment.protected]
    assert kept in spans


def test_quoted_words_are_still_translated():
    doc = po.read(HEADER + 'msgid "the word \\"apple\\" is red"\nmsgstr ""\n', "cmd.pot")
    assert doc.segments[0].protected == []


def test_a_quoted_command_survives_translation(cli, tmp_path):
    src = tmp_path / "cmd.pot"
    src.write_text(HEADER + 'msgid "\\":\\" needs a name"\nmsgstr ""\n', encoding="utf-8")
    out = tmp_path / "cmd.pt.po"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    (entry,) = [e for e in polib.pofile(str(out)) if e.msgid]
    assert '":"' in entry.msgstr and entry.msgstr != entry.msgid
