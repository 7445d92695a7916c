"""Real-world Markdown check: the Markdown READMEs inside installed packages' METADATA.

Every long description with ``Description-Content-Type: text/markdown`` in the venv is
read, round-tripped (must be byte-identical), translated en->pt with the bundled model,
and its block structure (markdown-it block tokens) compared before and after.

    uv run python scripts/md_realworld.py
"""

from __future__ import annotations

import email
import sys
import sysconfig
import time
from collections import Counter
from pathlib import Path


def main() -> int:
    from glossa.api import make_options
    from glossa.formats import md
    from glossa.pipeline import translate_documents

    site = Path(sysconfig.get_paths()["purelib"])
    docs = []
    for meta in sorted(site.glob("*.dist-info/METADATA")):
        message = email.message_from_string(meta.read_text(encoding="utf-8"))
        body = message.get_payload()
        if "markdown" in (message.get("Description-Content-Type") or "") and body.strip():
            docs.append((meta.parent.name, md.read(body, meta.parent.name)))
    not_identical = [name for name, doc in docs if md.write(doc) != doc.text]
    started = time.perf_counter()
    report = translate_documents([d for _, d in docs], make_options("pt", "en",
                                                                    engine="bergamot"))
    seconds = time.perf_counter() - started

    def blocks(text: str) -> list[str]:
        return [t.type for t in md._parser().parse(text) if t.type != "inline"]

    changed = [name for name, doc in docs if blocks(md.write(doc)) != blocks(doc.text)]
    print(f"documents: {len(docs)}  characters: {sum(len(d.text) for _, d in docs)}  "
          f"round trip not identical: {len(not_identical)}")
    print(f"segments: {report.segments}  translated: {report.translated}  "
          f"failed: {len(report.failed)}  time: {seconds:.1f}s")
    print(f"block structure changed: {len(changed)} {changed}")
    for message, count in Counter(p.message for p in report.failed).most_common(5):
        print(f"  failed x{count}: {message}")
    return 1 if not_identical or changed else 0


if __name__ == "__main__":
    sys.exit(main())
