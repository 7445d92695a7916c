"""A UTF-8 byte order mark at the start of a text file is a byte like any other: every
text format keeps it, once, in front of a translated file, and it never reaches an
engine (the tiny models drop it, and a YAML reader counts its offsets without it)."""

from __future__ import annotations

import pytest

from formats_helpers import fake_translate
from glossa.formats import get_format

SAMPLES = {
    "txt": "Good morning, everyone.\nThe shop opens at nine.\n",
    "md": "# Opening hours\n\nThe shop opens at nine.\n",
    "srt": "1\n00:00:01,000 --> 00:00:02,500\nGood evening.\n",
    "html": '<html lang="en"><body><p>The shop opens at nine.</p></body></html>\n',
    "json": '{"opening": "The shop opens at nine.", "closing": "We close at six."}\n',
    "yaml": "en:\n  opening: The shop opens at nine.\n  closing: \"We close at six.\"\n",
}


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_the_byte_order_mark_stays_first_and_outside_the_segments(fmt):
    module = get_format(fmt)
    text = "\ufeff" + SAMPLES[fmt]
    doc = module.read(text, f"sample.{fmt}")
    assert module.write(doc) == text
    assert all("\ufeff" not in segment.text for segment in doc.segments)
    out = module.write(fake_translate(doc, str.upper))
    assert out.startswith("\ufeff") and out.count("\ufeff") == 1
    assert out != text  # something was translated
    module.read(out, f"out.{fmt}")  # and the output still reads
