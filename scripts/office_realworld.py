"""Real-world DOCX/ODT check: how many inline formatting boundaries survive the engine.

Converts real HTML pages (default: the Debian documentation pages under
/usr/share/doc that LibreOffice can import) to DOCX and ODT with LibreOffice, translates
them en->pt with the bundled Bergamot model, and prints per file: paragraphs,
paragraphs with formatting boundaries, how many came back with every boundary in place,
how many were merged (formatting of the first run) or kept, whether the output opens in
LibreOffice again, and the time.

    uv run python scripts/office_realworld.py [HTML ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = ["/usr/share/doc/base-passwd/users-and-groups.html",
           "/usr/share/doc/python3/python-policy.html"]


def convert(files: list[Path], kind: str, out: Path) -> None:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", kind, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=600)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", nargs="*", default=DEFAULT)
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("needs LibreOffice: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    from glossa.api import make_options, read_document, write_document
    from glossa.formats._office import MARKER_BASE
    from glossa.pipeline import translate_documents

    work = Path(tempfile.mkdtemp(prefix="glossa-office-"))
    pages = [Path(p) for p in args.html if Path(p).exists()]
    for page in pages:
        shutil.copy(page, work / page.name)
    htmls = [work / p.name for p in pages]
    convert(htmls, "docx:MS Word 2007 XML", work)
    convert(htmls, "odt:writer8", work)
    options = make_options("pt", "en", engine="bergamot")
    outputs = []
    for page in htmls:
        for suffix in (".docx", ".odt"):
            src = page.with_suffix(suffix)
            doc = read_document(src)
            started = time.perf_counter()
            report = translate_documents([doc], options)
            dest = src.with_name(f"{src.stem}.pt{suffix}")
            write_document(doc, dest, report)
            seconds = time.perf_counter() - started
            with_runs = [i for i, s in enumerate(doc.segments) if chr(MARKER_BASE) in s.text]
            merged = {p.segment for p in report.problems if p.kind == "merged"}
            kept = {p.segment for p in report.problems if p.kind in ("kept", "failed")}
            exact = [i for i in with_runs if i not in merged and i not in kept]
            print(f"office {src.name}: paragraphs={len(doc.segments)} with_runs={len(with_runs)}"
                  f" exact={len(exact)} merged={len(merged)} kept={len(kept)}"
                  f" seconds={seconds:.1f}")
            outputs.append(dest)
    convert(outputs, "txt:Text (encoded):UTF8", work / "txt")
    opened = sum((work / "txt" / f"{o.stem}.txt").exists() for o in outputs)
    print(f"office libreoffice_reopened={opened}/{len(outputs)} work={work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
