"""A strict, offset-keeping XML reader for formats that splice their output.

expat checks well-formedness; every element is recorded with the character offsets of
its start and end tags in the original text, so a writer can replace or insert exactly
the bytes it means to and copy everything else. Nothing is re-serialised.

Hostile input is refused before anything is expanded: a DOCTYPE (and with it every
entity declaration, internal or external) stops the parse with one line naming where
it is, so there is no entity expansion and no external fetch.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from glossa.errors import FormatError

_START_TAG = re.compile(r"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_END_TAG = re.compile(r"</[^\s>]+\s*>")
# What may stand between elements in well-formed content (expat has already checked it).
_CONTENT = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|(?P<markup><!--.*?-->|<\?.*?\?>)"
    r"|&(?P<ref>#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);|(?P<text>[^<&]+)",
    re.DOTALL,
)
MAX_DEPTH = 200  # deeper nesting is an attack on the recursive walks, not a real file
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


@dataclass(eq=False)
class Element:
    """One element: names, attributes and where its tags are in the text.

    ``ns`` and ``name`` are the namespace URI and local name; ``qname`` the name as
    written (with its prefix). Attribute keys are local names for unprefixed attributes
    and ``"{uri}local"`` for namespaced ones (``xml:lang`` is ``"{xml}lang"``).
    """

    ns: str
    name: str
    qname: str
    attrs: dict[str, str]
    start: int  # offset of "<"
    open_end: int  # offset just after the start tag's ">"
    close_start: int = -1  # offset of "</" (== open_end for an empty element)
    end: int = -1  # offset just after the element
    line: int = 0
    children: list[Element] = field(default_factory=list)
    parent: Element | None = None

    @property
    def empty(self) -> bool:
        return self.close_start == self.open_end and self.end == self.open_end

    def find(self, name: str) -> Element | None:
        return next((c for c in self.children if c.name == name), None)

    def find_all(self, name: str) -> list[Element]:
        return [c for c in self.children if c.name == name]

    def iter(self, name: str | None = None):
        """This element and its descendants, in document order."""
        if name is None or self.name == name:
            yield self
        for child in self.children:
            yield from child.iter(name)


class _Offsets:
    """Byte offsets of the UTF-8 encoding -> code point offsets of the text."""

    def __init__(self, text: str):
        self.bytes_at: list[int] = []  # byte offset just after each wide character
        self.extra: list[int] = []  # extra bytes up to and including it
        extra = 0
        for match in re.finditer(r"[^\x00-\x7f]", text):
            size = len(match.group().encode("utf-8")) - 1
            self.bytes_at.append(match.start() + extra + size + 1)
            extra += size
            self.extra.append(extra)

    def char(self, byte: int) -> int:
        i = bisect.bisect_right(self.bytes_at, byte)
        return byte - (self.extra[i - 1] if i else 0)


def _split_name(name: str) -> tuple[str, str]:
    ns, _, local = name.rpartition(" ")
    return ns, local


def _attr_key(name: str) -> str:
    ns, local = _split_name(name)
    if not ns:
        return local
    if ns == "http://www.w3.org/XML/1998/namespace":
        return "{xml}" + local
    return "{" + ns + "}" + local


def parse(text: str, path: str | None, what: str = "XML") -> Element:
    """Parse ``text`` into an Element tree with offsets; FormatError on anything unsafe
    or not well-formed."""
    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    offsets = _Offsets(text)
    stack: list[Element] = []
    root: list[Element] = []

    def refuse(kind: str):
        def handler(*_args) -> None:
            raise FormatError(f"{kind} refused: {what} files may not declare entities or a "
                              "DOCTYPE (no entity expansion, no external fetches)",
                              path, parser.CurrentLineNumber)
        return handler

    def start(name: str, attrs: dict[str, str]) -> None:
        at = offsets.char(parser.CurrentByteIndex)
        tag = _START_TAG.match(text, at)
        if tag is None:  # cannot happen for input expat accepted
            raise FormatError(f"cannot locate a start tag in this {what}", path,
                              parser.CurrentLineNumber)
        ns, local = _split_name(name)
        element = Element(ns, local, tag.group()[1:].split(None, 1)[0].rstrip("/>"),
                          {_attr_key(k): v for k, v in attrs.items()}, at, tag.end(),
                          line=parser.CurrentLineNumber)
        if tag.group(1):
            element.close_start = element.end = tag.end()
        if len(stack) >= MAX_DEPTH:
            raise FormatError(f"elements nested more than {MAX_DEPTH} deep", path,
                              parser.CurrentLineNumber)
        if stack:
            element.parent = stack[-1]
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_name: str) -> None:
        element = stack.pop()
        if element.end >= 0:
            return
        at = offsets.char(parser.CurrentByteIndex)
        tag = _END_TAG.match(text, at)
        if tag is None:
            raise FormatError(f"cannot locate an end tag in this {what}", path,
                              parser.CurrentLineNumber)
        element.close_start, element.end = at, tag.end()

    parser.StartDoctypeDeclHandler = refuse("DOCTYPE")
    parser.EntityDeclHandler = refuse("entity declaration")
    parser.UnparsedEntityDeclHandler = refuse("entity declaration")
    parser.ExternalEntityRefHandler = refuse("external entity")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.ordered_attributes = False
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise FormatError(f"malformed {what}: {expat.ErrorString(exc.code)}", path,
                          exc.lineno) from None
    if not root:
        raise FormatError(f"no root element: not an {what} file", path, 1)
    return root[0]


def content_pieces(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """The character content of ``text[start:end]`` (no child elements in it) as
    ("text", unescaped) and ("markup", raw comment or PI) pieces."""
    pieces: list[tuple[str, str]] = []
    for match in _CONTENT.finditer(text, start, end):
        if match.group("markup") is not None:
            pieces.append(("markup", match.group("markup")))
        elif match.group("cdata") is not None:
            pieces.append(("text", match.group("cdata")))
        elif match.group("ref") is not None:
            ref = match.group("ref")
            value = _NAMED.get(ref) or chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:]))
            pieces.append(("text", value))
        else:
            pieces.append(("text", match.group("text")))
    return pieces


def plain_text(text: str, element: Element) -> str:
    """All character data inside ``element`` (descendants' too), unescaped."""
    out: list[str] = []
    pos = element.open_end
    for child in element.children:
        out += [v for k, v in content_pieces(text, pos, child.start) if k == "text"]
        out.append(plain_text(text, child))
        pos = child.end
    if not element.empty:
        out += [v for k, v in content_pieces(text, pos, element.close_start) if k == "text"]
    return "".join(out)


def escape_text(value: str, ascii_only: bool = False) -> str:
    """Character data for element content (``]]>`` and every markup character escaped)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if ascii_only:
        value = re.sub(r"[^\x00-\x7f]", lambda m: f"&#x{ord(m.group()):X};", value)
    return value


def escape_attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


def set_attributes(text: str, element: Element, values: dict[str, str | None],
                   ) -> tuple[int, int, str]:
    """A replacement (start, end, new start tag) setting attributes on ``element``'s start
    tag: existing ones change in place (quotes kept), new ones are appended, None removes.
    Keys are attribute names as written (``state``, ``xml:lang``)."""
    tag = text[element.start:element.open_end]
    for name, value in values.items():
        found = _find_attribute(tag, name)
        if value is None:
            if found:
                tag = tag[:found.start()] + tag[found.end():]
            continue
        if found:
            quote = found.group(4)[0]
            new = escape_attr(value) if quote == '"' else escape_attr(value).replace("'", "&apos;")
            tag = tag[:found.start(4)] + quote + new + quote + tag[found.end(4):]
        else:
            close = len(tag) - (2 if tag.endswith("/>") else 1)
            while close > 0 and tag[close - 1].isspace():
                close -= 1
            tag = tag[:close] + f' {name}="{escape_attr(value)}"' + tag[close:]
    return element.start, element.open_end, tag


_ATTRIBUTE = re.compile(r"""(\s+)([^\s=/>]+)(\s*=\s*)("[^"]*"|'[^']*')""")


def _find_attribute(tag: str, name: str) -> re.Match[str] | None:
    """The attribute ``name`` of a start tag, read attribute by attribute (so a value
    that happens to contain ``name=`` is never mistaken for it)."""
    pos = re.match(r"<[^\s/>]+", tag).end()
    while (match := _ATTRIBUTE.match(tag, pos)) is not None:
        if match.group(2) == name:
            return match
        pos = match.end()
    return None


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def splice_range(text: str, start: int, end: int,
                 replacements: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with (start, end, new) replacements given in offsets of ``text``."""
    from glossa.document import splice

    return splice(text[start:end], [(a - start, b - start, new) for a, b, new in replacements])
