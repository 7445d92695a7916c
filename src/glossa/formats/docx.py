"""Word documents (.docx, Office Open XML WordprocessingML).

Translated: every ``w:p`` of the main document (body, tables, content controls, text
boxes), the headers, footers, footnotes, endnotes and comments, and the title and
subject core properties. One segment per paragraph; runs with different formatting
are boundaries carried through the engine (see ``glossa.formats._office``).

Never translated, never moved in the XML: fields (``w:fldChar`` ... ``w:instrText`` ...
result, ``w:fldSimple``), hyperlink targets (relationships), bookmarks, drawings,
footnote/comment references, tracked deletions and moves (``w:del``, ``w:moveFrom``),
math. Text inside tracked insertions (``w:ins``) is translated in place.
"""

from __future__ import annotations

from typing import Any

from glossa.document import Document
from glossa.errors import FormatError
from glossa.formats import _office as office

BINARY = True
LINES = False  # zipped XML parts have no useful lines: problems name the paragraph

W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main")
DC = "{http://purl.org/dc/elements/1.1/}"
MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml",
              "ms-word.template.macroEnabledTemplate.main+xml")
OTHER_TYPES = ("wordprocessingml.header+xml", "wordprocessingml.footer+xml",
               "wordprocessingml.footnotes+xml", "wordprocessingml.endnotes+xml",
               "wordprocessingml.comments+xml")
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

_SKIP = {"pPr", "rPr", "sdtPr", "sdtEndPr", "proofErr", "lastRenderedPageBreak"}
_CONTAINERS = {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo"}


def _local(name: str) -> str | None:
    """Local name of a WordprocessingML element, None for other namespaces."""
    uri, _, local = name[1:].partition("}")
    return local if uri in W_NAMESPACES else None


def _content_types(package: office.Package) -> dict[str, str]:
    if not package.has("[Content_Types].xml"):
        raise FormatError("not a Word document: no [Content_Types].xml", package.name)
    part = office.parse_part(package, "[Content_Types].xml")
    found = {}
    for token in part.tokens:
        if token.kind in ("start", "empty") and token.name == CT + "Override":
            found[token.attrs.get("PartName", "").lstrip("/")] = token.attrs.get(
                "ContentType", "")
    return found


def _parts(package: office.Package) -> tuple[list[str], str | None]:
    types = _content_types(package)
    main = [n for n, t in types.items() if t.endswith(MAIN_TYPES) and package.has(n)]
    if not main:
        raise FormatError("not a Word document: no main document part (word/document.xml)",
                          package.name)
    others = [n for n in package.names if types.get(n, "").endswith(OTHER_TYPES)]
    core = next((n for n, t in types.items() if t == CORE_TYPE and package.has(n)), None)
    return main[:1] + others, core


class _Walker:
    """Items of one paragraph: text slots with their formatting key, objects between."""

    def __init__(self, part: office.Part):
        self.part, self.items, self.field = part, [], 0

    def object(self) -> None:
        if not self.field:
            self.items.append(office.OBJECT)

    def container(self, index: int, key: tuple) -> None:
        for child in office.children(self.part, index):
            token = self.part.tokens[child]
            if token.kind in ("start", "empty"):
                self.inline(child, key)

    def inline(self, index: int, key: tuple) -> None:
        token = self.part.tokens[index]
        local = _local(token.name)
        if local in _SKIP:
            return
        if local == "r":
            self.run(index, key)
        elif local in _CONTAINERS:
            self.container(index, (*key, token.start))
        elif local == "sdt":
            for child in office.children(self.part, index):
                if _local(self.part.tokens[child].name) == "sdtContent":
                    self.container(child, (*key, token.start))
        else:
            self.object()

    def run(self, index: int, key: tuple) -> None:
        tokens = self.part.tokens
        kids = [c for c in office.children(self.part, index) if tokens[c].kind != "text"]
        props = next((self.part.raw(tokens[c]) if tokens[c].kind == "empty" else
                      self.part.text[tokens[c].start:tokens[tokens[c].match].end]
                      for c in kids if _local(tokens[c].name) == "rPr"), "")
        for child in kids:
            token = tokens[child]
            local = _local(token.name)
            if local in _SKIP:
                continue
            if local == "fldChar":
                kind = next((v for k, v in token.attrs.items() if k.endswith("}fldCharType")), "")
                if kind == "begin":
                    self.object()
                    self.field += 1
                elif kind == "end":
                    self.field = max(0, self.field - 1)
            elif local == "t" and not self.field:
                self.text(child, (*key, props))
            else:
                self.object()

    def text(self, index: int, key: tuple) -> None:
        token = self.part.tokens[index]
        if token.kind == "empty":
            return
        if any(self.part.tokens[j].kind != "text" for j in range(index + 1, token.match)):
            self.object()
            return
        start, end = self.part.inner(index)
        slot = office.Slot(start, end, office.unescape(self.part.text[start:end]), token)
        self.items.append((slot, key))


def _paragraphs(part: office.Part) -> list[office.Paragraph]:
    found = []
    for index, stack in office.elements_with_ancestors(part):
        token = part.tokens[index]
        if token.kind == "start" and _local(token.name) == "p":
            walker = _Walker(part)
            walker.container(index, ())
            paragraph = office.build_paragraph(part.name, walker.items)
            if paragraph is not None:
                paragraph.nested = any(_local(name) == "txbxContent" for name in stack)
                found.append(paragraph)
    return found


def read(data: bytes, path: str | None = None, **options: Any) -> Document:
    name = path or "<input>"
    if isinstance(data, str):
        raise FormatError("DOCX is a binary format; pass the file's bytes", name)
    package = office.Package(data, name)
    names, core = _parts(package)
    parts: dict[str, office.Part] = {}
    segments = []
    if core is not None:
        parts[core] = office.parse_part(package, core)
        for index, token in enumerate(parts[core].tokens):
            if token.name in (DC + "title", DC + "subject"):
                paragraph = office.simple_paragraph(parts[core], index)
                if paragraph is not None:
                    segments.append(office.segment_for(paragraph, {"part": core}))
    for part_name in names:
        parts[part_name] = office.parse_part(package, part_name)
        for paragraph in _paragraphs(parts[part_name]):
            segments.append(office.segment_for(paragraph, {"part": part_name}))
    return Document("", segments, "docx", path, {"package": package, "parts": parts})


def _encode(slot: office.Slot, text: str) -> list[tuple[int, int, str]]:
    edits = [(slot.start, slot.end, office.escape(text))]
    tag = slot.tag
    needs_space = text != text.strip() or "  " in text
    if tag is not None and needs_space and f"{{{office.XML_NS}}}space" not in tag.attrs:
        edits.append((tag.end - 1, tag.end, ' xml:space="preserve">'))
    return edits


def write(doc: Document) -> bytes:
    parts: dict[str, office.Part] = doc.meta["parts"]
    return office.write_package(doc, {name: _encode for name in parts})


def plain_text(doc: Document) -> str:
    """The document's text as glossa reads it (translations where there are any)."""
    return office.plain_text(doc.segments)
