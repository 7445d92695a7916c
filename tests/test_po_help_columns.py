"""--help lines of GNU catalogues (sed, xz, coreutils): the option column and the spaces
aligning the description are kept as written; only the description is translated (the
engine moved ``--version`` to the end of the line and collapsed the column)."""

from __future__ import annotations

import polib

from glossa.formats import po

HEADER = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
HELP = (
    'msgid ""\n'
    '"  -k, --keep-going     carry on after a failed step\\n"\n'
    '"  -j N, --jobs=N       run N steps at once\\n"\n'
    '"      --color[=WHEN]   colour the log lines\\n"\n'
    '"      --about  show who wrote the tool and leave\\n"\n'
    'msgstr ""\n\n'
    'msgid "- plain words  after a dash"\nmsgstr ""\n'
)
COLUMNS = [
    "  -k, --keep-going     ",
    "  -j N, --jobs=N       ",
    "      --color[=WHEN]   ",
    "      --about  ",
]


def test_only_the_descriptions_are_segments():
    doc = po.read(HEADER + HELP, "tool.pot")
    assert [s.text for s in doc.segments] == [
        "carry on after a failed step",
        "run N steps at once",
        "colour the log lines",
        "show who wrote the tool and leave",
        "- plain words  after a dash",
    ]


def test_translated_help_keeps_the_option_column(cli, tmp_path):
    src = tmp_path / "tool.pot"
    src.write_text(HEADER + HELP, encoding="utf-8")
    out = tmp_path / "tool.pt.po"
    result = cli(["translate", src, "--from", "en", "--to", "pt", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    entry = next(e for e in polib.pofile(str(out)) if "--keep-going" in e.msgid)
    lines = entry.msgstr.split("\n")
    assert lines[-1] == "" and len(lines) == 5
    for line, column in zip(lines, COLUMNS, strict=False):
        assert line.startswith(column) and line[len(column)] != " ", line
        assert len(line) > len(column) + 3


def test_the_catalogues_own_help_lines_are_memory_without_their_column():
    done = (
        'msgid "  -k, --keep-going     carry on after a failed step\\n"\n'
        'msgstr "  -k, --keep-going   continuar após um passo falhado\\n"\n\n'
        'msgid "  -j N, --jobs=N  run N steps at once\\n"\n'
        'msgstr "  -j N, --tarefas=N  correr N passos de uma vez\\n"\n\n'
    )
    doc = po.read(HEADER + done + 'msgid "Carry on"\nmsgstr ""\n', "tool.po")
    memory = doc.meta["memory"]
    assert memory[("carry on after a failed step", "")] == "continuar após um passo falhado"
    assert not any("steps at once" in source for source, _ in memory)  # other options
