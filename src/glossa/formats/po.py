"""gettext PO / POT catalogues.

Reading: polib parses the catalogue (and rejects broken syntax); a small line scanner of
our own finds where each entry's lines are, so writing can splice only what changed.
polib's ``save()`` would re-wrap long strings and reorder header fields, touching almost
every line of a real catalogue; here the output differs from the input only in:

* the ``msgstr`` lines of entries glossa filled in (and a ``fuzzy`` flag on them),
* the header fields ``Language``, ``Plural-Forms`` (when missing or still the POT
  template), ``PO-Revision-Date``, and a POT's ``charset=CHARSET`` (set to UTF-8, the
  encoding glossa writes).

Segments: one per non-blank line of each ``msgid`` / ``msgid_plural`` to fill, so
escaped newlines keep the message's line structure exactly. Placeholders (printf,
brace, HTML, URLs, escapes) are protected spans. A keyboard accelerator marker (``&File``,
``_File``, GTK's ``Cu_t``) is taken out before translation (a marker inside a word breaks
the word for the engine) and put back in the translation (see ``glossa.accelerators``);
which marker the catalogue uses is detected from its msgids unless ``accelerator`` says.

Verification warnings and failures of an entry (``doc.meta["warnings"]``, filled by
``glossa.api.write_document``) become ``# glossa: warning: ...`` translator comments on
it, replacing glossa's warnings from an earlier run.
"""

from __future__ import annotations

import codecs
import os
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

import polib

from glossa import accelerators
from glossa.document import Document, Segment, Span
from glossa.errors import FormatError, UsageError
from glossa.formats.base import BilingualUnit
from glossa.placeholders import (
    find_placeholders,
    merge_adjacent,
    widen_quoted,
)

PROTECT_KINDS = ("code", "angle", "printf", "brace", "html", "url", "email", "path", "variable",
                 "call", "option", "identifier", "escape", "symbol")
WRAP = 78  # gettext's and polib's default line width

# --- plural forms ---------------------------------------------------------------------------

_ONE = "nplurals=1; plural=0;"
_NOT1 = "nplurals=2; plural=(n != 1);"
_GT1 = "nplurals=2; plural=(n > 1);"
_SLAVIC = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);")

#: GNU gettext's own table: what ``msginit -l LOCALE --no-translator`` (gettext 0.21)
#: writes, measured locale by locale. Only pt_BR has a rule of its own; other regional
#: locales (fr_CA, pt_PT, sr@latin) take their language's. tests/test_po_variants.py
#: compares it with msginit when gettext is installed.
GETTEXT_PLURAL_FORMS: dict[str, str] = {
    **dict.fromkeys(["ja", "ko", "vi"], _ONE),
    **dict.fromkeys(["en", "de", "nl", "sv", "da", "nb", "nn", "es", "pt", "it", "bg", "el",
                     "fi", "et", "he", "eo", "hu", "tr"], _NOT1),
    **dict.fromkeys(["pt_BR", "fr"], _GT1),
    **dict.fromkeys(["ru", "uk", "be", "sr", "hr"], _SLAVIC),
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
}

#: Languages gettext's table leaves as ``nplurals=INTEGER``, after the CLDR integer rules
#: (Unicode's "Language Plural Rules"), as Weblate and Poedit fill them in.
CLDR_PLURAL_FORMS: dict[str, str] = {
    **dict.fromkeys(["zh", "zt", "th", "id", "ms", "yo"], _ONE),
    **dict.fromkeys(["ca", "gl", "eu", "af", "sq", "az", "ka", "kk", "mn", "la", "sw", "so",
                     "ta", "te", "ur", "mr", "ml", "ne"], _NOT1),
    **dict.fromkeys(["fa", "hi", "bn", "gu", "pa", "hy", "zu", "tl"], _GT1),
    "bs": _SLAVIC,
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
          "n%100>=11 ? 4 : 5);",
    "mk": "nplurals=2; plural=(n%10==1 && n%100!=11) ? 0 : 1;",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
}

#: gettext Plural-Forms per locale: gettext's table first, CLDR for what it lacks.
PLURAL_FORMS: dict[str, str] = {**CLDR_PLURAL_FORMS, **GETTEXT_PLURAL_FORMS}

_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
#: The most plural forms a language has in practice (CLDR: 6, Arabic); gettext tools loop
#: over nplurals, so an absurd header value is refused rather than allocated.
MAX_NPLURALS = 10


def plural_forms(locale: str) -> str:
    """The Plural-Forms for a locale: its own entry (pt_BR), else its language's (pt_PT ->
    pt), else gettext's default ``n != 1``."""
    from glossa.languages import base_language, region

    base = base_language(locale)
    return PLURAL_FORMS.get(f"{base}_{region(locale)}") or PLURAL_FORMS.get(base, _NOT1)


def nplurals(forms: str) -> int | None:
    match = _NPLURALS_RE.search(forms or "")
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


# --- scanning -------------------------------------------------------------------------------

_KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])\s*(.*)$")
_STRING_RE = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_ESCAPE_RE = re.compile(r"\\(.)")
_ESCAPES = frozenset('nrtvbf"\\')  # what polib decodes; it would keep any other as 2 chars
#: Characters str.splitlines() (so polib) breaks lines at, besides "\n" and "\r\n".
_LINE_BREAK_RE = re.compile("\r(?!\n)|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _string_problem(token: str) -> str:
    """Why ``token`` is not one well-formed PO string (``_STRING_RE`` refused it)."""
    if not token.startswith('"'):
        return f"expected a quoted string, got {token[:30]!r}"
    match = re.match(r'^"(?:[^"\\]|\\.)*"', token)
    if match is None:
        return "no closing quote"
    return f"unexpected text after the closing quote: {token[match.end():].strip()[:30]!r}"


def _check_escapes(piece: str, path: str | None, index: int) -> None:
    for escape in _ESCAPE_RE.finditer(piece):
        if escape.group(1) not in _ESCAPES:
            raise FormatError(f"unsupported escape '{escape.group()}' in a PO string (glossa "
                              'reads \\n \\t \\r \\v \\b \\f \\" \\\\)', path, index + 1)


def _check_line_breaks(text: str, path: str | None) -> None:
    """polib splits lines where gettext does not (U+2028, form feed, a lone CR): refuse
    them with their line rather than let polib misread the catalogue."""
    found = _LINE_BREAK_RE.search(text)
    if found is not None:
        raise FormatError(f"line break character U+{ord(found.group()):04X} inside a line "
                          "(PO readers split lines there; write it escaped)", path,
                          text.count("\n", 0, found.start()) + 1)


@dataclass
class _Lines:
    """Where one active entry sits in the file (0-based line indexes)."""

    head: int  # first line of the comments right before it (or key line)
    key: int  # msgctxt or msgid line
    flags: int | None = None  # the "#," line
    previous: int | None = None  # first "#|" line
    msgstr_start: int = -1
    msgstr_end: int = -1
    msgid: int = -1  # the msgid line: where problems with the entry are reported
    fields: dict[str, list[str]] = field(default_factory=dict)  # raw (escaped) string pieces

    def value(self, name: str) -> str | None:
        pieces = self.fields.get(name)
        return None if pieces is None else polib.unescape("".join(pieces))


def _scan(lines: list[str], path: str | None) -> list[_Lines]:
    """Locate every active entry; raise FormatError on structure msgfmt would reject."""
    entries: list[_Lines] = []
    state = "start"  # start | ctxt | id | plural | str | strn
    head: int | None = None
    flags: int | None = None
    previous: int | None = None
    current: _Lines | None = None
    last_field: str | None = None

    def fail(message: str, index: int) -> None:
        raise FormatError(message, path, index + 1)

    for i, raw in enumerate(lines):
        line = raw.strip().lstrip("\ufeff") if i == 0 else raw.strip()
        if not line or line.startswith("#~"):
            head = flags = previous = None
            if state in ("str", "strn"):
                state, last_field = "start", None
            continue
        if line.startswith("#"):
            if state in ("ctxt", "id", "plural"):
                fail("comment inside an entry (msgstr missing?)", i)
            state, last_field = "start", None
            if head is None:
                head = i
            if line.startswith("#,") and flags is None:
                flags = i
            if line.startswith("#|") and previous is None:
                previous = i
            continue
        match = _KEYWORD_RE.match(line)
        if match:
            keyword, _n, rest = match.groups()
            if not _STRING_RE.match(rest):
                fail(f"malformed string after {keyword}: {_string_problem(rest)}", i)
            _check_escapes(rest[1:-1], path, i)
            name = "msgstr" if keyword.startswith("msgstr") else keyword
            if keyword == "msgctxt" or (keyword == "msgid" and state != "ctxt"):
                if state not in ("start", "str", "strn"):
                    fail(f"{keyword} before the previous entry's msgstr", i)
                current = _Lines(head if head is not None else i, i, flags, previous)
                entries.append(current)
                head = flags = previous = None
                state = "ctxt" if keyword == "msgctxt" else "id"
            elif keyword == "msgid":
                state = "id"
            elif keyword == "msgid_plural":
                if state != "id":
                    fail("msgid_plural without msgid", i)
                state = "plural"
            elif keyword == "msgstr":
                if state != "id":
                    fail("msgstr without a msgid before it" if state != "plural"
                         else "msgstr without index after msgid_plural (use msgstr[0])", i)
                state = "str"
            else:  # msgstr[n]
                if state not in ("plural", "strn"):
                    fail("msgstr[n] without msgid_plural", i)
                state = "strn"
                name = f"msgstr[{_n}]"
            assert current is not None
            if keyword == "msgid":
                current.msgid = i
            if name.startswith("msgstr") and current.msgstr_start < 0:
                current.msgstr_start = i
            if name.startswith("msgstr"):
                current.msgstr_end = i + 1
            current.fields[name] = [rest[1:-1]]
            last_field = name
            continue
        if line.startswith('"'):
            if last_field is None or current is None:
                fail("string continuation outside an entry", i)
            if not _STRING_RE.match(line):
                fail(f"malformed string: {_string_problem(line)}", i)
            _check_escapes(line[1:-1], path, i)
            current.fields[last_field].append(line[1:-1])
            if last_field.startswith("msgstr"):
                current.msgstr_end = i + 1
            continue
        fail(f"unexpected text {line[:30]!r}", i)
    if state in ("ctxt", "id", "plural"):
        assert current is not None
        fail("entry without msgstr", current.key)
    return entries


def _polib_parse(text: str, path: str | None) -> polib.POFile:
    try:
        return polib.pofile(text if "\n" in text else text + "\n", wrapwidth=WRAP)
    except (OSError, ValueError, KeyError, IndexError, UnicodeError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        detail = re.sub(r"^Syntax error in po file.*?\(line \d+\):?\s*", "", message)
        raise FormatError(f"PO syntax error{': ' + detail if detail else ''}", path,
                          int(match.group(1)) if match else None) from None


def _check_nplurals(scanned: list[_Lines], path: str | None) -> None:
    header = _header_of(scanned)
    match = _NPLURALS_RE.search(header.value("msgstr") or "") if header else None
    if header and match and int(match.group(1)) > MAX_NPLURALS:
        raise FormatError(f"Plural-Forms says nplurals={int(match.group(1))}; no language has "
                          f"more than {MAX_NPLURALS}", path, header.key + 1)
    for entry in scanned:
        for name in entry.fields:
            index = re.fullmatch(r"msgstr\[(\d+)\]", name)
            if index and int(index.group(1)) >= MAX_NPLURALS:
                raise FormatError(f"{name}: no language has more than {MAX_NPLURALS} plural "
                                  "forms", path, entry.msgstr_start + 1)


def _check_duplicates(scanned: list[_Lines], path: str | None) -> None:
    """msgfmt refuses a catalogue defining one (msgctxt, msgid) twice; so does glossa."""
    first: dict[tuple[str | None, str | None], int] = {}
    for entry in scanned:
        key = (entry.value("msgctxt"), entry.value("msgid"))
        if key in first:
            raise FormatError(f"duplicate message definition (first defined at line "
                              f"{first[key] + 1})", path, entry.key + 1)
        first[key] = entry.key


def _header_of(scanned: list[_Lines]) -> _Lines | None:
    return next((e for e in scanned if e.value("msgid") == "" and "msgctxt" not in e.fields),
                None)


def _checked(text: str, path: str | None) -> tuple[list[str], list[_Lines], polib.POFile]:
    """The strict reading every PO path shares: line scan, limits, duplicates, polib."""
    _check_line_breaks(text, path)
    lines = _split_lines(text)
    scanned = _scan([ln.rstrip("\n").rstrip("\r") for ln in lines], path)
    _check_nplurals(scanned, path)
    _check_duplicates(scanned, path)
    return lines, scanned, _polib_parse(text, path)


# --- charset ----------------------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_UTF8_NAMES = {"utf-8", "utf8", "charset", "ascii", "us-ascii"}


def declared_charset(head: str | bytes) -> str | None:
    """The charset the header's Content-Type names (None if it has none)."""
    data = head.encode("utf-8", "replace") if isinstance(head, str) else head
    match = _CHARSET_RE.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def decode(raw: bytes, name: str) -> str:
    """The catalogue's text, decoded by its header's charset (glossa writes it as UTF-8
    and updates the header), or an error with the ``msgconv``/``iconv`` hint."""
    from glossa.fileio import decode_text

    charset = declared_charset(raw)
    if charset is None or charset.lower() in _UTF8_NAMES:
        return decode_text(raw, name)
    hint = (f"convert it first: `msgconv -t UTF-8 {name}` or "
            f"`iconv -f {charset} -t UTF-8`")
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise FormatError(f"unknown charset {charset!r} in the header; {hint}", name) from None
    if codec.name in ("utf-16", "utf-32") or codec.name.startswith(("utf-16", "utf-32")):
        return decode_text(raw, name)  # says UTF-16 with the iconv hint
    try:
        return decode_text(raw.decode(codec.name).encode("utf-8"), name)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormatError(f"not valid {charset} (the header's charset); {hint}", name,
                          line) from None


def _charset_value(state: _State, changed: bool) -> str | None:
    """A Content-Type that says UTF-8, when the file says another charset and glossa is
    about to write non-ASCII text (glossa only ever writes UTF-8)."""
    content_type = state.metadata.get("Content-Type", "")
    charset = declared_charset(content_type)
    if charset is None or charset.lower() in _UTF8_NAMES:
        return None
    if not changed and "".join(state.lines).isascii():
        return None
    return content_type.replace(f"charset={charset}", "charset=UTF-8")


# --- reading --------------------------------------------------------------------------------


@dataclass
class _Entry:
    """An entry to fill: its polib object and where its lines are."""

    index: int
    po: polib.POEntry
    lines: _Lines
    context: str = ""  # msgctxt: part of the entry's identity and of its TM keys
    accelerators: dict[str, accelerators.Marked] = field(default_factory=dict)
    # form -> the message with its accelerator marker taken out


@dataclass
class _State:
    lines: list[str]  # the file split after each "\n" (terminators kept)
    entries: list[_Lines]
    header: _Lines | None
    todo: dict[int, _Entry]
    fuzzy: bool
    metadata: dict[str, str]
    translated: int = 0  # entries that already have a translation
    po_entries: list[polib.POEntry] = field(default_factory=list)  # parallel to ``entries``
    header_comment: str = ""  # the comment lines above the header entry
    filled_forms: set[int] = field(default_factory=set)  # msgstr[n] counts of filled plurals
    people: dict[str, str] = field(default_factory=dict)  # Last-Translator, Language-Team


def _split_lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _message_segments(entry: _Entry, form: str, value: str, marker: str) -> list[Segment]:
    found: list | None = find_placeholders(value, PROTECT_KINDS)
    marked = accelerators.strip(value, marker, found)
    if marked is not None:
        entry.accelerators[form] = marked
        value, found = marked.text, None
    segments = []
    for number, line in enumerate(value.split("\n")):
        text = line.strip()
        column = _option_column(text) if marked is None else ""
        text = text[len(column):]
        if not text:
            continue
        if found is None or text != value:  # a one-line message was scanned already
            found = find_placeholders(text, PROTECT_KINDS)
        protected = merge_adjacent([*widen_quoted(found, text), *_quoted_symbols(text)])
        if not _letters_outside(text, protected):
            continue  # only placeholders: nothing for the engine
        segments.append(Segment(text, protected=protected,
                                context={"entry": entry.index, "form": form,
                                         "msg_line": number, "line": entry.lines.msgid + 1,
                                         "tm_context": entry.context, "column": column}))
    return segments


#: a quoted command or character of no letters: sed's `":" lacks a label`, `'}' expected`
_QUOTED_SYMBOLS = re.compile(r"([\"'‘“«`])([^\w\s\"'‘’“”«»`]{1,3})([\"'’”»])")
_CLOSING = {'"': '"', "'": "'", "‘": "’", "“": "”", "«": "»", "`": "'"}


def _quoted_symbols(text: str) -> list[Span]:
    """Spans of quoted punctuation (quotes included): the engine drops it (``":"`` came
    back as ``""``), and it names something literal the reader must type."""
    return [Span(m.start(), m.end()) for m in _QUOTED_SYMBOLS.finditer(text)
            if _CLOSING[m.group(1)] == m.group(3)]


_ARG = r"(?:\[=?[A-Z][A-Z_]*\]|[= ]<?[A-Z][A-Za-z_]*>?|=<[a-z][\w-]*>)"
_OPTION = rf"-{{1,2}}[A-Za-z?][\w-]*{_ARG}?"
#: the option column of a --help line: "--version  output version information and exit"
_OPTION_COLUMN = re.compile(rf"{_OPTION}(?:,\s?{_OPTION})*(?:\s{{2,}}|\t+)(?=\S)")


def _option_column(text: str) -> str:
    """The options and the spaces aligning their description, kept as written: only the
    description goes to the engine (which moved ``--version`` to the end of the line and
    collapsed the column)."""
    found = _OPTION_COLUMN.match(text)
    return found.group() if found else ""


def _letters_outside(text: str, spans) -> bool:
    pos = 0
    for span in spans:
        if any(ch.isalpha() for ch in text[pos:span.start]):
            return True
        pos = span.end
    return any(ch.isalpha() for ch in text[pos:])


def accelerator_style(requested: str | None, msgids: list[str]) -> str:
    """The marker to handle: ``requested`` (else the config's ``accelerator``, else auto),
    "auto" meaning the one the catalogue's messages use (see detect_style). PO and XLIFF."""
    if requested is None:
        from glossa.config import load_config

        requested = str(load_config().get("accelerator", "auto"))
    if requested not in accelerators.STYLES:
        raise UsageError(f"accelerator must be one of {', '.join(accelerators.STYLES)}, "
                         f"not {requested!r} (--accelerator or accelerator in the config)")
    if requested != "auto":
        return requested
    return accelerators.detect_style((m, find_placeholders(m, PROTECT_KINDS)) for m in msgids)


#: What ``--only`` can select: entries without a translation, fuzzy ones, and fuzzy ones
#: glossa machine-translated (its ``# glossa: mt`` comment). An MT entry a reviewer approved
#: (fuzzy flag removed) is a reviewed translation, never selected by ``mt``.
SELECTIONS = ("untranslated", "fuzzy", "mt")
MT_COMMENT = "glossa: mt "
_GLOSSA_COMMENT = re.compile(r"^# glossa: (?:mt |machine translation)")


def is_glossa_mt(entry: polib.POEntry) -> bool:
    return any(_GLOSSA_COMMENT.match("# " + line) for line in entry.tcomment.splitlines())


def _kinds(entry: polib.POEntry) -> set[str]:
    """The ``--only`` selections an entry belongs to (none: a finished translation)."""
    if not (entry.msgstr or any(entry.msgstr_plural.values())):
        return {"untranslated"}
    if "fuzzy" not in entry.flags:
        return set()
    return {"fuzzy", "mt"} if is_glossa_mt(entry) else {"fuzzy"}


def _selected(entry: polib.POEntry, retranslate: bool, only: frozenset[str] | None) -> bool:
    if only is not None:
        return bool(_kinds(entry) & only)
    return retranslate or _kinds(entry) == {"untranslated"}


def read(text: str, path: str | None = None, retranslate: bool = False, fuzzy: bool = True,
         accelerator: str | None = None, translator: str | None = None,
         team: str | None = None, only: frozenset[str] | None = None,
         **_options: object) -> Document:
    """Read a catalogue; ``accelerator``: "auto" (default), "_", "&", "~" or "none".
    ``translator`` ("Name <mail>") becomes Last-Translator when glossa fills entries;
    ``team`` fills a Language-Team that is missing or still the template's. ``only``: fill
    just these SELECTIONS (default: untranslated entries, or every entry with
    ``retranslate``). Untranslated entries left out count as ``meta["left"]``; the
    catalogue's finished entries become ``meta["memory"]`` for its other entries."""
    lines, scanned, catalogue = _checked(text, path)
    header = _header_of(scanned)
    active = [e for e in scanned if e is not header]
    po_entries = [e for e in catalogue if not e.obsolete]
    if len(po_entries) != len(active) or any(
        p.msgid != s.value("msgid") for p, s in zip(po_entries, active, strict=False)
    ):
        raise FormatError("could not match the catalogue's entries to its lines "
                          "(unusual PO layout)", path)
    marker = accelerator_style(accelerator, [m for e in po_entries if e.msgid
                                             for m in (e.msgid, e.msgid_plural) if m])
    todo: dict[int, _Entry] = {}
    translated = left = 0
    filled_forms: set[int] = set()
    segments: list[Segment] = []
    for index, (po_entry, where) in enumerate(zip(po_entries, active, strict=True)):
        if not po_entry.msgid:
            continue
        filled = bool(po_entry.msgstr) or any(po_entry.msgstr_plural.values())
        translated += filled
        if filled and po_entry.msgid_plural:
            filled_forms.add(len(po_entry.msgstr_plural))
        entry = _Entry(index, po_entry, where, po_entry.msgctxt or "")
        if not _selected(po_entry, retranslate, only):
            if not filled:
                left += len(_entry_segments(entry, marker))
            continue
        found = _entry_segments(entry, marker)
        if found:
            todo[index] = entry
            segments += found
    people = {"Last-Translator": translator, "Language-Team": team}
    state = _State(lines, active, header, todo, fuzzy, dict(catalogue.metadata), translated,
                   po_entries, catalogue.header or "", filled_forms,
                   {k: v for k, v in people.items() if v})
    memory = _own_memory(po_entries, todo, marker)
    return Document(text, segments, "po", path,
                    meta={"po": state, "left": left, "memory": memory})


def _entry_segments(entry: _Entry, marker: str) -> list[Segment]:
    found = _message_segments(entry, "msgid", entry.po.msgid, marker)
    if entry.po.msgid_plural:
        found += _message_segments(entry, "msgid_plural", entry.po.msgid_plural, marker)
    return found


def _without_accelerator(value: str, marker: str) -> str:
    marked = accelerators.strip(value, marker, find_placeholders(value, PROTECT_KINDS))
    return value if marked is None else marked.text


def _own_memory(po_entries: list[polib.POEntry], todo: dict[int, _Entry],
                marker: str) -> dict[tuple[str, str], str]:
    """(sentence, msgctxt) -> translation from the catalogue's finished entries (translated,
    not fuzzy, not being re-translated now): line by line when msgid and msgstr have as
    many lines, and sentence by sentence where those align too."""
    from glossa.tm.bilingual import sentence_pairs

    memory: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(po_entries):
        if index in todo or not entry.msgid or "fuzzy" in entry.flags:
            continue
        forms = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else [
            (entry.msgid, entry.msgstr_plural.get(0, "")),
            (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        for source, target in forms:
            src_lines = _without_accelerator(source, marker).split("\n")
            tgt_lines = _without_accelerator(target, marker).split("\n")
            if not target or len(src_lines) != len(tgt_lines):
                continue
            for src_line, tgt_line in zip(src_lines, tgt_lines, strict=True):
                pair = _without_columns(src_line.strip(), tgt_line.strip())
                for s, t in sentence_pairs(*pair) if pair else ():
                    memory.setdefault((s, entry.msgctxt or ""), t)
    return memory


def _without_columns(source: str, target: str) -> tuple[str, str] | None:
    """A --help line pair without the option column (as segments are read), None when the
    translator wrote other options there."""
    column = _option_column(source)
    if not column:
        return source, target
    theirs = _option_column(target)
    if theirs.rstrip() != column.rstrip():
        return None
    return source[len(column):], target[len(theirs):]


# --- writing --------------------------------------------------------------------------------


def _translated_message(entry: _Entry, form: str, source: str,
                        segments: list[Segment]) -> str:
    marked = entry.accelerators.get(form)
    lines = source.split("\n")
    clean = lines if marked is None else marked.text.split("\n")  # as read() saw it
    key_line = key_at = None
    if marked is not None and marked.offset is not None:
        key_line = marked.text.count("\n", 0, marked.offset)
        key_at = marked.offset - (marked.text.rfind("\n", 0, marked.offset) + 1)
    by_line = {s.context["msg_line"]: s for s in segments}
    out = []
    for number, line in enumerate(clean):
        segment = by_line.get(number)
        if segment is None or segment.translation is None:
            out.append(lines[number])
            continue
        lead = line[: len(line) - len(line.lstrip())] + segment.context.get("column", "")
        trail = line[len(line.rstrip()):]
        new = segment.translation
        if marked is not None:
            new = accelerators.restore(new, line.strip(),
                                       key_at - len(lead) if number == key_line else None,
                                       marked.marker, marked.doubled,
                                       find_placeholders(new, PROTECT_KINDS))
        out.append(lead + new + trail)
    return "\n".join(out)


def _wrap(escaped: str, limit: int) -> list[str]:
    pieces = []
    while len(escaped) > limit:
        cut = escaped.rfind(" ", 0, limit)
        if cut <= 0:
            cut = escaped.find(" ", limit)
            if cut < 0:
                break
        pieces.append(escaped[: cut + 1])
        escaped = escaped[cut + 1:]
    if escaped or not pieces:
        pieces.append(escaped)
    return pieces


def format_field(keyword: str, value: str) -> list[str]:
    """``keyword "value"`` lines the way gettext writes them (wrapped at 78, split after \\n)."""
    escaped = polib.escape(value)
    if "\n" not in value[:-1] and len(keyword) + len(escaped) + 3 <= WRAP:
        return [f'{keyword} "{escaped}"']
    chunks = [c for c in re.split(r"(?<=\n)", value) if c]
    lines = [f'{keyword} ""']
    for chunk in chunks:
        lines += [f'"{piece}"' for piece in _wrap(polib.escape(chunk), WRAP - 2)]
    return lines


def _newline(lines: list[str]) -> str:
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def _block(new_lines: list[str], replaced: list[str], nl: str) -> str:
    """Lines joined with the file's newline, ending like the last line they replace."""
    end = replaced[-1][len(replaced[-1].rstrip("\r\n")):] if replaced else nl
    return nl.join(new_lines) + end


def _entry_msgstrs(entry: _Entry, segs: list[Segment], n_forms: int) -> list[str] | None:
    """New msgstr values (one, or one per plural form), or None to leave the entry."""
    if any(s.notes for s in segs) or all(s.translation is None for s in segs):
        return None
    single = _translated_message(entry, "msgid", entry.po.msgid,
                                 [s for s in segs if s.context["form"] == "msgid"])
    if not entry.po.msgid_plural:
        return [single]
    plural = _translated_message(entry, "msgid_plural", entry.po.msgid_plural,
                                 [s for s in segs if s.context["form"] == "msgid_plural"])
    if n_forms == 1:
        return [plural]
    return [single] + [plural] * (n_forms - 1)


def _flags_edit(where: _Lines, lines: list[str], nl: str,
                fuzzy: bool) -> tuple[int, int, str] | None:
    """The edit giving the entry's flags ``fuzzy`` or taking it off, if they need one."""
    if where.flags is None:
        if not fuzzy:
            return None
        at = where.previous if where.previous is not None else where.key
        return at, at, "#, fuzzy" + nl
    line = lines[where.flags]
    body = line.rstrip("\r\n")
    flags = [f.strip() for f in body[2:].split(",") if f.strip()]
    if ("fuzzy" in flags) == fuzzy:
        return None
    new = ["fuzzy", *flags] if fuzzy else [f for f in flags if f != "fuzzy"]
    return where.flags, where.flags + 1, ("#, " + ", ".join(new) + line[len(body):]) if new else ""


def _entry_origin(segments: list[Segment]) -> str:
    """"fuzzy" (a fuzzy TM match in it), "mt" (machine translation in it) or "human"."""
    origins = {s.origin or "mt" for s in segments if s.translation is not None}
    return next((o for o in ("fuzzy", "mt") if o in origins), "human")


def _provenance_edits(entry: _Entry, segments: list[Segment], state: _State,
                      nl: str) -> list[tuple[int, int, str]]:
    """Flags and comments saying where a new msgstr came from.

    Machine translation: fuzzy (``--no-fuzzy``: flags untouched) and one ``# glossa: mt MODEL``
    comment, replacing glossa's earlier one; a fuzzy TM match: fuzzy; an exact human
    translation (TM, the catalogue's own entries): not fuzzy, no MT comment. The
    ``#|`` previous strings describe the old msgstr, so they go with it.
    """
    lines, where = state.lines, entry.lines
    origin = _entry_origin(segments)
    edits: list[tuple[int, int, str]] = []
    models = dict.fromkeys(m.strip() for s in segments if s.translation is not None
                           for m in (s.provenance or "").split(",") if m.strip())
    if origin == "mt" and models:
        edits.append((where.head, where.head, f"# {MT_COMMENT}{', '.join(models)}{nl}"))
    edits += [(i, i + 1, "") for i in range(where.head, where.key)
              if lines[i].startswith("#|") or _GLOSSA_COMMENT.match(lines[i])]
    # with --no-fuzzy, machine translation leaves the flags as they were
    want = True if origin == "fuzzy" else (state.fuzzy or None) if origin == "mt" else False
    flags = None if want is None else _flags_edit(where, lines, nl, want)
    return edits + ([flags] if flags else [])


def _revision_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.localtime()
    return time.strftime("%Y-%m-%d %H:%M%z", stamp)


#: Header values a POT template (xgettext's) leaves for the translator to fill in.
_TEMPLATE_VALUES = {"Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
                    "Language-Team": "LANGUAGE <LL@li.org>"}


def _plural_plan(state: _State, locale: str) -> tuple[str | None, int]:
    """(Plural-Forms to write or None to leave the header's, msgstr[n] count to write).

    The catalogue's own Plural-Forms stays when it is valid and the catalogue is in the
    target language (or says no language); else gettext's rule for the locale, unless the
    plural entries already translated have another count: the header never contradicts them.
    """
    have = nplurals(state.metadata.get("Plural-Forms", ""))
    if _keeps_plural_forms(state, locale):
        assert have is not None
        return None, have
    wanted = plural_forms(locale)
    count = nplurals(wanted) or 2
    if state.filled_forms and state.filled_forms != {count}:
        return None, have or max(state.filled_forms)
    return wanted, count


def _keeps_plural_forms(state: _State, locale: str) -> bool:
    language = state.metadata.get("Language", "").strip()
    return nplurals(state.metadata.get("Plural-Forms", "")) is not None and (
        not language or _same_language(language, locale))


def target_conflict(doc: Document, locale: str) -> str | None:
    """Why the catalogue cannot be translated into ``locale`` as it is: its translated plural
    entries have another count of forms than the Plural-Forms glossa would have to write."""
    state: _State | None = doc.meta.get("po")
    if state is None or not state.filled_forms or _keeps_plural_forms(state, locale):
        return None
    count = nplurals(plural_forms(locale))
    if state.filled_forms == {count}:
        return None
    have = "/".join(str(n) for n in sorted(state.filled_forms))
    return (f"its translated plural entries have {have} forms, {locale} has {count}; set "
            "Plural-Forms in its header")


def _same_language(a: str, b: str) -> bool:
    from glossa.languages import base_language

    return base_language(a) == base_language(b)


def _header_values(state: _State, locale: str, changed: bool) -> dict[str, str]:
    """Header fields to set: only those missing, wrong for the target, or a POT template."""
    meta = state.metadata
    want: dict[str, str] = {}
    language = meta.get("Language", "").strip()
    if not _same_language(language, locale) or not language:
        want["Language"] = locale
    forms, _count = _plural_plan(state, locale)
    if forms is not None:
        want["Plural-Forms"] = forms
    content_type = meta.get("Content-Type", "")
    if "charset=CHARSET" in content_type:
        want["Content-Type"] = content_type.replace("charset=CHARSET", "charset=UTF-8")
    utf8 = _charset_value(state, changed)
    if utf8 is not None:
        want["Content-Type"] = utf8
    if changed:
        want["PO-Revision-Date"] = _revision_date()
        if "Last-Translator" in state.people:
            want["Last-Translator"] = state.people["Last-Translator"]
    team = state.people.get("Language-Team")
    if changed and team and meta.get("Language-Team", "").strip() in ("", _TEMPLATE_VALUES[
            "Language-Team"]):
        want["Language-Team"] = team
    return want


_FIELD_START = re.compile(r"[A-Za-z-]+(?=:)")
_STRING_LINE = re.compile(r'^(\s*(?:msgstr\s*)?")(.*)("\s*)$')


@dataclass
class _Piece:
    """One string line of the header's msgstr: its raw (escaped) text and where it sits."""

    line: int
    lead: str  # 'msgstr "' or '"' (with indentation)
    raw: str
    start: int  # offset of raw in the header's joined raw text


def _header_pieces(state: _State) -> list[_Piece]:
    where = state.header
    assert where is not None
    pieces, offset = [], 0
    for i in range(where.msgstr_start, where.msgstr_end):
        match = _STRING_LINE.match(state.lines[i].rstrip("\r\n"))
        assert match is not None  # the scanner accepted the line
        pieces.append(_Piece(i, match.group(1), match.group(2), offset))
        offset += len(match.group(2))
    return pieces


def _header_fields(raw: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each field in the header's raw text: a field ends after its
    escaped newline (a continuation line gettext wrapped it onto belongs to it)."""
    bounds, pos = [0], 0
    for token in re.finditer(r"\\.|[^\\]", raw):
        pos = token.end()
        if token.group() == "\\n" and pos < len(raw):
            bounds.append(pos)
    bounds.append(len(raw))
    fields = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        match = _FIELD_START.match(raw, start)
        if match and start < end:
            fields.append((match.group(), start, end))
    return fields


def _header_edit(state: _State, values: dict[str, str], nl: str) -> list[tuple[int, int, str]]:
    """Edits setting header fields. Only the lines holding a field glossa sets change;
    every other field keeps its bytes, wrapping included."""
    lines = state.lines
    if state.header is None:
        body = {"Language": "", "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit", "Plural-Forms": ""}
        body.update(values)
        text = "".join(f"{k}: {v}\n" for k, v in body.items())
        new = nl.join(['msgid ""', *format_field("msgstr", text)]) + nl + nl
        return [(0, 0, new)]
    pieces = _header_pieces(state)
    raw = "".join(p.raw for p in pieces)
    replaced: list[tuple[int, int, str]] = []  # (start, end, new raw field)
    seen: set[str] = set()
    for name, start, end in _header_fields(raw):
        if name in values and name not in seen:
            seen.add(name)
            replaced.append((start, end, f"{name}: {polib.escape(values[name])}\\n"))
    edits = [_piece_edit(p, replaced, lines, nl) for p in pieces]
    edits = [e for e in edits if e is not None]
    missing = [k for k in values if k not in seen]
    if missing:  # appended as lines of their own after the header's last line
        last_piece = pieces[-1]
        glue = "" if not raw or raw.endswith("\\n") else "\\n"
        add = [f'"{glue if n == 0 else ""}{k}: {polib.escape(values[k])}\\n"'
               for n, k in enumerate(missing)]
        last = lines[last_piece.line]
        if last.endswith("\n"):
            edits.append((last_piece.line + 1, last_piece.line + 1, nl.join(add) + nl))
        else:  # the header ends the file without a newline: extend its last line
            own = next((e for e in edits if e[0] == last_piece.line), None)
            body = own[2] if own is not None else last
            edits = [e for e in edits if e is not own]
            edits.append((last_piece.line, last_piece.line + 1,
                          nl.join([b for b in [body] if b] + add)))
    return edits


def _piece_edit(piece: _Piece, replaced: list[tuple[int, int, str]], lines: list[str],
                nl: str) -> tuple[int, int, str] | None:
    """The new text of one header line a replaced field touches (None: untouched). The
    new field goes where it starts; the untouched text around it keeps its own lines."""
    begin, finish = piece.start, piece.start + len(piece.raw)
    touching = [r for r in replaced if r[0] < finish and r[1] > begin]
    if not touching:
        return None
    fragments, pos = [], begin
    for start, end, new in touching:
        if start > pos:
            fragments.append(piece.raw[pos - begin:start - begin])
        if start >= begin:
            fragments.append(new)
        pos = max(pos, end)
    if pos < finish:
        fragments.append(piece.raw[pos - begin:])
    line = lines[piece.line]
    ending = line[len(line.rstrip("\r\n")):]
    if not fragments:  # the whole line was the tail of a field replaced above
        return piece.line, piece.line + 1, ""
    indent = piece.lead[: len(piece.lead) - len(piece.lead.lstrip())]
    out = [f"{piece.lead if n == 0 else indent + chr(34)}{fragment}\"" for n, fragment
           in enumerate(fragments)]
    return piece.line, piece.line + 1, nl.join(out) + ending


def write(doc: Document) -> str:
    state: _State | None = doc.meta.get("po")
    if state is None:
        raise ValueError("not a PO document read by glossa.formats.po")
    bom = bool(state.lines) and state.lines[0].startswith("\ufeff")
    if bom:  # edited without it (comments, flags, a new header go first), put back after
        state = replace(state, lines=[state.lines[0][1:], *state.lines[1:]])
    target = doc.meta.get("target")
    by_entry: dict[int, list[Segment]] = {}
    notes_of: dict[int, list[str]] = {}  # entry -> its verification warnings
    warnings: dict[int, list[str]] = doc.meta.get("warnings", {})
    for number, segment in enumerate(doc.segments):
        by_entry.setdefault(segment.context["entry"], []).append(segment)
        notes_of.setdefault(segment.context["entry"], []).extend(warnings.get(number, ()))
    lines, nl = state.lines, _newline(state.lines)
    locale = _own_variant(state, doc.path, doc.meta.get("locale") or target)
    n_forms = _plural_plan(state, locale)[1] if locale else 2
    edits: list[tuple[int, int, str]] = []
    for index, segs in by_entry.items():
        entry = state.todo[index]
        values = _entry_msgstrs(entry, segs, n_forms)
        if values is None:
            if notes_of.get(index):
                edits += _warning_edits(entry.lines, lines, notes_of[index], nl)
            continue
        where = entry.lines
        if entry.po.msgid_plural:
            new = [ln for n, v in enumerate(values) for ln in format_field(f"msgstr[{n}]", v)]
        else:
            new = format_field("msgstr", values[0])
        replaced = lines[where.msgstr_start:where.msgstr_end]
        edits.append((where.msgstr_start, where.msgstr_end, _block(new, replaced, nl)))
        edits += _provenance_edits(entry, segs, state, nl)
        edits += _warning_edits(where, lines, notes_of[index], nl)
    if target and edits and (unfuzzy := _header_unfuzzy(state, lines, nl)) is not None:
        edits.append(unfuzzy)  # a POT's header is fuzzy until it is filled in, as msginit does
    if target:
        header_values = _header_values(state, locale, bool(edits))
        if header_values and (edits or state.header is not None):
            # header edits first: an insertion at the same line must precede the entry's
            edits = _header_edit(state, header_values, nl) + edits
    elif state.header is not None and (utf8 := _charset_value(state, bool(edits))) is not None:
        edits = _header_edit(state, {"Content-Type": utf8}, nl) + edits
    if not edits:
        return doc.text
    return ("\ufeff" if bom else "") + _apply(lines, edits)


WARNING_PREFIX = "# glossa: warning: "


def _warning_edits(where: _Lines, lines: list[str], notes: list[str],
                   nl: str) -> list[tuple[int, int, str]]:
    """Edits replacing the entry's ``# glossa: warning:`` comments with ``notes`` (one line
    each); every other comment stays as it is."""
    edits = [(i, i + 1, "") for i in range(where.head, where.key)
             if lines[i].startswith(WARNING_PREFIX)]
    text = "".join(f"{WARNING_PREFIX}{' '.join(n.split())}{nl}" for n in dict.fromkeys(notes))
    if text:
        edits.append((where.head, where.head, text))
    return edits


def _header_unfuzzy(state: _State, lines: list[str], nl: str) -> tuple[int, int, str] | None:
    """The edit taking ``fuzzy`` off the header's flags (a POT template's), if it has it."""
    header = state.header
    if header is None or header.flags is None:
        return None
    line = lines[header.flags]
    body = line.rstrip("\r\n")
    flags = [f.strip() for f in body[2:].split(",") if f.strip()]
    if "fuzzy" not in flags:
        return None
    rest = [f for f in flags if f != "fuzzy"]
    new = ("#, " + ", ".join(rest) + line[len(body):]) if rest else ""
    return header.flags, header.flags + 1, new


def declared_language(doc: Document, source: str = "auto") -> str | None:
    """The language the catalogue says it is in (its ``Language``), None when it says none.
    A ``.pot`` file, or an untranslated catalogue labelled with the run's source language
    (Django's ``en`` ones, with ``--from en``), is a template and declares nothing."""
    state: _State | None = doc.meta.get("po")
    if state is None or (doc.path or "").lower().endswith(".pot"):
        return None  # a template, whatever its Language says
    language = state.metadata.get("Language", "").strip()
    if not language and state.translated:
        language = _folder_language(doc.path or "") or ""
    if not language or (not state.translated and source != "auto"
                        and _same_language(language, source)):
        return None
    return language


def _own_variant(state: _State, path: str | None, locale: str | None) -> str | None:
    """``locale``, or the ``xx/LC_MESSAGES`` folder's variant of it when the header names
    no language (a pt_BR catalogue translated with ``--to pt`` stays pt_BR)."""
    folder = _folder_language(path or "")
    if (not locale or not folder or state.metadata.get("Language", "").strip()
            or not _same_language(folder, locale)):
        return locale
    return folder


def _folder_language(path: str) -> str | None:
    """``xx`` of ``.../xx/LC_MESSAGES/name.po``: the language of a translated catalogue
    whose ``Language`` header is empty (many GNOME and Debian ones), as gettext's layout
    says it."""
    parts = path.replace("\\", "/").split("/")
    if "LC_MESSAGES" in parts[1:-1]:
        return parts[parts.index("LC_MESSAGES") - 1] or None
    return None


def input_warnings(doc: Document) -> list[str]:
    """What is wrong with the catalogue as it was read and stays so: a Plural-Forms that
    its own translated plural entries contradict (msgfmt -c rejects the file before and
    after; glossa writes new entries with the header's count and leaves the choice to the
    translator)."""
    state: _State | None = doc.meta.get("po")
    if state is None:
        return []
    have = nplurals(state.metadata.get("Plural-Forms", ""))
    other = sorted(n for n in state.filled_forms if n != have)
    if have is None or not other:
        return []
    forms = "/".join(str(n) for n in other)
    return [f"its Plural-Forms says nplurals={have} but translated plural entries have "
            f"{forms} forms (msgfmt -c rejects it as it was); new entries get {have}"]


#: gettext's main country of a language: msginit writes ``Language: pt`` for pt_PT (and
#: es for es_ES, fr for fr_FR ...), so a bare code in a catalogue means that region.
GETTEXT_MAIN_REGION = {"pt": "PT", "es": "ES", "fr": "FR", "de": "DE", "it": "IT", "ca": "ES",
                       "ru": "RU", "uk": "UA", "nl": "NL", "sv": "SE"}


def target_locale(doc: Document, requested: str) -> str:
    """The locale the written catalogue is in, region included: its own ``Language`` (or
    its ``xx/LC_MESSAGES`` folder's when that is empty) when that is the target language,
    else ``requested``; a bare code stands for gettext's main
    country of the language (``pt`` is pt_PT)."""
    from glossa.languages import base_language, region

    state: _State | None = doc.meta.get("po")
    language = state.metadata.get("Language", "").strip() if state is not None else ""
    language = language or _folder_language(doc.path or "") or ""  # locale/pt_BR/LC_MESSAGES
    locale = language if language and _same_language(language, requested) else requested
    base = base_language(locale)
    if region(locale) or base not in GETTEXT_MAIN_REGION:
        return locale.replace("-", "_")
    return f"{base}_{GETTEXT_MAIN_REGION[base]}"


def labelled_language(doc: Document) -> str | None:
    """The catalogue's ``Language`` header, translated or not (None when empty)."""
    state: _State | None = doc.meta.get("po")
    return (state.metadata.get("Language", "").strip() or None) if state else None


def _apply(lines: list[str], edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        out += lines[pos:start]
        out.append(new)
        pos = max(pos, end)
    out += lines[pos:]
    return "".join(out)


def catalogue_info(doc: Document) -> dict[str, Any]:
    """Counts for reports: entries in the file, entries to fill."""
    state: _State = doc.meta["po"]
    return {"entries": len(state.entries), "to_fill": len(state.todo)}


# --- bilingual units (review, TM import, PO glossaries) -------------------------------------


def units(doc: Document) -> list[BilingualUnit]:
    """Each active entry's source/target pairs (one per plural form) for review, TM import
    and PO glossaries: the same strict reading as translation, so a broken file gets the
    same error from every command. ``line`` is the msgid line; ``id`` is gettext's key
    (msgctxt EOT msgid); ``extra`` holds the translator comment and the flags."""
    state: _State = doc.meta["po"]
    source_lang = state.metadata.get("X-Source-Language", "").strip() or None
    target_lang = state.metadata.get("Language", "").strip() or None
    found: list[BilingualUnit] = []
    for entry, where in zip(state.po_entries, state.entries, strict=True):
        if not entry.msgid:
            continue
        status = ("fuzzy" if entry.fuzzy else "translated" if entry.translated()
                  else "untranslated")
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        extra = {"translator_comment": entry.tcomment or "", "flags": list(entry.flags),
                 "extracted_comment": entry.comment or ""}
        for plural, source, target, previous in _forms(entry):
            found.append(BilingualUnit(
                source, target, where.msgid + 1, key, entry.msgctxt or "",
                (entry.comment or "").splitlines(), status,
                previous if entry.fuzzy and previous else None, plural, source_lang,
                target_lang, extra))
    return found


def _forms(entry: polib.POEntry) -> list[tuple[int | None, str, str, str | None]]:
    """(plural index, source, translation, previous source) for each form of an entry."""
    if not entry.msgid_plural:
        return [(None, entry.msgid, entry.msgstr, entry.previous_msgid)]
    return [(n, entry.msgid if n == 0 else entry.msgid_plural, text,
             entry.previous_msgid if n == 0 else entry.previous_msgid_plural)
            for n, text in sorted(entry.msgstr_plural.items())]


def header(doc: Document) -> tuple[dict[str, str], str]:
    """The header entry's fields and the comment above it (PO glossaries keep their
    column layout there)."""
    state: _State = doc.meta["po"]
    return dict(state.metadata), state.header_comment


_SNIFF_RE = re.compile(r'^msgid\s+"', re.MULTILINE)
_SNIFF_STR_RE = re.compile(r'^msgstr(?:\[\d+\])?\s+"', re.MULTILINE)


def sniff(head: str) -> bool:
    """A PO catalogue: ``msgid "`` and ``msgstr "`` lines at line starts."""
    return bool(_SNIFF_RE.search(head) and _SNIFF_STR_RE.search(head))
