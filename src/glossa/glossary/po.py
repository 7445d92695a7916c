"""PO glossaries (as Weblate exports them): msgid = source term, msgstr = target term,
translator comment = note. One language pair per file; the source language comes from
``X-Source-Language`` (default en), the target from ``Language``. Fields PO has no place
for (case, pos, forbidden variants, unknown columns, comment lines, column order) are
written as ``#.`` extracted comments and header fields, so TSV -> PO -> TSV loses nothing
for the pair's columns.

polib accepts broken files silently (``msgstr "b`` without its closing quote reads as an
empty string), so the text is checked line by line first (``check_syntax``).
"""

from __future__ import annotations

import json
import re

import polib

from glossa.errors import GlossaryError, UsageError
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


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)(?=\s|$)")
_ESCAPES = set('nrtvbf"\\')  # the escapes polib decodes; others would be read as two characters
# Which keyword may follow which state (None: between entries).
_COMPLETE = (None, "msgstr", "msgstr[]")
_AFTER = {"msgctxt": _COMPLETE, "msgid": (*_COMPLETE, "msgctxt"),
          "msgid_plural": ("msgid",), "msgstr": ("msgid",),
          "msgstr[]": ("msgid_plural", "msgstr[]")}


def _check_string(token: str, path: str | None, number: int) -> None:
    """``token`` must be one quoted string with escapes polib reads, then only spaces."""
    if not token.startswith('"'):
        raise GlossaryError(f"expected a quoted string, got {token[:40]!r}", path, number)
    i = 1
    while i < len(token):
        char = token[i]
        if char == "\\":
            escape = token[i + 1: i + 2]
            if escape not in _ESCAPES:
                shown = "\\" + escape if escape else "a backslash at the end of the line"
                raise GlossaryError(f"unsupported escape {shown!r} in a PO string (glossa reads "
                                    '\\n \\t \\r \\v \\b \\f \\" \\\\)', path, number)
            i += 2
        elif char == '"':
            if token[i + 1:].strip():
                raise GlossaryError(f"unexpected text after the closing quote: "
                                    f"{token[i + 1:].strip()[:40]!r}", path, number)
            return
        else:
            i += 1
    raise GlossaryError("unterminated string (no closing quote)", path, number)


def check_syntax(text: str, path: str | None = None) -> bool:
    """Raise GlossaryError (file, line) unless ``text`` is well-formed PO; True when it has
    at least one keyword line. Comments (``#...``, including obsolete ``#~`` entries) and
    blank lines are free; every other line is a keyword with one quoted string, or a
    continuation string; msgstr must follow msgid, and an entry must end with msgstr."""
    state: str | None = None
    opened = 0
    seen_keyword = False
    for number, line in enumerate(text.split("\n"), 1):
        line = line[:-1] if line.endswith("\r") else line
        if len(line.splitlines()) > 1:
            char = next(c for c in line if len(f"a{c}a".splitlines()) > 1)
            raise GlossaryError(f"line break character U+{ord(char):04X} inside a line "
                                "(PO readers split lines there; write it escaped)", path, number)
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if state not in _COMPLETE:
                raise GlossaryError(f"{state} on line {opened} has no msgstr", path, opened)
            state = None
            continue
        if stripped.startswith('"'):
            if state is None:
                raise GlossaryError("string outside an entry (no msgid/msgstr before it)",
                                    path, number)
            _check_string(stripped, path, number)
            continue
        match = _KEYWORD.match(stripped)
        if not match:
            raise GlossaryError(f"unexpected text {stripped[:40]!r} (expected a comment, a "
                                "msgctxt/msgid/msgstr keyword or a quoted string)", path, number)
        keyword = "msgstr[]" if match.group(1).startswith("msgstr[") else match.group(1)
        if state not in _AFTER[keyword]:
            expected = {"msgstr": "msgid", "msgid_plural": "msgid",
                        "msgstr[]": "msgid_plural"}.get(keyword)
            problem = (f"{match.group(1)} without {expected} before it" if expected
                       else f"{match.group(1)} before the msgstr of the entry on line {opened}")
            raise GlossaryError(problem, path, number)
        if keyword in ("msgctxt", "msgid") and state in _COMPLETE:
            opened = number
        state, seen_keyword = keyword, True
        _check_string(stripped[match.end():].lstrip(), path, number)
    if state not in _COMPLETE:
        raise GlossaryError(f"{state} on line {opened} has no msgstr (file ends)", path, opened)
    return seen_keyword


def parse(text: str, path: str | None = None, src: str | None = None,
          tgt: str | None = None) -> Glossary:
    # polib.pofile() treats its argument as a file name when such a file exists; a checked
    # text with a keyword spans several lines, and one without any is an empty catalogue.
    if check_syntax(text, path):
        try:
            po = polib.pofile(text)
        except (OSError, ValueError) as exc:
            raise GlossaryError(f"broken PO file: {exc}", path, _line(str(exc))) from None
    else:
        po = polib.POFile()
    meta = po.metadata
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
    for number, item in enumerate(po, 1):
        if item.obsolete:
            continue
        fields: dict[str, list[str]] = {}
        for line in (item.comment or "").split("\n"):
            key, sep, value = line.partition(":")
            if sep and key.startswith(_PREFIX):
                fields.setdefault(key[len(_PREFIX):], []).append(_dec(value[1:]))
        for raw in fields.get("line", []):
            glossary.rows.append(RawLine(raw))
        cells = []
        for column in columns:
            lang = column_language(column)
            if lang == src:
                cells.append(item.msgid)
            elif lang == tgt:
                cells.append(item.msgstr)
            elif column.strip().lower() == "note":
                cells.append(item.tcomment or "")
            else:
                cells.append(fields.get("column-" + column, [""])[0])
        entry = entry_from_cells(columns, cells, (path, item.linenum or number))
        entry.id = len(glossary.entries) + 1
        glossary.rows.append(entry)
        for raw in fields.get("after", []):
            glossary.rows.append(RawLine(raw))
    header = (po.header or "").split("\n")
    glossary.preamble = [_dec(line[len("glossa-preamble:") + 1:]) for line in header
                         if line.startswith("glossa-preamble:")]
    glossary.rows += [RawLine(_dec(line[len("glossa-line:") + 1:])) for line in header
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


def _line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


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
        check_syntax(text)
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
