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
