"""The glossary editor's command-line actions: parse-free functions of argparse args.

Each loads the glossary with ``safety.open_glossary``, changes it with the functions of
``commands``, and saves with ``safety.save`` (atomic, backup, concurrent-change check).
"""

from __future__ import annotations

import argparse
import json
from copy import deepcopy
from pathlib import Path

from rich.text import Text

from glossa.errors import UsageError
from glossa.glossary import format_of
from glossa.glossary_editor import commands as ops
from glossa.glossary_editor import safety
from glossa.glossary_editor.render import (
    EntryTable,
    HitTable,
    ImportSummary,
    ProblemList,
    console,
)
from glossa.languages import normalize_code


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(problems: list[ops.Problem]) -> None:
    err = console(stderr=True)
    for p in problems:
        style = "glossa.error" if p.severity == "error" else "glossa.warning"
        err.print(Text.assemble(("warning: ", style), f"[{p.kind}] {p.message}"))


def _langs(values: list[str] | None) -> list[str]:
    return [normalize_code(v) for item in values or [] for v in item.split(",") if v.strip()]


def _saved(session: safety.Session, what: str) -> None:
    backup = safety.save(session)
    out = console()
    note = f" (previous version: {backup})" if backup else " (new file)"
    out.print(Text.assemble((what, "glossa.ok"), " -> ", (str(session.path), "glossa.path"), note))


def _terms(args: argparse.Namespace) -> dict[str, str]:
    terms: dict[str, str] = {}
    for code, value in args.terms:
        lang = normalize_code(code)
        if lang in terms:
            raise UsageError(f"--{code}: language {lang!r} given twice")
        terms[lang] = value
    return terms


def do_add(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary, create=True)
    entry = ops.make_entry(_terms(args), args.note or "", args.case, args.pos or "",
                           args.forbidden or ())
    warnings = ops.add_entry(session.glossary, entry, force=args.force)
    _warn(warnings)
    _saved(session, f"added {ops.label(entry)}")
    if args.json:
        _print_json(ops.entry_json(entry))
    return 0


def do_edit(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    entry = ops.find_entry(session.glossary, args.ref)
    terms = _terms(args)
    if not (terms or args.note is not None or args.case or args.pos is not None
            or args.forbidden):
        raise UsageError("nothing to change: give --LANG TERM, --note, --case, --pos or "
                         "--forbidden")
    new = ops.edited_copy(entry, terms, args.note, args.case, args.pos, args.forbidden)
    if ops.entry_json(new) == ops.entry_json(entry):
        console().print(f"unchanged {ops.label(entry)}")
        return 0
    _warn(ops.apply_edit(session.glossary, entry, new, force=args.force))
    _saved(session, f"changed {ops.label(entry)}")
    if args.json:
        _print_json(ops.entry_json(entry))
    return 0


def do_rm(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    entries = [ops.find_entry(session.glossary, ref) for ref in args.refs]
    unique = list({id(e): e for e in entries}.values())
    for entry in unique:
        ops.remove_entry(session.glossary, entry)
    _saved(session, "removed " + ", ".join(ops.label(e) for e in unique))
    return 0


def do_list(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    langs = _langs(args.lang)
    entries = ops.select(session.glossary, langs)
    if args.json:
        _print_json([ops.entry_json(e) for e in entries])
    else:
        console().print(EntryTable(entries, langs or session.glossary.languages))
    return 0


def do_search(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    lang = normalize_code(args.lang) if args.lang else None
    hits = ops.search(session.glossary, args.text, lang, limit=args.limit)
    if args.json:
        _print_json([h.to_json() for h in hits])
    else:
        console().print(HitTable(hits))
    return 0 if hits else 1


def do_validate(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    problems = ops.validate(session.glossary)
    if args.json:
        _print_json([p.to_json() for p in problems])
    else:
        console().print(ProblemList(problems, str(session.path)))
    return 1 if problems else 0


def _po_options(args: argparse.Namespace, glossary=None) -> dict:
    langs = glossary.languages if glossary is not None else []
    src = normalize_code(args.src) if getattr(args, "src", None) else None
    tgt = normalize_code(args.tgt) if getattr(args, "tgt", None) else None
    if glossary is not None:
        src = src or (langs[0] if langs else None)
        tgt = tgt or next((lang for lang in langs if lang != src), None)
        if not (src and tgt):
            raise UsageError("PO holds one language pair; the glossary needs two languages "
                             "(or give --src and --tgt)")
    return {k: v for k, v in {"src": src, "tgt": tgt}.items() if v}


def _load_other(path: str, args: argparse.Namespace):
    fmt = format_of(path)
    options = _po_options(args) if fmt == "po" else {}
    return safety.open_glossary(path, **options).glossary


def do_import(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    from glossa.fileio import check_outputs

    try:
        check_outputs([args.file], [session.path])  # also a hard link or symlink to it
    except UsageError:
        raise UsageError(f"{args.file}: cannot import a glossary into itself") from None
    theirs = _load_other(args.file, args)
    target = deepcopy(session.glossary) if args.dry_run else session.glossary
    report = ops.import_glossary(target, theirs, args.prefer)
    if args.dry_run:
        report.applied = False
    if args.json:
        _print_json(report.to_json())
    else:
        console().print(ImportSummary(report, args.file, str(session.path)))
    if report.blocked:
        return 1
    if report.applied and (report.added or report.updated):
        _saved(session, f"imported {args.file}")
    return 0


def do_export(args: argparse.Namespace) -> int:
    session = safety.open_glossary(args.glossary)
    fmt = format_of(args.out)
    options = _po_options(args, session.glossary) if fmt == "po" else {}
    _warn_pair_only(session.glossary, options)
    text = safety.render(session.glossary, fmt, **options)
    _warn_loss(session.glossary, text, fmt, options)
    safety.write_new(args.out, text, [session.path])
    count = len(session.glossary.entries)
    console().print(Text.assemble((f"exported {count} {'entry' if count == 1 else 'entries'}",
                                   "glossa.ok"), " -> ", (str(args.out), "glossa.path"),
                                  f" ({fmt.upper()})"))
    return 0


def _warn_pair_only(glossary, options: dict) -> None:
    """PO holds one language pair: say which languages are left out."""
    if not options:
        return
    left_out = [lang for lang in glossary.languages if lang not in options.values()]
    if left_out:
        console(stderr=True).print(Text.assemble(
            ("warning: ", "glossa.warning"),
            f"PO holds one language pair ({options['src']} -> {options['tgt']}); "
            f"{', '.join(left_out)} terms are not written (export them with --tgt)"))


def _warn_loss(glossary, text: str, fmt: str, options: dict) -> None:
    loss = safety.export_loss(glossary, text, fmt, **options)
    if loss:
        console(stderr=True).print(Text.assemble(
            ("warning: ", "glossa.warning"), f"{fmt.upper()} output is incomplete: {loss}"))


def do_merge(args: argparse.Namespace) -> int:
    ours = safety.open_glossary(args.a).glossary
    theirs = _load_other(args.b, args)
    report = ops.import_glossary(ours, theirs, args.prefer)
    if args.json:
        _print_json(report.to_json())
    else:
        console().print(ImportSummary(report, args.b, args.output))
    if report.blocked:
        return 1
    fmt = format_of(args.output)
    options = _po_options(args, ours) if fmt == "po" else {}
    _warn_pair_only(ours, options)
    text = safety.render(ours, fmt, **options)
    _warn_loss(ours, text, fmt, options)
    safety.write_new(args.output, text, [Path(args.a), Path(args.b)])
    if not args.json:
        console().print(Text.assemble((f"merged {args.a} + {args.b}", "glossa.ok"), " -> ",
                                      (str(args.output), "glossa.path")))
    return 0


def editor_for(glossary: str, langs: str | None = None):
    """The interactive editor for ``glossary``; ``langs`` starts a missing file."""
    path = Path(glossary)
    if not path.exists() and not langs:
        raise UsageError(f"{path}: no such file; to start a new glossary give its "
                         "languages, e.g. --langs en,ru")
    session = safety.open_glossary(path, create=True)
    if session.stamp is None:
        session.glossary.columns = [*_langs([langs]), "note"]
    from glossa.glossary_editor.tui import GlossaryEditor

    return GlossaryEditor(session)


def do_open(args: argparse.Namespace) -> int:
    editor_for(args.glossary, args.langs).run()
    return 0


ACTIONS = {"add": do_add, "edit": do_edit, "rm": do_rm, "list": do_list, "search": do_search,
           "validate": do_validate, "import": do_import, "export": do_export, "merge": do_merge,
           "open": do_open}
