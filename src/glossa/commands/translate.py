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
    p.add_argument("--to", required=True, metavar="LANG", help="target language (ISO 639-1)")
    p.add_argument("--from", dest="source", default="auto", metavar="LANG",
                   help="source language, or 'auto' to detect runs (default)")
    p.add_argument("-g", "--glossary", action="append", default=[], metavar="FILE",
                   help="glossary (TSV/CSV/TBX/PO); repeatable, later files win")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT",
                     help="output file ('-' for stdout); one input only")
    out.add_argument("--out-dir", metavar="DIR", help="write outputs under DIR")
    p.add_argument("--engine", default="auto", choices=["auto", *ENGINES],
                   help="engine for every hop (default auto: per pair Argos, else Bergamot, "
                   "else Apertium, through a pivot language when none has the pair)")
    p.add_argument("--format", default="auto", choices=["auto", *FORMATS],
                   help="input format (default: by extension)")
    p.add_argument("--languages", metavar="LIST",
                   help="comma-separated candidate languages for detection")
    p.add_argument("--retranslate", action="store_true",
                   help="PO, XLIFF: translate entries that already have a translation too")
    p.add_argument("--no-fuzzy", dest="fuzzy", action="store_false",
                   help="PO, XLIFF: do not mark new machine translations for review")
    p.add_argument("--tm", metavar="PATH",
                   help="translation memory database (default: DATA_DIR/tm.sqlite)")
    p.add_argument("--no-tm", action="store_true",
                   help="neither reuse nor store translations in the translation memory")
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


def _collect_inputs(inputs: list[str]) -> list[tuple[Path, Path | None]]:
    """(file, root) pairs; directories are walked for files of known formats."""
    from glossa.errors import InputError
    from glossa.formats import EXTENSIONS

    found: list[tuple[Path, Path | None]] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            files = sorted(f for f in path.rglob("*")
                           if f.is_file() and f.suffix.lower() in EXTENSIONS
                           and not any(part.startswith(".") for part in f.relative_to(path).parts)
                           and _wanted_in_walk(f))
            found += [(f, path) for f in files]
        elif item != "-" and not path.exists():
            raise InputError(f"{item}: no such file")
        else:
            found.append((path, None))
    return found


def _wanted_in_walk(path: Path) -> bool:
    """JSON/YAML files in a walked directory only when they look like i18n catalogues."""
    if path.suffix.lower() not in (".json", ".yml", ".yaml"):
        return True
    from glossa.formats.catalog import looks_like_catalogue

    return looks_like_catalogue(path)


def _plan_outputs(args, target: str) -> list[tuple[Path, Path]]:
    from glossa.api import output_path
    from glossa.errors import UsageError

    inputs = _collect_inputs(args.inputs)
    if args.output is not None:
        if len(inputs) != 1:
            raise UsageError("-o/--output takes one input; use --out-dir for several")
        jobs = [(inputs[0][0], Path(args.output))]
    elif str(inputs[0][0]) == "-" and args.out_dir is None:
        jobs = [(inputs[0][0], Path("-"))]
    else:
        jobs = [(src, output_path(src, target, args.out_dir, root)) for src, root in inputs]
    return jobs


def _check_outputs(args, options, jobs: list[tuple[Path, Path]]) -> None:
    """No output may be an input, glossary, TM or config file, nor shared by two inputs."""
    from glossa.api import files_read_by
    from glossa.fileio import check_outputs

    reads = [src for src, _ in jobs] + list(args.glossary) + files_read_by(options)
    if not args.no_tm:
        from glossa.tm import default_tm_path

        reads.append(args.tm or default_tm_path())
    check_outputs(reads, [out for _, out in jobs], [src for src, _ in jobs])


def run(args: argparse.Namespace) -> int:
    from glossa.api import make_options

    options = make_options(args.to, args.source, args.glossary or None, args.engine,
                           args.languages.split(",") if args.languages else None)
    jobs = _plan_outputs(args, options.target)
    options.jobs = _check_jobs(args.jobs)
    _check_outputs(args, options, jobs)
    options.cluster, options.cluster_cpus = args.cluster, args.cluster_cpus
    options.tm = _open_tm(args)
    try:
        return _translate(args, options, jobs)
    finally:
        if options.tm is not None:
            options.tm.close()


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
    from glossa.api import other_language, read_document, write_document
    from glossa.commands._progress import progress_bar
    from glossa.errors import GlossaError
    from glossa.pipeline import translate_documents

    docs, written, bad = [], [], 0
    for src, out in jobs:
        try:
            docs.append((read_document(src, args.format, retranslate=args.retranslate,
                                       fuzzy=args.fuzzy), out))
        except GlossaError as exc:
            if len(jobs) == 1:
                raise
            print(f"glossa: error: {exc}", file=sys.stderr)
            bad += 1
            continue
        language = other_language(docs[-1][0], options.target)
        if language is not None:
            docs.pop()
            print(f"glossa: skipped {src}: its translations are in {language}, not "
                  f"{options.target}", file=sys.stderr)
    files = f"{len(docs)} file{'s' if len(docs) != 1 else ''}"
    with progress_bar(f"Translating {files}, sentences") as progress:
        report = translate_documents([d for d, _ in docs], options, progress)
    for doc, out in docs:
        write_document(doc, out, report)
        written.append(out)
    if not args.quiet:
        _summary(report, written)
    return 2 if bad else report.exit_code


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(report, written) -> None:
    """Problems and the summary line on stderr: problems marked in colour on a terminal,
    plain text otherwise (rich costs ~0.05 s to import, too much for a one-line job)."""
    engines = ", ".join(sorted(report.engines)) or "none"
    extra = f", {report.from_tm} from TM" if report.from_tm else ""
    extra += f", {report.unchanged} unchanged" if report.unchanged else ""
    line = (
        f"glossa: {report.translated}/{report.segments} segments translated "
        f"({_plural(report.units, 'sentence')}{extra}) in {report.seconds:.2f}s with {engines}; "
        f"{len(report.failed)} failed, {len(report.term_misses)} term misses"
        + (f", {_plural(len(report.warnings), 'warning')}" if report.warnings else "")
        + ("" if not written or str(written[0]) == "-" else
           f" -> {written[0]}" + (f" (+{len(written) - 1} more)" if len(written) > 1 else ""))
    )
    problems = [(p.where, f"{p.kind}: {p.message}") for p in report.problems]
    if not sys.stderr.isatty() or not problems:  # rich only to colour the problem marks
        for where, message in problems:
            print(f"! {where}: {message}", file=sys.stderr)
        print(line, file=sys.stderr)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=True, highlight=False)
    for where, message in problems:
        console.print(Text.assemble(("!", "yellow"), f" {where}: {message}"), soft_wrap=True)
    console.print(Text(line), soft_wrap=True)
