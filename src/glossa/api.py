"""Library API: what the CLI calls, and what users import.

    >>> import glossa
    >>> glossa.translate_text("Bom dia.", to="en", from_="pt")
    'Good morning.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from glossa.document import Document
from glossa.fileio import atomic_write, decode_text, read_bytes
from glossa.formats import format_for, get_format
from glossa.languages import base_language, normalize_code, normalize_locale, region
from glossa.pipeline import (
    ProgressCallback,
    TranslateOptions,
    TranslateReport,
    translate_documents,
)
from glossa.planning import Plan, check_jobs, plan_jobs

__all__ = ["TranslateOptions", "TranslateReport", "translate_text", "translate_file",
           "translate_files", "translate_document", "make_options", "output_path",
           "read_document", "write_document", "skip_reason", "file_warnings", "plan_jobs",
           "check_jobs", "Plan"]


def make_options(
    to: str,
    from_: str = "auto",
    glossary: Any = None,
    engine: str = "auto",
    languages: Sequence[str] | None = None,
    tm: Any = None,
) -> TranslateOptions:
    """Validate language codes and load glossaries given as paths; ``to`` may name a
    region (pt_BR, pt-BR), kept as ``locale`` for the files (engines get the language)."""
    locale = normalize_locale(to)
    target = base_language(locale)
    source = "auto" if from_ == "auto" else normalize_code(from_)
    if glossary is not None and isinstance(glossary, (str, Path, list, tuple)):
        from glossa.glossary import load_glossaries

        paths = [glossary] if isinstance(glossary, (str, Path)) else list(glossary)
        glossary = load_glossaries(paths) if paths else None
        if glossary is not None:
            glossary.read_from = [str(p) for p in paths]  # protected from being outputs
    langs = [normalize_code(code) for code in languages] if languages else None
    return TranslateOptions(target, source, engine, glossary, langs, tm, locale=locale)


def read_document(path: str | Path, fmt: str = "auto", **format_options: Any) -> Document:
    """Read a file (or "-" for stdin) into a Document with the right format."""
    if fmt == "auto":
        format_for(path)  # an unknown extension is refused before reading anything
    raw = read_bytes(path)
    module = get_format(format_for(path, fmt, head=raw[:8192]))
    if getattr(module, "BINARY", False):
        return module.read(raw, str(path), **format_options)
    name = "<stdin>" if str(path) == "-" else str(path)
    decode = getattr(module, "decode", None)  # a format that knows its own charset (PO)
    text = decode(raw, name) if decode is not None else decode_text(raw, name)
    return module.read(text, str(path), **format_options)


def write_document(doc: Document, path: str | Path,
                   report: TranslateReport | None = None, if_changed: bool = False) -> bool:
    """Render a Document with its format and write it atomically.

    A format may keep a translated segment in the source language when putting it
    back would break the file's structure; with ``report`` given, each such segment
    is reported as a problem rather than dropped silently. A note starting "merged: "
    (office formats: formatting runs merged) is reported as kind "merged", not a failure.
    ``if_changed``: leave the file alone when nothing changed (``--in-place``, as
    ``msgmerge -U`` does, so its time stamp stays). Returns whether it was written.
    """
    from glossa.pipeline import SegmentProblem, segment_line

    notes_before = [len(s.notes) for s in doc.segments]
    if report is not None:
        doc.meta["warnings"] = entry_warnings(doc, report)
    rendered = get_format(doc.format).write(doc)
    if report is not None:
        for index, (segment, before) in enumerate(zip(doc.segments, notes_before, strict=True)):
            for note in segment.notes[before:]:
                # "merged: ..." = written translated, with some inline formatting merged
                kind, _, message = note.partition(": ") if note.startswith("merged: ") else \
                    ("kept", "", note)
                report.problems.append(SegmentProblem(doc.path or "<input>", index, kind,
                                                      message, segment.text,
                                                      segment_line(doc, segment)))
        kept = [i for i, (s, before) in enumerate(zip(doc.segments, notes_before, strict=True))
                if s.translation is not None and any(not n.startswith("merged: ")
                                                     for n in s.notes[before:])]
        report.kept += len(kept)  # the format kept them in the source: not translated
        report.translated -= len(kept)
    if if_changed and rendered == doc.text:
        return False
    atomic_write(path, rendered)
    return True


#: Problem kinds a format writes onto its unit for the translator (PO comment, XLIFF note),
#: with the words saying what happened to the unit.
ANNOTATED = {"warning": "", "term": "", "unknown": "",
             "failed": "not translated (kept in the source language): "}


def entry_warnings(doc: Document, report: TranslateReport) -> dict[int, list[str]]:
    """Segment index -> what verification said about it, for formats that can carry a
    note per unit (PO translator comments, XLIFF notes)."""
    name = doc.path or "<input>"
    found: dict[int, list[str]] = {}
    for problem in report.problems:
        if problem.document == name and problem.kind in ANNOTATED:
            found.setdefault(problem.segment, []).append(ANNOTATED[problem.kind]
                                                         + problem.message)
    return found


def translate_document(doc: Document, options: TranslateOptions,
                       progress: ProgressCallback | None = None) -> TranslateReport:
    return translate_documents([doc], options, progress)


def translate_text(text: str, to: str, from_: str = "auto", glossary: Any = None,
                   engine: str = "auto", format: str = "txt") -> str:
    """Translate a string (plain text by default) and return the translated string."""
    fmt = get_format(format)
    doc = fmt.read(text, None)
    translate_documents([doc], make_options(to, from_, glossary, engine))
    return fmt.write(doc)


#: Catalogue formats whose files may be named by the language alone (Rails ``en.yml``).
_NAMED_BY_LANGUAGE = (".yml", ".yaml", ".json", ".arb")
_LOCALE_NAME = re.compile(r"([a-z]{2,3})(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|\d{3}))?"
                          r"(?:@[a-z0-9]+)?", re.IGNORECASE)


def _is_locale(name: str) -> bool:
    """``name`` is a language code, with or without region (pt, pt_BR, pt-BR, sr@latin)."""
    from glossa.languages import LANGUAGES

    match = _LOCALE_NAME.fullmatch(name)
    return bool(match) and match.group(1).lower() in LANGUAGES


def output_path(input_path: str | Path, target: str, out_dir: str | Path | None = None,
                root: str | Path | None = None) -> Path:
    """NAME.LANG.EXT beside the input (or under out_dir); NAME.pot -> NAME.LANG.po.

    ``target`` may carry a region (pt_BR: NAME.pt_BR.po). A language code already at the
    end of NAME (article.pt.txt, app.pt_BR.po) is replaced; a catalogue named by its
    language alone (en.yml -> pt-BR.yml, BCP 47 as Rails names them) or Flutter-style
    (app_en.arb -> app_pt_BR.arb) is renamed.
    """
    from glossa.languages import bcp47

    locale = normalize_locale(target)
    path = Path(input_path)
    suffix = ".po" if path.suffix.lower() == ".pot" else path.suffix
    stem = path.stem
    head, dot, last = stem.rpartition(".")
    arb = re.fullmatch(r"(.+?)_([a-z]{2,3}(?:_[A-Za-z]{4})?(?:_[A-Z]{2})?)", stem)
    if suffix.lower() in _NAMED_BY_LANGUAGE and _is_locale(stem):
        name = f"{bcp47(locale)}{suffix}"  # Rails en.yml -> pt.yml, pt-BR.yml
    elif suffix.lower() == ".arb" and arb and _is_locale(arb.group(2)):
        name = f"{arb.group(1)}_{locale}{suffix}"  # Flutter app_en.arb -> app_pt_BR.arb
    else:
        if dot and _is_locale(last):
            stem = head
        name = f"{stem}.{locale}{suffix}"
    if out_dir is None:
        return path.with_name(name)
    relative = path.parent.relative_to(root) if root is not None else Path()
    return Path(out_dir) / relative / name


def translate_file(path: str | Path, to: str, from_: str = "auto", output: str | Path | None = None,
                   glossary: Any = None, engine: str = "auto", fmt: str = "auto",
                   **format_options: Any) -> TranslateReport:
    """Translate one file and write the result (default NAME.LANG.EXT beside it)."""
    options = make_options(to, from_, glossary, engine)
    out = Path(output) if output is not None else output_path(path, options.locale)
    return translate_files([(Path(path), out)], options, fmt, **format_options)


def translate_files(jobs: Sequence[tuple[Path, Path]], options: TranslateOptions,
                    fmt: str = "auto", progress: ProgressCallback | None = None,
                    **format_options: Any) -> TranslateReport:
    """Translate many files in one batched run; every output is written atomically.

    Refuses (UsageError) before reading anything when an output is one of the files the
    run reads (inputs, glossaries, TM, config) or two outputs are the same file.
    """
    check_jobs(jobs, files_read_by(options))
    docs = [(read_document(src, fmt, **format_options), out) for src, out in jobs]
    docs = [(doc, out) for doc, out in docs if skip_reason(doc, options) is None]
    report = translate_documents([doc for doc, _ in docs], options, progress)
    write_outputs(docs, report)
    return report


def write_outputs(docs: Sequence[tuple[Document, Path]], report: TranslateReport,
                  if_changed: bool = False) -> list[Path]:
    """Write every translated document; one where nothing could be translated for want of a
    model is not written (its reason goes to ``report.not_written``), nor, with
    ``if_changed`` (``--in-place``), one whose text would not change. Returns the outputs
    written."""
    written = []
    for doc, out in docs:
        reason = nothing_translatable(doc, report)
        if reason is not None:
            report.not_written[doc.path or "<input>"] = reason
            continue
        if write_document(doc, out, report, if_changed=if_changed):
            written.append(out)
    return written


def other_language(doc: Document, target: str, source: str = "auto",
                   labelled: bool = False) -> str | None:
    """The language a catalogue says its translations are in, when that is not ``target``
    (any variant of it): such a file (a ``fr`` PO file in a tree translated into ``pt``) is
    skipped, never relabelled. ``labelled`` (for ``--in-place``): the language the file is
    labelled with even when it has no translations yet (an empty ``en`` catalogue is a
    template to translate into a new file, never one to fill with Portuguese in place)."""
    module = get_format(doc.format)
    labels = getattr(module, "labelled_language", None) if labelled else None
    declared = getattr(module, "declared_language", None)
    if labels is not None:
        language = labels(doc)
    else:
        language = declared(doc, source) if declared is not None else None
    if not language or base_language(language) == base_language(target):
        return None
    return language


def skip_reason(doc: Document, options: TranslateOptions,
                in_place: bool = False) -> str | None:
    """Why a file is left out of the run (one line), None to translate it: a catalogue in
    another language (with ``in_place``, one labelled so even if still empty), or one whose
    translated plural entries the target's Plural-Forms would contradict."""
    locale = options.locale or options.target
    language = other_language(doc, locale, options.source)
    if language is not None:
        return f"catalogue language is {language}, target is {locale}"
    language = other_language(doc, locale, options.source, labelled=True) if in_place else None
    if language is not None:
        return f"it is labelled {language}, not {locale} (--in-place fills a catalogue " \
               "only in its own language)"
    conflict = getattr(get_format(doc.format), "target_conflict", None)
    return conflict(doc, locale) if conflict is not None else None


def file_warnings(doc: Document, options: TranslateOptions,
                  report: TranslateReport) -> list[str]:
    """One line each: what the format found wrong with the file as it was (a PO header its
    own entries contradict), and a model variant other than the file's."""
    found = getattr(get_format(doc.format), "input_warnings", None)
    lines = list(found(doc)) if found is not None else []
    variant = variant_warning(doc, options, report)
    return lines + ([variant] if variant else [])


def variant_warning(doc: Document, options: TranslateOptions,
                    report: TranslateReport) -> str | None:
    """A warning when the model wrote another regional variant than the file is in (the
    bundled en->pt model writes pt_BR: "senha", "usuário" in a pt_PT catalogue)."""
    hook = getattr(get_format(doc.format), "target_locale", None)
    requested = options.locale or options.target
    locale = hook(doc, requested) if hook is not None else requested
    if not region(locale):
        return None
    used = {model.strip() for segment in doc.segments if segment.translation is not None
            for model in (segment.provenance or "").split(", ") if model.strip()}
    written = sorted({v for m in used if region(v := report.variants.get(m, ""))
                      and region(v) != region(locale)})
    if not written:
        return None
    declared = getattr(get_format(doc.format), "declared_language", None)
    label = (declared(doc) if declared is not None else None) or requested
    said = "" if label.replace("-", "_") == locale else f" (gettext's {label})"
    return (f"the model writes {', '.join(written)} but the file is {locale}{said}: check "
            "its vocabulary and forms of address")


def nothing_translatable(doc: Document, report: TranslateReport) -> str | None:
    """Why no part of ``doc`` could be translated, when the only reason is a missing model.

    Such an output would be a copy of the input under a translated name, so it is not
    written: the caller reports the reason in one line instead. A file with some text
    already in the target language, or with other problems, is written as usual (its
    no-model runs are kept and reported).
    """
    if any(segment.translation is not None for segment in doc.segments):
        return None
    name = doc.path or "<input>"
    mine = [p for p in report.problems if p.document == name and p.kind != "term"]
    if not mine or any(p.kind != "no-model" for p in mine):
        return None
    wanted = sum(1 for segment in doc.segments if segment.text.strip())
    if len({p.segment for p in mine}) < wanted:
        return None
    segments = f"{len(mine)} segment{'s' if len(mine) != 1 else ''}"
    reasons = "; ".join(dict.fromkeys(p.message for p in mine))
    return f"not written: nothing translated ({segments}): {reasons}"


def files_read_by(options: TranslateOptions) -> list[str]:
    """The glossary, TM and config files a run with these options reads."""
    from glossa.config import config_path

    found = [str(config_path())]
    glossary = options.glossary
    if glossary is not None:
        found += getattr(glossary, "read_from", None) or ([glossary.path] if glossary.path else [])
    if options.tm is not None and getattr(options.tm, "path", None) is not None:
        found.append(str(options.tm.path))
    return found
