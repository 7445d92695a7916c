"""`glossa tm`: import, export, inspect and search the translation memory."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tm", help="translation memory: import TMX, PO, XLIFF; export TMX; stats, search",
        description="Manage the translation memory (an SQLite file, by default in glossa's "
        "data directory) that `glossa translate` reuses.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--tm", metavar="PATH",
                        help="translation memory file (default: DATA_DIR/tm.sqlite)")
    tm_sub = p.add_subparsers(dest="tm_command", metavar="ACTION", required=True)

    imp = tm_sub.add_parser("import", parents=[common], help="import TMX, PO or XLIFF files",
                            description="Import TMX 1.4 (OmegaT, Okapi, glossa), PO or XLIFF "
                            "files. PO and XLIFF units count when translated and not fuzzy; "
                            "they are human.")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help=".tmx, .po, .pot, .xlf, .xliff or .sdlxliff files")
    imp.add_argument("--from", dest="source", metavar="LANG",
                     help="source language (PO: required unless X-Source-Language is set; "
                     "XLIFF: default source-language)")
    imp.add_argument("--to", dest="target", metavar="LANG",
                     help="target language (PO: default Language header; XLIFF: "
                     "target-language; TMX: only this one)")
    imp.add_argument("--origin", choices=["human", "machine"],
                     help="treat every imported entry as this origin "
                     "(default: TMX x-glossa-origin property, else human)")
    imp.set_defaults(run=run_import)

    exp = tm_sub.add_parser("export", parents=[common], help="export to TMX 1.4b",
                            description="Export the translation memory as TMX 1.4b.")
    exp.add_argument("output", metavar="OUT.tmx", help="output file ('-' for stdout)")
    exp.add_argument("--from", dest="source", metavar="LANG", help="only this source language")
    exp.add_argument("--to", dest="target", metavar="LANG", help="only this target language")
    exp.add_argument("--origin", choices=["human", "machine"], help="only this origin")
    exp.set_defaults(run=run_export)

    stats = tm_sub.add_parser("stats", parents=[common], help="what the memory holds",
                              description="Entries per language pair, origins, models, size.")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    stats.set_defaults(run=run_stats)

    search = tm_sub.add_parser("search", parents=[common], help="fuzzy matches for a sentence",
                               description="Show stored translations of similar sentences "
                               "(the fuzzy matches glossa review offers).")
    search.add_argument("text", help="the source sentence")
    search.add_argument("--from", dest="source", required=True, metavar="LANG",
                        help="language of TEXT")
    search.add_argument("--to", dest="target", required=True, metavar="LANG",
                        help="language of the translations to suggest")
    search.add_argument("--limit", type=int, default=5, metavar="N",
                        help="show at most N matches (default 5)")
    search.add_argument("--threshold", type=float, default=None,
                        help="minimum similarity 0-100 (default: config [tm] "
                        "fuzzy_threshold, else 75)")
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run=run_search)


def _console(stderr: bool = False):
    from glossa.theme import make_console

    return make_console(stderr, markup=False)


def _lang(code: str | None) -> str | None:
    from glossa.languages import normalize_code

    return normalize_code(code) if code else None


def _path(args):
    from pathlib import Path

    from glossa.tm import default_tm_path

    return Path(args.tm) if args.tm else default_tm_path()


def _existing_tm(path):
    """For reading commands: an empty file is not a TM (SQLite would write a schema into it)."""
    from glossa.errors import InputError

    if path.is_file() and path.stat().st_size == 0:
        raise InputError(f"{path}: an empty file, not a translation memory")
    return path


def run_import(args: argparse.Namespace) -> int:
    from glossa.fileio import check_outputs
    from glossa.tm import open_tm, read_entries
    from glossa.tm.tmx import pair_counts

    check_outputs(args.files, [_path(args)])  # the TM is written: it may not be an input
    src, tgt = _lang(args.source), _lang(args.target)
    entries = [e for name in args.files for e in read_entries(name, src, tgt, args.origin)]
    with open_tm(_path(args)) as tm:
        changed = tm.add_entries(entries)
        where = tm.path
    from rich.markup import escape

    pairs = ", ".join(f"{k}: {v}" for k, v in sorted(pair_counts(entries).items())) or "none"
    _console(stderr=True).print(
        f"glossa: read {_plural(len(entries), 'entry', 'entries')} ({pairs}) from "
        f"{_plural(len(args.files), 'file', 'files')}; "
        f"{changed} new or changed in [glossa.path]{escape(str(where))}[/]", soft_wrap=True,
        markup=True)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from glossa.config import config_path
    from glossa.errors import UsageError
    from glossa.fileio import atomic_write, check_outputs
    from glossa.tm import open_tm
    from glossa.tm.tmx import write_tmx

    check_outputs([_path(args), config_path()], [args.output])
    with open_tm(_existing_tm(_path(args)), create=False) as tm:
        entries = list(tm.entries(_lang(args.source), _lang(args.target), args.origin))
    if not entries:
        raise UsageError(f"{_path(args)}: no entries to export"
                         + (" with these filters" if args.source or args.target
                            or args.origin else ""))
    text, skipped = write_tmx(entries)
    atomic_write(args.output, text)
    if str(args.output) != "-":
        note = f" ({skipped} left out: control characters XML cannot hold)" if skipped else ""
        _console(stderr=True).print(f"glossa: exported "
                                    f"{_plural(len(entries) - skipped, 'entry', 'entries')} to "
                                    f"{args.output}{note}", soft_wrap=True, markup=False)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from glossa.tm import SCHEMA_VERSION, open_tm

    path = _existing_tm(_path(args))
    if path.exists():
        with open_tm(path, create=False) as tm:
            stats = tm.stats()
    else:
        stats = {"path": str(path), "schema": SCHEMA_VERSION, "entries": 0, "human": 0,
                 "machine": 0, "size_bytes": 0, "pairs": []}
    if args.json:
        import json

        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    _console().print(StatsView(stats))
    return 0


class StatsView:
    """A rich renderable of TranslationMemory.stats()."""

    def __init__(self, stats: dict) -> None:
        self.stats = stats

    def __rich_console__(self, console, options):
        from rich.table import Table

        s = self.stats

        from rich.text import Text

        yield Text.assemble("Translation memory ", (s["path"], "glossa.path"),
                            f" ({_size(s['size_bytes'])}, schema {s['schema']})")
        if not s["pairs"]:
            yield "no entries yet: `glossa translate` and `glossa tm import` fill it"
            return
        table = Table(show_footer=True)
        table.add_column("pair", "total", style="glossa.pair")
        table.add_column("entries", str(s["entries"]), justify="right")
        table.add_column("human", str(s["human"]), justify="right", style="glossa.human")
        table.add_column("machine", str(s["machine"]), justify="right", style="glossa.machine")
        table.add_column("models", overflow="fold")
        table.add_column("last change", no_wrap=True)
        for p in s["pairs"]:
            models = "\n".join(f"{m} ({n})" for m, n in sorted(p["models"].items())) or "-"
            table.add_row(f"{p['source']}-{p['target']}", str(p["entries"]), str(p["human"]),
                          str(p["machine"]), models, _when(p["last"]))
        yield table


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _when(stamp: str) -> str:
    """20240501T120000Z -> 2024-05-01 12:00 UTC."""
    if len(stamp) != 16:
        return stamp
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]} UTC"


def run_search(args: argparse.Namespace) -> int:
    from glossa.tm import fuzzy_matches, open_tm

    path = _existing_tm(_path(args))
    src, tgt = _lang(args.source), _lang(args.target)
    if path.exists():
        with open_tm(path, create=False) as tm:
            matches = fuzzy_matches(args.text, src, tgt, args.limit, args.threshold, tm=tm)
    else:
        matches = []
    if args.json:
        import json
        from dataclasses import asdict

        print(json.dumps([asdict(m) for m in matches], ensure_ascii=False, indent=2))
        return 0
    from rich.markup import escape

    console = _console()
    if not matches:
        console.print("no fuzzy matches")
        return 1
    for m in matches:
        style = "glossa.human" if m.origin == "human" else "glossa.machine"
        context = f" [glossa.meta](context: {escape(m.context)})[/]" if m.context else ""
        console.print(f"[glossa.score]{m.score:5.1f}%[/] [{style}]{m.origin}[/] {escape(m.source)}"
                      f"{context}", soft_wrap=True, markup=True)
        console.print(f"       -> {m.target}", soft_wrap=True)
    return 0

