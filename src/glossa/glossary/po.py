"""PO glossaries (as Weblate exports them): msgid = source term, msgstr = target term,
translator comment = note. One language pair per file; the source language comes from
``X-Source-Language`` (default en), the target from ``Language``. Fields PO has no place
for (case, pos, forbidden variants, unknown columns, comment lines, column order) are
written as ``#.`` extracted comments and header fields, so TSV -> PO -> TSV loses nothing
for the pair's columns.

Reading goes through the PO format (``glossa.formats.po``: its strict line scan, then
``units()``), so a broken file is refused with the same message and line as by
``glossa translate``, ``glossa tm import`` and ``glossa review``.
"""

from __future__ import annotations

import json

import polib

from glossa.errors import FormatError, GlossaryError, UsageError
from glossa.formats.base import BilingualUnit
from glossa.glossary.model import Entry, Glossary, RawLine
from glossa.glossary.tsv import (
    column_language,
    entry_cells,
    entry_from_cells,
    header_columns,
    output_columns,
)
from glossa.languages import normalize_code

_PREFIX = "glossa-"


def _code(value: str, what: str, path: str | None) -> str:
    try:
        return normalize_code(value)
    except UsageError:
        raise GlossaryError(f"PO header {what}: unknown language {value!r}", path, None) from None


def _read(text: str, path: str | None) -> tuple[dict[str, str], str, list[BilingualUnit]]:
    """Header fields, header comment and units, read by the PO format (the one strict PO
    reader: a broken file gets the same error as from ``glossa translate``)."""
    from glossa.formats import po

    try:
        doc = po.read(text, path)
    except FormatError as exc:
        raise GlossaryError(exc.detail, exc.file, exc.line) from None
    fields, comment = po.header(doc)
    return fields, comment, po.units(doc)


def parse(text: str, path: str | None = None, src: str | None = None,
          tgt: str | None = None) -> Glossary:
    meta, header, units = _read(text, path)
    src = src or _code(meta.get("X-Source-Language", "en"), "X-Source-Language", path)
    tgt = tgt or _code(meta.get("Language", "") or "und", "Language", path) \
        if meta.get("Language") else tgt
    if not tgt:
        raise GlossaryError("PO glossary without a Language header; pass the target "
                            "language", path, None)
    columns = meta.get("X-Glossa-Columns", "").split("\t") if meta.get("X-Glossa-Columns") \
        else [src, tgt, "note"]
    columns = header_columns(columns, (path, None))
    if {src, tgt} - {column_language(c) for c in columns}:
        raise GlossaryError(f"PO header X-Glossa-Columns {columns!r} lacks a column for "
                            f"{src} or {tgt}", path, None)
    glossary = Glossary(path=path, columns=columns)
    for unit in units:
        if unit.plural:  # a term is its singular: msgid and msgstr[0]
            continue
        fields: dict[str, list[str]] = {}
        for line in unit.extra["extracted_comment"].split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.startswith(_PREFIX):
                fields.setdefault(key[len(_PREFIX):], []).append(_dec(value[1:]))
        for raw in fields.get("line", []):
            glossary.rows.append(RawLine(raw))
        cells = []
        for column in columns:
            lang = column_language(column)
            if lang == src:
                cells.append(unit.source)
            elif lang == tgt:
                cells.append(unit.target)
            elif column.strip().lower() == "note":
                cells.append(unit.extra["translator_comment"])
            else:
                cells.append(fields.get("column-" + column, [""])[0])
        entry = entry_from_cells(columns, cells, (path, unit.line))
        entry.id = len(glossary.entries) + 1
        glossary.rows.append(entry)
        for raw in fields.get("after", []):
            glossary.rows.append(RawLine(raw))
    lines = header.split("\n")
    glossary.preamble = [_dec(line[len("glossa-preamble:") + 1:]) for line in lines
                         if line.startswith("glossa-preamble:")]
    glossary.rows += [RawLine(_dec(line[len("glossa-line:") + 1:])) for line in lines
                      if line.startswith("glossa-line:")]
    return glossary


def _enc(text: str) -> str:
    """JSON-quote what PO comments would otherwise trim (trailing spaces)."""
    return json.dumps(text, ensure_ascii=False)


def _dec(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, str) else text


def dumps(glossary: Glossary, src: str | None = None, tgt: str | None = None) -> str:
    """Export one language pair (default: the first two languages)."""
    langs = glossary.languages
    src = src or (langs[0] if langs else "en")
    tgt = tgt or next((lang for lang in langs if lang != src), None)
    if not tgt:
        raise UsageError("a PO glossary needs two languages; this glossary has "
                         f"{', '.join(langs) or 'none'}")
    columns = [c for c in output_columns(glossary)
               if column_language(c) in (None, src, tgt)]
    po = polib.POFile(wrapwidth=0)
    po.header = "\n".join(f"glossa-preamble: {_enc(line)}" for line in glossary.preamble)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": tgt,
                   "X-Source-Language": src, "X-Glossa-Columns": "\t".join(columns)}
    pending: list[str] = []
    last: polib.POEntry | None = None
    seen: set[tuple[str, str]] = set()
    for row in glossary.rows:
        if isinstance(row, RawLine):
            pending.append(row.text)
            continue
        item = _item(row, columns, src, tgt, pending)
        if item is None:
            continue
        pending = []
        key = (item.msgctxt or "", item.msgid)
        if key in seen:  # a homonym: PO needs unique msgid + msgctxt
            item.msgctxt = f"{_PREFIX}{row.id}"
        seen.add((item.msgctxt or "", item.msgid))
        po.append(item)
        last = item
    if pending and last is None:  # comments only, no entry to hang them on
        lines = [f"glossa-line: {_enc(t)}" for t in pending]
        po.header = "\n".join(filter(None, [po.header, *lines]))
    elif pending and last is not None:
        last.comment = "\n".join(filter(None, [last.comment,
                                               *(f"{_PREFIX}after: {_enc(t)}" for t in pending)]))
    text = str(po)
    try:  # polib leaves U+2028, U+000C in comments etc. as they are: they would split lines
        _read(text, None)
    except GlossaryError as exc:
        raise GlossaryError(f"cannot write this glossary as PO: {exc.detail}") from None
    return text


def _item(entry: Entry, columns: list[str], src: str, tgt: str,
          before: list[str]) -> polib.POEntry | None:
    if not entry.terms.get(src):
        return None
    comments = [f"{_PREFIX}line: {_enc(t)}" for t in before]
    for column, cell in zip(columns, entry_cells(entry, columns), strict=True):
        if column_language(column) is None and column.strip().lower() != "note" and cell:
            comments.append(f"{_PREFIX}column-{column}: {_enc(cell)}")
    return polib.POEntry(msgid=entry.terms[src], msgstr=entry.terms.get(tgt, ""),
                         tcomment=entry.note, comment="\n".join(comments))
