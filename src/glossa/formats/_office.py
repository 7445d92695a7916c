"""Shared machinery of the office formats (DOCX, ODT): a guarded zip reader and a
raw-copying zip writer, a source-offset XML tokenizer, and paragraphs whose formatting
runs are carried through the engine as boundary markers.

Why not python-docx / odfpy / lxml trees: they rebuild the XML when saving, so every
part changes (attribute order, namespace declarations, quoting). Here each XML part is
checked with the standard library's expat (DTDs refused outright: no entities, no
external references), then tokenized with source offsets, and translated text is
spliced into the original characters; untouched zip members are copied as their raw
compressed bytes.

A paragraph's visible text is split into *groups*: maximal stretches of text with the
same formatting (run properties, hyperlink, span). The segment text is the groups'
text joined by one marker character (Unicode plane 15 private use) per boundary; the
marker is a protected span the engine never sees. A boundary with an object in it
(field, image, tab, footnote reference, bookmark, tracked deletion) is a hard
protected span: losing it keeps the paragraph in the source language. A bare
formatting boundary is a ``SoftSpan``: when the engine loses one, the stretch between
hard boundaries is written with the formatting of its first run, with a "merged" note.
Objects never move in the XML; the text around them does.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from glossa.document import Segment, SoftSpan, Span
from glossa.errors import FormatError
from glossa.placeholders import find_placeholders

MARKER_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real text
MAX_MARKERS = 0xFFFD
MAX_ENTRIES = 10_000
MAX_TOTAL = 1 << 30  # declared uncompressed bytes of the whole archive
MAX_PART = 256 << 20  # one XML part we parse
MAX_RATIO = 200  # deflate reaches ~1032:1 on pathological input; office XML ~10-30:1
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MERGED_NOTE = ("merged: the engine lost some formatting boundaries; that stretch of the "
               "paragraph is written with the formatting of its first run")
KEPT_NOTE = "kept in the source language: the engine moved objects (fields, images, " \
            "references) out of order"

# --- zip -------------------------------------------------------------------------------


@dataclass
class Entry:
    name: str
    central: bytes  # the raw central directory record
    offset: int  # of the local header
    raw_end: int  # end of header + data + descriptor
    flags: int
    method: int
    csize: int
    usize: int
    header: bytes  # the raw local header (with name and extra)


class Package:
    """A zip archive read defensively; members are decompressed only on demand."""

    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        if data[:8] == OLE_MAGIC:
            raise FormatError("an encrypted (password-protected) or legacy binary Office "
                              "document (OLE compound file); save it unencrypted as .docx/.odt",
                              name)
        if data[:4] != b"PK\x03\x04":
            raise FormatError("not a zip-based office document", name)
        self.comment = b""
        try:
            self.entries = self._central_directory()
        except (struct.error, UnicodeDecodeError) as exc:
            raise self._bad(f"unreadable central directory ({exc})") from None
        self._check()
        import io
        import zipfile

        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
            raise FormatError(f"broken zip archive: {exc}", name) from None
        self.names = [e.name for e in self.entries]

    def _bad(self, why: str) -> FormatError:
        return FormatError(f"broken or hostile zip archive: {why}", self.name)

    def _central_directory(self) -> list[Entry]:
        data = self.data
        eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
        if eocd < 0 or eocd + 22 > len(data):
            raise self._bad("no end of central directory")
        (_, disk, cd_disk, _, total, cd_size, cd_offset,
         comment_len) = struct.unpack("<4s4H2IH", data[eocd:eocd + 22])
        self.comment = data[eocd + 22:eocd + 22 + comment_len]
        if disk or cd_disk or total == 0xFFFF or cd_offset == 0xFFFFFFFF or \
                data[max(0, eocd - 20):eocd - 16] == b"PK\x06\x07":
            raise self._bad("multi-disk or ZIP64 archives are not supported")
        if total > MAX_ENTRIES:
            raise self._bad(f"{total} members (limit {MAX_ENTRIES})")
        if cd_offset + cd_size != eocd:
            raise self._bad("central directory not where the archive says")
        entries, pos = [], cd_offset
        for _ in range(total):
            if data[pos:pos + 4] != b"PK\x01\x02":
                raise self._bad("truncated central directory")
            fields = struct.unpack("<4s6H3I5H2I", data[pos:pos + 46])
            flags, method, csize, usize = fields[3], fields[4], fields[8], fields[9]
            nlen, elen, clen, offset = fields[10], fields[11], fields[12], fields[16]
            raw_name = data[pos + 46:pos + 46 + nlen]
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
            end = pos + 46 + nlen + elen + clen
            entries.append(self._entry(name, data[pos:end], offset, flags, method, csize, usize))
            pos = end
        return entries

    def _entry(self, name: str, central: bytes, offset: int, flags: int, method: int,
               csize: int, usize: int) -> Entry:
        data = self.data
        if data[offset:offset + 4] != b"PK\x03\x04":
            raise self._bad(f"{name}: no local header")
        nlen, elen = struct.unpack("<2H", data[offset + 26:offset + 30])
        start = offset + 30 + nlen + elen
        end = start + csize
        if flags & 8:
            end += 16 if data[end:end + 4] == b"PK\x07\x08" else 12
        if end > len(data):
            raise self._bad(f"{name}: runs past the end of the file")
        return Entry(name, central, offset, end, flags, method, csize, usize,
                     data[offset:start])

    def _check(self) -> None:
        seen: set[str] = set()
        total = 0
        for entry in self.entries:
            name = entry.name
            parts = name.split("/")
            if (not name or name.startswith("/") or "\\" in name or ".." in parts
                    or ":" in parts[0] or any(ord(c) < 32 for c in name)):
                raise self._bad(f"unsafe member name {name!r}")
            if name in seen:
                raise self._bad(f"member {name!r} appears twice")
            seen.add(name)
            if entry.flags & 1:
                raise FormatError("an encrypted (password-protected) document; save it "
                                  "without a password first", self.name)
            if entry.method not in (0, 8):
                raise self._bad(f"{name}: unsupported compression method {entry.method}")
            total += entry.usize
        if total > MAX_TOTAL:
            raise self._bad(f"declares {total} uncompressed bytes (limit {MAX_TOTAL})")
        spans = sorted((e.offset, e.raw_end) for e in self.entries)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            if start < end:
                raise self._bad("overlapping members (a zip bomb?)")

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes, refusing sizes and ratios no office part has."""
        import zipfile

        entry = next(e for e in self.entries if e.name == name)
        if entry.usize > MAX_PART or (entry.usize > (1 << 20)
                                      and entry.usize > MAX_RATIO * max(entry.csize, 1)):
            raise self._bad(f"{name}: {entry.usize} bytes from {entry.csize} compressed "
                            "(a zip bomb?)")
        try:
            return self._zip.read(name)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
            raise self._bad(f"{name}: {exc}") from None

    def write(self, changed: dict[str, bytes]) -> bytes:
        """The archive with ``changed`` members replaced; every other member's raw bytes
        (header, compressed data, central record) are copied unchanged, in the same order."""
        if not changed:
            return self.data
        out = bytearray()
        offsets: dict[str, tuple[int, bytes]] = {}
        for entry in sorted(self.entries, key=lambda e: e.offset):
            start = len(out)
            if entry.name in changed:
                central = self._rewrite(entry, changed[entry.name], out)
            else:
                out += self.data[entry.offset:entry.raw_end]
                central = entry.central
            offsets[entry.name] = (start, central)
        cd_offset = len(out)
        for entry in self.entries:
            start, central = offsets[entry.name]
            out += central[:42] + struct.pack("<I", start) + central[46:]
        cd_size = len(out) - cd_offset
        count = len(self.entries)
        out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, cd_size, cd_offset,
                           len(self.comment)) + self.comment
        return bytes(out)

    def _rewrite(self, entry: Entry, data: bytes, out: bytearray) -> bytes:
        """Append a new local record for ``data``; return its new central record."""
        if entry.method == 8:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = packer.compress(data) + packer.flush()
        else:
            body = data
        crc = zlib.crc32(data)
        flags = entry.flags & ~8
        header = bytearray(entry.header)
        struct.pack_into("<H", header, 6, flags)
        struct.pack_into("<3I", header, 14, crc, len(body), len(data))
        out += header + body
        central = bytearray(entry.central)
        struct.pack_into("<H", central, 8, flags)
        struct.pack_into("<3I", central, 16, crc, len(body), len(data))
        return bytes(central)


# --- XML -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*"
    r"(?P<empty>/?)>"
    r"|[^<]+",
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XML_NS = "http://www.w3.org/XML/1998/namespace"


def unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref[0] == "#":
            return chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:]))
        return _NAMED[ref]

    return _ENTITY.sub(one, text) if "&" in text else text


def escape(text: str) -> str:
    text = _XML_INVALID.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(slots=True)
class Token:
    kind: str  # "start", "empty", "end", "text", "other"
    start: int
    end: int
    name: str = ""  # "{namespace}local" for elements
    match: int = -1  # index of the matching end token (start), itself (empty)
    raw_attrs: str = ""
    scopes: dict[str, str] | None = None  # namespace prefixes in force here

    @property
    def attrs(self) -> dict[str, str]:
        """Resolved attribute names -> unescaped values (parsed on demand: most tokens
        are never asked)."""
        found = {a: unescape(b or c) for a, b, c in _ATTR.findall(self.raw_attrs)}
        return {_resolve(k, self.scopes or {}, attr=True): v for k, v in found.items()
                if not k.startswith("xmlns")}


@dataclass
class Part:
    """One XML member: its decoded text and tokens with offsets into that text."""

    name: str
    text: str
    tokens: list[Token]

    def raw(self, token: Token) -> str:
        return self.text[token.start:token.end]

    def inner(self, index: int) -> tuple[int, int]:
        """Character range of an element's content."""
        token = self.tokens[index]
        if token.kind == "empty":
            return token.end, token.end
        return token.end, self.tokens[token.match].start


def check_xml(data: bytes, part: str, name: str) -> None:
    """Well-formedness via expat, with DTDs (entities, external references) refused."""
    from xml.parsers import expat

    if re.search(rb"<!DOCTYPE|<!ENTITY", data):
        raise FormatError(f"{part}: XML with a DTD is refused (entity expansion risk)", name)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise FormatError(f"{part}: broken XML at line {exc.lineno}: "
                          f"{expat.ErrorString(exc.code)}", name) from None


def parse_part(package: Package, part: str) -> Part:
    data = package.read(part)
    check_xml(data, part, package.name)
    head = data[:200]
    declared = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=[\"']([\w.-]+)", head)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise FormatError(f"{part}: only UTF-8 XML is supported, not "
                          f"{declared.group(1).decode()}", package.name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"{part}: not UTF-8", package.name) from None
    return Part(part, text, tokenize(text))


def tokenize(text: str) -> list[Token]:
    """Tokens of well-formed XML (checked by expat first), element names resolved."""
    tokens: list[Token] = []
    stack: list[tuple[int, dict[str, str]]] = []
    scopes: dict[str, str] = {"xml": XML_NS}
    names: dict[tuple[str, int], str] = {}
    for m in _TOKEN.finditer(text):
        if m.group("start"):
            raw_attrs = m.group("attrs")
            parent = scopes
            if "xmlns" in raw_attrs:
                raw = {a: unescape(b or c) for a, b, c in _ATTR.findall(raw_attrs)}
                declared = {k[6:]: v for k, v in raw.items() if k.startswith("xmlns:")}
                if "xmlns" in raw:
                    declared[""] = raw["xmlns"]
                if declared:
                    scopes = {**scopes, **declared}
            qname = m.group("start")
            key = (qname, id(scopes))
            if key not in names:
                names[key] = _resolve(qname, scopes)
            kind = "empty" if m.group("empty") else "start"
            token = Token(kind, m.start(), m.end(), names[key], len(tokens), raw_attrs, scopes)
            tokens.append(token)
            if kind == "start":
                stack.append((len(tokens) - 1, parent))
            else:
                scopes = parent
        elif m.group("end"):
            index, scopes = stack.pop()
            tokens[index].match = len(tokens)
            tokens.append(Token("end", m.start(), m.end(), tokens[index].name))
        elif m.group().startswith("<"):
            tokens.append(Token("other", m.start(), m.end()))
        else:
            tokens.append(Token("text", m.start(), m.end()))
    return tokens


def _resolve(qname: str, scopes: dict[str, str], attr: bool = False) -> str:
    prefix, _, local = qname.rpartition(":")
    if not prefix and attr:
        return local
    uri = scopes.get(prefix)
    return f"{{{uri}}}{local}" if uri else local


def text_of(part: Part, index: int) -> str:
    start, end = part.inner(index)
    return unescape(part.text[start:end])


# --- paragraphs ------------------------------------------------------------------------


@dataclass
class Slot:
    """A stretch of the part's characters holding visible text of one group."""

    start: int
    end: int
    text: str
    tag: Token | None = None  # DOCX: the w:t start tag (for xml:space)


OBJECT = None  # an item of a paragraph walk that is not text (kept where it is)


@dataclass
class Group:
    key: Any
    slots: list[Slot]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.slots)


@dataclass
class Paragraph:
    """A paragraph's groups and the hardness of each boundary between them."""

    part: str
    groups: list[Group]
    hard: list[bool]  # hard[i]: boundary between groups i and i + 1 holds an object
    nested: bool = False  # inside a text box, note or comment of another paragraph

    def text(self) -> str:
        pieces = [self.groups[0].text]
        for i, group in enumerate(self.groups[1:]):
            pieces += [chr(MARKER_BASE + i), group.text]
        return "".join(pieces)


def build_paragraph(part: str, items: list[tuple[Slot, Any] | None]) -> Paragraph | None:
    """Groups from a walk's items (slots with their formatting key, or OBJECT)."""
    groups: list[Group] = []
    hard: list[bool] = []
    object_pending = False
    for item in items:
        if item is OBJECT:
            object_pending = True
            continue
        slot, key = item
        if not slot.text:
            continue
        if groups and groups[-1].key == key and not object_pending:
            groups[-1].slots.append(slot)
            continue
        if groups:
            hard.append(object_pending)
        groups.append(Group(key, [slot]))
        object_pending = False
    if not groups or not "".join(g.text for g in groups).strip() or len(groups) > MAX_MARKERS:
        return None
    if any(_MARKERS.search(g.text) for g in groups):
        return None  # text already using plane-15 characters: leave it alone
    return Paragraph(part, groups, hard)


# what a document's prose carries that the models break (`make test` -> `fazer teste`)
OFFICE_KINDS = ("code", "url", "email", "path", "variable", "call", "option", "identifier")


def segment_for(paragraph: Paragraph, context: dict[str, Any]) -> Segment:
    text = paragraph.text()
    protected: list[Span] = []
    pos = 0
    for i, group in enumerate(paragraph.groups[:-1]):
        pos += len(group.text)
        protected.append(Span(pos, pos + 1) if paragraph.hard[i] else SoftSpan(pos, pos + 1))
        pos += 1
    kinds = OFFICE_KINDS + ("symbol",) if re.search("[\u2000-\U000effff]", text) \
        else OFFICE_KINDS
    for found in find_placeholders(text, kinds):
        if not any(p.start < found.end and found.start < p.end for p in protected):
            protected.append(Span(found.start, found.end))
    protected.sort(key=lambda s: s.start)
    return Segment(text, protected=protected,
                   context={**context, "nested": paragraph.nested, "office": paragraph})


_MARKERS = re.compile("[\U000f0000-\U0010ffff]")


def visible(text: str) -> str:
    """Segment text as a reader sees it (markers removed)."""
    return _MARKERS.sub("", text)


def place(paragraph: Paragraph, translation: str) -> tuple[list[str] | None, bool]:
    """Each group's new text, and whether formatting runs had to be merged; None when
    the hard boundaries did not come back once each and in order."""
    count = len(paragraph.groups) - 1
    found = [(i, ord(ch) - MARKER_BASE) for i, ch in enumerate(translation)
             if MARKER_BASE <= ord(ch) < MARKER_BASE + count]
    order = [k for _, k in found]
    if order == list(range(count)):
        cuts = [-1, *(i for i, _ in found), len(translation)]
        return [translation[a + 1:b] for a, b in zip(cuts, cuts[1:], strict=False)], False
    hard = [k for k in range(count) if paragraph.hard[k]]
    hard_found = [(i, k) for i, k in found if paragraph.hard[k]]
    if [k for _, k in hard_found] != hard:
        return None, False
    texts = [""] * len(paragraph.groups)
    cuts = [-1, *(i for i, _ in hard_found), len(translation)]
    firsts = [0, *(k + 1 for k in hard)]
    for first, a, b in zip(firsts, cuts, cuts[1:], strict=False):
        texts[first] = visible(translation[a + 1:b])
    return texts, True


def paragraph_edits(segment: Segment, encode) -> list[tuple[int, int, str]]:
    """Edits to the part's text for one translated paragraph (notes say what happened).

    ``encode(slot, text)`` returns the edits writing ``text`` into ``slot``."""
    paragraph: Paragraph = segment.context["office"]
    texts, merged = place(paragraph, segment.translation or "")
    if texts is None:
        segment.notes.append(KEPT_NOTE)
        return []
    if merged:
        segment.notes.append(MERGED_NOTE)
    edits: list[tuple[int, int, str]] = []
    for group, new in zip(paragraph.groups, texts, strict=True):
        if new == group.text:
            continue
        edits += encode(group.slots[0], new)
        for slot in group.slots[1:]:
            edits += encode(slot, "")
    return edits


def plain_text(segments: list[Segment]) -> str:
    """What a reader sees: one line per segment, the translation where there is one."""
    return "\n".join(visible(s.translation if s.translation is not None else s.text)
                     for s in segments)


def children(part: Part, index: int) -> list[int]:
    """Indices of the direct child tokens of element ``index`` (text tokens included)."""
    tokens = part.tokens
    token = tokens[index]
    if token.kind != "start":
        return []
    found, j = [], index + 1
    while j < token.match:
        found.append(j)
        j = tokens[j].match + 1 if tokens[j].kind == "start" else j + 1
    return found


def elements_with_ancestors(part: Part):
    """(index, names of the enclosing elements) for every element, in document order."""
    stack: list[str] = []
    for index, token in enumerate(part.tokens):
        if token.kind in ("start", "empty"):
            yield index, stack
            if token.kind == "start":
                stack.append(token.name)
        elif token.kind == "end":
            stack.pop()


def qname_prefix(part: Part, index: int) -> str:
    """The prefix the source wrote on element ``index`` ("w", "text", or "")."""
    m = re.match(r"</?([^\s/>]+)", part.raw(part.tokens[index]))
    qname = m.group(1) if m else ""
    return qname.rpartition(":")[0]


def simple_paragraph(part: Part, index: int) -> Paragraph | None:
    """A text-only element (a document property such as dc:title) as a paragraph."""
    if part.tokens[index].kind != "start" or any(
            part.tokens[j].kind != "text" for j in range(index + 1, part.tokens[index].match)):
        return None
    start, end = part.inner(index)
    slot = Slot(start, end, unescape(part.text[start:end]))
    if not slot.text.strip():
        return None
    return Paragraph(part.name, [Group(None, [slot])], [])


def write_package(doc: Any, encoders: dict[str, Any]) -> bytes:
    """Shared write: splice every translated paragraph into its part, re-zip the parts
    that changed. ``encoders`` maps a part name to its ``encode(slot, text)``."""
    package: Package = doc.meta["package"]
    parts: dict[str, Part] = doc.meta["parts"]
    edits: dict[str, list[tuple[int, int, str]]] = {}
    for segment in doc.segments:
        if segment.translation is None or segment.translation == segment.text:
            continue
        paragraph: Paragraph = segment.context["office"]
        encode = encoders.get(paragraph.part, encode_plain)
        edits.setdefault(paragraph.part, []).extend(paragraph_edits(segment, encode))
    changed = {}
    for name, part_edits in edits.items():
        if part_edits:
            from glossa.document import splice

            changed[name] = splice(parts[name].text, part_edits).encode("utf-8")
    return package.write(changed)


def encode_plain(slot: Slot, text: str) -> list[tuple[int, int, str]]:
    return [(slot.start, slot.end, escape(text))]
