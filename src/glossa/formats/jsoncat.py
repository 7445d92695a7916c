"""JSON i18n catalogues: i18next, Angular, Chrome ``messages.json`` and Flutter ARB.

The json module checks the file (strict: no duplicate keys, NaN or trailing commas); a
small offset-keeping scanner of our own then finds where every string value sits, so
writing replaces only the translated values and copies every other byte (indentation,
key order, escapes of untouched strings, the final newline). Re-dumping the tree would
re-indent the file and re-escape every string.

What is translated:

* every string value of a plain catalogue (nested objects and arrays; keys never);
* Chrome extension ``messages.json`` (each key an object with ``message``): only
  ``message``; ``description`` is context for review, ``placeholders`` stay;
* ARB (the ``arb`` format, or a JSON file with ``@@locale``): every message not starting
  with ``@``, parsed as ICU MessageFormat; ``@key`` metadata stays (its ``description``
  is context) and ``@@locale`` becomes the target language.

i18next plural keys (``files_one``/``files_other``) get the keys the target language
needs by CLDR (Portuguese adds ``files_many``), filled with the translation of
``_other``. Translated text is escaped the way the file escapes: ``\\uXXXX`` for
non-ASCII when the file was written ASCII-only, ``\\/`` when it escapes solidus, and the
same ``\\uXXXX`` for any character the file wrote that way (Go's ``\\u003c``).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from typing import Any

from glossa.document import Document, Segment, splice
from glossa.errors import FormatError
from glossa.formats import catalog

MAX_DEPTH = 256
_TOKEN_RE = re.compile(r'[ \t\n\r]*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|([^\s{}\[\],:"]+))',
                       re.DOTALL)
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_PLURAL_KEY_RE = re.compile(r"^(.+?)_(ordinal_)?(zero|one|two|few|many|other)$")
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
_CHROME_FIELDS = {"message", "description", "placeholders"}


# --- the scanner ----------------------------------------------------------------------------


@dataclass
class Node:
    """A JSON value and where it is: [start, end) in the text (strings: with quotes)."""

    kind: str  # "object" | "array" | "string" | "literal"
    start: int
    end: int = -1
    members: list[Member] = field(default_factory=list)  # objects
    items: list[Node] = field(default_factory=list)  # arrays

    def get(self, key: str) -> Node | None:
        return next((m.value for m in self.members if m.key == key), None)


@dataclass
class Member:
    key: str
    key_start: int
    key_end: int
    value: Node


def _scan(text: str, start: int, path: str | None) -> Node:
    """The tree of ``text`` (already validated by json) with offsets, built without recursion."""
    stack: list[Node] = []
    keys: list[tuple[str, int, int] | None] = []
    seen: list[set[str]] = []
    root: Node | None = None
    pos = start
    while True:
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            break
        pos = match.end()
        string, punct, literal = match.groups()
        if punct in ("}", "]"):
            node = stack.pop()
            keys.pop()
            seen.pop()
            node.end = pos
            continue
        if punct in (",", ":"):
            continue
        if string is not None and stack and stack[-1].kind == "object" and keys[-1] is None:
            key = json.loads(string) if "\\" in string else string[1:-1]
            if key in seen[-1]:
                raise FormatError(f"duplicate key {key!r}", path, _line_of(text, match.start(1)))
            seen[-1].add(key)
            keys[-1] = (key, match.start(1), pos)
            continue
        if punct in ("{", "["):
            node = Node("object" if punct == "{" else "array", match.start(2))
        elif string is not None:
            node = Node("string", match.start(1), pos)
        else:
            node = Node("literal", match.start(3), pos)
        if stack:
            parent = stack[-1]
            if parent.kind == "object":
                key, key_start, key_end = keys[-1]  # type: ignore[misc]
                parent.members.append(Member(key, key_start, key_end, node))
                keys[-1] = None
            else:
                parent.items.append(node)
        else:
            root = node
        if punct in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                raise FormatError(f"nested more than {MAX_DEPTH} levels deep", path,
                                  _line_of(text, match.start(2)))
            stack.append(node)
            keys.append(None)
            seen.append(set())
    if root is None:
        raise FormatError("empty JSON file", path, 1)
    return root


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _validate(text: str, path: str | None) -> None:
    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise FormatError(f"nested more than {MAX_DEPTH} levels deep", path, None) from None
    except ValueError as exc:
        raise FormatError(f"invalid JSON: {exc}", path, None) from None


# --- escaping -------------------------------------------------------------------------------


@dataclass
class EscapeStyle:
    """How the file writes strings, so new text is escaped the same way."""

    unicode_escaped: set[str] = field(default_factory=set)
    ascii_only: bool = False
    solidus: bool = False
    upper_hex: bool = False

    @classmethod
    def of(cls, raw_strings: list[str]) -> EscapeStyle:
        style = cls()
        literal_non_ascii = escaped_non_ascii = False
        upper = lower = 0
        for raw in raw_strings:
            if not literal_non_ascii and not raw.isascii():
                literal_non_ascii = not _ESCAPE_RE.sub("", raw).isascii()
            if "\\" not in raw:
                continue
            for match in _ESCAPE_RE.finditer(raw):
                escape = match.group(1)
                if escape == "/":
                    style.solidus = True
                elif escape.startswith("u") and len(escape) == 5:  # "\u" + 4 hex digits
                    char = chr(int(escape[1:], 16))
                    style.unicode_escaped.add(char)
                    escaped_non_ascii |= ord(char) > 0x7E
                    upper += any(c in "ABCDEF" for c in escape)
                    lower += any(c in "abcdef" for c in escape)
        style.ascii_only = escaped_non_ascii and not literal_non_ascii
        style.upper_hex = upper > lower
        return style

    def _u(self, code: int) -> str:
        return f"\\u{code:04X}" if self.upper_hex else f"\\u{code:04x}"

    def encode(self, text: str) -> str:
        """``text`` as the inside of a JSON string literal."""
        out = []
        for ch in text:
            code = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "/" and self.solidus:
                out.append("\\/")
            elif ch in self.unicode_escaped or code < 0x20 and ch not in _SHORT_ESCAPES:
                out.append(self._escape_code(code))
            elif code < 0x20:
                out.append(_SHORT_ESCAPES[ch])
            elif code > 0x7E and self.ascii_only:
                out.append(self._escape_code(code))
            else:
                out.append(ch)
        return "".join(out)

    def _escape_code(self, code: int) -> str:
        if code > 0xFFFF:
            code -= 0x10000
            return self._u(0xD800 + (code >> 10)) + self._u(0xDC00 + (code & 0x3FF))
        return self._u(code)


# --- reading --------------------------------------------------------------------------------


@dataclass
class _Value:
    """A string value to translate: its node, decoded text, key path and how it parses."""

    node: Node
    text: str
    key: str
    use_icu: bool | None
    description: str = ""


@dataclass
class _State:
    root: Node
    flavour: str  # "plain" | "chrome" | "arb"
    values: list[_Value]
    style: EscapeStyle
    lines: list[int]  # offsets of line starts


def _flavour(root: Node, requested: str) -> str:
    if root.kind != "object":
        return "plain"
    if requested == "arb" or root.get("@@locale") is not None:
        return "arb"
    entries = [m.value for m in root.members]
    if entries and all(
        e.kind == "object" and e.get("message") is not None and e.get("message").kind == "string"
        and {m.key for m in e.members} <= _CHROME_FIELDS for e in entries
    ):
        return "chrome"
    return "plain"


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _strings(root: Node) -> list[tuple[str, Node]]:
    """Every string value under ``root`` with its key path, in file order (no recursion)."""
    found: list[tuple[str, Node]] = []
    todo: list[tuple[str, Node]] = [("", root)]
    while todo:
        where, node = todo.pop()
        if node.kind == "string":
            found.append((where, node))
        elif node.kind == "object":
            todo += [(_path(where, m.key), m.value) for m in reversed(node.members)]
        elif node.kind == "array":
            todo += [(_path(where, i), n) for i, n in reversed(list(enumerate(node.items)))]
    return found


def _decoded(text: str, node: Node) -> str:
    raw = text[node.start:node.end]
    return json.loads(raw) if "\\" in raw else raw[1:-1]


def _values(text: str, root: Node, flavour: str) -> list[_Value]:
    if flavour == "chrome":
        out = []
        for member in root.members:
            message = member.value.get("message")
            description = member.value.get("description")
            assert message is not None
            out.append(_Value(message, _decoded(text, message), member.key, None,
                              _decoded(text, description)
                              if description is not None and description.kind == "string"
                              else ""))
        return out
    if flavour == "arb":
        out = []
        for member in root.members:
            if member.key.startswith("@") or member.value.kind != "string":
                continue
            meta = root.get("@" + member.key)
            about = meta.get("description") if meta is not None and meta.kind == "object" \
                else None
            out.append(_Value(member.value, _decoded(text, member.value), member.key, True,
                              _decoded(text, about)
                              if about is not None and about.kind == "string" else ""))
        return out
    return [_Value(node, _decoded(text, node), where, None) for where, node in _strings(root)]


def _raw_strings(text: str, root: Node) -> list[str]:
    raws = [text[n.start + 1:n.end - 1] for _, n in _strings(root)]
    todo = [root]
    while todo:
        node = todo.pop()
        raws += [text[m.key_start + 1:m.key_end - 1] for m in node.members]
        todo += [m.value for m in node.members] + node.items
    return raws


def read(text: str, path: str | None = None, flavour: str = "auto", **_options: object
         ) -> Document:
    start = 1 if text.startswith("\ufeff") else 0
    _validate(text[start:], path)
    root = _scan(text, start, path)
    kind = _flavour(root, flavour)
    values = _values(text, root, kind)
    lines = [0] + [m.end() for m in re.finditer("\n", text)]
    segments: list[Segment] = []
    for index, value in enumerate(values):
        line = bisect.bisect_right(lines, value.node.start)
        for segment in catalog.value_segments(value.text, value.use_icu):
            segment.context.update(value=index, key=value.key, line=line)
            if value.description:
                segment.context["description"] = value.description
            segments.append(segment)
    state = _State(root, kind, values, EscapeStyle.of(_raw_strings(text, root)), lines)
    return Document(text, segments, "arb" if kind == "arb" else "json", path,
                    meta={"json": state})


def entries(doc: Document) -> list[tuple[str, str, int, str]]:
    """(key path, text, line, description) of every translatable value, for pairing a
    catalogue with its translation (glossa.formats.catalog.pair_units)."""
    state: _State = doc.meta["json"]
    return [(v.key, v.text, bisect.bisect_right(state.lines, v.node.start), v.description)
            for v in state.values]


def units(doc: Document, translation: Document | None = None) -> list:
    """Source/target units: ``doc`` against its ``translation`` (another catalogue) by key;
    alone, every value is an untranslated unit."""
    return catalog.pair_units(entries(doc), entries(translation) if translation else [],
                              _locale(doc), _locale(translation) if translation else None)


def _locale(doc: Document) -> str | None:
    """An ARB's ``@@locale``, else None."""
    state: _State = doc.meta["json"]
    node = state.root.get("@@locale") if state.flavour == "arb" else None
    return _decoded(doc.text, node) if node is not None and node.kind == "string" else None


def sniff(head: str) -> bool:
    """A JSON object whose first member has a string key."""
    return bool(re.match(r'\ufeff?\s*\{\s*("|\})', head))


# --- writing --------------------------------------------------------------------------------


def write(doc: Document) -> str:
    state: _State | None = doc.meta.get("json")
    if state is None:
        raise ValueError("not a JSON document read by glossa.formats.jsoncat")
    text, target = doc.text, doc.meta.get("target")
    by_value = catalog.segments_by_value(doc)
    edits: list[tuple[int, int, str]] = []
    written: dict[int, str] = {}  # node start -> new raw value (with quotes)
    for index, segments in by_value.items():
        value = state.values[index]
        new = catalog.translated_value(value.text, segments)
        if new is None:
            continue
        is_icu = value.use_icu or catalog.icu.looks_like_icu(value.text)
        if is_icu and not catalog.icu_intact(value.text, new):
            for segment in segments:
                segment.notes.append("the translation broke the ICU message; kept the source")
            continue
        raw = '"' + state.style.encode(new) + '"'
        written[value.node.start] = raw
        edits.append((value.node.start, value.node.end, raw))
    if target:
        edits += _locale_edit(doc, state, target)
        edits += _plural_edits(doc, state, target, written, by_value)
    return splice(text, edits) if edits else text


def _locale_edit(doc: Document, state: _State, target: str) -> list[tuple[int, int, str]]:
    if state.flavour != "arb":
        return []
    node = state.root.get("@@locale")
    if node is None or node.kind != "string":
        return []
    locale = target.replace("-", "_")
    if _decoded(doc.text, node) == locale:
        return []
    return [(node.start, node.end, '"' + state.style.encode(locale) + '"')]


def _plural_edits(doc: Document, state: _State, target: str, written: dict[int, str],
                  by_value: dict[int, list[Segment]]) -> list[tuple[int, int, str]]:
    """Insert the plural keys the target language needs and the source did not have."""
    translated_starts = {state.values[i].node.start for i in by_value}
    edits = []
    todo = [state.root]
    while todo:
        node = todo.pop()
        todo += [m.value for m in node.members] + node.items
        if node.kind != "object" or state.flavour != "plain":
            continue
        for members in _plural_groups(node).values():
            edits += _group_edits(doc.text, node, members, target, state, written,
                                  translated_starts)
    return edits


def _plural_groups(node: Node) -> dict[tuple[str, bool], dict[str, Member]]:
    groups: dict[tuple[str, bool], dict[str, Member]] = {}
    for member in node.members:
        match = _PLURAL_KEY_RE.match(member.key)
        if match and member.value.kind == "string":
            base, ordinal, category = match.groups()
            groups.setdefault((base, bool(ordinal)), {})[category] = member
    return {k: v for k, v in groups.items() if "other" in v}


def _group_edits(text: str, parent: Node, members: dict[str, Member], target: str,
                 state: _State, written: dict[int, str], translated: set[int]
                 ) -> list[tuple[int, int, str]]:
    last = max(members.values(), key=lambda m: m.key_start)
    some = next(iter(members.values()))
    base, ordinal, _ = _PLURAL_KEY_RE.match(some.key).groups()  # type: ignore[union-attr]
    wanted = catalog.plural_categories(target, bool(ordinal))
    missing = [c for c in wanted if c not in members]
    if not missing:
        return []
    index = parent.members.index(last)
    if index > 0:
        separator = text[parent.members[index - 1].value.end:last.key_start]
    else:
        separator = "," + text[parent.start + 1:last.key_start]
    colon = text[last.key_end:last.value.start]
    inserted = []
    for category in missing:
        source = members.get(category) or members["other"]
        raw = written.get(source.value.start)
        if raw is None and source.value.start in translated:
            continue  # the source form was not translated: do not add an English form
        raw = raw or text[source.value.start:source.value.end]
        key = f"{base}_{ordinal or ''}{category}"
        inserted.append(separator + '"' + state.style.encode(key) + '"' + colon + raw)
    return [(last.value.end, last.value.end, "".join(inserted))] if inserted else []
