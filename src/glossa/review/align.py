"""Loading what to review and aligning it into segments.

Text files align line by line: segment ``i`` is line ``i + 1`` of the source, the
target and the revised file alike, and its ``index`` stays the 0-based line number
even though lines blank in both source and target are skipped (so JSON indices point
at lines). Blank lines at the end of a file only count where another file still has
text; any other difference in line counts is an input error, since a missing line
would shift every later pair. DOCX and ODT files align paragraph by paragraph, as text.

A PO file holds both sides: msgid vs msgstr, msgid_plural vs msgstr[n>0]; fuzzy
entries carry their previous msgid (``#| msgid``) so the source change can be shown.
A fuzzy entry without one is an unreviewed machine translation (glossa writes MT that
way, with a translator comment naming the engine), not a source that changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossa.errors import InputError, UsageError
from glossa.fileio import read_text


@dataclass
class ReviewSegment:
    """One aligned unit: source, machine translation and optional revision."""

    index: int
    source: str
    target: str
    revised: str | None = None
    line: int | None = None  # 1-based line in the source (text) or PO file
    context: str | None = None  # PO msgctxt
    comment: str | None = None  # PO extracted comments (#.): the developer's context
    previous_source: str | None = None  # PO "#| msgid" of a fuzzy entry
    fuzzy: bool = False
    plural: int | None = None  # PO plural index
    revised_fuzzy: bool = False  # PO: the revised entry is still marked fuzzy (not approved)
    mt_note: str | None = None  # translator comment naming the engine that wrote the target

    @property
    def machine_translated(self) -> bool:
        """Fuzzy with no previous source (or an MT comment): raw MT, not a changed source."""
        return self.mt_note is not None or (self.fuzzy and self.previous_source is None)

    @property
    def status(self) -> str:
        """What the entry is: "mt" (raw machine translation, not reviewed), "fuzzy" (its
        source changed, ``#|``), "empty" (nothing translated yet) or "translated"."""
        if self.fuzzy and self.previous_source is not None:
            return "fuzzy"
        if self.machine_translated:
            return "mt"
        return "translated" if (self.revised or self.target).strip() else "empty"

    @property
    def engine(self) -> str | None:
        """The engine named by the MT comment ("engine: bergamot", "by argos")."""
        if self.mt_note is None:
            return None
        m = _ENGINE_NAME.search(self.mt_note)
        return (m.group(1) or m.group(2)) if m else None


_MT_NOTE = re.compile(r"machine[- ]translat|\bglossa\b|^\s*MT\b", re.IGNORECASE)
_ENGINE_NAME = re.compile(r"\b(?:engine|by|with)\b[:=\s]+([\w.+-]+)|^glossa: mt ([\w.+-]+)",
                          re.IGNORECASE)


def mt_note(comment: str | None) -> str | None:
    """The line of a translator comment that says the entry is machine translation."""
    for line in (comment or "").splitlines():
        if _MT_NOTE.search(line):
            return line.strip()
    return None


@dataclass
class ReviewInput:
    segments: list[ReviewSegment]
    kind: str  # "text" or "po"
    source_path: str
    target_path: str | None = None
    revised_path: str | None = None
    target_language: str | None = None  # from a PO header
    meta: dict[str, str] = field(default_factory=dict)


def is_po(path: str | Path) -> bool:
    return Path(path).suffix.lower() in {".po", ".pot"}


def _lines(text: str) -> list[str]:
    """Lines of a file: no BOM, no CR, no empty piece after the final newline."""
    lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _office_segments(path: str) -> list[str] | None:
    """A DOCX/ODT file's paragraphs (glossa's segments, as plain text), aligned like lines."""
    if Path(path).suffix.lower() not in (".docx", ".odt"):
        return None
    from glossa.api import read_document
    from glossa.formats._office import visible

    return [visible(s.text) for s in read_document(path).segments]


def _content_length(lines: list[str]) -> int:
    n = len(lines)
    while n and not lines[n - 1].strip():
        n -= 1
    return n


def load_texts(source: str | Path, target: str | Path,
               revised: str | Path | None = None) -> ReviewInput:
    """Align plain text files line by line (see the module docstring)."""
    if is_html(source):
        return load_html(source, target, revised)
    names = [str(source), str(target)] + ([str(revised)] if revised is not None else [])
    if names.count("-") > 1:
        raise UsageError("only one input can be read from stdin")
    files = [_office_segments(name) or _lines(read_text(name)) for name in names]
    n = max(_content_length(lines) for lines in files)
    if any(len(lines) < n for lines in files):
        listing = ", ".join(f"{name} has {_content_length(lines)}"
                            for name, lines in zip(names, files, strict=True))
        raise InputError(f"line counts differ ({listing}); review aligns files line by line, "
                         "so every file needs one line per segment")
    segments = []
    for i, (src, tgt, *rest) in enumerate(zip(*(lines[:n] for lines in files), strict=True)):
        if not src.strip() and not tgt.strip():
            continue
        segments.append(ReviewSegment(i, src, tgt, rest[0] if rest else None, line=i + 1))
    return ReviewInput(segments, "text", names[0], names[1],
                       names[2] if revised is not None else None)


def is_html(path: str | Path) -> bool:
    return Path(path).suffix.lower() in {".html", ".htm", ".xhtml"}


def load_html(source: str | Path, target: str | Path,
              revised: str | Path | None = None) -> ReviewInput:
    """Align HTML pages segment by segment (block texts and visible attributes, as text).

    A translation keeps every tag, so a segment is found in the other page by the number
    of tags before it (and, for an attribute, its name); one missing there is empty.
    """
    from glossa.formats import html

    names = [str(source), str(target)] + ([str(revised)] if revised is not None else [])
    docs = [html.read(read_text(name), name) for name in names]

    def keyed(doc):
        return {(s.context["anchor"], s.context.get("attribute", "")): html.review_text(doc, s)
                for s in doc.segments}

    others = [keyed(doc) for doc in docs[1:]]
    segments = []
    for i, segment in enumerate(docs[0].segments):
        key = (segment.context["anchor"], segment.context.get("attribute", ""))
        texts = [other.get(key, "") for other in others]
        segments.append(ReviewSegment(i, html.review_text(docs[0], segment), texts[0],
                                      texts[1] if revised is not None else None,
                                      line=segment.context.get("line")))
    return ReviewInput(segments, "text", names[0], names[1],
                       names[2] if revised is not None else None)


def load_po(path: str | Path, revised: str | Path | None = None) -> ReviewInput:
    """Segments of a PO file, read by the PO format's ``units()`` (the reader translate
    uses); ``revised`` is another PO file matched by msgctxt + msgid."""
    if revised is not None and not is_po(revised):
        raise UsageError(f"{revised}: --revised for a PO file must be a PO file too")
    return _load_bilingual(path, revised, "po")


def is_bilingual(path: str | Path) -> bool:
    """A file whose format lists source/target units itself (XLIFF; PO has load_po).
    A file of no known format is not: review reads it as text, line by line."""
    from glossa.formats import format_for, get_format

    try:
        name = format_for(path)
    except UsageError:
        return False
    return name != "po" and hasattr(get_format(name), "units")


def _format_units(path: str | Path) -> list:
    from glossa.api import read_document
    from glossa.formats import format_for, get_format

    doc = read_document(path)
    return get_format(format_for(path)).units(doc)


def load_units(path: str | Path, revised: str | Path | None = None) -> ReviewInput:
    """Segments of a bilingual file through its format's ``units()``; ``revised`` is the
    same kind of file, matched by unit id."""
    if revised is not None and not is_bilingual(revised):
        raise UsageError(f"{revised}: --revised must be the same kind of file as {path}")
    return _load_bilingual(path, revised, Path(path).suffix.lstrip(".").lower() or "bilingual")


def _load_bilingual(path: str | Path, revised: str | Path | None, kind: str) -> ReviewInput:
    found = _format_units(path)
    revised_by_id: dict[tuple[str, int | None], tuple[str, str]] = {}
    if revised is not None:
        revised_by_id = {(u.id, u.plural): (u.target, u.state) for u in _format_units(revised)}
    segments = []
    for unit in found:
        rev, rev_state = revised_by_id.get((unit.id, unit.plural), (unit.target, unit.state)) \
            if revised is not None else (None, "")
        segments.append(ReviewSegment(
            len(segments), unit.source, unit.target, rev, line=unit.line,
            context=unit.context or None, comment="\n".join(unit.notes) or None,
            previous_source=unit.previous_source,
            fuzzy=unit.state in ("fuzzy", "mt"), plural=unit.plural,
            revised_fuzzy=rev_state in ("fuzzy", "mt"),
            mt_note=mt_note(unit.extra.get("translator_comment"))))
    language = next((u.target_lang for u in found if u.target_lang), None)
    return ReviewInput(segments, kind, str(path), None,
                       str(revised) if revised is not None else None, language)


def detect_language(texts: list[str], candidates: list[str] | None = None) -> str | None:
    """Dominant language of ``texts`` (glossa.detect), None when it cannot tell."""
    sample = "\n".join(texts)[:20_000]
    if not sample.strip():
        return None
    from glossa.detect import UNDETERMINED, detect_text

    dominant = detect_text(sample, candidates=candidates).dominant
    return None if dominant == UNDETERMINED else dominant


def resolve_languages(inp: ReviewInput, src: str | None, tgt: str | None,
                      candidates: list[str] | None = None) -> tuple[str, str]:
    """Source and target languages: flags first, then the PO header, then detection."""
    from glossa.languages import normalize_code

    src = normalize_code(src) if src else None
    tgt = normalize_code(tgt) if tgt else None
    if tgt is None and inp.target_language:
        try:
            tgt = normalize_code(inp.target_language)
        except UsageError:
            tgt = None
    if src is None:
        src = detect_language([s.source for s in inp.segments], candidates)
        if src is None:
            raise UsageError("cannot detect the source language; pass --from LANG")
    if tgt is None:
        finals = [s.revised if s.revised is not None else s.target for s in inp.segments]
        tgt = detect_language(finals, candidates)
        if tgt == src and candidates and len(set(candidates) - {src}) == 1:
            tgt = next(iter(set(candidates) - {src}))
        if tgt is None or tgt == src:
            raise UsageError("cannot detect the target language; pass --to LANG")
    return src, tgt
