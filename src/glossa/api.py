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
from glossa.fileio import atomic_write, check_outputs, decode_text, read_bytes
from glossa.formats import format_for, get_format
from glossa.languages import normalize_code
from glossa.pipeline import (
    ProgressCallback,
    TranslateOptions,
    TranslateReport,
    translate_documents,
)

__all__ = ["TranslateOptions", "TranslateReport", "translate_text", "translate_file",
           "translate_files", "translate_document", "make_options", "output_path",
           "read_document", "write_document"]


def make_options(
    to: str,
    from_: str = "auto",
    glossary: Any = None,
    engine: str = "auto",
    languages: Sequence[str] | None = None,
    tm: Any = None,
) -> TranslateOptions:
    """Validate language codes and load glossaries given as paths."""
    target = normalize_code(to)
    source = "auto" if from_ == "auto" else normalize_code(from_)
    if glossary is not None and isinstance(glossary, (str, Path, list, tuple)):
        from glossa.glossary import load_glossaries

        paths = [glossary] if isinstance(glossary, (str, Path)) else list(glossary)
        glossary = load_glossaries(paths) if paths else None
        if glossary is not None:
            glossary.read_from = [str(p) for p in paths]  # protected from being outputs
    langs = [normalize_code(code) for code in languages] if languages else None
    return TranslateOptions(target, source, engine, glossary, langs, tm)


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


def output_path(input_path: str | Path, target: str, out_dir: str | Path | None = None,
                root: str | Path | None = None) -> Path:
    """NAME.LANG.EXT beside the input (or under out_dir); NAME.pot -> NAME.LANG.po.

    A language code already at the end of NAME (article.pt.txt) is replaced; a catalogue
    named by its language alone (en.yml) or Flutter-style (app_en.arb) is renamed.
    """
    from glossa.languages import LANGUAGES

    path = Path(input_path)
    suffix = ".po" if path.suffix.lower() == ".pot" else path.suffix
    stem = path.stem
    head, dot, last = stem.rpartition(".")
    arb_head, underscore, arb_last = stem.rpartition("_")
    code = re.fullmatch(r"([a-z]{2,3})(?:[-_][A-Za-z]{2,4})?", stem)
    if suffix.lower() in _NAMED_BY_LANGUAGE and code and code.group(1) in LANGUAGES:
        name = f"{target}{suffix}"  # Rails en.yml -> pt.yml
    elif suffix.lower() == ".arb" and underscore and arb_last.lower() in LANGUAGES:
        name = f"{arb_head}_{target}{suffix}"  # Flutter app_en.arb -> app_pt.arb
    else:
        if dot and last.lower() in LANGUAGES:
            stem = head
        name = f"{stem}.{target}{suffix}"
    if out_dir is None:
        return path.with_name(name)
    relative = path.parent.relative_to(root) if root is not None else Path()
    return Path(out_dir) / relative / name


def translate_file(path: str | Path, to: str, from_: str = "auto", output: str | Path | None = None,
                   glossary: Any = None, engine: str = "auto", fmt: str = "auto",
                   **format_options: Any) -> TranslateReport:
    """Translate one file and write the result (default NAME.LANG.EXT beside it)."""
    options = make_options(to, from_, glossary, engine)
    out = Path(output) if output is not None else output_path(path, options.target)
    return translate_files([(Path(path), out)], options, fmt, **format_options)


def translate_files(jobs: Sequence[tuple[Path, Path]], options: TranslateOptions,
                    fmt: str = "auto", progress: ProgressCallback | None = None,
                    **format_options: Any) -> TranslateReport:
    """Translate many files in one batched run; every output is written atomically.

    Refuses (UsageError) before reading anything when an output is one of the files the
    run reads (inputs, glossaries, TM, config) or two outputs are the same file.
    """
    check_outputs([src for src, _ in jobs] + files_read_by(options), [out for _, out in jobs],
                  [src for src, _ in jobs])
    docs = [(read_document(src, fmt, **format_options), out) for src, out in jobs]
    docs = [(doc, out) for doc, out in docs if other_language(doc, options.target) is None]
    report = translate_documents([doc for doc, _ in docs], options, progress)
    for doc, out in docs:
        write_document(doc, out, report)
    return report


def other_language(doc: Document, target: str, labelled: bool = False) -> str | None:
    """The language a catalogue says its translations are in, when that is not ``target``:
    such a file (a ``fr`` PO file in a tree translated into ``pt``) is skipped, never
    relabelled. ``labelled`` (for ``--in-place``): the language the file is labelled
    with even when it has no translations yet (an empty ``en`` catalogue is a template to
    translate into a new file, never one to fill with Portuguese in place)."""
    module = get_format(doc.format)
    declared = getattr(module, "labelled_language" if labelled else "declared_language", None)
    if declared is None:
        declared = getattr(module, "declared_language", None)
    language = declared(doc) if declared is not None else None
    if not language:
        return None
    base = language.replace("_", "-").split("-")[0].lower()
    return None if base == target.split("-")[0].split("_")[0].lower() else language


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
