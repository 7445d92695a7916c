"""Problems point at the file line of what failed, in every format (not a line inside
a message, not a segment number)."""

from __future__ import annotations

from glossa.formats import get_format
from glossa.pipeline import segment_line

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: a.py:1
msgid "Open the file"
msgstr ""

#: a.py:2
msgid ""
"First line\\n"
"Second line"
msgstr ""
"""

MD = """# Title

Some *emphasis* here
and a wrapped [link text](https://example.org) line.

- item one
- item **two**
"""


def _lines(fmt: str, text: str) -> list[tuple[str, int | None]]:
    doc = get_format(fmt).read(text, f"x.{fmt}")
    return [(s.text, segment_line(doc, s)) for s in doc.segments]


def test_po_segments_name_the_msgid_line_of_their_entry():
    assert _lines("po", PO) == [("Open the file", 6), ("First line", 10), ("Second line", 10)]


def test_markdown_segments_name_their_own_line():
    found = dict(_lines("md", MD))
    assert found["Title"] == 1
    assert found["emphasis"] == 3
    assert found["link text"] == 4
    assert found["item one"] == 6
    assert found["two"] == 7


# --- through the CLI: a problem entry deep in the file ------------------------------------

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt\\n"\n\n'


def _deep_catalogue() -> tuple[str, int]:
    """40 good entries, then one with comments, flags and msgctxt before its msgid, whose
    second message line makes the engine fail; returns the text and that msgid's line."""
    text = HEAD + "".join(f'#: shop.py:{n}\nmsgid "Shelf {n}"\nmsgstr ""\n\n' for n in range(40))
    text += ('# translator: careful\n#. the toolbar button\n#: shop.py:99\n#, c-format\n'
             'msgctxt "toolbar"\nmsgid ""\n"Save the file\\n"\n"The jammed line"\nmsgstr ""\n')
    return text, text.split("\n").index('msgid ""', 5) + 1


def test_a_failed_po_entry_deep_in_the_file_names_its_msgid_line(cli, tmp_path, monkeypatch):
    import engine_helpers

    engine = engine_helpers.register(monkeypatch)
    monkeypatch.chdir(tmp_path)
    text, line = _deep_catalogue()
    assert line == 171
    (tmp_path / "shop.po").write_text(text, "utf-8")
    result = cli(["translate", "shop.po", "--from", "en", "--to", "pt", "--engine", engine,
                  "--no-tm"])
    assert result.code == 1
    problems = [ln for ln in result.err.splitlines() if ln.startswith("! ")]
    assert problems == [f"! shop.po:{line}: failed: engine error: KeyError: 'jammed'"]


def test_review_names_the_msgid_line_of_each_entry(cli, tmp_path):
    text, line = _deep_catalogue()
    text = text.replace('msgid "Shelf 39"\nmsgstr ""', 'msgid "Shelf 39"\nmsgstr "Prateleira"')
    (tmp_path / "shop.po").write_text(text, "utf-8")
    result = cli(["review", tmp_path / "shop.po", "--from", "en", "--no-tm", "--json"])
    import json

    lines = {s["source"]: s.get("line") for s in json.loads(result.out)["segments"]}
    assert lines["Shelf 39"] == 163 and lines["Shelf 0"] == 7
    assert lines["Save the file\nThe jammed line"] == line


def test_a_failed_markdown_paragraph_deep_in_the_file_names_its_line(cli, tmp_path,
                                                                     monkeypatch):
    import engine_helpers

    engine = engine_helpers.register(monkeypatch)
    monkeypatch.chdir(tmp_path)
    blocks = [f"## Shelf {n}\n\nSave the file on shelf {n}.\n" for n in range(30)]
    blocks.append("> Quoted first line\n> and a *jammed* second line.\n")  # emphasis: nested
    blocks.append("The last paragraph,\njammed on its second line.\n")
    (tmp_path / "guide.md").write_text("\n".join(blocks), "utf-8")
    result = cli(["translate", "guide.md", "--from", "en", "--to", "pt", "--engine", engine,
                  "--no-tm"])
    assert result.code == 1
    problems = [ln for ln in result.err.splitlines() if ln.startswith("! ")]
    quote = 30 * 4 + 1  # each block is 3 lines plus the blank line joining them
    # the emphasis is translated on its own, on the quote's second line; a paragraph's
    # problem names the line its text starts on
    assert problems == [f"! guide.md:{quote + 1}: failed: engine error: KeyError: 'jammed'",
                        f"! guide.md:{quote + 3}: failed: engine error: KeyError: 'jammed'"]
