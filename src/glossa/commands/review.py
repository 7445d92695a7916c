"""`glossa review`: source, machine translation and revision side by side, with diffs
and QA issues; exits 1 when a check found an error, so it can gate CI."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="check translations: side-by-side diff of MT and revision, QA issues",
        description="Show source, machine translation and (with --revised) the revised "
        "translation side by side, with word-level changes and QA issues (term, number, "
        "untranslated, placeholder, empty as errors; whitespace, punctuation, doubled "
        "words, brackets, length as warnings). Text files align line by line, HTML pages "
        "segment by segment; a PO file is reviewed on its own (msgid vs msgstr). Similar "
        "translations from the translation memory are shown as suggestions (never "
        "applied); with --revised, the segments the reviewer changed are stored in the TM "
        "as human translations, so the next `glossa translate` reuses them. Exit 0: no "
        "errors, 1: errors found, 2: bad input.",
    )
    p.add_argument("source", metavar="SOURCE",
                   help="source text or HTML file, or a PO or XLIFF file")
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
    p.add_argument("--kind", action="append", default=[], metavar="KIND",
                   help="list only segments with an issue of this kind (term, number, "
                   "placeholder, fuzzy, mt, ...; repeatable); the summary still counts all")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--fuzzy", action="store_true",
                   help="warn on unreviewed machine translations too (kind mt; default: they "
                   "are labelled, and only entries whose source changed, with a #| previous "
                   "msgid, get a fuzzy warning)")
    p.add_argument("--no-color", action="store_true", help="no colours; diffs as [-del-] {+ins+}")
    tm = p.add_argument_group("translation memory")
    tm.add_argument("--tm", metavar="PATH",
                    help="translation memory database (default: DATA_DIR/tm.sqlite)")
    tm.add_argument("--no-tm", action="store_true",
                    help="neither show suggestions from nor store revisions in the TM")
    tm.add_argument("--tm-store", choices=("changed", "all", "none"), default="changed",
                    help="what to store as human translations: the segments the reviewer "
                    "changed (default), also the unchanged ones without errors (all; for a PO "
                    "file its approved entries), or nothing (none)")
    tm.add_argument("--fuzzy-threshold", type=float, metavar="N",
                    help="minimum similarity (0-100) of a TM suggestion "
                    "(default: config [tm] fuzzy_threshold, else 75)")
    tm.add_argument("--suggestions", type=int, default=3, metavar="N",
                    help="TM suggestions shown per segment (default 3; 0: none)")
    p.set_defaults(run=run)


def _load(args: argparse.Namespace):
    from glossa.errors import UsageError
    from glossa.review.align import is_bilingual, is_po, load_po, load_texts, load_units

    if is_bilingual(args.source):  # XLIFF: source and target in one file, like PO
        if args.target is not None:
            raise UsageError(f"{args.source} holds source and translation: "
                             f"use `glossa review {args.source}`")
        return load_units(args.source, args.revised)
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

    _check_outputs(args)
    if args.kind:
        from glossa.review.report import check_kinds

        check_kinds(args.kind)
    glossary = None
    if args.glossary:
        from glossa.glossary import load_glossaries

        glossary = load_glossaries(args.glossary)
    inp = _load(args)
    candidates = glossary.languages if glossary is not None and len(glossary.languages) > 1 \
        else None
    src, tgt = resolve_languages(inp, args.source_lang, args.target_lang, candidates)
    report = build_report(inp, src, tgt, glossary, warn_fuzzy=args.fuzzy)
    _use_tm(args, report)
    if args.html:
        from glossa.review.htmlreport import render_html

        atomic_write(args.html, render_html(report, args.only_issues, args.kind))
    if args.json:
        from glossa.review.jsonreport import dumps

        sys.stdout.write(dumps(report, args.only_issues, args.kind))
    else:
        from glossa.review.render import REVIEW_THEME, ReviewView

        console = Console(theme=REVIEW_THEME, no_color=args.no_color or None, highlight=False,
                          markup=False)  # segment text, paths and notes are never markup
        console.print(ReviewView(report, args.only_issues, args.kind))
    failing = report.count("error") + (report.count("warning") if args.strict else 0)
    return 1 if failing else 0


def _check_outputs(args: argparse.Namespace) -> None:
    """--html may not replace the source, target, revision, a glossary, the TM or config."""
    if not args.html:
        return
    from glossa.config import config_path
    from glossa.fileio import check_outputs
    from glossa.tm import default_tm_path

    reads = [args.source, args.target, args.revised, *args.glossary, config_path()]
    if not args.no_tm:
        reads.append(args.tm or default_tm_path())
    check_outputs(reads, [args.html])


def _check_tm_args(args: argparse.Namespace, report) -> None:
    from glossa.errors import UsageError

    if args.no_tm and args.tm:
        raise UsageError("--tm and --no-tm contradict each other")
    if args.fuzzy_threshold is not None and not 0 <= args.fuzzy_threshold <= 100:
        raise UsageError(f"--fuzzy-threshold must be between 0 and 100, not "
                         f"{args.fuzzy_threshold:g}")
    if args.suggestions < 0:
        raise UsageError(f"--suggestions must be 0 or more, not {args.suggestions}")
    if args.tm_store == "all" and report.inp.kind == "text" and not report.has_revision:
        raise UsageError("--tm-store all needs --revised: a TARGET text file is machine "
                         "output, not an approved translation")


def _use_tm(args: argparse.Namespace, report) -> None:
    """Offer TM suggestions, then store the confirmed revisions (summary["tm"])."""
    _check_tm_args(args, report)
    if args.no_tm:
        return
    from glossa.errors import GlossaError
    from glossa.review.memory import add_suggestions, revision_entries, store_revisions
    from glossa.tm import default_threshold, default_tm_path, open_tm

    path = args.tm or default_tm_path()
    storing = bool(revision_entries(report, args.tm_store)[0])
    if not storing and args.tm is None and not path.exists():
        return  # no TM yet and nothing to store: do not create one just to read it
    threshold = default_threshold() if args.fuzzy_threshold is None else args.fuzzy_threshold
    try:
        tm_store = open_tm(path, create=storing)
    except (OSError, GlossaError) as exc:
        if args.tm is not None:  # asked for by name: an error
            raise
        # the default TM is a convenience (as in translate): a review must not fail on it
        print(f"glossa: warning: cannot use the translation memory {path} ({exc}); "
              "reviewing without it", file=sys.stderr)
        return
    with tm_store as tm:
        suggested = add_suggestions(report, tm, threshold, args.suggestions)
        info = {"path": str(tm.path), "suggested": suggested, "threshold": threshold,
                "store": args.tm_store}
        if args.tm_store != "none" and (report.has_revision or args.tm_store == "all"):
            result = store_revisions(report, tm, args.tm_store)
            info |= {"stored": result.segments, "stored_changed": result.changed,
                     "written": result.written}
    report.summary["tm"] = info
