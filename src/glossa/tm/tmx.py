"""TMX 1.4b: write a TM that OmegaT and Okapi read, and read theirs back.

Written files have the header attributes TMX 1.4b requires (creationtool,
creationtoolversion, segtype="sentence", o-tmf, adminlang, srclang, datatype)
and one ``<tu>`` per entry with ``creationdate``/``changedate``, glossa's own
data as ``<prop type="x-glossa-...">`` and one ``<tuv xml:lang>`` per language.

Reading uses expat so every structural problem can name its line. Inline codes
inside ``<seg>`` (bpt, ept, ph, it, ut, hi) contribute their text, which for
TMX is the original native markup. Entries without ``x-glossa-origin`` are
human translations: that is what TMX files from CAT tools hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from glossa.errors import FormatError, InputError, UsageError
from glossa.languages import normalize_code
from glossa.tm.store import ORIGINS, TMEntry, engine_of

_DATE_RE = re.compile(r"^\d{8}T\d{6}Z$")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PROP = "x-glossa-"


def _text(value: str) -> str:
    return escape(value).replace("\r", "&#13;")


def _attr(value: str) -> str:
    return quoteattr(value, {"\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})


def _tu(entry: TMEntry, mixed: bool) -> str:
    attrs = f' creationdate="{entry.created}" changedate="{entry.changed}"'
    if mixed:
        attrs += f' srclang="{entry.src_lang}"'
    lines = [f"    <tu{attrs}>"]
    if entry.note:
        lines.append(f"      <note>{_text(entry.note)}</note>")
    props = [("origin", entry.origin), ("engine", entry.engine), ("model", entry.model_id),
             ("glossary", entry.glossary), ("context", entry.context)]
    for name, value in props:
        if value:
            lines.append(f'      <prop type="{PROP}{name}">{_text(value)}</prop>')
    for lang, seg in ((entry.src_lang, entry.source), (entry.tgt_lang, entry.target)):
        lines.append(f'      <tuv xml:lang="{lang}"><seg>{_text(seg)}</seg></tuv>')
    lines.append("    </tu>")
    return "\n".join(lines)


def write_tmx(entries: Iterable[TMEntry]) -> tuple[str, int]:
    """Render entries as a TMX 1.4b document; returns (text, entries left out).

    Entries holding characters XML 1.0 cannot represent (control codes) are left out.
    """
    from glossa import __version__

    kept, skipped = [], 0
    for entry in entries:
        if _XML_INVALID.search(entry.source + entry.target + entry.note):
            skipped += 1
        else:
            kept.append(entry)
    sources = {e.src_lang for e in kept}
    srclang = next(iter(sources)) if len(sources) == 1 else "*all*"
    header = (f'  <header creationtool="glossa" creationtoolversion="{__version__}" '
              f'segtype="sentence" o-tmf="glossa" adminlang="en" srclang="{srclang}" '
              f'datatype="plaintext"/>')
    body = [_tu(e, srclang == "*all*") for e in kept]
    text = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>',
                      '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<tmx version="1.4">', header,
                      "  <body>", *body, "  </body>", "</tmx>", ""])
    return text, skipped


# --- reading ----------------------------------------------------------------------------


@dataclass
class _Tuv:
    lang: str
    line: int
    created: str = ""
    changed: str = ""
    seg: list[str] | None = None


@dataclass
class _Tu:
    line: int
    attrs: dict[str, str]
    props: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tuvs: list[_Tuv] = field(default_factory=list)


class _Reader:
    """Collects <tu> elements from expat events, remembering their lines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.stack: list[str] = []
        self.header: dict[str, str] | None = None
        self.units: list[_Tu] = []
        self.tu: _Tu | None = None
        self.tuv: _Tuv | None = None
        self.capture: list[str] | None = None  # text of the current prop/note/seg
        self.prop_type = ""
        self.seen_body = False

    def fail(self, message: str) -> FormatError:
        return FormatError(f"bad TMX: {message}", self.name, self.parser.CurrentLineNumber)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        parent = self.stack[-1] if self.stack else None
        self.stack.append(tag)
        if parent is None and tag != "tmx":
            raise self.fail(f"root element is <{tag}>, expected <tmx>")
        if tag == "header" and parent == "tmx":
            self.header = attrs
        elif tag == "body" and parent == "tmx":
            self.seen_body = True
        elif tag == "tu":
            if parent != "body":
                raise self.fail("<tu> outside <body>")
            self.tu = _Tu(self.parser.CurrentLineNumber, attrs)
        elif tag == "tuv":
            if self.tu is None or parent != "tu":
                raise self.fail("<tuv> outside <tu>")
            lang = attrs.get("xml:lang") or attrs.get("lang")
            if not lang:
                raise self.fail("<tuv> without xml:lang")
            self.tuv = _Tuv(lang, self.parser.CurrentLineNumber, attrs.get("creationdate", ""),
                            attrs.get("changedate", ""))
        elif tag == "seg":
            if self.tuv is None or parent != "tuv":
                raise self.fail("<seg> outside <tuv>")
            self.tuv.seg = self.capture = []
        elif tag in ("prop", "note") and parent == "tu":
            self.capture = []
            self.prop_type = attrs.get("type", "")

    def end(self, tag: str) -> None:
        self.stack.pop()
        if tag == "seg":
            self.capture = None
        elif tag in ("prop", "note") and self.stack and self.stack[-1] == "tu" and self.tu:
            text = "".join(self.capture or [])
            if tag == "note":
                self.tu.notes.append(text)
            else:
                self.tu.props.setdefault(self.prop_type, text)
            self.capture = None
        elif tag == "tuv" and self.tu is not None and self.tuv is not None:
            if self.tuv.seg is None:
                raise self.fail("<tuv> without <seg>")
            self.tu.tuvs.append(self.tuv)
            self.tuv = None
        elif tag == "tu" and self.tu is not None:
            self.units.append(self.tu)
            self.tu = None

    def chars(self, data: str) -> None:
        if self.capture is not None:
            self.capture.append(data)

    def run(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise FormatError(f"malformed TMX: {expat.errors.messages[exc.code]}", self.name,
                              exc.lineno) from None
        if self.header is None:
            raise FormatError("bad TMX: no <header>", self.name, 1)
        if not self.seen_body:
            raise FormatError("bad TMX: no <body>", self.name, 1)


def _lang(code: str, name: str, line: int) -> str:
    try:
        return normalize_code(code)
    except UsageError:
        raise FormatError(f"bad TMX: unknown language {code!r}", name, line) from None


def _date(value: str) -> str:
    return value if _DATE_RE.match(value or "") else ""


def read_tmx(path: str | Path, src: str | None = None, tgt: str | None = None,
             origin: str | None = None) -> list[TMEntry]:
    """Entries of a TMX file: one per (tu, target language).

    ``src`` overrides the header's srclang (needed when it is ``*all*`` and tus do
    not say); ``tgt`` keeps only that target language; ``origin`` forces the origin
    (default: the x-glossa-origin property, else "human").
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    reader = _Reader(name)
    reader.run(data)
    header_src = (reader.header or {}).get("srclang", "")
    entries: list[TMEntry] = []
    for tu in reader.units:
        entries += _tu_entries(tu, name, src, tgt, origin, header_src)
    return entries


def _tu_entries(tu: _Tu, name: str, src: str | None, tgt: str | None, origin: str | None,
                header_src: str) -> list[TMEntry]:
    tuvs = [(_lang(t.lang, name, t.line), t) for t in tu.tuvs]
    declared = src or tu.attrs.get("srclang") or header_src
    if declared and declared != "*all*":
        source_lang = _lang(declared, name, tu.line)
    elif tuvs:
        source_lang = tuvs[0][0]  # TMX convention when nothing says: the first tuv
    else:
        return []
    sources = [t for lang, t in tuvs if lang == source_lang]
    if not sources:
        return []  # no text in the source language: nothing to reuse
    source = "".join(sources[0].seg or [])
    kind = origin or tu.props.get(PROP + "origin", "human")
    if kind not in ORIGINS:
        raise FormatError(f"bad TMX: {PROP}origin must be machine or human, not {kind!r}",
                          name, tu.line)
    result = []
    for lang, tuv in tuvs:
        if lang == source_lang or (tgt and lang != tgt):
            continue
        target = "".join(tuv.seg or [])
        if not source.strip() or not target.strip():
            continue
        created = _date(tu.attrs.get("creationdate", "")) or _date(tuv.created)
        changed = _date(tu.attrs.get("changedate", "")) or _date(tuv.changed) or created
        created = created or changed  # OmegaT often writes only changedate
        model = tu.props.get(PROP + "model", "") if kind == "machine" else ""
        glossary = tu.props.get(PROP + "glossary", "") if kind == "machine" else ""
        context = tu.props.get(PROP + "context", tu.props.get("x-context", ""))
        result.append(TMEntry(source, target, source_lang, lang, kind, model, glossary,
                              created, changed, "\n".join(tu.notes), context))
    return result


def pair_counts(entries: Sequence[TMEntry]) -> dict[str, int]:
    """How many entries per language pair (for the import summary)."""
    counts: dict[str, int] = {}
    for e in entries:
        key = f"{e.src_lang}-{e.tgt_lang}"
        counts[key] = counts.get(key, 0) + 1
    return counts


__all__ = ["write_tmx", "read_tmx", "pair_counts", "engine_of"]
