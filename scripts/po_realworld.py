"""Real-world PO check: Django's Portuguese catalogues, msgstrs cleared, translated en->pt.

For every ``django/**/locale/pt/LC_MESSAGES/django.po`` (Django is a dev dependency):
clear all msgstrs, run ``glossa translate --from en --to pt`` on the copy, then check
that msgids, contexts, order, counts, flags (besides the added ``fuzzy``), references and
placeholders are preserved and that ``msgfmt --check`` passes, and score the machine
msgstrs against Django's human ones with chrF (sacrebleu).

    uv run python scripts/po_realworld.py [--lang pt] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import polib

PLACEHOLDER = re.compile(r"%\([^)]+\)[a-z]|%[sd]|\{[\w.]*\}|<[^>]+>|&\w+;")


def cleared_copy(source: Path, target: Path) -> None:
    catalogue = polib.pofile(str(source))
    for entry in catalogue:
        entry.msgstr = ""
        if entry.msgid_plural:
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(target))


def check(human: Path, cleared: Path, out: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Problems found, and (machine, human) msgstr pairs for scoring."""
    problems: list[str] = []
    pairs: list[tuple[str, str]] = []
    before = [e for e in polib.pofile(str(cleared)) if not e.obsolete]
    after = [e for e in polib.pofile(str(out)) if not e.obsolete]
    reference = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(human))}
    if [(e.msgctxt, e.msgid, e.msgid_plural) for e in before] != [
            (e.msgctxt, e.msgid, e.msgid_plural) for e in after]:
        problems.append(f"{out.name}: msgids / order / counts changed")
        return problems, pairs
    for old, new in zip(before, after, strict=True):
        if [f for f in new.flags if f != "fuzzy"] != old.flags:
            problems.append(f"{out.name}: flags changed for {old.msgid[:40]!r}")
        if old.occurrences != new.occurrences or old.comment != new.comment:
            problems.append(f"{out.name}: comments changed for {old.msgid[:40]!r}")
        values = list(new.msgstr_plural.values()) if new.msgid_plural else [new.msgstr]
        sources = [old.msgid] + [old.msgid_plural] * (len(values) - 1)
        for value, origin in zip(values, sources, strict=True):
            if value and sorted(PLACEHOLDER.findall(value)) != sorted(PLACEHOLDER.findall(origin)):
                problems.append(f"{out.name}: placeholders differ: {origin!r} -> {value!r}")
        ref = reference.get((old.msgctxt, old.msgid))
        if ref is None or "fuzzy" in ref.flags:
            continue
        if new.msgid_plural:
            for n, value in new.msgstr_plural.items():
                if value and ref.msgstr_plural.get(n):
                    pairs.append((value, ref.msgstr_plural[n]))
        elif new.msgstr and ref.msgstr:
            pairs.append((new.msgstr, ref.msgstr))
    return problems, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="pt", help="Django locale to use as reference")
    parser.add_argument("--keep", type=Path, help="keep the translated catalogues here")
    args = parser.parse_args(argv)

    from sacrebleu.metrics import CHRF

    root = Path(sysconfig.get_paths()["purelib"]) / "django"
    humans = sorted(root.rglob(f"locale/{args.lang}/LC_MESSAGES/django.po"))
    if not humans:
        print("Django is not installed (uv sync --dev)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="glossa-po-"))
    jobs = []
    for human in humans:
        domain = human.relative_to(root).parts[-5] if "contrib" in human.parts else "core"
        cleared = work / f"{domain}.pot"
        cleared_copy(human, cleared)
        jobs.append((human, cleared, work / f"{domain}.pt.po"))

    from glossa.api import make_options, read_document, write_document
    from glossa.pipeline import translate_documents

    options = make_options("pt", "en", engine="bergamot")
    started = time.perf_counter()
    docs = [read_document(cleared) for _, cleared, _ in jobs]
    report = translate_documents(docs, options)
    for doc, (_, _, out) in zip(docs, jobs, strict=True):
        write_document(doc, out)
    seconds = time.perf_counter() - started

    problems: list[str] = []
    pairs: list[tuple[str, str]] = []
    entries = filled = 0
    msgfmt = shutil.which("msgfmt")
    for human, cleared, out in jobs:
        found, scored = check(human, cleared, out)
        problems += found
        pairs += scored
        catalogue = [e for e in polib.pofile(str(out)) if not e.obsolete]
        entries += len(catalogue)
        filled += sum(1 for e in catalogue if e.msgstr or any(e.msgstr_plural.values()))
        if msgfmt:
            proc = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(out)],
                                  capture_output=True, text=True, check=False)
            if proc.returncode:
                problems.append(f"{out.name}: msgfmt --check failed: {proc.stderr.strip()}")
    chrf = CHRF().corpus_score([m for m, _ in pairs], [[h for _, h in pairs]])
    for problem in problems[:20]:
        print("PROBLEM", problem)
    print(f"catalogues: {len(jobs)}  entries: {entries}  filled: {filled}  "
          f"failed segments: {len(report.failed)}  time: {seconds:.1f}s")
    msgfmt_ok = msgfmt and not any("msgfmt" in p for p in problems)
    print(f"msgfmt --check: {'passed' if msgfmt_ok else 'n/a or failed'}  "
          f"structure problems: {len(problems)}")
    print(f"chrF vs Django's human {args.lang} msgstrs ({len(pairs)} strings): {chrf.score:.1f}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for _, cleared, out in jobs:
            shutil.copy(cleared, args.keep / cleared.name)
            shutil.copy(out, args.keep / out.name)
    shutil.rmtree(work)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
