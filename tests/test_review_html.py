"""The HTML review report in a real browser: headless Chromium renders it and the
screenshot shows text, red issue/deletion marks and green insertions. Skipped when
chromium is not installed (CI installs it)."""

from __future__ import annotations

import importlib.util
import re
import struct
import subprocess
import tempfile
import zlib
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from review_helpers import GLOSSARY_TSV, write

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "review_screenshot.py"
_spec = importlib.util.spec_from_file_location("review_screenshot", _SCRIPT)
shot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shot)

pytestmark = pytest.mark.skipif(shot.find_browser() is None, reason="chromium not installed")


def read_png(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit non-interlaced RGB/RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6)
    bpp = 4 if colour == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    pixels = [tuple(row[i:i + 3]) for row in rows for i in range(0, stride, bpp)]
    return width, height, pixels


def test_html_report_renders_in_chromium(cli, tmp_path):
    src = write(tmp_path / "src.txt", "Combatentes da Frente Sul deixaram a cidade.\n"
                "O arquivo {name} foi salvo em 2022.\n")
    mt = write(tmp_path / "mt.txt", "Fighters from the South Front left the city.\n"
               "The file {nome} was saved in 2021.\n")
    rev = write(tmp_path / "rev.txt", "Fighters from the Southern Front left the town.\n"
                "The file {nome} was saved in 2021.\n")
    g = write(tmp_path / "g.tsv", GLOSSARY_TSV)
    html, png = tmp_path / "report.html", tmp_path / "report.png"
    r = cli(["review", src, mt, "--revised", rev, "-g", g, "--from", "pt", "--to", "en",
             "--html", html])
    assert r.code == 1
    shot.screenshot(html, png)
    width, height, pixels = read_png(png)
    assert (width, height) == (1200, 900)
    dark = sum(1 for p in pixels if max(p) < 90)
    red = sum(1 for r_, g_, b_ in pixels if r_ > 110 and g_ < 60 and b_ < 60)
    green = sum(1 for r_, g_, b_ in pixels if g_ > 90 and r_ < 60 and b_ < 60)
    assert dark > 2000, "no text drawn"
    assert red > 50, "no red issue or deletion marks"
    assert green > 20, "no green insertions"


class _Dom(HTMLParser):
    """Tables, rows (id, class, data-kinds) and cells of a page as Chromium left it."""

    def __init__(self):
        super().__init__()
        self.tables: list[str] = []
        self.rows: list[dict] = []
        self.heads: list[str] = []
        self.scripts = 0
        self.filters: list[str] = []  # values of the kind-filter checkboxes
        self._cell: list[str] | None = None
        self._head: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append(a.get("id", ""))
        elif tag == "tr" and a.get("id", "").startswith("seg-"):
            self.rows.append({"id": a["id"], "class": a.get("class") or "",
                              "kinds": a.get("data-kinds", "").split(), "cells": []})
        elif tag == "td" and self.rows and self.tables[-1] == "segments":
            self._cell = []
        elif tag == "th" and self.tables and self.tables[-1] == "segments":
            self._head = []
        elif tag == "script":
            self.scripts += 1
        elif tag == "input" and a.get("type") == "checkbox":
            self.filters.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append("".join(self._cell))
            self._cell = None
        elif tag == "th" and self._head is not None:
            self.heads.append("".join(self._head))
            self._head = None

    def handle_data(self, data):
        for part in (self._cell, self._head):
            if part is not None:
                part.append(data)


def dump_dom(url: str) -> _Dom:
    """The DOM after Chromium ran the page's script (``chromium --headless --dump-dom``)."""
    with tempfile.TemporaryDirectory(prefix="glossa-chromium-") as profile:
        out = subprocess.run([shot.find_browser(), "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-first-run", "--disable-background-networking",
                              f"--user-data-dir={profile}", "--dump-dom", url],
                             check=True, capture_output=True, text=True, timeout=60).stdout
    dom = _Dom()
    dom.feed(out)
    return dom


def test_html_report_is_a_table_with_summary_anchors_and_a_kind_filter(cli, tmp_path):
    src = write(tmp_path / "src.txt", "Salve o arquivo <script>alert(1)</script> agora.\n"
                "O voo sai às 10h.\nA loja tem 3 portas.\n")
    mt = write(tmp_path / "mt.txt", "Save the file <script>alert(1)</script> now.\n"
               "The flight leaves at 10 o'clock.\nThe shop has 4 doors.\n")
    rev = write(tmp_path / "rev.txt", "Save the file <script>alert(1)</script> now now & then.\n"
                "The flight leaves at 10 a.m.\nThe shop has 4 doors.\n")
    html = tmp_path / "report.html"
    r = cli(["review", src, mt, "--revised", rev, "--from", "pt", "--to", "en", "--html", html])
    assert r.code == 1
    dom = dump_dom(html.as_uri())
    assert dom.tables == ["summary", "segments"]  # the summary comes first
    assert dom.heads == ["#", "Source (pt)", "MT (en)", "Revised", "Issues"]
    assert [row["id"] for row in dom.rows] == ["seg-1", "seg-2", "seg-3"]
    assert dom.scripts == 1  # only the filter: the user's <script> stayed text
    first = dom.rows[0]["cells"]
    assert first[1] == "Salve o arquivo <script>alert(1)</script> agora."
    assert first[3] == "Save the file <script>alert(1)</script> now now & then."  # ins as text
    assert dom.rows[1]["kinds"] == []  # 10h = 10 o'clock = 10 a.m.
    assert dom.rows[2]["kinds"] == ["number"] and "number" in dom.rows[2]["cells"][4]
    assert dom.filters == sorted(dom.filters) and "number" in dom.filters
    filtered = dump_dom(html.as_uri() + "?kind=number")
    assert [row["class"] for row in filtered.rows] == ["hidden", "hidden", ""]
    assert dom.rows[0]["kinds"] == ["doubled"]  # "now now"
    both = dump_dom(html.as_uri() + "?kind=number,doubled")  # any checked kind shows
    assert [row["class"] for row in both.rows] == ["", "hidden", ""]


_COPY_PROBE = """<script>
// what a reader gets by selecting the table and copying it
var table = document.getElementById("segments");
var range = document.createRange();
range.selectNodeContents(table);
window.getSelection().removeAllRanges();
window.getSelection().addRange(range);
var out = document.createElement("pre");
out.id = "copied";
out.textContent = window.getSelection().toString();
var cell = table.querySelector("td.target");
out.setAttribute("data-user-select", getComputedStyle(cell).userSelect);
document.body.appendChild(out);
</script>
</body>"""


def test_html_report_copies_as_text_from_a_selection(cli, tmp_path):
    src = write(tmp_path / "src.txt", "A fatura de março vence às 10h.\nO painel abriu.\n")
    mt = write(tmp_path / "mt.txt", "The March invoice is due at 11 a.m.\nThe panel opened.\n")
    rev = write(tmp_path / "rev.txt", "The March invoice is due at 10 a.m.\n"
                "The dashboard opened.\n")
    html = tmp_path / "report.html"
    cli(["review", src, mt, "--revised", rev, "--from", "pt", "--to", "en", "--html", html])
    probe = tmp_path / "probe.html"
    probe.write_text(html.read_text(encoding="utf-8").replace("</body>", _COPY_PROBE),
                     encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="glossa-chromium-") as profile:
        out = subprocess.run([shot.find_browser(), "--headless", "--no-sandbox", "--disable-gpu",
                              "--no-first-run", "--disable-background-networking",
                              f"--user-data-dir={profile}", "--dump-dom", probe.as_uri()],
                             check=True, capture_output=True, text=True, timeout=60).stdout
    start = out.index('<pre id="copied"')
    attrs, copied = out[start:].split(">", 1)
    copied = unescape(copied.split("</pre>", 1)[0])
    assert re.search(r'data-user-select="(auto|text)"', attrs), attrs
    # every cell's text is in the copy, the diff as plain words (deleted and inserted
    # words both, no marks), and no box-drawing characters of a terminal table
    for text in ("A fatura de março vence às 10h.", "The March invoice is due at 10 a.m.",
                 "The dashboard opened.", "number: missing in target"):
        assert text in " ".join(copied.split()), copied
    assert not set(copied) & set("┌┐└┘│─┼├┤")
    assert "[-" not in copied and "{+" not in copied
