"""Real-world PO tree: third-party catalogues in several languages through ``--to pt``.

Builds ``locale/xx/LC_MESSAGES/DOMAIN.po`` from the system's compiled catalogues
(``msgunfmt /usr/share/locale/xx/LC_MESSAGES/DOMAIN.mo``, for xx in pt, pt_BR, fr, de,
es, ru), empties a few msgstrs in the Portuguese ones for glossa to fill, adds a
``DOMAIN.pot`` per domain (msgstrs cleared, header ``Language`` empty), then runs the
real CLI once::

    glossa translate TREE --to pt --out-dir OUT --no-tm -j 1

and checks that every catalogue in another language is skipped with exactly one line and
gets no output, that the pt ones and the templates are written, and that every output
whose input passed ``msgfmt -c`` still passes. The last line gives the counts (glossa
exits 1 when some entries failed verification: they are kept untranslated and listed).

    uv run python scripts/po_tree_realworld.py [--quick] [--keep DIR] [--domains sed,xz]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SYSTEM = Path("/usr/share/locale")
LANGS = ("pt", "pt_BR", "fr", "de", "es", "ru")
TARGET = "pt"
# Small domains (tens of entries), so the templates translate in seconds on one core;
# software-properties' catalogues have no Language header (the folder says it).
QUICK = ("libsecret", "notification-daemon")
FULL = (*QUICK, "xdg-user-dirs", "popt", "cups-pk-helper", "software-properties", "psmisc")
CLEARED = 3  # translated entries emptied in each Portuguese catalogue
ENTRY = re.compile(r'^(msgstr(?:\[\d+\])?) ".+"$', re.MULTILINE)


def msgunfmt(mo: Path) -> str:
    return subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True).stdout


def cleared(text: str, count: int | None) -> str:
    """``text`` with the one-line msgstrs of its first ``count`` entries emptied (all of
    them when ``count`` is None); the header block is kept."""
    blocks = text.split("\n\n")
    done = 0
    for i, block in enumerate(blocks[1:], 1):
        if count is not None and done == count:
            break
        emptied = ENTRY.sub(r'\1 ""', block)
        if emptied != block:
            blocks[i], done = emptied, done + 1
    return "\n\n".join(blocks)


def template(text: str) -> str:
    """A .pot made from a catalogue: every msgstr emptied, ``Language`` blank."""
    header, *entries = cleared(text, None).split("\n\n")
    multi = re.compile(r'^(msgstr(?:\[\d+\])?) ""\n(?:".*"(?:\n|$))+', re.MULTILINE)
    entries = [multi.sub(r'\1 ""\n', block).rstrip("\n") for block in entries]
    header = re.sub(
        r'^"Language: [^"\\]*\\n"$', r'"Language: \\n"', header, count=1, flags=re.MULTILINE
    )
    return "\n\n".join([header, *entries]) + "\n"


def build(root: Path, domains: tuple[str, ...]) -> dict[Path, str]:
    """The tree; returns each file and the language it is in ('' for a template)."""
    files: dict[Path, str] = {}
    for domain in domains:
        made_pot = False
        for lang in LANGS:
            mo = SYSTEM / lang / "LC_MESSAGES" / f"{domain}.mo"
            if not mo.is_file():
                continue
            text = msgunfmt(mo)
            if lang.startswith("pt") and not made_pot:
                pot = root / f"{domain}.pot"
                pot.write_text(template(text), encoding="utf-8")
                files[pot], made_pot = "", True
            if lang.startswith("pt"):
                text = cleared(text, CLEARED)
            path = root / lang / "LC_MESSAGES" / f"{domain}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files[path] = lang
    return files


def msgfmt_ok(path: Path) -> bool:
    return (
        subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, check=False
        ).returncode
        == 0
    )


def run_glossa(root: Path, out: Path) -> tuple[int, str]:
    glossa = Path(sys.executable).with_name("glossa")
    command = [
        str(glossa) if glossa.exists() else "glossa",
        "translate",
        str(root),
        "--to",
        TARGET,
        "--out-dir",
        str(out),
        "--no-tm",
        "-j",
        "1",
    ]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    return proc.returncode, proc.stderr


def output_for(src: Path, root: Path, out: Path) -> Path:
    rel = src.relative_to(root)
    return out / rel.with_name(f"{rel.name.rsplit('.', 1)[0]}.{TARGET}.po")


def check(files: dict[Path, str], root: Path, out: Path, stderr: str) -> tuple[dict, list]:
    counts = {
        "files": len(files),
        "other": 0,
        "skipped": 0,
        "written": 0,
        "msgfmt_before": 0,
        "msgfmt_after": 0,
    }
    problems: list[str] = []
    lines = stderr.splitlines()
    for src, lang in sorted(files.items()):
        dest = output_for(src, root, out)
        said = [line for line in lines if line.startswith(f"glossa: skipped {src}:")]
        if lang and not lang.startswith(TARGET):
            counts["other"] += 1
            counts["skipped"] += len(said) == 1
            if len(said) != 1:
                problems.append(f"{src}: {len(said)} skip lines, expected one")
            if dest.exists():
                problems.append(f"{src}: another language's catalogue was written to {dest}")
            continue
        if said or not dest.exists():
            problems.append(f"{src}: not translated ({said[0] if said else 'no output'})")
            continue
        counts["written"] += 1
        if msgfmt_ok(src):
            counts["msgfmt_before"] += 1
            if msgfmt_ok(dest):
                counts["msgfmt_after"] += 1
            else:
                problems.append(f"{dest}: msgfmt -c fails, its input passed")
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}")
    parser.add_argument("--keep", metavar="DIR", help="build the tree and outputs in DIR")
    parser.add_argument("--domains", metavar="A,B", help="these text domains instead")
    args = parser.parse_args(argv)
    if shutil.which("msgunfmt") is None or not SYSTEM.is_dir():
        print("po_tree_realworld: needs gettext's msgunfmt and /usr/share/locale", file=sys.stderr)
        return 2
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="po-tree-"))
    root, out = base / "locale", base / "out"
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    root.mkdir(parents=True)
    try:
        chosen = tuple(args.domains.split(",")) if args.domains else None
        files = build(root, chosen or (QUICK if args.quick else FULL))
        code, stderr = run_glossa(root, out)
        counts, problems = check(files, root, out, stderr)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    if code not in (0, 1):  # 1: some units failed verification, kept in English, reported
        problems.append(f"glossa exited {code}: {stderr.strip().splitlines()[-1:]}")
    for problem in problems:
        print(problem)
    print(
        f"files {counts['files']}, other-language {counts['other']}, skipped with one line "
        f"{counts['skipped']}, written {counts['written']}, msgfmt -c passing "
        f"{counts['msgfmt_after']}/{counts['msgfmt_before']} (of those passing before), "
        f"glossa exit {code}, problems {len(problems)}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
