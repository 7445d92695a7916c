"""YAML i18n catalogues: Rails (``en.yml``) and Symfony (``messages.en.yaml``).

ruamel.yaml composes the file into nodes that know where they are; writing splices each
translated value back into the original text in its own quoting style (plain, single,
double, literal ``|`` or folded ``>``), so comments, anchors, aliases, key order and every
untouched byte stay. Re-emitting the tree would drop formatting and re-quote values.

* A root key that is a language code (Rails ``en:``) becomes the target code.
* String values are translated, keys never; Ruby symbols (``:year``), numbers, booleans
  and null stay. An aliased value (``*name``) follows its anchor.
* Rails plural groups (``one:``/``other:`` under a key) get the keys the target language
  needs by CLDR, filled with the translation of ``other``.
* After splicing, the output is parsed again and each changed value compared with the
  intended text; a value that would not come back (an odd plain scalar) is written
  double-quoted instead, and kept in the source language if even that fails.
* Alias bombs (aliases expanding past MAX_NODES), nesting past MAX_DEPTH and broken
  syntax are refused with one ``file:line`` message.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from glossa.document import Document, Segment, splice
from glossa.errors import FormatError
from glossa.formats import catalog
from glossa.formats.jsoncat import EscapeStyle

MAX_NODES = 1_000_000  # nodes after alias expansion: real catalogues have thousands
MAX_DEPTH = 200  # nested mappings/sequences: Rails locales use six or eight
STR_TAG = "tag:yaml.org,2002:str"
_PROPERTIES_RE = re.compile(r"(?:[&!][^\s]*[ \t]+(?:#[^\n]*)?\s*)*")
_LANGUAGE_KEY_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass
class _Value:
    """A string scalar to translate and where its text sits."""

    node: Any
    path: tuple[Any, ...]
    doc: int
    start: int  # after anchor/tag
    end: int
    text: str


@dataclass
class _State:
    values: list[_Value]
    root_keys: list[tuple[int, Any]]  # (document index, key node) of Rails language roots
    groups: list[tuple[int, tuple[Any, ...], Any]]  # (doc, path, mapping node) plural groups
    style: EscapeStyle
    extra: dict[str, Any] = field(default_factory=dict)
    bom: bool = False  # the file starts with U+FEFF: offsets are of the text after it


def _yaml():
    """ruamel.yaml's safe composer, on libyaml (ruamel.yaml.clib) when it is installed:
    about three times faster than the pure-Python parser, with the same node marks."""
    from ruamel.yaml import YAML

    return YAML(typ="safe")


def _style(node: Any) -> str | None:
    """The scalar's quoting style: None for plain (the C parser says "")."""
    return node.style or None


def _compose(text: str, path: str | None) -> list[Any]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        with warnings.catch_warnings():  # a reused anchor is valid YAML: the last one wins
            warnings.simplefilter("ignore")
            _check_depth(text, path)
            return [d for d in _yaml().compose_all(text) if d is not None]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        raise FormatError(f"invalid YAML: {problem}", path,
                          mark.line + 1 if mark is not None else None) from None
    except RecursionError:
        raise FormatError("YAML nested too deeply", path) from None
    except YAMLError as exc:
        raise FormatError(f"invalid YAML: {str(exc).splitlines()[0]}", path) from None


def _check_depth(text: str, path: str | None) -> None:
    """Refuse nesting past MAX_DEPTH from the event stream, before composing: libyaml's
    composer recurses in C (a deep ``[[[[…`` would overflow the stack) and its scanner
    slows down quadratically with depth."""
    depth = 0
    for event in _yaml().parse(text):
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                raise FormatError(f"YAML nested more than {MAX_DEPTH} levels deep", path,
                                  event.start_mark.line + 1)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1


def _children(node: Any) -> list[Any]:
    if node.id == "mapping":
        return [v for pair in node.value for v in pair]
    if node.id == "sequence":
        return list(node.value)
    return []


def _check_size(doc: Any, path: str | None) -> None:
    """Refuse alias bombs: count nodes as if every alias were expanded (memoised)."""
    size: dict[int, int] = {}
    todo: list[tuple[Any, bool]] = [(doc, False)]
    on_stack: set[int] = set()
    while todo:
        node, done = todo.pop()
        key = id(node)
        if done:
            on_stack.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            if size[key] > MAX_NODES:
                raise FormatError(f"aliases expand to more than {MAX_NODES} nodes "
                                  "(an alias bomb?)", path, node.start_mark.line + 1)
            continue
        if key in size:
            continue
        if key in on_stack:
            raise FormatError("recursive alias", path, node.start_mark.line + 1)
        on_stack.add(key)
        todo.append((node, True))
        todo += [(c, False) for c in _children(node) if id(c) not in size]


def _scalar_start(text: str, node: Any) -> int:
    """Where the scalar's own text starts (after an ``&anchor`` or ``!tag``)."""
    start = node.start_mark.index
    return _PROPERTIES_RE.match(text, start).end()


def _nodes(doc: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every node of ``doc`` with its key path, in document order; an aliased node once,
    at its anchor (no recursion: depth is capped before parsing, but stay flat anyway)."""
    seen: set[int] = set()
    todo: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while todo:
        where, node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield where, node
        if node.id == "sequence":
            todo += [((*where, i), n) for i, n in reversed(list(enumerate(node.value)))]
        elif node.id == "mapping":
            todo += [((*where, k.value), v) for k, v in reversed(node.value)]


def _walk(text: str, doc: Any, index: int, path: str | None, state: _State) -> None:
    for where, node in _nodes(doc):
        if node.id == "scalar":
            if node.tag == STR_TAG and not (_style(node) is None and node.value.startswith(":")):
                state.values.append(_Value(node, where, index, _scalar_start(text, node),
                                           node.end_mark.index, node.value))
        elif node.id == "mapping":
            keys: set[Any] = set()
            for key, _ in node.value:
                if key.id == "scalar" and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in keys:
                        raise FormatError(f"duplicate key {key.value!r}", path,
                                          key.start_mark.line + 1)
                    keys.add(key.value)
            if _is_plural_group(node):
                state.groups.append((index, where, node))


def _is_plural_group(node: Any) -> bool:
    keys = [k.value for k, _ in node.value if k.id == "scalar"]
    return (not node.flow_style and "other" in keys and len(keys) == len(node.value)
            and set(keys) <= set(catalog.CATEGORIES)
            and all(v.id == "scalar" and v.tag == STR_TAG and _style(v) not in ("|", ">")
                    for _, v in node.value))


def _language_root(doc: Any) -> Any | None:
    if doc.id != "mapping" or len(doc.value) != 1:
        return None
    key = doc.value[0][0]
    if key.id == "scalar" and _style(key) in (None, "'", '"') and _LANGUAGE_KEY_RE.match(key.value):
        from glossa.languages import LANGUAGES

        if key.value.replace("_", "-").split("-")[0].lower() in LANGUAGES:
            return key
    return None


def read(text: str, path: str | None = None, **_options: object) -> Document:
    original, bom = text, text.startswith("\ufeff")
    text = text[1:] if bom else text  # the YAML reader drops it: its marks count without
    docs = _compose(text, path)
    state = _State([], [], [], EscapeStyle(), bom=bom)
    for index, doc in enumerate(docs):
        _check_size(doc, path)
        _walk(text, doc, index, path, state)
        root = _language_root(doc)
        if root is not None:
            state.root_keys.append((index, root))
    state.style = EscapeStyle.of([text[v.start + 1:v.end - 1] for v in state.values
                                  if _style(v.node) == '"'])
    segments: list[Segment] = []
    for number, value in enumerate(state.values):
        for segment in catalog.value_segments(value.text):
            segment.context.update(value=number, key=".".join(map(str, value.path)),
                                   line=value.node.start_mark.line + 1)
            segments.append(segment)
    return Document(original, segments, "yaml", path, meta={"yaml": state})


# --- writing --------------------------------------------------------------------------------


def _double(new: str, style: EscapeStyle) -> str:
    return '"' + style.encode(new) + '"'


def _plain_ok(new: str) -> bool:
    if not new or new != new.strip() or "\n" in new or ": " in new or " #" in new:
        return False
    return new[0] not in "-?:,[]{}#&*!|>'\"%@`" and not new.endswith(":")


def _render(text: str, value: _Value, new: str, style: EscapeStyle, force_double: bool
            ) -> tuple[int, int, str]:
    """The (start, end, replacement) writing ``new`` in the value's own quoting style."""
    kind = _style(value.node)
    start, end = value.start, value.end
    if kind in ("|", ">"):
        block = None if force_double else _block(text, value, new)
        if block is not None:
            return block
        return start, _block_end(text, value), _double(new, style)
    if force_double:
        return start, end, _double(new, style)
    if kind is None and _plain_ok(new):
        return start, end, new
    if kind == "'" and "\n" not in new:
        return start, end, "'" + new.replace("'", "''") + "'"
    return start, end, _double(new, style)


def _block_end(text: str, value: _Value) -> int:
    return value.start + len(text[value.start:value.end].rstrip())


def _block(text: str, value: _Value, new: str) -> tuple[int, int, str] | None:
    header_end = text.find("\n", value.start)
    if header_end < 0 or re.search(r"[1-9]", text[value.start:header_end].split("#")[0]):
        return None  # explicit indentation indicator: rare, write double-quoted
    content_start = header_end + 1
    content_end = _block_end(text, value)
    content = text[content_start:content_end]
    first = next((ln for ln in content.split("\n") if ln.strip()), "")
    indent = first[: len(first) - len(first.lstrip(" "))]
    if not indent:
        return None
    core = new.rstrip("\n")
    lines = core.split("\n")
    if _style(value.node) == ">":
        if any(ln[:1] in (" ", "\t") for ln in lines):
            return None
        lines = "\n\n".join(lines).split("\n")
    nl = "\r\n" if "\r\n" in content else "\n"
    body = nl.join(indent + ln.rstrip("\r") if ln else "" for ln in lines)
    return content_start, content_end, body


def write(doc: Document) -> str:
    state: _State | None = doc.meta.get("yaml")
    if state is None:
        raise ValueError("not a YAML document read by glossa.formats.yamlcat")
    text, target = (doc.text[1:] if state.bom else doc.text), doc.meta.get("target")
    bom = "\ufeff" if state.bom else ""
    by_value = catalog.segments_by_value(doc)
    wanted: dict[int, str] = {}
    for number, segments in by_value.items():
        new = catalog.translated_value(state.values[number].text, segments)
        if new is not None and new != state.values[number].text:
            wanted[number] = new
    forced: set[int] = set()
    for _attempt in range(3):
        out, rendered = _apply(text, state, wanted, forced, target)
        bad = _mismatches(out, state, wanted, rendered, target)
        if not bad:
            return bom + out
        if bad <= forced:
            for number in bad:
                del wanted[number]
                for segment in by_value[number]:
                    segment.notes.append("the translated value did not read back as written; "
                                         "kept the source")
        forced |= bad
    out, rendered = _apply(text, state, wanted, forced, target)
    return bom + out


def _apply(text: str, state: _State, wanted: dict[int, str], forced: set[int],
           target: str | None) -> tuple[str, dict[int, str]]:
    edits: list[tuple[int, int, str]] = []
    rendered: dict[int, str] = {}
    for number, new in wanted.items():
        start, end, raw = _render(text, state.values[number], new, state.style,
                                  number in forced)
        rendered[number] = raw
        edits.append((start, end, raw))
    if target:
        for _, key in state.root_keys:
            if key.value != target:
                quote = 1 if _style(key) else 0
                edits.append((key.start_mark.index + quote, key.end_mark.index - quote, target))
        edits += _plural_edits(text, state, wanted, rendered, target)
    return (splice(text, edits) if edits else text), rendered


def _plural_edits(text: str, state: _State, wanted: dict[int, str], rendered: dict[int, str],
                  target: str) -> list[tuple[int, int, str]]:
    by_node = {id(v.node): n for n, v in enumerate(state.values)}
    edits = []
    for _, _, node in state.groups:
        present = {k.value: v for k, v in node.value}
        missing = [c for c in catalog.plural_categories(target) if c not in present]
        if not missing:
            continue
        last_key, last_value = node.value[-1]
        if last_value.end_mark.line != last_key.start_mark.line:
            continue  # a value over several lines: no safe place for a new key
        cut = text.find("\n", last_value.end_mark.index)
        cut = len(text) if cut < 0 else cut
        nl = "\n"
        if cut > 0 and text[cut - 1] == "\r":
            cut, nl = cut - 1, "\r\n"
        if text[last_value.end_mark.index:cut].strip():
            continue  # a comment after the value: keep the new keys out of its way
        pieces = []
        for category in missing:
            source = present.get(category) or present["other"]
            number = by_node.get(id(source))
            raw = rendered.get(number) if number is not None else None
            if raw is None:
                if number is not None and number in wanted:
                    continue
                raw = text[_scalar_start(text, source):source.end_mark.index]
            pieces.append(f"{nl}{' ' * last_key.start_mark.column}{category}: {raw}")
        if pieces:
            edits.append((cut, cut, "".join(pieces)))
    return edits


def _scalars_by_path(doc: Any) -> dict[tuple[Any, ...], Any]:
    """Every scalar of ``doc`` by key path (an aliased node once, at its anchor)."""
    found: dict[tuple[Any, ...], Any] = {}
    for where, node in _nodes(doc):
        if node.id == "scalar":
            found.setdefault(where, node)
    return found


def _mismatches(out: str, state: _State, wanted: dict[int, str], rendered: dict[int, str],
                target: str | None) -> set[int]:
    """Values whose new text does not read back from ``out`` as intended."""
    if not wanted:
        return set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = [d for d in _yaml().compose_all(out) if d is not None]
    except Exception:  # noqa: BLE001 - any parse failure means every edit is suspect
        return set(wanted)
    renamed = {index for index, key in state.root_keys if target and key.value != target}
    bad = set()
    indexes: dict[int, dict[tuple[Any, ...], Any]] = {}
    for number, new in wanted.items():
        value = state.values[number]
        path = value.path
        if value.doc in renamed and path:
            path = (target, *path[1:])
        if value.doc not in indexes and value.doc < len(docs):
            indexes[value.doc] = _scalars_by_path(docs[value.doc])
        node = indexes.get(value.doc, {}).get(path)
        if node is None or node.id != "scalar" or node.value != new or node.tag != STR_TAG:
            bad.add(number)
    return bad


def entries(doc: Document) -> list[tuple[str, str, int, str]]:
    """(key path without the language root, text, line, "") of every string value, so
    ``en.devise.failure`` pairs with ``pt.devise.failure``."""
    state: _State = doc.meta["yaml"]
    rooted = {index for index, _ in state.root_keys}
    return [(".".join(map(str, v.path[1:] if v.doc in rooted else v.path)), v.text,
             v.node.start_mark.line + 1, "") for v in state.values]


def units(doc: Document, translation: Document | None = None) -> list:
    """Source/target units: ``doc`` against its ``translation`` by key path (see entries)."""
    state: _State = doc.meta["yaml"]
    source_lang = state.root_keys[0][1].value if state.root_keys else None
    target_lang = None
    if translation is not None and translation.meta["yaml"].root_keys:
        target_lang = translation.meta["yaml"].root_keys[0][1].value
    return catalog.pair_units(entries(doc), entries(translation) if translation else [],
                              source_lang, target_lang)


def sniff(head: str) -> bool:
    """A Rails locale: a language code alone on the first non-comment line."""
    for line in head.splitlines():
        if line.strip() and not line.lstrip().startswith("#") and line.strip() != "---":
            return bool(re.match(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?:\s*$", line))
    return False
