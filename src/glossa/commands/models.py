"""`glossa models`: list, install and remove translation models."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "models",
        help="list, install and remove translation models (Argos packages)",
        description="Manage translation models. Argos packages live in Argos Translate's "
        "package folder (ARGOS_PACKAGES_DIR), shared with argospm.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="installed models of every engine")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.add_argument("--routes", action="store_true",
                    help="list every reachable pair and the engines (and pivot) it goes through")
    ls.set_defaults(run=run_list)

    inst = actions.add_parser(
        "install", help="install an .argosmodel file, or download one from the package index",
        description="Install FILE.argosmodel, or download the package for --from/--to from "
        "the Argos package index (ARGOS_PACKAGE_INDEX). An older version of the same pair "
        "is replaced.")
    inst.add_argument("file", nargs="?", metavar="FILE", help="an .argosmodel package file")
    inst.add_argument("--from", dest="source", metavar="LANG", help="source language")
    inst.add_argument("--to", dest="target", metavar="LANG", help="target language")
    inst.set_defaults(run=run_install)

    rm = actions.add_parser("remove", help="remove an installed Argos package")
    rm.add_argument("spec", metavar="PAIR|NAME", help="a pair such as ru-en, or a folder name")
    rm.set_defaults(run=run_remove)
    p.set_defaults(run=run_list, json=False)


def _console():
    from glossa.theme import make_console

    return make_console(markup=False)


def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # unreachable


def models_table(models):
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Installed models", title_justify="left")
    for name, justify in (("engine", "left"), ("pair", "left"), ("variant", "left"),
                          ("version", "left"), ("size", "right"), ("path", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for m in sorted(models, key=lambda m: (m.engine, m.source, m.target, m.variant)):
        table.add_row(m.engine, Text(m.pair, "glossa.pair"), m.variant, m.version,
                      human_size(m.size), Text(str(m.path or "—"), "glossa.path"))
    return table


def run_list(args) -> int:
    import json

    from glossa.engines import all_models

    if getattr(args, "routes", False):
        return run_routes(args)
    models = all_models()
    _warn_broken()
    if args.json:
        print(json.dumps([m.to_json() | {"pair": m.pair} for m in models], indent=2,
                         ensure_ascii=False))
        return 0
    console = _console()
    if not models:
        console.print("No models installed. Install one with `glossa models install --from LANG "
                      "--to LANG` or `glossa models install FILE.argosmodel`.")
        return 0
    console.print(models_table(models))
    return 0


def run_routes(args) -> int:
    """Reachable pairs: direct, or through a pivot language, and by which engines."""
    import json

    from rich.table import Table
    from rich.text import Text

    from glossa.engines.routes import reachable_routes

    routes = reachable_routes()
    if args.json:
        print(json.dumps([{"pair": f"{r.source}-{r.target}", "pivot": r.pivot,
                           "rule_based": r.rule_based,
                           "hops": [{"engine": h.engine.name, "source": h.source,
                                     "target": h.target} for h in r.hops]}
                          for r in routes], indent=2))
        return 0
    table = Table(title="Reachable pairs", title_justify="left")
    for name in ("pair", "how", "route"):
        table.add_column(name, overflow="fold")
    for r in routes:
        how = f"pivot {r.hops[0].target}" if r.pivot else "direct"
        table.add_row(Text(f"{r.source}-{r.target}", "glossa.pair"), how, r.describe)
    _console().print(table)
    return 0


def _warn_broken() -> None:
    """Broken package folders are listed on stderr (never fatal, never in --json)."""
    import sys

    from glossa.engines.argos_packages import scan_packages

    for bad in scan_packages()[1]:
        print(f"glossa: warning: {bad.path}: broken Argos package ({bad.reason}); remove it "
              f"with `glossa models remove {bad.path.name}` or by hand", file=sys.stderr)


def _report(console, verb: str, packages) -> None:
    from rich.text import Text

    for pkg in packages:
        console.print(Text.assemble((verb, "glossa.ok"), " ", (pkg.pair, "glossa.pair"),
                                    f" {pkg.version} (", (str(pkg.path), "glossa.path"), ")"))


def run_install(args) -> int:
    from glossa.engines import argos_packages as models
    from glossa.errors import UsageError
    from glossa.languages import normalize_code

    if args.file and (args.source or args.target):
        raise UsageError("give either FILE or --from/--to, not both")
    if args.file:
        installed = [models.install_archive(args.file)]
    elif args.source and args.target:
        installed = models.install_pair(normalize_code(args.source), normalize_code(args.target))
    else:
        raise UsageError("give FILE.argosmodel, or both --from LANG and --to LANG")
    _report(_console(), "installed", installed)
    return 0


def run_remove(args) -> int:
    from glossa.engines import argos_packages as models

    _report(_console(), "removed", models.remove(args.spec))
    return 0
