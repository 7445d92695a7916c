"""`glossa review`: source, machine translation and revision side by side, with diffs
and QA issues; exits 1 when a check found an error, so it can gate CI."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="check translations: side-by-side diff of MT and revision, QA issues",
        description="Show source, machine translation and (with --revised) the revised "
        "translation side by side, with word-level changes and QA issues (term, number, "
        "untranslated, placeholder, empty as errors; whitespace, punctuation, doubled "
        "words, brackets, length as warnings). Text files align line by line; a PO file "
        "is reviewed on its own (msgid vs msgstr). Exit 0: no errors, 1: errors found, "
        "2: bad input.",
    )
    p.add_argument("source", metavar="SOURCE", help="source text file, or a PO file")
    p.add_argument("target", metavar="TARGET", nargs="?",
                   help="translated text file, one line per source line (not for PO)")
    p.add_argument("--revised", metavar="FILE",
                   help="revised translation (text: line-aligned; PO: matched by msgid)")
    p.add_argument("-g", "--glossary", action="append", default=[], metavar="FILE",
                   help="glossary (TSV/CSV/TBX/PO); repeatable, later files win")
    p.add_argument("--from", dest="source_lang", metavar="LANG",
                   help="source language (default: detected)")
    p.add_argument("--to", dest="target_lang", metavar="LANG",
                   help="target language (default: PO Language header, else detected)")
    p.add_argument("--html", metavar="OUT.html", help="also write a self-contained HTML report")
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    p.add_argument("--only-issues", action="store_true", help="list only segments with issues")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--no-color", action="store_true", help="no colours; diffs as [-del-] {+ins+}")
    p.set_defaults(run=run)


def _load(args: argparse.Namespace):
    from glossa.errors import UsageError
    from glossa.review.align import is_po, load_po, load_texts

    if is_po(args.source):
        if args.target is not None:
            raise UsageError("a PO file holds source and translation: "
                             "use `glossa review FILE.po` (revision: --revised OTHER.po)")
        return load_po(args.source, args.revised)
    if args.target is None:
        raise UsageError("review needs SOURCE and TARGET text files (or one PO file)")
    if is_po(args.target):
        raise UsageError(f"{args.target}: review a PO file on its own: "
                         f"`glossa review {args.target}`")
    return load_texts(args.source, args.target, args.revised)


def run(args: argparse.Namespace) -> int:
    import sys

    from rich.console import Console

    from glossa.fileio import atomic_write
    from glossa.review.align import resolve_languages
    from glossa.review.report import build_report

    glossary = None
    if args.glossary:
        from glossa.glossary import load_glossaries

        glossary = load_glossaries(args.glossary)
    inp = _load(args)
    candidates = glossary.languages if glossary is not None and len(glossary.languages) > 1 \
        else None
    src, tgt = resolve_languages(inp, args.source_lang, args.target_lang, candidates)
    report = build_report(inp, src, tgt, glossary)
    if args.html:
        from glossa.review.htmlreport import render_html

        atomic_write(args.html, render_html(report, args.only_issues))
    if args.json:
        from glossa.review.jsonreport import dumps

        sys.stdout.write(dumps(report, args.only_issues))
    else:
        from glossa.review.render import REVIEW_THEME, ReviewView

        console = Console(theme=REVIEW_THEME, no_color=args.no_color or None, highlight=False)
        console.print(ReviewView(report, args.only_issues))
    failing = report.count("error") + (report.count("warning") if args.strict else 0)
    return 1 if failing else 0
