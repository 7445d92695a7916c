"""OpenDocument text (.odt).

Translated: every ``text:p`` and ``text:h`` of the body (lists, tables, sections, text
boxes in frames, footnotes/endnotes, comments, indexes), the headers and footers of the
master pages in styles.xml, and the title and subject in meta.xml. One segment per
paragraph; ``text:span`` and ``text:a`` boundaries are carried through the engine
(see ``glossa.formats._office``). Spaces are written back the ODF way (``text:s``).

Never translated, never moved: fields (page numbers, dates, references...), link
targets, bookmarks and reference marks, frames and images, note citations, tracked
changes (the deleted text in ``text:tracked-changes`` and the change marks).
"""

from __future__ import annotations

import re
from typing import Any

from glossa.document import Document
from glossa.errors import FormatError
from glossa.formats import _office as office

BINARY = True
LINES = False  # zipped XML parts have no useful lines: problems name the paragraph

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
_NESTS = {TEXT + "note-body", OFFICE + "annotation",
          "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}text-box"}
MIMETYPES = ("application/vnd.oasis.opendocument.text",
             "application/vnd.oasis.opendocument.text-template",
             "application/vnd.oasis.opendocument.text-web",
             "application/vnd.oasis.opendocument.text-master")


def _check(package: office.Package) -> None:
    if not package.has("mimetype") or package.read("mimetype").strip().decode(
            "ascii", "replace") not in MIMETYPES:
        raise FormatError("not an OpenDocument text (mimetype is not "
                          "application/vnd.oasis.opendocument.text)", package.name)
    if not package.has("content.xml"):
        raise FormatError("not an OpenDocument text: no content.xml", package.name)
    if package.has("META-INF/manifest.xml") and \
            b"encryption-data" in package.read("META-INF/manifest.xml"):
        raise FormatError("an encrypted (password-protected) document; save it without a "
                          "password first", package.name)


class _Walker:
    def __init__(self, part: office.Part):
        self.part, self.items = part, []
        self.slot: office.Slot | None = None
        self.key: tuple = ()

    def flush(self) -> None:
        if self.slot is not None:
            self.items.append((self.slot, self.key))
            self.slot = None

    def extend(self, start: int, end: int, text: str, key: tuple) -> None:
        if self.slot is None:
            self.slot, self.key = office.Slot(start, end, text), key
        else:
            self.slot.end, self.slot.text = end, self.slot.text + text

    def container(self, index: int, key: tuple) -> None:
        tokens = self.part.tokens
        for child in office.children(self.part, index):
            token = tokens[child]
            if token.kind == "text":
                raw = office.unescape(self.part.raw(token))
                self.extend(token.start, token.end, re.sub(r"[ \t\r\n]+", " ", raw), key)
            elif token.name == TEXT + "s" and token.kind == "empty":
                count = token.attrs.get(TEXT + "c", "1")
                spaces = " " * (int(count) if count.isdigit() else 1)
                self.extend(token.start, token.end, spaces, key)
            elif token.name == TEXT + "soft-page-break":
                continue
            elif token.name in (TEXT + "span", TEXT + "a"):
                self.flush()
                self.container(child, (*key, token.start))
                self.flush()
            else:
                self.flush()
                self.items.append(office.OBJECT)
        self.flush()


def _paragraphs(part: office.Part, master_only: bool) -> list[office.Paragraph]:
    found = []
    for index, stack in office.elements_with_ancestors(part):
        token = part.tokens[index]
        if token.kind != "start" or token.name not in (TEXT + "p", TEXT + "h"):
            continue
        if TEXT + "tracked-changes" in stack or (
                master_only and STYLE + "master-page" not in stack) or (
                not master_only and OFFICE + "body" not in stack):
            continue
        walker = _Walker(part)
        walker.container(index, ())
        paragraph = office.build_paragraph(part.name, walker.items)
        if paragraph is not None:
            paragraph.nested = any(name in _NESTS for name in stack)
            found.append(paragraph)
    return found


def read(data: bytes, path: str | None = None, **options: Any) -> Document:
    name = path or "<input>"
    if isinstance(data, str):
        raise FormatError("ODT is a binary format; pass the file's bytes", name)
    package = office.Package(data, name)
    _check(package)
    parts: dict[str, office.Part] = {}
    segments = []
    if package.has("meta.xml"):
        parts["meta.xml"] = meta = office.parse_part(package, "meta.xml")
        for index, token in enumerate(meta.tokens):
            if token.name in (DC + "title", DC + "subject"):
                paragraph = office.simple_paragraph(meta, index)
                if paragraph is not None:
                    segments.append(office.segment_for(paragraph, {"part": "meta.xml"}))
    for part_name, master_only in (("content.xml", False), ("styles.xml", True)):
        if not package.has(part_name):
            continue
        parts[part_name] = office.parse_part(package, part_name)
        for paragraph in _paragraphs(parts[part_name], master_only):
            segments.append(office.segment_for(paragraph, {"part": part_name}))
    prefixes = {n: _text_prefix(p) for n, p in parts.items()}
    return Document("", segments, "odt", path,
                    {"package": package, "parts": parts, "prefixes": prefixes})


def _text_prefix(part: office.Part) -> str:
    for index, token in enumerate(part.tokens):
        if token.name.startswith(TEXT):
            return office.qname_prefix(part, index)
    return "text"


def _encoder(prefix: str):
    tag = f"{prefix}:" if prefix else ""

    def spaces(count: int) -> str:
        return f"<{tag}s/>" if count == 1 else f'<{tag}s {tag}c="{count}"/>'

    def encode(slot: office.Slot, text: str) -> list[tuple[int, int, str]]:
        out, pos = [], 0
        for m in re.finditer(r" {2,}|^ | $|\t|\n", text):
            out.append(office.escape(text[pos:m.start()]))
            run = m.group()
            if run == "\t":
                out.append(f"<{tag}tab/>")
            elif run == "\n":
                out.append(f"<{tag}line-break/>")
            elif m.start() == 0 or m.end() == len(text):
                out.append(spaces(len(run)))
            else:
                out.append(" " + spaces(len(run) - 1))
            pos = m.end()
        out.append(office.escape(text[pos:]))
        return [(slot.start, slot.end, "".join(out))]

    return encode


def write(doc: Document) -> bytes:
    prefixes: dict[str, str] = doc.meta["prefixes"]
    encoders = {name: _encoder(prefix) for name, prefix in prefixes.items()
                if name != "meta.xml"}
    return office.write_package(doc, encoders)


def plain_text(doc: Document) -> str:
    """The document's text as glossa reads it (translations where there are any)."""
    return office.plain_text(doc.segments)
