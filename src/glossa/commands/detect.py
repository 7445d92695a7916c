"""`glossa detect`: which runs of a text are in which language."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "detect",
        help="find the dominant language of a text and its foreign runs",
        description="Detect the dominant language of a text file and every run of text in "
        "another language (a quoted phrase, a stray UI string, a line of a localisation "
        "listing). Names, borrowed words and short UI words stay in the dominant language.",
    )
    p.add_argument("file", metavar="FILE", help="UTF-8 text file, or - for stdin")
    p.add_argument("--json", action="store_true",
                   help='print {"dominant": ..., "spans": [{"start", "end", "lang", '
                        '"confidence"}]} (code-point offsets, end exclusive)')
    p.add_argument("--languages", metavar="CODES",
                   help="comma-separated candidate languages, e.g. en,ru,uk "
                        "(default: common languages plus those of installed models)")
    p.add_argument("--keep", action="append", default=[], metavar="TERM",
                   help="a term that is never a foreign run (a name kept verbatim); repeatable")
    p.set_defaults(run=run)


def parse_languages(value: str | None) -> list[str] | None:
    """``"en, ru,uk"`` -> ["en", "ru", "uk"]; unknown codes raise UsageError."""
    from glossa.errors import UsageError
    from glossa.languages import normalize_code

    if value is None:
        return None
    codes = [normalize_code(c) for c in value.split(",") if c.strip()]
    if not codes:
        raise UsageError("--languages needs at least one language code")
    return list(dict.fromkeys(codes))


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from glossa.detect import detect_text
    from glossa.fileio import read_text

    candidates = parse_languages(args.languages)
    text = read_text(args.file)
    detection = detect_text(text, candidates, keep_verbatim=args.keep)
    if args.json:
        json.dump(detection.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not sys.stdout.isatty():  # a pipe or a file: no colours, so no need for rich
        from glossa.detect.report import plain_view

        sys.stdout.write(plain_view(text, detection))
        return 0
    from rich.console import Console

    from glossa.detect.view import THEME, MarkedText, Summary

    console = Console(theme=THEME, highlight=False)
    console.print(MarkedText(text.rstrip("\n"), detection))
    console.print()
    console.print(Summary(text, detection))
    return 0
