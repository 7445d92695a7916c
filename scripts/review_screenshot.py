#!/usr/bin/env python3
"""Screenshot a glossa review HTML report in headless Chromium (Debian's ``chromium``).

    python scripts/review_screenshot.py report.html out.png

Used by tests/test_review_html.py to check the report renders in a real browser; handy
by hand too. Offline: every network feature of the browser is switched off.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def screenshot(html: Path, png: Path, size: str = "1200,900", timeout: float = 60) -> None:
    """Render ``html`` and write a PNG of the first ``size`` pixels; raises on failure."""
    browser = find_browser()
    if browser is None:
        raise FileNotFoundError("no chromium found on PATH")
    with tempfile.TemporaryDirectory(prefix="glossa-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={profile}", f"--screenshot={png.resolve()}",
               f"--window-size={size}", html.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot to {png}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
    print(sys.argv[2])
