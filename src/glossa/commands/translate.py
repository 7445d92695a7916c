"""`glossa translate`: translate files (txt, md, po/pot, srt) offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from glossa.engines import ENGINES
    from glossa.formats import FORMATS

    p = sub.add_parser(
        "translate",
        help="translate files (txt, md, po/pot, srt); only text not already in the target language",
        description="Translate files offline. With --from auto (default) glossa detects the "
        "language of every run of text and translates only what is not in the target language.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or directories to translate; '-' reads stdin")
    p.add_argument("--to", required=True, metavar="LANG",
                   help="target language (ISO 639-1), with its region if any: pt, pt_BR, pt-BR")
    p.add_argument("--from", dest="source", default="auto", metavar="LANG",
                   help="source language, or 'auto' to detect runs (default)")
    p.add_argument("-g", "--glossary", action="append", default=[], metavar="FILE",
                   help="glossary (TSV/CSV/TBX/PO); repeatable, later files win")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT",
                     help="output file ('-' for stdout); one input only")
    out.add_argument("--out-dir", metavar="DIR", help="write outputs under DIR")
    p.add_argument("--in-place", action="store_true",
                   help="PO, XLIFF: write translations back into each catalogue (as msgmerge "
                   "-U does; atomic, mode kept); for locale/xx/LC_MESSAGES/*.po trees")
    p.add_argument("--only", metavar="KINDS",
                   help="PO: (re)translate only these entries, comma-separated: untranslated, "
                   "fuzzy, mt (fuzzy entries glossa machine-translated earlier)")
    p.add_argument("--engine", default="auto", choices=["auto", *ENGINES],
                   help="engine for every hop (default auto: per pair Argos, else Bergamot, "
                   "else Apertium, through a pivot language when none has the pair)")
    p.add_argument("--format", default="auto", choices=["auto", *FORMATS],
                   help="input format (default: by extension)")
    p.add_argument("--languages", metavar="LIST",
                   help="comma-separated candidate languages for detection")
    p.add_argument("--wrap", choices=["auto", "keep", "join"], default="auto",
                   help="plain text: join the lines of hard-wrapped paragraphs, translate them "
                   "as one text and wrap the translation again (auto: paragraphs that look "
                   "wrapped; join: every paragraph; keep: line by line)")
    p.add_argument("--retranslate", action="store_true",
                   help="PO, XLIFF: translate entries that already have a translation too")
    p.add_argument("--no-fuzzy", dest="fuzzy", action="store_false",
                   help="PO, XLIFF: do not mark new machine translations for review")
    p.add_argument("--accelerator", choices=["auto", "_", "&", "~", "none"],
                   help="PO, XLIFF: keyboard accelerator marker (GTK _, KDE/Qt &, "
                   "LibreOffice ~); default auto: detected per file (config: accelerator)")
    p.add_argument("--translator", metavar="'NAME <MAIL>'",
                   help="PO: Last-Translator of filled catalogues (default: config 'translator')")
    p.add_argument("--team", metavar="'TEAM <MAIL>'",
                   help="PO: Language-Team where still unset (default: config 'team')")
    p.add_argument("--tm", metavar="PATH",
                   help="translation memory database (default: DATA_DIR/tm.sqlite)")
    p.add_argument("--no-tm", action="store_true",
                   help="neither reuse nor store translations in the translation memory")
    p.add_argument("--tm-only", action="store_true",
                   help="pre-translate from the TM alone (no engine): exact matches, and "
                   "fuzzy ones at or above --fuzzy-threshold marked fuzzy")
    p.add_argument("--fuzzy-threshold", type=float, metavar="N",
                   help="--tm-only: lowest fuzzy match score used, 0-100 (default: config "
                   "[tm] fuzzy_threshold, else 75)")
    p.add_argument("--json", action="store_true",
                   help="print the job's result (counts, files, problems and warnings with "
                   "file:line) as JSON on stdout")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="worker processes for engines that benefit (Bergamot); default 0: "
                   "one per usable core, as memory allows; 1 = in-process")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run the engine on a Ray cluster: ray://HOST:PORT, HOST:PORT, auto "
                   "(RAY_ADDRESS) or local (start one here); needs pip install 'glossa[ray]'")
    p.add_argument("--cluster-cpus", type=float, default=1, metavar="N",
                   help="CPUs per Ray actor (default 1: one actor per CPU of the cluster)")
    p.set_defaults(run=run)


def _plan(args, options) -> list[tuple[Path, Path]]:
    """The library's plan for these options; files it leaves out get one line each."""
    from glossa.api import files_read_by
    from glossa.planning import check_jobs, plan_jobs

    plan = plan_jobs(args.inputs, options.locale, output=args.output, out_dir=args.out_dir,
                     in_place=args.in_place, fmt=args.format, json=args.json)
    for src, reason in plan.skipped:
        print(f"glossa: skipped {src}: {reason}", file=sys.stderr)
    reads = list(args.glossary) + files_read_by(options)
    if not args.no_tm:
        from glossa.tm import default_tm_path

        reads.append(args.tm or default_tm_path())
    check_jobs(plan.jobs, reads, in_place=args.in_place)
    return plan.jobs


def run(args: argparse.Namespace) -> int:
    _warm_up(args)
    from glossa.api import make_options

    options = make_options(args.to, args.source, args.glossary or None, args.engine,
                           args.languages.split(",") if args.languages else None)
    jobs = _plan(args, options)
    options.jobs = _check_jobs(args.jobs)
    options.cluster, options.cluster_cpus = args.cluster, args.cluster_cpus
    options.tm_only, options.fuzzy_threshold = _check_tm_only(args)
    args.only = _parse_only(args)
    options.tm = _open_tm(args)
    try:
        return _translate(args, options, jobs)
    finally:
        if options.tm is not None:
            options.tm.close()


SMALL_JOB = 4096  # input bytes: fewer sentences than the worker processes take (PARALLEL_MIN)


def _warm_up(args: argparse.Namespace) -> None:
    """A small job of a known pair: its model may start loading now, on another core,
    while the rest of glossa is imported and the input read (glossa.engines.early)."""
    if args.source == "auto" or args.cluster or args.tm_only:
        return
    if args.jobs != 1 and not _small(args.inputs):
        return
    from glossa.engines import early
    from glossa.languages import base_language, normalize_code, normalize_locale

    try:
        source, target = normalize_code(args.source), base_language(normalize_locale(args.to))
    except Exception:  # noqa: BLE001 - the job itself reports a bad code
        return
    for engine in early.EARLY if args.engine == "auto" else (args.engine,):
        early.start(engine, source, target)


def _small(inputs: list[str]) -> bool:
    """Regular files (not stdin, not folders) of SMALL_JOB bytes at most, all together."""
    import stat

    total = 0
    for name in inputs:
        try:
            info = Path(name).stat() if name != "-" else None
        except (OSError, ValueError):
            return False
        if info is None or not stat.S_ISREG(info.st_mode):
            return False
        total += info.st_size
    return total <= SMALL_JOB


def _check_tm_only(args: argparse.Namespace) -> tuple[bool, float | None]:
    from glossa.errors import UsageError

    if args.tm_only and args.no_tm:
        raise UsageError("--tm-only translates from the TM; it cannot go with --no-tm")
    threshold = args.fuzzy_threshold
    if threshold is not None:
        if not args.tm_only:
            raise UsageError("--fuzzy-threshold goes with --tm-only")
        if not 0 <= threshold <= 100:
            raise UsageError(f"--fuzzy-threshold is a score from 0 to 100, not {threshold:g}")
    return args.tm_only, threshold


def _parse_only(args: argparse.Namespace) -> frozenset[str] | None:
    """--only's selections, after checking them and the formats they apply to (PO)."""
    if args.only is None:
        return None  # (before importing the PO format: a text job never needs it)
    from glossa.errors import UsageError
    from glossa.formats.po import SELECTIONS

    kinds = frozenset(k.strip() for k in args.only.split(",") if k.strip())
    unknown = sorted(kinds - set(SELECTIONS))
    if unknown or not kinds:
        raise UsageError(f"--only takes {', '.join(SELECTIONS)} (comma-separated), not "
                         f"{', '.join(unknown) or repr(args.only)}")
    if args.retranslate:
        raise UsageError("--only and --retranslate contradict each other; --only chooses "
                         "which entries are (re)translated")
    return kinds


def _check_jobs(jobs: int) -> int:
    from glossa.errors import UsageError

    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per CPU) or more, not {jobs}")
    return jobs


def _open_tm(args: argparse.Namespace):
    from glossa.errors import UsageError

    if args.no_tm:
        if args.tm:
            raise UsageError("--tm and --no-tm contradict each other")
        return None
    from glossa.errors import GlossaError, OutputError
    from glossa.tm import default_tm_path, open_tm

    try:
        return open_tm(args.tm)
    except (OSError, GlossaError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if args.tm:  # asked for by name: an error
            if isinstance(exc, GlossaError):
                raise
            raise OutputError(f"{args.tm}: cannot open the translation memory: {reason}") \
                from None
        # the default TM is a convenience: an unwritable HOME must not stop a translation
        print(f"glossa: warning: cannot use the translation memory {default_tm_path()} "
              f"({reason}); translating without it", file=sys.stderr)
        return None


def _translate(args: argparse.Namespace, options, jobs: list[tuple[Path, Path]]) -> int:
    from glossa.api import file_warnings, read_document, skip_reason, write_outputs
    from glossa.commands._progress import progress_bar
    from glossa.config import translator_fields
    from glossa.errors import GlossaError
    from glossa.pipeline import translate_documents

    docs, bad = [], 0
    _check_only_formats(args, jobs)
    people = translator_fields(args.translator, args.team)
    extra = {"only": args.only} if args.only is not None else {}
    for src, out in jobs:
        try:
            docs.append((read_document(src, args.format, retranslate=args.retranslate,
                                       fuzzy=args.fuzzy, accelerator=args.accelerator,
                                       wrap=args.wrap, **people, **extra), out))
        except GlossaError as exc:
            if len(jobs) == 1:
                raise
            print(f"glossa: error: {exc}", file=sys.stderr)
            bad += 1
            continue
        reason = skip_reason(docs[-1][0], options, in_place=args.in_place)
        if reason is not None:
            docs.pop()
            print(f"glossa: skipped {src}: {reason}", file=sys.stderr)
    files = f"{len(docs)} file{'s' if len(docs) != 1 else ''}"
    with progress_bar(f"Translating {files}, sentences") as progress:
        report = translate_documents([d for d, _ in docs], options, progress)
    written = write_outputs(docs, report, if_changed=args.in_place)
    for doc, out in docs:
        if out in written:
            for warning in file_warnings(doc, options, report):
                print(f"glossa: warning: {doc.path or '<stdin>'}: {warning}", file=sys.stderr)
    if args.json:
        _print_json(report, options, [(str(d.path), str(o)) for d, o in docs], written, bad)
    if not args.quiet:
        _summary(report, written)
    return 2 if bad else report.exit_code


def _check_only_formats(args: argparse.Namespace, jobs: list[tuple[Path, Path]]) -> None:
    from glossa.errors import UsageError
    from glossa.formats import format_for

    if args.only is None:
        return
    for src, _ in jobs:
        if str(src) != "-" and format_for(src, args.format) != "po":
            raise UsageError(f"{src}: --only selects PO entries; it does not apply to "
                             f"{format_for(src, args.format)} files")


def _print_json(report, options, files: list[tuple[str, str]], written: list[Path],
                bad: int) -> None:
    """The job's result for scripts: the same counts as the summary line, with a signature."""
    import json

    from glossa import __version__

    glossary = options.glossary.fingerprint() if options.glossary is not None else None
    result = {
        "signature": {"glossa": __version__, "engines": sorted(report.engines),
                      "glossary": glossary, "tm_only": options.tm_only},
        "summary": report.counts() | {"unreadable_files": bad},
        "files": [{"input": src, "output": out, "written": out in {str(w) for w in written}}
                  for src, out in files],
        "problems": [{"where": p.where, "file": p.document, "line": p.line,
                      "segment": p.segment, "kind": p.kind, "message": p.message,
                      "text": p.text} for p in report.problems],
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(report, written) -> None:
    """Problems and the summary line on stderr: problems marked in colour on a terminal,
    plain text otherwise (rich costs ~0.05 s to import, too much for a one-line job)."""
    engines = ", ".join(sorted(report.engines)) or "none"
    extra = f", {report.from_tm} from TM" if report.from_tm else ""
    after = [f"{n} {name}" for n, name in ((report.copied, "copied"),
                                          (report.unchanged, "unchanged"),
                                          (report.kept, "kept in the source"),
                                          (report.left, "left for you")) if n]
    line = (
        f"glossa: {report.translated}/{report.segments} segments translated "
        f"({_plural(report.units, 'sentence')}{extra}) in {report.seconds:.2f}s with {engines}; "
        + "".join(f"{a}, " for a in after)
        + f"{report.counts()['failed']} failed, {len(report.term_misses)} term misses"
        + (f", {_plural(len(report.warnings), 'warning')}" if report.warnings else "")
        + ("" if not written or str(written[0]) == "-" else
           f" -> {written[0]}" + (f" (+{len(written) - 1} more)" if len(written) > 1 else ""))
    )
    problems = report.grouped_problems()
    line = "\n".join([*(f"glossa: {name}: {why}" for name, why in report.not_written.items()),
                      line])
    if not sys.stderr.isatty() or not problems:  # rich only to colour the problem marks
        for where, message in problems:
            print(f"! {where}: {message}", file=sys.stderr)
        print(line, file=sys.stderr)
        return
    from rich.text import Text

    from glossa.theme import make_console

    console = make_console(stderr=True)
    for where, message in problems:
        console.print(Text.assemble(("!", "glossa.warning"), f" {where}: {message}"),
                      soft_wrap=True)
    console.print(Text(line), soft_wrap=True)
