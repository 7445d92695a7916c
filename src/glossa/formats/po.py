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
``_File``) is taken out before translation (a marker inside a word breaks the word for
the engine) and put back before the same letter in the translation when it has one,
else before its first letter.
"""

from __future__ import annotations

import codecs
import os
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

import polib

from glossa.document import Document, Segment
from glossa.errors import FormatError
from glossa.placeholders import (
    find_accelerator,
    find_placeholders,
    merge_adjacent,
    widen_quoted,
)

PROTECT_KINDS = ("code", "angle", "printf", "brace", "html", "url", "path", "variable", "call",
                 "escape", "symbol")
WRAP = 78  # gettext's and polib's default line width

# --- plural forms ---------------------------------------------------------------------------

_ONE = "nplurals=1; plural=0;"
_NOT1 = "nplurals=2; plural=(n != 1);"
_GT1 = "nplurals=2; plural=(n > 1);"
_SLAVIC = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<12 || n%100>14) ? 1 : 2);")

#: gettext Plural-Forms per language, after the CLDR integer rules (as Unicode's
#: "Language Plural Rules" and gettext's PO manual give them).
PLURAL_FORMS: dict[str, str] = {
    **dict.fromkeys(["ja", "ko", "zh", "zt", "th", "vi", "id", "ms", "yo"], _ONE),
    **dict.fromkeys(["en", "de", "nl", "sv", "da", "nb", "nn", "fi", "et", "el", "it", "es",
                     "ca", "gl", "eu", "bg", "hu", "af", "sq", "az", "eo", "ka", "kk", "mn",
                     "la", "sw", "so", "ta", "te", "ur", "tr", "mr", "ml", "ne"], _NOT1),
    **dict.fromkeys(["fr", "pt", "fa", "hi", "bn", "gu", "pa", "hy", "zu", "tl"], _GT1),
    **dict.fromkeys(["ru", "uk", "be", "sr", "hr", "bs"], _SLAVIC),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "he": "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
          "n%100>=11 ? 4 : 5);",
    "mk": "nplurals=2; plural=(n%10==1 && n%100!=11) ? 0 : 1;",
    "is": "nplurals=2; plural=(n%10!=1 || n%100==11);",
}

_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
#: The most plural forms a language has in practice (CLDR: 6, Arabic); gettext tools loop
#: over nplurals, so an absurd header value is refused rather than allocated.
MAX_NPLURALS = 10


def plural_forms(lang: str) -> str:
    return PLURAL_FORMS.get(lang, _NOT1)


def nplurals(forms: str) -> int | None:
    match = _NPLURALS_RE.search(forms or "")
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


# --- scanning -------------------------------------------------------------------------------

_KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])\s*(.*)$")
_STRING_RE = re.compile(r'^"(?:[^"\\]|\\.)*"$')


@dataclass
class _Lines:
    """Where one active entry sits in the file (0-based line indexes)."""

    head: int  # first line of the comments right before it (or key line)
    key: int  # msgctxt or msgid line
    flags: int | None = None  # the "#," line
    previous: int | None = None  # first "#|" line
    msgstr_start: int = -1
    msgstr_end: int = -1
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
                fail(f"malformed string after {keyword}", i)
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
                    fail("msgstr in the wrong place" if state != "plural"
                         else "msgstr without index after msgid_plural (use msgstr[0])", i)
                state = "str"
            else:  # msgstr[n]
                if state not in ("plural", "strn"):
                    fail("msgstr[n] without msgid_plural", i)
                state = "strn"
                name = f"msgstr[{_n}]"
            assert current is not None
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
                fail("malformed string", i)
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
    lines = _split_lines(text)
    scanned = _scan([ln.rstrip("\n").rstrip("\r") for ln in lines], path)
    _check_nplurals(scanned, path)
    _check_duplicates(scanned, path)
    return lines, scanned, _polib_parse(text, path)


def parse_catalogue(text: str, path: str | None = None) -> polib.POFile:
    """A polib catalogue, after the same strict checks as ``read`` (for review, TM import)."""
    return _checked(text, path)[2]


def load_catalogue(path) -> polib.POFile:
    """Read, decode (by the header's charset) and strictly parse a PO file on disk."""
    from glossa.fileio import read_bytes

    name = "<stdin>" if str(path) == "-" else str(path)
    return parse_catalogue(decode(read_bytes(path), name), name)


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
    accelerators: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)
    # form -> (offset in the message, line number in it, marker, key letter)


@dataclass
class _State:
    lines: list[str]  # the file split after each "\n" (terminators kept)
    entries: list[_Lines]
    header: _Lines | None
    todo: dict[int, _Entry]
    fuzzy: bool
    metadata: dict[str, str]
    translated: int = 0  # entries that already have a translation


def _split_lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _message_segments(entry: _Entry, form: str, value: str) -> list[Segment]:
    accel = find_accelerator(value, find_placeholders(value, PROTECT_KINDS))
    if accel is not None:
        line_no = value[:accel.start].count("\n")
        entry.accelerators[form] = (accel.start, line_no, value[accel.start],
                                    value[accel.end:accel.end + 1])
        value = value[:accel.start] + value[accel.end:]
    segments = []
    for number, line in enumerate(value.split("\n")):
        text = line.strip()
        if not text:
            continue
        protected = merge_adjacent(widen_quoted(find_placeholders(text, PROTECT_KINDS), text))
        if not _letters_outside(text, protected):
            continue  # only placeholders: nothing for the engine
        segments.append(Segment(text, protected=protected,
                                context={"entry": entry.index, "form": form,
                                         "msg_line": number, "line": entry.lines.key + 1,
                                         "tm_context": entry.context}))
    return segments


def _letters_outside(text: str, spans) -> bool:
    pos = 0
    for span in spans:
        if any(ch.isalpha() for ch in text[pos:span.start]):
            return True
        pos = span.end
    return any(ch.isalpha() for ch in text[pos:])


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
         only: frozenset[str] | None = None, **_options: object) -> Document:
    """``only``: fill just these SELECTIONS (default: untranslated entries, or every entry
    with ``retranslate``). Untranslated entries left out count as ``meta["left"]``; the
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
    todo: dict[int, _Entry] = {}
    translated = left = 0
    segments: list[Segment] = []
    for index, (po_entry, where) in enumerate(zip(po_entries, active, strict=True)):
        if not po_entry.msgid:
            continue
        filled = bool(po_entry.msgstr) or any(po_entry.msgstr_plural.values())
        translated += filled
        entry = _Entry(index, po_entry, where, po_entry.msgctxt or "")
        if not _selected(po_entry, retranslate, only):
            if not filled:
                left += len(_entry_segments(entry))
            continue
        found = _entry_segments(entry)
        if found:
            todo[index] = entry
            segments += found
    state = _State(lines, active, header, todo, fuzzy, dict(catalogue.metadata), translated)
    memory = _own_memory(po_entries, todo)
    return Document(text, segments, "po", path,
                    meta={"po": state, "left": left, "memory": memory})


def _entry_segments(entry: _Entry) -> list[Segment]:
    found = _message_segments(entry, "msgid", entry.po.msgid)
    if entry.po.msgid_plural:
        found += _message_segments(entry, "msgid_plural", entry.po.msgid_plural)
    return found


def _without_accelerator(value: str) -> str:
    accel = find_accelerator(value, find_placeholders(value, PROTECT_KINDS))
    return value if accel is None else value[:accel.start] + value[accel.end:]


def _own_memory(po_entries: list[polib.POEntry],
                todo: dict[int, _Entry]) -> dict[tuple[str, str], str]:
    """(sentence, msgctxt) -> translation from the catalogue's finished entries (translated,
    not fuzzy, not being re-translated now): line by line when msgid and msgstr have as
    many lines, and sentence by sentence where those align too."""
    from glossa.tm.po import sentence_pairs

    memory: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(po_entries):
        if index in todo or not entry.msgid or "fuzzy" in entry.flags:
            continue
        forms = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else [
            (entry.msgid, entry.msgstr_plural.get(0, "")),
            (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        for source, target in forms:
            src_lines = _without_accelerator(source).split("\n")
            tgt_lines = _without_accelerator(target).split("\n")
            if not target or len(src_lines) != len(tgt_lines):
                continue
            for src_line, tgt_line in zip(src_lines, tgt_lines, strict=True):
                for s, t in sentence_pairs(src_line.strip(), tgt_line.strip()):
                    memory.setdefault((s, entry.msgctxt or ""), t)
    return memory


# --- writing --------------------------------------------------------------------------------


def _put_accelerator(text: str, marker: str, key: str) -> str:
    """Insert ``marker`` before ``key`` in ``text`` (word start first), else the first letter."""
    taken = find_placeholders(text, PROTECT_KINDS)

    def free(i: int) -> bool:
        return not any(s.start <= i < s.end for s in taken)

    same = [i for i, ch in enumerate(text) if ch.casefold() == key.casefold() and free(i)]
    at_start = [i for i in same if i == 0 or not text[i - 1].isalnum()]
    letters = [i for i, ch in enumerate(text) if ch.isalpha() and free(i)]
    pos = next(iter(at_start or same or letters), 0)
    return text[:pos] + marker + text[pos:]


def _translated_message(entry: _Entry, form: str, source: str,
                        segments: list[Segment]) -> str:
    accel = entry.accelerators.get(form)
    lines = source.split("\n")
    clean = list(lines)
    if accel is not None:  # the same message with the marker taken out, as read() saw it
        clean = (source[:accel[0]] + source[accel[0] + 1:]).split("\n")
    by_line = {s.context["msg_line"]: s for s in segments}
    out = []
    for number, line in enumerate(clean):
        segment = by_line.get(number)
        if segment is None or segment.translation is None:
            out.append(lines[number])
            continue
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()):]
        new = segment.translation
        if accel is not None and accel[1] == number:
            new = _put_accelerator(new, accel[2], accel[3])
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


def _header_values(state: _State, target: str, changed: bool) -> dict[str, str]:
    """Header fields to set: only those missing, wrong for the target, or a POT template."""
    meta = state.metadata
    want: dict[str, str] = {}
    language = meta.get("Language", "").strip()
    base = language.replace("_", "-").split("-")[0].lower()
    same_language = base == target
    if not same_language:
        want["Language"] = target
    forms = meta.get("Plural-Forms", "")
    if nplurals(forms) is None or not same_language:
        want["Plural-Forms"] = plural_forms(target)
    content_type = meta.get("Content-Type", "")
    if "charset=CHARSET" in content_type:
        want["Content-Type"] = content_type.replace("charset=CHARSET", "charset=UTF-8")
    utf8 = _charset_value(state, changed)
    if utf8 is not None:
        want["Content-Type"] = utf8
    if changed:
        want["PO-Revision-Date"] = _revision_date()
    return want


def _target_nplurals(state: _State, target: str) -> int:
    want = _header_values(state, target, False)
    forms = want.get("Plural-Forms", state.metadata.get("Plural-Forms", ""))
    return nplurals(forms) or 2


_FIELD_LINE = re.compile(r'^(\s*)"([A-Za-z-]+):(.*)\\n"\s*$')


def _header_edit(state: _State, values: dict[str, str], nl: str) -> list[tuple[int, int, str]]:
    """Edits setting header fields, each on its own line, leaving all other lines alone."""
    lines = state.lines
    if state.header is None:
        body = {"Language": "", "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit", "Plural-Forms": ""}
        body.update(values)
        text = "".join(f"{k}: {v}\n" for k, v in body.items())
        new = nl.join(['msgid ""', *format_field("msgstr", text)]) + nl + nl
        return [(0, 0, new)]
    where = state.header
    edits: list[tuple[int, int, str]] = []
    found: set[str] = set()
    for i in range(where.msgstr_start, where.msgstr_end):
        body = lines[i].rstrip("\r\n")
        match = _FIELD_LINE.match(body)
        if not match:
            continue
        name = match.group(2)
        if name in values and name not in found:
            found.add(name)
            edits.append((i, i + 1, f'{match.group(1)}"{name}: {polib.escape(values[name])}\\n"'
                          + lines[i][len(body):]))
    missing = [k for k in values if k not in found]
    header_text = state.header.value("msgstr") or ""
    if any(re.search(rf"(^|\n){re.escape(k)}:", header_text) for k in missing):
        return _rebuild_header(state, values, nl)  # a field wrapped over several lines
    if missing:  # append them at the end of the header's msgstr
        last = lines[where.msgstr_end - 1]
        if not (header_text.endswith("\n") or not header_text) or \
                lines[where.msgstr_start].strip() != 'msgstr ""':
            return _rebuild_header(state, values, nl)
        add = [f'"{k}: {polib.escape(values[k])}\\n"' for k in missing]
        if not last.endswith("\n"):  # the header ends the file without a newline
            edits.append((where.msgstr_end - 1, where.msgstr_end, nl.join([last, *add])))
        else:
            edits.append((where.msgstr_end, where.msgstr_end, nl.join(add) + nl))
    return edits


def _rebuild_header(state: _State, values: dict[str, str], nl: str) -> list[tuple[int, int, str]]:
    where = state.header
    assert where is not None
    fields: list[list[str]] = []
    for line in (where.value("msgstr") or "").split("\n"):
        if ":" in line and re.match(r"^[A-Za-z-]+:", line):
            fields.append(line.split(":", 1))
        elif fields:
            fields[-1][1] += "\n" + line
    names = [f[0] for f in fields]
    for key, value in values.items():
        if key in names:
            fields[names.index(key)][1] = " " + value
        else:
            fields.append([key, " " + value])
    text = "".join(f"{k}:{v}\n" for k, v in fields)
    replaced = state.lines[where.msgstr_start:where.msgstr_end]
    return [(where.msgstr_start, where.msgstr_end,
             _block(format_field("msgstr", text), replaced, nl))]


def write(doc: Document) -> str:
    state: _State | None = doc.meta.get("po")
    if state is None:
        raise ValueError("not a PO document read by glossa.formats.po")
    bom = bool(state.lines) and state.lines[0].startswith("\ufeff")
    if bom:  # edited without it (comments, flags, a new header go first), put back after
        state = replace(state, lines=[state.lines[0][1:], *state.lines[1:]])
    target = doc.meta.get("target")
    by_entry: dict[int, list[Segment]] = {}
    for segment in doc.segments:
        by_entry.setdefault(segment.context["entry"], []).append(segment)
    lines, nl = state.lines, _newline(state.lines)
    n_forms = _target_nplurals(state, target) if target else 2
    edits: list[tuple[int, int, str]] = []
    for index, segs in by_entry.items():
        entry = state.todo[index]
        values = _entry_msgstrs(entry, segs, n_forms)
        if values is None:
            continue
        where = entry.lines
        if entry.po.msgid_plural:
            new = [ln for n, v in enumerate(values) for ln in format_field(f"msgstr[{n}]", v)]
        else:
            new = format_field("msgstr", values[0])
        replaced = lines[where.msgstr_start:where.msgstr_end]
        edits.append((where.msgstr_start, where.msgstr_end, _block(new, replaced, nl)))
        edits += _provenance_edits(entry, segs, state, nl)
    if target and edits and (unfuzzy := _header_unfuzzy(state, lines, nl)) is not None:
        edits.append(unfuzzy)  # a POT's header is fuzzy until it is filled in, as msginit does
    if target:
        header_values = _header_values(state, target, bool(edits))
        if header_values and (edits or state.header is not None):
            # header edits first: an insertion at the same line must precede the entry's
            edits = _header_edit(state, header_values, nl) + edits
    elif state.header is not None and (utf8 := _charset_value(state, bool(edits))) is not None:
        edits = _header_edit(state, {"Content-Type": utf8}, nl) + edits
    if not edits:
        return doc.text
    return ("\ufeff" if bom else "") + _apply(lines, edits)


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


def declared_language(doc: Document) -> str | None:
    """The language the catalogue's translations are in: its ``Language``, when it has
    translations (an untranslated catalogue labelled with its source language, as
    Django's ``en`` ones, is a template)."""
    state: _State | None = doc.meta.get("po")
    if state is None or not state.translated:
        return None
    return state.metadata.get("Language", "").strip() or None


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


_SNIFF_RE = re.compile(r'^msgid\s+"', re.MULTILINE)
_SNIFF_STR_RE = re.compile(r'^msgstr(?:\[\d+\])?\s+"', re.MULTILINE)


def sniff(head: str) -> bool:
    """A PO catalogue: ``msgid "`` and ``msgstr "`` lines at line starts."""
    return bool(_SNIFF_RE.search(head) and _SNIFF_STR_RE.search(head))
