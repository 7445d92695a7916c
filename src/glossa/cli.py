"""Thin command-line shell: parse options, call one library function, print the result.

Each subcommand lives in ``glossa.commands.<name>`` with ``register(subparsers)``
(argparse only, so ``glossa --help`` stays instant) and ``run(args) -> int``.
Heavy modules are imported inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from glossa import __version__

COMMANDS = ["translate", "detect", "terms", "review", "models", "glossary", "tm",
            "serve"]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with just ``only`` (a run of one command need
    not import and register the seven others: a few ms of a one-line job)."""
    parser = argparse.ArgumentParser(
        prog="glossa",
        description="Offline translation for translators: mixed-language documents, "
        "glossaries, PO/Markdown/SRT files, review and QA.",
    )
    parser.add_argument("--version", action="version", version=f"glossa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"glossa.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"glossa.commands.{name}":
                raise
            continue  # command not built yet
        module.register(sub)
    return parser


def run_parsed(parser: argparse.ArgumentParser, argv: list[str] | None, prog: str) -> int:
    """Parse, run the chosen command, and turn glossa's errors into one line + exit code."""
    from glossa.errors import GlossaError

    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except GlossaError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main(argv: list[str] | None = None) -> int:
    first = (sys.argv[1:] if argv is None else argv)[:1]
    return run_parsed(build_parser(first[0] if first else None), argv, "glossa")


def entry() -> None:
    """The ``glossa`` program: ``main()``, then the exit. Tearing the interpreter down takes
    10-20 ms once glossa's modules are loaded (a tenth of a one-line job), so when nothing
    else runs (no other thread, no worker processes) the exit handlers run and the process
    ends without it; otherwise Python exits as usual."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: Python's own exit deals with it
        sys.exit(code)
    if _alone():
        import atexit
        import os

        atexit._run_exitfuncs()  # what Python runs first at exit: ours, the libraries'
        os._exit(code)
    sys.exit(code)


def _alone() -> bool:
    """Nothing that the usual shutdown waits for: threads, worker processes, Ray."""
    if any(name in sys.modules for name in ("multiprocessing", "concurrent.futures", "ray")):
        return False
    threading = sys.modules.get("threading")
    import atexit

    return hasattr(atexit, "_run_exitfuncs") and (
        threading is None or threading.active_count() == 1)


if __name__ == "__main__":
    entry()
