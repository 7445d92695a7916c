r"""The native glossary format: TSV (or CSV) with a header row of language codes.

Reserved columns: ``note``, ``case`` (sensitive / insensitive / empty = auto), ``pos``,
``forbidden`` (``;``-separated variants forbidden in every language, or in one when
written ``xx:variant``) and ``forbidden_xx`` (variants forbidden in language xx). Every
other header that is a language code is a language column; anything else is kept
verbatim. Lines starting with ``#`` and blank lines are kept in place. A row written
back unchanged is written byte for byte as it was read.

A row whose first non-blank cell starts with ``#`` would read back as a comment, so the
writer protects it: in TSV with a backslash (``\#tag``; a cell that already starts with
backslashes before ``#`` gets one more, and the reader removes exactly one), in CSV by
quoting the cell (``"#tag"``). CSV is read strictly: an unclosed quote is an error.
"""

from __future__ import annotations

import csv
import io
import re

from glossa.errors import GlossaryError, UsageError
from glossa.glossary.model import ALL_LANGS, CASE_VALUES, Entry, Glossary, RawLine
from glossa.languages import normalize_code

RESERVED = {"note", "case", "pos", "forbidden"}
_FORBIDDEN_COL = re.compile(r"^forbidden[_-](.+)$", re.I)
_LANG_PREFIX = re.compile(r"^([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?):\s*(.+)$")


def _lang(code: str) -> str | None:
    try:
        return normalize_code(code)
    except UsageError:
        return None


def column_language(column: str) -> str | None:
    """Language code of a term column, or None for reserved/unknown columns."""
    name = column.strip()
    if name.lower() in RESERVED or _FORBIDDEN_COL.match(name):
        return None
    return _lang(name)


def forbidden_column_language(column: str) -> str | None:
    match = _FORBIDDEN_COL.match(column.strip())
    return _lang(match.group(1)) if match else None


def _split_forbidden(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def _parse_case(cell: str, where: tuple[str, int]) -> bool | None:
    value = cell.strip().lower()
    if value not in CASE_VALUES:
        raise GlossaryError(f"case must be 'sensitive', 'insensitive' or empty, got {cell!r}",
                            *where)
    return CASE_VALUES[value]


def entry_from_cells(columns: list[str], cells: list[str], where: tuple[str, int]) -> Entry:
    """Build an Entry from one row's cells (already padded to the header's width)."""
    entry = Entry(terms={}, origin=where[0], line=where[1])
    for column, cell in zip(columns, cells, strict=False):
        name = column.strip()
        lower = name.lower()
        if (lang := column_language(name)) is not None:
            if cell.strip():
                entry.terms[lang] = cell.strip()
        elif lower == "note":
            entry.note = cell.strip()
        elif lower == "pos":
            entry.pos = cell.strip()
        elif lower == "case":
            entry.case_sensitive = _parse_case(cell, where)
        elif lower == "forbidden":
            for variant in _split_forbidden(cell):
                match = _LANG_PREFIX.match(variant)
                lang = _lang(match.group(1)) if match else None
                key, value = (lang, match.group(2)) if lang else (ALL_LANGS, variant)
                entry.forbidden.setdefault(key, []).append(value)
        elif (lang := forbidden_column_language(name)) is not None:
            if variants := _split_forbidden(cell):
                entry.forbidden.setdefault(lang, []).extend(variants)
        else:
            entry.extra[column] = cell
    return entry


def output_columns(glossary: Glossary) -> list[str]:
    """The header to write: the one read plus columns that edits made necessary."""
    columns = list(glossary.columns)
    langs = {column_language(c) for c in columns} - {None}
    own_forbidden = {forbidden_column_language(c) for c in columns} - {None}
    lowers = {c.strip().lower() for c in columns}
    last_lang = max((i for i, c in enumerate(columns) if column_language(c)), default=-1)
    for entry in glossary.entries:
        for lang in entry.terms:
            if lang not in langs:
                last_lang += 1
                columns.insert(last_lang, lang)
                langs.add(lang)
        needs = {"note": entry.note, "case": entry.case_sensitive is not None, "pos": entry.pos,
                 "forbidden": any(k not in own_forbidden for k, v in entry.forbidden.items()
                                  if v)}
        for name, needed in needs.items():
            if needed and name not in lowers:
                columns.append(name)
                lowers.add(name)
        for key in entry.extra:
            if key not in columns:
                columns.append(key)
    return columns


def entry_cells(entry: Entry, columns: list[str]) -> list[str]:
    own_forbidden = {forbidden_column_language(c) for c in columns} - {None}
    cells = []
    for column in columns:
        name = column.strip()
        lower = name.lower()
        if (lang := column_language(name)) is not None:
            cells.append(entry.terms.get(lang, ""))
        elif lower == "note":
            cells.append(entry.note)
        elif lower == "pos":
            cells.append(entry.pos)
        elif lower == "case":
            cells.append(entry.case_name)
        elif lower == "forbidden":
            values = list(entry.forbidden.get(ALL_LANGS, []))
            values += [f"{k}:{v}" for k, vs in entry.forbidden.items()
                       if k != ALL_LANGS and k not in own_forbidden for v in vs]
            cells.append("; ".join(values))
        elif (lang := forbidden_column_language(name)) is not None:
            cells.append("; ".join(entry.forbidden.get(lang, [])))
        else:
            cells.append(entry.extra.get(column, ""))
    return cells


def header_columns(cells: list[str], where: tuple[str | None, int | None]) -> list[str]:
    """Validated, stripped header cells (at least one language, no duplicates)."""
    columns = [c.strip() for c in cells]
    odd = next((c for c in columns if any(ch in c for ch in "\t\r\n")), None)
    if odd is not None:  # TBX and PO keep the column list tab-separated
        raise GlossaryError(f"column name {odd!r} holds a tab or line break", *where)
    langs = [column_language(c) for c in columns]
    if not any(langs):
        raise GlossaryError("the header row must name language codes, e.g. 'en<TAB>pt<TAB>note'"
                            f"; got {cells!r}", *where)
    seen: dict[str, str] = {}
    for column, lang in zip(columns, langs, strict=False):
        if lang and lang in seen:
            raise GlossaryError(f"columns {seen[lang]!r} and {column!r} are the same language",
                                *where)
        if lang:
            seen[lang] = column
    if len(set(columns)) != len(columns):
        raise GlossaryError(f"duplicate column names in header {columns!r}", *where)
    return columns


_HASH_ESCAPED = re.compile(r"^(\s*)\\(\\*#)")  # "\#x" -> "#x", "\\#x" -> "\#x"
_HASH_TO_ESCAPE = re.compile(r"^(\s*)(\\*#)")


def _first_filled(cells: list[str]) -> int | None:
    return next((i for i, cell in enumerate(cells) if cell.strip()), None)


def _unescape_hash(cells: list[str]) -> list[str]:
    """Undo the TSV writer's protection of a leading ``#`` (see module docstring)."""
    i = _first_filled(cells)
    if i is not None and _HASH_ESCAPED.match(cells[i]):
        cells[i] = _HASH_ESCAPED.sub(r"\1\2", cells[i], count=1)
    return cells


def _escape_hash(cells: list[str]) -> list[str]:
    i = _first_filled(cells)
    if i is not None and _HASH_TO_ESCAPE.match(cells[i]):
        cells = list(cells)
        cells[i] = _HASH_TO_ESCAPE.sub(r"\1\\\2", cells[i], count=1)
    return cells


def _records(text: str, delimiter: str, path: str | None = None):
    """Yield (line number, raw text, cells or None for comment/blank lines)."""
    if delimiter == "\t":
        for number, line in enumerate(text.split("\n"), 1):
            raw = line[:-1] if line.endswith("\r") else line
            if not raw.strip() or raw.lstrip().startswith("#"):
                yield number, raw, None
            else:
                yield number, raw, _unescape_hash(raw.split("\t"))
        return
    lines = text.split("\n")
    number = 0
    while number < len(lines):
        raw = lines[number].rstrip("\r")
        if not raw.strip() or raw.lstrip().startswith("#"):
            number += 1
            yield number, raw, None
            continue
        start = number
        used = [start]

        def feed(used=used):
            while used[0] < len(lines):
                used[0] += 1
                yield lines[used[0] - 1] + "\n"

        try:
            cells = next(csv.reader(feed(), delimiter=delimiter, strict=True))
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise GlossaryError(f"bad CSV: a quote opened in the row starting on line "
                                    f"{start + 1} is never closed", path, start + 1) from None
            message = str(exc)
            if "new-line character" in message:
                message = "a line break (CR) inside a cell that is not quoted"
            raise GlossaryError(f"bad CSV: {message}", path, used[0]) from None
        number = used[0]
        yield start + 1, "\n".join(line.rstrip("\r") for line in lines[start:number]), cells


def parse(text: str, path: str | None = None, delimiter: str = "\t") -> Glossary:
    """Read TSV/CSV glossary text (see module docstring)."""
    glossary = Glossary(path=path, delimiter=delimiter)
    if text.startswith("\ufeff"):
        glossary.bom, text = True, text[1:]
    glossary.newline = "\r\n" if "\r\n" in text else "\n"
    ends_with_newline = text.endswith("\n")
    if ends_with_newline:
        text = text[: -len(glossary.newline)] if text.endswith(glossary.newline) else text[:-1]
    columns: list[str] | None = None
    next_id = 1
    for number, raw, cells in _records(text, delimiter, path) if text else ():
        where = (path, number)
        if cells is None:
            (glossary.preamble if columns is None else glossary.rows).append(RawLine(raw, number))
            continue
        if columns is None:
            columns = glossary.columns = header_columns(cells, where)
            glossary.__dict__["_header_raw"] = (raw, tuple(columns))
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            raise GlossaryError(f"{len(cells)} cells but the header has {len(columns)} "
                                "columns", *where)
        cells = (cells + [""] * len(columns))[: len(columns)]
        entry = entry_from_cells(columns, cells, where)
        entry.id, next_id = next_id, next_id + 1
        entry.raw = {"line": raw, "columns": tuple(columns),
                     "cells": tuple(entry_cells(entry, columns))}
        glossary.rows.append(entry)
    if columns is None:
        raise GlossaryError("no header row (language codes such as 'en<TAB>pt')", path, None)
    glossary.preamble = [r.text for r in glossary.preamble]
    glossary.__dict__["_ends_with_newline"] = ends_with_newline
    return glossary


def _csv_row(cells: list[str], delimiter: str, quote_all: bool = False) -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    # the "\r\n" terminator makes the writer quote cells holding a CR as well as LF
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=quoting).writerow(cells)
    return out.getvalue()[:-2]


def _format_row(cells: list[str], delimiter: str) -> str:
    """One row of cells; never one a reader would take for a comment line."""
    if delimiter == "\t":
        for cell in cells:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise GlossaryError(f"cannot write {cell!r} to TSV: tabs and line breaks are "
                                    "not allowed in cells")
        return "\t".join(_escape_hash(cells))
    line = _csv_row(cells, delimiter)
    if line.lstrip().startswith("#"):  # quote the first cell so it is not a comment
        line = _csv_row(cells[:1], delimiter, quote_all=True) + (
            delimiter + _csv_row(cells[1:], delimiter) if len(cells) > 1 else "")
    return line


def comment_lines(text: str) -> list[str]:
    """A kept line as lines the reader takes for comments again: an unchanged comment or
    blank line is itself; text from elsewhere (a PO/TBX comment, an editor) is split at
    line breaks and each non-blank piece not starting with ``#`` gets one."""
    return [p if not p.strip() or p.lstrip().startswith("#") else "#" + p
            for p in text.split("\n")]


def dumps(glossary: Glossary, delimiter: str | None = None) -> str:
    """Glossary -> TSV/CSV text; unchanged rows come back exactly as read."""
    delimiter = delimiter or glossary.delimiter
    columns = output_columns(glossary)
    lines = [line for text in glossary.preamble for line in comment_lines(text)]
    header_raw = glossary.__dict__.get("_header_raw")
    same_header = header_raw and header_raw[1] == tuple(columns) and delimiter == glossary.delimiter
    lines.append(header_raw[0] if same_header else _format_row(columns, delimiter))
    for row in glossary.rows:
        if isinstance(row, RawLine):
            lines += comment_lines(row.text)
            continue
        cells = entry_cells(row, columns)
        raw = row.raw
        same = (raw and delimiter == glossary.delimiter and raw["columns"] == tuple(columns)
                and raw["cells"] == tuple(cells))
        lines.append(raw["line"] if same else _format_row(cells, delimiter))
    text = glossary.newline.join(lines)
    if glossary.__dict__.get("_ends_with_newline", True):
        text += glossary.newline
    return ("\ufeff" if glossary.bom else "") + text


class Delimited:
    """TSV or CSV as a glossary-format plug-in: ``parse`` and ``dumps`` with the delimiter
    bound (see ``glossa.glossary.io.GLOSSARY_FORMATS``)."""

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter

    def parse(self, text: str, path: str | None = None, **_options: object) -> Glossary:
        return parse(text, path, self.delimiter)

    def dumps(self, glossary: Glossary, **_options: object) -> str:
        return dumps(glossary, self.delimiter)


TSV, CSV = Delimited("\t"), Delimited(",")
