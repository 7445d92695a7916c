"""TBX (ISO 30042) import/export: TBX-Basic/TBX-Core as Weblate, OmegaT and Okapi write it.

Reads both TBX v2 (``martif``/``termEntry``/``langSet``/``tig`` or ``ntig``) and TBX v3
(``tbx``/``conceptEntry``/``langSec``/``termSec``). The first admitted term of a language
is the entry's term; terms marked deprecated/superseded/forbidden become forbidden
variants. Entry-level ``note``/``descrip`` become the note; ``termNote partOfSpeech`` the
pos. What only glossa knows (case, unknown columns, comment lines, column order) is
written as ``descrip type="x-glossa-..."``, XML comments and a header paragraph, so
TSV -> TBX -> TSV loses nothing.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
import xml.parsers.expat

from glossa.errors import GlossaryError
from glossa.glossary.model import ALL_LANGS, CASE_VALUES, Entry, Glossary, RawLine
from glossa.languages import normalize_code

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_COLUMNS_PREFIX = "glossa-columns: "
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BAD_STATUS = re.compile(r"deprecated|superseded|forbidden|rejected", re.I)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) in names]


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _lang(element: ET.Element, path: str | None) -> str:
    code = element.get(XML_LANG) or element.get("lang") or ""
    try:
        return normalize_code(code)
    except GlossaryError:
        raise
    except Exception:
        raise GlossaryError(f"langSet with unknown xml:lang {code!r}", path) from None


class _RootReached(Exception):
    pass


def _refuse_entities(text: str, path: str | None) -> None:
    """No entity expansion, ever (billion laughs): expat reads the prolog, where any
    DOCTYPE must be, and stops at the root element; an entity declaration is refused."""
    scanner = xml.parsers.expat.ParserCreate()

    def entity(*_args) -> None:
        raise GlossaryError("TBX files with entity declarations are refused", path,
                            scanner.CurrentLineNumber)

    def root(*_args) -> None:
        raise _RootReached

    scanner.EntityDeclHandler = entity
    scanner.StartElementHandler = root
    # syntax errors are reported by the real parse, with their position
    with contextlib.suppress(_RootReached, xml.parsers.expat.ExpatError):
        scanner.Parse(text, True)


def _parse_xml(text: str, path: str | None) -> ET.Element:
    _refuse_entities(text, path)
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    try:
        parser.feed(text)
        return parser.close()
    except ET.ParseError as exc:
        raise GlossaryError(f"broken XML: {exc.msg if hasattr(exc, 'msg') else exc}", path,
                            exc.position[0]) from None


def _term_groups(lang_set: ET.Element) -> list[ET.Element]:
    groups = []
    for child in lang_set:
        name = _local(child.tag)
        if name in ("tig", "termSec"):
            groups.append(child)
        elif name == "ntig":
            groups += _children(child, "termGrp") or [child]
    return groups


def _entry(element: ET.Element, path: str | None, langs: list[str]) -> Entry:
    entry = Entry(terms={}, origin=path)
    entry.id = 0
    for child in element:
        name = _local(child.tag)
        kind = child.get("type") or ""
        if name in ("descrip", "note", "admin") and kind.startswith("x-glossa-"):
            key = kind[len("x-glossa-"):]
            value = child.text or ""
            if key == "case":
                entry.case_sensitive = CASE_VALUES.get(value.strip().lower())
            elif key.startswith("forbidden"):
                entry.forbidden.setdefault(ALL_LANGS, []).extend(
                    v.strip() for v in value.split(";") if v.strip())
            elif key.startswith("column-"):
                entry.extra[key[len("column-"):]] = value
        elif name in ("note", "descrip") and not entry.note:
            entry.note = _text(child)
        elif name in ("langSet", "langSec"):
            _read_lang_set(child, entry, path, langs)
        elif name == "descripGrp":
            for sub in _children(child, "descrip", "note"):
                entry.note = entry.note or _text(sub)
    return entry


def _read_lang_set(lang_set: ET.Element, entry: Entry, path: str | None,
                   langs: list[str]) -> None:
    lang = _lang(lang_set, path)
    if lang not in langs:
        langs.append(lang)
    for group in _term_groups(lang_set):
        terms = [t for t in group.iter() if _local(t.tag) == "term"]
        if not terms:
            continue
        term = _text(terms[0])
        notes = {n.get("type", ""): _text(n) for n in group.iter() if _local(n.tag) == "termNote"}
        status = " ".join(v for k, v in notes.items()
                          if k in ("administrativeStatus", "normativeAuthorization"))
        if _BAD_STATUS.search(status):
            entry.forbidden.setdefault(lang, []).append(term)
        elif lang not in entry.terms:
            entry.terms[lang] = term
        if notes.get("partOfSpeech") and not entry.pos:
            entry.pos = notes["partOfSpeech"]


def parse(text: str, path: str | None = None, **_options: object) -> Glossary:
    root = _parse_xml(text, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file (root element <{_local(root.tag)}>)", path, 1)
    glossary = Glossary(path=path)
    langs: list[str] = []
    columns: list[str] | None = None
    for p in root.iter():
        if _local(p.tag) == "p" and (p.text or "").startswith(_COLUMNS_PREFIX):
            columns = p.text[len(_COLUMNS_PREFIX):].split("\t")
    body = next((e for e in root.iter() if _local(e.tag) == "body"), None)
    if body is None:
        raise GlossaryError("TBX file without <body>", path, None)
    count = 0  # not len(glossary.entries): that property rebuilds a list (quadratic)
    for child in body:
        if child.tag is ET.Comment:
            kind, line = _uncomment(child.text or "")
            if kind == "preamble":
                glossary.preamble.append(line)
            else:
                glossary.rows.append(RawLine(line))
        elif _local(child.tag) in ("termEntry", "conceptEntry"):
            entry = _entry(child, path, langs)
            count += 1
            entry.id = count
            glossary.rows.append(entry)
    if not glossary.entries and columns is None:
        where = "anywhere" if not any(_local(e.tag) in ("termEntry", "conceptEntry")
                                      for e in root.iter()) else "directly under <body>"
        raise GlossaryError(f"TBX file without any termEntry/conceptEntry {where}", path, None)
    if columns is not None:
        from glossa.glossary.tsv import header_columns

        columns = header_columns(columns, (path, None))
    glossary.columns = columns or _default_columns(glossary, langs)
    return glossary


def _default_columns(glossary: Glossary, langs: list[str]) -> list[str]:
    columns = list(langs)
    entries = glossary.entries
    if any(e.note for e in entries):
        columns.append("note")
    if any(e.case_sensitive is not None for e in entries):
        columns.append("case")
    if any(e.pos for e in entries):
        columns.append("pos")
    if any(e.forbidden.get(ALL_LANGS) for e in entries):
        columns.append("forbidden")
    columns += [f"forbidden_{lang}" for lang in langs
                if any(e.forbidden.get(lang) for e in entries)]
    for entry in entries:
        columns += [k for k in entry.extra if k not in columns]
    return columns


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def dumps(glossary: Glossary, **_options: object) -> str:
    """Glossary -> TBX v2 (TBX-Basic dialect, ``martif``), readable by Weblate/OmegaT/Okapi."""
    from glossa.glossary.tsv import output_columns

    langs = glossary.languages
    langs += [k for e in glossary.entries for k in e.forbidden if k != ALL_LANGS and k not in langs]
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: langs[0] if langs else "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    source = _sub(file_desc, "sourceDesc")
    _sub(source, "p", "Written by glossa")
    _sub(source, "p", _COLUMNS_PREFIX + "\t".join(output_columns(glossary)))
    body = _sub(_sub(root, "text"), "body")
    for line in glossary.preamble:
        body.append(_comment("preamble", line))
    for row in glossary.rows:
        if isinstance(row, RawLine):
            body.append(_comment("line", row.text))
            continue
        _write_entry(body, row, langs)
    ET.indent(root)
    text = ET.tostring(root, "unicode")
    if bad := _NOT_XML.search(text):
        raise GlossaryError(f"cannot write this glossary as TBX: U+{ord(bad.group()):04X} "
                            "(a control character) is not allowed in XML")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _comment(kind: str, text: str) -> ET.Element:
    """A TSV comment line as an XML comment ("--" is not allowed inside one: escape it)."""
    if "--" in text or text.endswith("-"):
        return ET.Comment(f" glossa-{kind}%:" + text.replace("%", "%25").replace("-", "%2D") + " ")
    return ET.Comment(f" glossa-{kind}:" + text + " ")


def _uncomment(text: str) -> tuple[str | None, str]:
    """(kind, line) of a comment written by _comment; kind None for foreign comments."""
    match = re.match(r" glossa-(preamble|line)(%?):(.*) $", text, re.S)
    if not match:
        return None, "#" + text
    line = match.group(3)
    if match.group(2):
        line = line.replace("%2D", "-").replace("%25", "%")
    return match.group(1), line


def _write_entry(body: ET.Element, entry: Entry, langs: list[str]) -> None:
    element = _sub(body, "termEntry", id=f"c{entry.id}")
    if entry.note:
        _sub(element, "descrip", entry.note, type="definition")
    if entry.case_sensitive is not None:
        _sub(element, "descrip", entry.case_name, type="x-glossa-case")
    if entry.forbidden.get(ALL_LANGS):
        _sub(element, "descrip", "; ".join(entry.forbidden[ALL_LANGS]),
             type="x-glossa-forbidden")
    for key, value in entry.extra.items():
        _sub(element, "descrip", value, type=f"x-glossa-column-{key}")
    for lang in langs:
        term, forbidden = entry.terms.get(lang, ""), entry.forbidden.get(lang, [])
        if not term and not forbidden:
            continue
        lang_set = _sub(element, "langSet", **{XML_LANG: lang})
        if term:
            tig = _sub(lang_set, "tig")
            _sub(tig, "term", term)
            if entry.pos:
                _sub(tig, "termNote", entry.pos, type="partOfSpeech")
        for variant in forbidden:
            tig = _sub(lang_set, "tig")
            _sub(tig, "term", variant)
            _sub(tig, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
