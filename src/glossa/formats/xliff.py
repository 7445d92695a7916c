"""XLIFF 1.2 (``.xlf``, ``.xliff``, Trados ``.sdlxliff``) and XLIFF 2.0/2.1.

Reading: ``glossa.formats._xml`` parses the file with expat (a DOCTYPE or entity
declaration is refused, so nothing is expanded or fetched) and keeps the offsets of every
tag. Writing splices into the original text: the output differs from the input only in
the ``<target>`` elements glossa adds or fills, their state attributes (1.2: on the
target; 2.x: ``state``/``subState`` on the segment), glossa's notes and
``target-language`` / ``trgLang`` when it was missing, empty or another language.

What is translated: 1.2 ``<trans-unit>`` (each ``<mrk mtype="seg">`` of its
``<seg-source>`` when there is one) and 2.x ``<segment>``, unless ``translate="no"``
(inherited from groups and files), ``approved="yes"`` (1.2) / ``state="final"`` (2.x,
never touched even with ``retranslate``), or the target already has text (filled again
only with ``retranslate``; a 1.2 target in state ``new`` or ``needs-translation`` is filled
like an empty one). New machine translations are marked for review:
1.2 ``state="needs-review-translation" state-qualifier="mt-suggestion"``, 2.x
``state="initial" subState="glossa:mt"``; with ``fuzzy=False`` the state is
``translated`` (the MT qualifier stays: it says where the text came from).

Inline markup: every inline element (1.2 ``x bx ex ph bpt ept it``, 2.x ``ph sc ec sm em
cp``, a comment) becomes one private-use character in the segment text, protected from
the engine; of a paired element (1.2 ``g mrk``, 2.x ``pc mrk``) only the start and end
tags are, so its content is translated. Writing maps each character back to its exact
markup, after checking every tag came back once and paired tags are still well nested;
a segment that fails is kept in the source language and reported. Keyboard accelerator
markers are taken out and put back as in PO (``glossa.accelerators``).

Verification warnings (``doc.meta["warnings"]``) become glossa's own notes on the unit:
1.2 ``<note from="glossa">`` after the target, 2.x ``<note category="glossa">`` in the
unit's ``<notes>``; glossa's notes from an earlier run are replaced, no other note changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from glossa import accelerators
from glossa.accelerators import Marked
from glossa.document import Document, Segment, Span
from glossa.errors import FormatError
from glossa.formats import _xml
from glossa.formats.base import BilingualUnit
from glossa.formats.po import PROTECT_KINDS
from glossa.placeholders import find_placeholders, merge_adjacent, widen_quoted

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
OLD_NS = ("urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.0")
VERSIONS_1 = ("1.0", "1.1", "1.2")
VERSIONS_2 = ("2.0", "2.1", "2.2")

#: Paired inline elements: their content is text to translate.
PAIRED = {"1.2": {"g", "mrk"}, "2": {"pc", "mrk"}}
#: Isolated start/end codes that must keep their order: element -> (role, key attribute).
ISOLATED = {
    "1.2": {"bx": ("start", "rid"), "ex": ("end", "rid"), "bpt": ("start", "id"),
            "ept": ("end", "id")},
    "2": {"sc": ("start", "id"), "ec": ("end", "startRef"), "sm": ("start", "id"),
          "em": ("end", "startRef")},
}
MARKER_BASE = 0xF0000  # Supplementary Private Use Area-A: one character per inline tag
MARKER_RANGE_END = 0xFFFFD
_MARKER_RANGE = re.compile(f"[{chr(MARKER_BASE)}-{chr(MARKER_RANGE_END)}]")
MT_SUBSTATE = "glossa:mt"

SNIFF_RE = re.compile(r"<(?:[\w.-]+:)?xliff[\s>]")


def sniff(head: str) -> bool:
    return bool(SNIFF_RE.search(head[:4096]))


# --- inline markup --------------------------------------------------------------------------


@dataclass
class Atom:
    """One protected piece of inline markup and how it must pair with others."""

    raw: str
    role: str = "solo"  # solo | open | close | start | end
    key: str | None = None  # pairs open/close (a counter) and start/end (an id)
    phrase: str = ""  # open tag around plain text of several words: that text
    aux: int | None = None  # index of the segment translating ``phrase`` on its own


@dataclass
class Inline:
    """A run of XLIFF content as segment text: markers stand for the atoms."""

    text: str
    atoms: list[Atom]
    usable: bool = True  # False when the text itself holds a marker character


def _is_paired(element: _xml.Element, family: str) -> bool:
    if element.name not in PAIRED[family] or element.empty:
        return False
    if element.name == "mrk":
        return element.attrs.get("mtype") != "protected" and element.attrs.get("translate") != "no"
    return True


def _inline(text: str, element: _xml.Element, family: str) -> list[tuple[str, Any]]:
    """The element's content as ("text", unescaped str) and ("atom", Atom) pieces."""
    pieces: list[tuple[str, Any]] = []
    pos = element.open_end

    def chars(start: int, end: int) -> None:
        for kind, value in _xml.content_pieces(text, start, end):
            pieces.append(("text", value) if kind == "text" else ("atom", Atom(value)))

    for child in element.children:
        chars(pos, child.start)
        pos = child.end
        if _is_paired(child, family):
            key = f"{id(child)}"
            inner = _inline(text, child, family)
            phrase = "".join(v for _, v in inner) if all(k == "text" for k, _ in inner) else ""
            pieces.append(("atom", Atom(text[child.start:child.open_end], "open", key,
                                        phrase if len(phrase.split()) > 1 else "")))
            pieces += inner
            pieces.append(("atom", Atom(text[child.close_start:child.end], "close", key)))
            continue
        role, attr = ISOLATED[family].get(child.name, ("solo", None))
        key = child.attrs.get(attr) if attr else None
        if child.name in ("bpt", "ept") and child.attrs.get("rid"):
            key = child.attrs["rid"]
        pieces.append(("atom", Atom(text[child.start:child.end], role, key)))
    if not element.empty:
        chars(pos, element.close_start)
    return pieces


def to_inline(text: str, element: _xml.Element, family: str) -> Inline:
    pieces = _inline(text, element, family)
    out: list[str] = []
    atoms: list[Atom] = []
    for kind, value in pieces:
        if kind == "text":
            out.append(value)
        else:
            out.append(chr(MARKER_BASE + len(atoms)))
            atoms.append(value)
    plain = "".join(value for kind, value in pieces if kind == "text")
    return Inline("".join(out), atoms, not _MARKER_RANGE.search(plain))


def render(text: str, element: _xml.Element, family: str) -> str:
    """Element content for reviewers: text unescaped, inline markup as written."""
    inline = to_inline(text, element, family)
    return _expand(inline.text, inline.atoms, escape=False)


def _protected(text: str, atoms: list[Atom]) -> list[Span]:
    markers = [Span(m.start(), m.end()) for m in _MARKER_RANGE.finditer(text)
               if ord(m.group()) - MARKER_BASE < len(atoms)]
    found = widen_quoted(find_placeholders(text, PROTECT_KINDS), text)
    return merge_adjacent([*markers, *found])


def check_markers(source: str, translation: str, atoms: list[Atom]) -> str | None:
    """Why ``translation`` cannot be written with these atoms, or None when it can: every
    tag once, paired tags well nested and still around text where they were in
    ``source``, isolated start codes before their end codes."""
    seen: list[int] = []
    for ch in translation:
        index = ord(ch) - MARKER_BASE
        if 0 <= index < len(atoms):
            seen.append(index)
        elif MARKER_BASE <= ord(ch) <= MARKER_RANGE_END:
            return "the translation holds an unknown inline-tag marker"
    if sorted(seen) != list(range(len(atoms))):
        lost = [atoms[i].raw for i in range(len(atoms)) if seen.count(i) != 1]
        return "inline tags lost or doubled: " + ", ".join(lost)
    stack: list[str | None] = []
    started: set[str | None] = set()
    for index in seen:
        atom = atoms[index]
        if atom.role == "open":
            stack.append(atom.key)
        elif atom.role == "close":
            if not stack or stack.pop() != atom.key:
                return f"inline tags out of order at {atom.raw}"
            opener = next(i for i, a in enumerate(atoms) if a.role == "open" and a.key == atom.key)
            if _letters_between(source, opener, index) \
                    and not _letters_between(translation, opener, index):
                return f"the text inside {atoms[opener].raw} moved out of it"
        elif atom.role == "start" and atom.key is not None:
            started.add(atom.key)
        elif atom.role == "end" and atom.key is not None and atom.key not in started \
                and _starts_before(atoms, atom.key, index):
            return f"inline tags out of order at {atom.raw}"
    return None


def _letters_between(text: str, first: int, second: int) -> bool:
    """Letters between the markers of atoms ``first`` and ``second`` in ``text``."""
    start = text.find(chr(MARKER_BASE + first))
    end = text.find(chr(MARKER_BASE + second))
    return any(ch.isalpha() for ch in text[start + 1:end])


def repair_pairs(translation: str, atoms: list[Atom], phrases: dict[int, str]) -> str:
    """Put paired tags the engine pushed together ("a política XT0X XT1X") back around
    the text they held, found in the translation as the tagged phrase translated on its
    own (``phrases``: open atom index -> that translation). Unchanged when it cannot."""
    for opener, phrase in phrases.items():
        atom = atoms[opener]
        closer = next(i for i, a in enumerate(atoms) if a.role == "close" and a.key == atom.key)
        start = translation.find(chr(MARKER_BASE + opener))
        end = translation.find(chr(MARKER_BASE + closer))
        if start < 0 or end < start or translation[start + 1:end].strip():
            continue
        rest = translation[:start].rstrip(" ") + " " + translation[end + 1:].lstrip(" ")
        if not translation[:start].strip():
            rest = rest.lstrip(" ")
        if not translation[end + 1:].strip():
            rest = rest.rstrip(" ")
        found = _find_phrase(rest, phrase)
        if found is None:
            continue
        a, b = found
        translation = (rest[:a] + chr(MARKER_BASE + opener) + rest[a:b]
                       + chr(MARKER_BASE + closer) + rest[b:])
    return translation


def _find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """The one place ``phrase`` (case-insensitive, a leading article optional) occurs in
    ``text`` as whole words outside inline markers."""
    phrase = phrase.strip().rstrip(".!?;:")
    words = phrase.split()
    candidates = [phrase]
    if len(words) > 2:
        candidates.append(" ".join(words[1:]))
    for candidate in candidates:
        hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(candidate)}(?!\w)", text,
                                              re.IGNORECASE)]
        if len(hits) == 1:
            return hits[0]
    return None


def _starts_before(atoms: list[Atom], key: str, end_index: int) -> bool:
    """The source had the start code of ``key`` before this end code."""
    return any(a.role == "start" and a.key == key for a in atoms[:end_index])


def _expand(text: str, atoms: list[Atom], escape: bool = True, ascii_only: bool = False) -> str:
    out: list[str] = []
    plain: list[str] = []

    def flush() -> None:
        if plain:
            joined = "".join(plain)
            out.append(_xml.escape_text(joined, ascii_only) if escape else joined)
            plain.clear()

    for ch in text:
        index = ord(ch) - MARKER_BASE
        if 0 <= index < len(atoms):
            flush()
            out.append(atoms[index].raw)
        else:
            plain.append(ch)
    flush()
    return "".join(out)


# --- the file's structure -------------------------------------------------------------------


@dataclass
class Part:
    """A piece of a unit's source that becomes one glossa segment (or is copied)."""

    element: _xml.Element  # <source> or a seg-source <mrk mtype="seg">
    inline: Inline
    segment: int | None = None  # index in doc.segments
    marked: Marked | None = None  # the text without its accelerator marker, when it had one


@dataclass
class Unit:
    """What gets one target: a 1.2 trans-unit or a 2.x segment."""

    index: int
    element: _xml.Element  # trans-unit (1.2) / segment (2.x): state lives here in 2.x
    source: _xml.Element
    target: _xml.Element | None
    seg_source: _xml.Element | None
    file: _xml.Element
    id: str
    line: int
    notes: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    resname: str = ""
    translatable: bool = True
    locked: bool = False  # approved="yes" / state="final": never touched
    parts: list[Part] = field(default_factory=list)
    todo: bool = False


@dataclass
class State:
    version: str  # "1.2" or "2"
    declared: str  # the version attribute as written
    root: _xml.Element
    units: list[Unit]
    fuzzy: bool
    ascii_only: bool
    source_lang: str | None
    target_lang: str | None
    encoding: str | None = None  # read from bytes: write bytes in this encoding
    data: bytes = b""  # the bytes read, given back unchanged when nothing was translated


#: ``read`` takes the file's bytes: XLIFF declares its own encoding (Trados writes UTF-8 with
#: a BOM on one long line, some tools UTF-16), so glossa decodes it here rather than
#: assuming UTF-8 text.
BINARY = True


def decode(data: bytes, path: str | None) -> tuple[str, str]:
    """(text, encoding): a UTF-16 BOM, else the XML declaration's encoding, else UTF-8.
    The BOM stays in the text so writing gives the same bytes back."""
    from glossa.errors import InputError

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
    else:
        match = re.match(rb"""(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""",
                         data)
        encoding = match.group(1).decode("ascii").lower() if match else "utf-8"
        if encoding.replace("_", "-") in ("utf-16", "utf16"):
            encoding = "utf-8"  # declared UTF-16 without a BOM: expat would refuse it too
    try:
        return data.decode(encoding), encoding
    except LookupError:
        raise FormatError(f"unknown encoding {encoding!r} in the XML declaration", path,
                          1) from None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{path or '<input>'}:{line}: not valid {encoding} (byte "
                         f"0x{data[exc.start]:02x} at offset {exc.start})") from None


def _version(root: _xml.Element, path: str | None) -> tuple[str, str]:
    if root.name != "xliff":
        raise FormatError(f"not an XLIFF file: the root element is <{root.qname}>", path,
                          root.line)
    declared = root.attrs.get("version", "")
    if root.ns == NS20 and declared in VERSIONS_2:
        return "2", declared
    if (root.ns in (NS12, "", *OLD_NS)) and declared in VERSIONS_1:
        return "1.2", declared
    found = f"version {declared!r}" if declared else "no version attribute"
    raise FormatError(f"unknown XLIFF version ({found}, namespace {root.ns or 'none'}); glossa "
                      "reads XLIFF 1.0-1.2 and 2.0-2.2", path, root.line)


def _inherits_no(element: _xml.Element) -> bool:
    """translate="no" on the element or the nearest ancestor that says anything."""
    node: _xml.Element | None = element
    while node is not None:
        value = node.attrs.get("translate")
        if value is not None:
            return value == "no"
        node = node.parent
    return False


def _file_of(element: _xml.Element) -> _xml.Element:
    node = element
    while node.parent is not None and node.name != "file":
        node = node.parent
    return node


def _has_text(text: str, element: _xml.Element | None) -> bool:
    """The element holds character data (a target of empty ``<mrk>`` segments does not)."""
    return element is not None and bool(_xml.plain_text(text, element).strip())


def _units_12(text: str, root: _xml.Element) -> list[Unit]:
    units = []
    for tu in root.iter("trans-unit"):
        source = tu.find("source")
        if source is None:
            continue
        unit = Unit(len(units), tu, source, tu.find("target"), tu.find("seg-source"),
                    _file_of(tu), tu.attrs.get("id", ""), source.line)
        unit.resname = tu.attrs.get("resname", "")
        unit.notes = [_xml.plain_text(text, n).strip() for n in tu.find_all("note")]
        unit.context = [f"{c.attrs.get('context-type', 'context')}: "
                        f"{_xml.plain_text(text, c).strip()}"
                        for group in tu.find_all("context-group")
                        for c in group.find_all("context")]
        unit.translatable = not _inherits_no(tu)
        unit.locked = tu.attrs.get("approved") == "yes"
        units.append(unit)
    return units


def _units_2(text: str, root: _xml.Element) -> list[Unit]:
    units = []
    for xunit in root.iter("unit"):
        notes_el = xunit.find("notes")
        notes = [_xml.plain_text(text, n).strip() for n in notes_el.find_all("note")] \
            if notes_el is not None else []
        for number, seg in enumerate(xunit.find_all("segment")):
            source = seg.find("source")
            if source is None:
                continue
            uid = xunit.attrs.get("id", "")
            sid = seg.attrs.get("id") or (str(number + 1) if len(xunit.find_all("segment")) > 1
                                          else "")
            unit = Unit(len(units), seg, source, seg.find("target"), None, _file_of(xunit),
                        f"{uid}/{sid}" if sid else uid, source.line, notes=list(notes))
            unit.resname = xunit.attrs.get("name", "")
            unit.translatable = not _inherits_no(xunit)
            unit.locked = seg.attrs.get("state") == "final"
            units.append(unit)
    return units


def _wants_translation(unit: Unit) -> bool:
    """A 1.2 target whose state says it still needs translating (a copy of the source,
    say): filled like an empty one."""
    return unit.target is not None and unit.target.attrs.get("state") in ("new",
                                                                          "needs-translation")


def _parts(text: str, unit: Unit, family: str) -> list[Part]:
    if unit.seg_source is not None:
        marks = [m for m in unit.seg_source.iter("mrk") if m.attrs.get("mtype") == "seg"]
        if marks:
            return [Part(m, to_inline(text, m, family)) for m in marks]
    return [Part(unit.source, to_inline(text, unit.source, family))]


def _letters_outside(text: str, spans: list[Span]) -> bool:
    pos = 0
    for span in spans:
        if any(ch.isalpha() for ch in text[pos:span.start]):
            return True
        pos = span.end
    return any(ch.isalpha() for ch in text[pos:])


def _segment_context(unit: Unit, part: Part, number: int) -> dict[str, Any]:
    context: dict[str, Any] = {"unit": unit.index, "part": number, "line": part.element.line,
                               "id": unit.id}
    if unit.resname:
        context["resname"] = unit.resname
    if unit.notes:
        context["notes"] = list(unit.notes)
    if unit.context:
        context["context"] = list(unit.context)
    return context


def _phrase_segments(part: Part, first: int, context: dict[str, Any]) -> list[Segment]:
    """Each tagged phrase on its own, to find where its translation went when the engine
    moves paired tags together (see ``repair_pairs``); never written by itself."""
    found = []
    for atom in part.inline.atoms:
        if atom.phrase and any(ch.isalpha() for ch in atom.phrase) \
                and not _protected(atom.phrase, []):  # nothing it could lose
            atom.aux = first + len(found)
            found.append(Segment(atom.phrase, context={**context, "phrase": True}))
    return found


def _declared_encoding(text: str) -> str:
    match = re.match(r"""\ufeff?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""", text)
    return match.group(1).lower() if match else "utf-8"


def _part_text(part: Part, marker: str) -> str:
    """The part's text for the engine: its accelerator marker taken out (kept on the part)."""
    text = part.inline.text
    part.marked = accelerators.strip(text, marker, _protected(text, part.inline.atoms))
    return text if part.marked is None else part.marked.text


def read(data: str | bytes, path: str | None = None, retranslate: bool = False,
         fuzzy: bool = True, accelerator: str | None = None, **_options: object) -> Document:
    """Read XLIFF from bytes (what the CLI passes) or already decoded text; ``accelerator``
    as for PO (``glossa.formats.po.accelerator_style``)."""
    from glossa.formats.po import accelerator_style

    encoding = None
    if isinstance(data, bytes):
        text, encoding = decode(data, path)
    else:
        text = data
    root = _xml.parse(text, path, "XLIFF")
    family, declared = _version(root, path)
    units = _units_12(text, root) if family == "1.2" else _units_2(text, root)
    segments: list[Segment] = []
    for unit in units:
        unit.parts = _parts(text, unit, family)
    marker = accelerator_style(accelerator, [p.inline.text for u in units if u.translatable
                                             for p in u.parts])
    for unit in units:
        if not unit.translatable or unit.locked:
            continue
        if _has_text(text, unit.target) and not retranslate and not _wants_translation(unit):
            continue
        for number, part in enumerate(unit.parts):
            clean = _part_text(part, marker)
            protected = _protected(clean, part.inline.atoms)
            if not _letters_outside(clean, protected):
                continue
            part.segment = len(segments)
            segments.append(Segment(clean, protected=protected,
                                    context=_segment_context(unit, part, number)))
            segments += _phrase_segments(part, len(segments), segments[-1].context)
        unit.todo = any(p.segment is not None for p in unit.parts)
    declared_encoding = _declared_encoding(text)
    if family == "1.2":
        files = [f for f in root.iter("file")]
        source_lang = files[0].attrs.get("source-language") if files else None
        target_lang = files[0].attrs.get("target-language") if files else None
    else:
        source_lang, target_lang = root.attrs.get("srcLang"), root.attrs.get("trgLang")
    state = State(family, declared, root, units, fuzzy,
                  encoding is None
                  and not declared_encoding.startswith(("utf-8", "utf8", "utf-16", "utf16")),
                  source_lang or None, target_lang or None, encoding,
                  data if isinstance(data, bytes) else b"")
    return Document(text, segments, "xliff", path, meta={"xliff": state})


# --- writing --------------------------------------------------------------------------------


def _base(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-")[0].lower()


def _part_content(doc: Document, part: Part, state: State) -> tuple[str | None, str | None]:
    """(new content of the part, problem): content None means copy the source part."""
    if part.segment is None:
        return None, None
    segment = doc.segments[part.segment]
    if segment.notes:
        return None, "failed"
    if segment.translation is None:
        return None, None
    translation = segment.translation
    if not part.inline.usable:
        problem = "its text holds a private-use character glossa uses for inline tags"
    else:
        problem = check_markers(segment.text, translation, part.inline.atoms)
    if problem and "moved out" in problem:
        phrases = {i: doc.segments[a.aux].translation for i, a in enumerate(part.inline.atoms)
                   if a.aux is not None and doc.segments[a.aux].translation}
        translation = repair_pairs(translation, part.inline.atoms, phrases)
        problem = check_markers(segment.text, translation, part.inline.atoms)
    if problem:
        return None, problem
    marked = part.marked
    if marked is not None:
        translation = accelerators.restore(translation, marked.text, marked.offset,
                                           marked.marker, marked.doubled,
                                           _protected(translation, part.inline.atoms))
    return _expand(translation, part.inline.atoms, ascii_only=state.ascii_only), None


def _unit_content(doc: Document, unit: Unit, state: State) -> str | None:
    """The new target content of a unit, or None to leave it (notes say why)."""
    text = doc.text
    replacements: list[tuple[int, int, str]] = []
    problems: list[tuple[Part, str]] = []
    translated = False
    for part in unit.parts:
        content, problem = _part_content(doc, part, state)
        if problem:
            problems.append((part, problem))
        elif content is not None:
            translated = True
            replacements.append((part.element.open_end, part.element.close_start, content))
    if problems:
        for part, problem in problems:
            if problem != "failed":
                doc.segments[part.segment].notes.append(problem)
        for part in unit.parts:
            if part.segment is not None and not doc.segments[part.segment].notes:
                doc.segments[part.segment].notes.append("another segment of its unit failed")
        return None
    if not translated:
        return None
    container = unit.seg_source if unit.parts[0].element is not unit.source else unit.source
    assert container is not None
    inner = _xml.splice_range(text, container.open_end, container.close_start, replacements)
    return inner


def _indent_before(text: str, element: _xml.Element) -> str:
    parent = element.parent
    siblings = parent.children if parent is not None else []
    index = siblings.index(element)
    start = siblings[index - 1].end if index else (parent.open_end if parent else 0)
    gap = text[start:element.start]
    return gap if not gap.strip() else ""


def _target_edits(doc: Document, unit: Unit, state: State, content: str,
                  ) -> list[tuple[int, int, str]]:
    text = doc.text
    if state.version == "1.2":
        marks = {"state": "needs-review-translation" if state.fuzzy else "translated",
                 "state-qualifier": "mt-suggestion"}
    else:
        marks = {}
    target = unit.target
    if target is None:
        after = unit.seg_source if unit.seg_source is not None else unit.source
        qname = unit.source.qname[: -len("source")] + "target"
        attrs = "".join(f' {k}="{v}"' for k, v in marks.items())
        space = unit.source.attrs.get("{xml}space")
        if space:
            attrs += f' xml:space="{_xml.escape_attr(space)}"'
        new = f"{_indent_before(text, unit.source)}<{qname}{attrs}>{content}</{qname}>"
        edits = [(after.end, after.end, new)]
    else:
        start, _, tag = _xml.set_attributes(text, target, dict(marks))
        if target.empty:
            tag = tag[:-2].rstrip() + ">"
            edits = [(start, target.end, f"{tag}{content}</{target.qname}>")]
        else:
            edits = [(start, target.open_end, tag),
                     (target.open_end, target.close_start, content)]
    if state.version == "2":
        edits.append(_xml.set_attributes(text, unit.element, {
            "state": "initial" if state.fuzzy else "translated", "subState": MT_SUBSTATE}))
    return edits


def _language_edits(text: str, state: State, target: str, units: list[Unit],
                    ) -> list[tuple[int, int, str]]:
    if state.version == "2":
        if _base(state.root.attrs.get("trgLang")) == _base(target):
            return []
        return [_xml.set_attributes(text, state.root, {"trgLang": target})]
    edits = []
    for file in {id(u.file): u.file for u in units}.values():
        if file.name == "file" and _base(file.attrs.get("target-language")) != _base(target):
            edits.append(_xml.set_attributes(text, file, {"target-language": target}))
    return edits


def write(doc: Document) -> str | bytes:
    """The file with the new targets: bytes in the file's encoding when it was read from
    bytes (characters the encoding lacks as character references), else text."""
    state: State | None = doc.meta.get("xliff")
    if state is None:
        raise ValueError("not an XLIFF document read by glossa.formats.xliff")
    text = _write_text(doc, state)
    if state.encoding is None:
        return text
    if text is doc.text:
        return state.data
    return text.encode(state.encoding, errors="xmlcharrefreplace")


def _write_text(doc: Document, state: State) -> str:
    edits: list[tuple[int, int, str]] = []
    changed: list[Unit] = []
    touched: dict[int, list[str] | None] = {}  # unit index -> its notes (None: leave them)
    for unit in state.units:
        if not unit.todo:
            continue
        content = _unit_content(doc, unit, state)
        notes = _unit_warnings(doc, unit)
        touched[unit.index] = notes if content is not None or notes else None
        if content is None:
            continue
        edits += _target_edits(doc, unit, state, content)
        changed.append(unit)
    edits += _note_edits(doc.text, state, touched)
    if not edits:
        return doc.text
    target = doc.meta.get("locale") or doc.meta.get("target")
    if target:  # a BCP 47 tag, region kept: pt_BR -> pt-BR
        from glossa.languages import bcp47

        edits += _language_edits(doc.text, state, bcp47(target), changed)
    return _xml.splice_range(doc.text, 0, len(doc.text), edits)


# --- glossa's notes -------------------------------------------------------------------------

NOTE_FROM = "glossa"  # 1.2 <note from="glossa">, 2.x <note category="glossa">


def _unit_warnings(doc: Document, unit: Unit) -> list[str]:
    """What verification said about the unit's segments (``doc.meta["warnings"]``)."""
    warnings: dict[int, list[str]] = doc.meta.get("warnings", {})
    found = [m for part in unit.parts if part.segment is not None
             for m in warnings.get(part.segment, ())]
    return list(dict.fromkeys(" ".join(m.split()) for m in found))


def _is_ours(note: _xml.Element, family: str) -> bool:
    return note.attrs.get("from" if family == "1.2" else "category") == NOTE_FROM


def _note_edits(text: str, state: State, touched: dict[int, list[str] | None],
                ) -> list[tuple[int, int, str]]:
    """Edits replacing glossa's notes on every unit written (or failed) with its warnings;
    other notes are never touched. 1.2: after the target; 2.x: in the unit's ``<notes>``,
    prefixed with the segment id when the unit has several segments."""
    holders: dict[int, tuple[_xml.Element, list[tuple[Unit, list[str]]]]] = {}
    for unit in state.units:
        notes = touched.get(unit.index)
        if notes is None:
            continue
        holder = unit.element if state.version == "1.2" else unit.element.parent
        assert holder is not None
        holders.setdefault(id(holder), (holder, []))[1].append((unit, notes))
    edits: list[tuple[int, int, str]] = []
    for holder, entries in holders.values():
        edits += (_notes_12(text, holder, entries[0][0], entries[0][1], state.ascii_only)
                  if state.version == "1.2" else _notes_2(text, holder, entries, state.ascii_only))
    return edits


def _note_xml(qname: str, attr: str, message: str, ascii_only: bool = False) -> str:
    return f'<{qname} {attr}="{NOTE_FROM}">{_xml.escape_text(message, ascii_only)}</{qname}>'


def _without(text: str, element: _xml.Element) -> tuple[int, int, str]:
    """An edit deleting ``element`` and the indentation before it."""
    start = element.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start > 0 and text[start - 1] == "\n":
        start -= 1
        if start > 0 and text[start - 1] == "\r":
            start -= 1
    return start, element.end, ""


def _notes_12(text: str, tu: _xml.Element, unit: Unit, notes: list[str], ascii_only: bool,
              ) -> list[tuple[int, int, str]]:
    qname = unit.source.qname[: -len("source")] + "note"
    indent = _indent_before(text, unit.source) or ""
    new = "".join(indent + _note_xml(qname, "from", m, ascii_only) for m in notes)
    old = [n for n in tu.find_all("note") if _is_ours(n, "1.2")]
    if old:
        first = _without(text, old[0])
        return [(first[0], first[1], new)] + [_without(text, n) for n in old[1:]]
    if not new:
        return []
    after = unit.target or unit.seg_source or unit.source
    return [(after.end, after.end, new)]


def _notes_2(text: str, xunit: _xml.Element, entries: list[tuple[Unit, list[str]]],
             ascii_only: bool) -> list[tuple[int, int, str]]:
    several = len(xunit.find_all("segment")) > 1
    prefixes = {e[0].id.rpartition("/")[2] + ": " if several else "" for e in entries}
    messages = [(f"segment {unit.id.rpartition('/')[2]}: " if several else "") + m
                for unit, notes in entries for m in notes]
    notes_el = xunit.find("notes")
    old = [] if notes_el is None else [
        n for n in notes_el.find_all("note") if _is_ours(n, "2") and (not several or any(
            _xml.plain_text(text, n).startswith("segment " + p) for p in prefixes))]
    qname = entries[0][0].source.qname[: -len("source")] + "note"
    if notes_el is not None:
        kept = len(notes_el.find_all("note")) - len(old)
        if not kept and not messages:
            return [_without(text, notes_el)]
        indent = _indent_before(text, notes_el.children[0]) if notes_el.children else ""
        new = "".join(indent + _note_xml(qname, "category", m, ascii_only) for m in messages)
        edits = [_without(text, n) for n in old]
        if new and notes_el.empty:  # <notes/>: replaced by one with the new notes
            return [(notes_el.start, notes_el.end,
                     f"<{qname}s>{new}{_indent_before(text, notes_el)}</{qname}s>")]
        if new:
            at = notes_el.children[-1].end if notes_el.children else notes_el.open_end
            edits.append((at, at, new))
        return edits
    if not messages:
        return []
    before = next((c for c in xunit.children if c.name in ("originalData", "segment",
                                                             "ignorable")), None)
    assert before is not None  # a unit has a segment
    indent = _indent_before(text, before)
    inner = indent + "  " if indent else ""
    notes_qname = qname + "s"
    body = "".join(inner + _note_xml(qname, "category", m, ascii_only) for m in messages)
    return [(before.start, before.start,
             f"<{notes_qname}>{body}{indent}</{notes_qname}>{indent or ''}")]


# --- review ---------------------------------------------------------------------------------


def _unit_state(text: str, unit: Unit, family: str) -> str:
    if unit.locked:
        return "approved"
    if not _has_text(text, unit.target):
        return "untranslated"
    if family == "1.2":
        assert unit.target is not None
        value = unit.target.attrs.get("state", "")
        if unit.target.attrs.get("state-qualifier") == "mt-suggestion" \
                and value.startswith("needs-review"):
            return "mt"
        if value in ("new", "needs-translation"):
            return "untranslated"
        return "fuzzy" if value.startswith("needs-") else "translated"
    value = unit.element.attrs.get("state", "")
    if value == "initial":
        return "mt" if unit.element.attrs.get("subState") == MT_SUBSTATE else "fuzzy"
    return "translated"


def units(doc: Document) -> list[BilingualUnit]:
    """Source/target pairs of every translatable unit, for review and TM import."""
    state: State = doc.meta["xliff"]
    text = doc.text
    out = []
    for unit in state.units:
        if not unit.translatable:
            continue
        target = render(text, unit.target, state.version) if unit.target is not None else ""
        context = " | ".join(x for x in [unit.resname, *unit.context] if x)
        out.append(BilingualUnit(
            render(text, unit.source, state.version), target, line=unit.line, id=unit.id,
            context=context, notes=list(unit.notes),
            state=_unit_state(text, unit, state.version),
            source_lang=state.source_lang, target_lang=state.target_lang,
            extra={"index": unit.index}))
    return out
