"""The HTML review report in a real browser: headless Chromium renders it and the
screenshot shows text, red issue/deletion marks and green insertions. Skipped when
chromium is not installed (CI installs it)."""

from __future__ import annotations

import importlib.util
import struct
import zlib
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
