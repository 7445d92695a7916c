"""The contract every format plug-in keeps (a translate-toolkit style store).

A format is one module in ``glossa.formats`` registered by name in
``glossa.formats.FORMATS`` (and by extension in ``EXTENSIONS``). It provides:

* ``read(data, path=None, **options) -> Document``: ``data`` is ``str`` (decoded UTF-8,
  BOM kept) or, when the module sets ``BINARY = True``, the file's ``bytes``. Options
  the pipeline passes to every format: ``retranslate`` (bool), ``fuzzy`` (bool: mark
  machine output for review). A format ignores options it does not know.
* ``write(doc) -> str | bytes``: the file with each ``Segment.translation`` put back;
  ``doc.meta["target"]`` is the target language. With no translations it must return
  the input unchanged, byte for byte. A segment the format cannot put back without
  breaking the file is left in the source language and a note is appended to
  ``segment.notes`` (the caller reports it as "kept").
* Segments carry ``context["line"]``: the 1-based line *in the file* where the
  segment's text starts (problems are reported as ``file:line``).

Optional:

* ``units(doc) -> list[BilingualUnit]``: for bilingual formats (PO, XLIFF, key/value
  catalogue pairs), the source/target pairs that ``glossa review`` checks and
  ``glossa tm import`` stores. Parsing is the same strict ``read``: one reader per format.
* ``sniff(head: str) -> bool``: True when the first few KB of an extension-less input or
  stdin look like this format.
* ``BINARY = True``: ``read`` takes bytes and ``write`` returns bytes (DOCX, ODT, XLIFF,
  which decodes itself by its XML declaration).
* ``LINES = False``: the format's segments have no file line (zipped XML parts); problems
  are then reported by segment number.

Optional hooks of catalogues that name their own language (PO today), read by
``glossa.api`` only:

* ``decode(raw: bytes, name: str) -> str``: the text, in the charset the file declares.
* ``declared_language(doc, source="auto") -> str | None``: the language its translations
  are in; a file in another language than the target is skipped, never relabelled.
* ``labelled_language(doc) -> str | None``: the language it is labelled with even when it
  has no translations yet (``--in-place`` fills a catalogue only in its own language).
* ``target_conflict(doc, locale) -> str | None``: why the target cannot be written into
  it (its plural forms contradict the locale's), None when it can.
* ``input_warnings(doc) -> list[str]``: what is wrong with the file as it was.
* ``target_locale(doc, requested) -> str``: the locale the file is really in (region kept),
  for the warning when the model writes another regional variant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from glossa.document import Document

#: States a bilingual unit can be in, across formats.
UNIT_STATES = ("untranslated", "translated", "fuzzy", "mt", "approved")


@dataclass
class BilingualUnit:
    """One source/target pair of a bilingual file, for review and TM import.

    Attributes:
        source: the source text (unescaped).
        target: the target text ("" when untranslated).
        line: 1-based line of the unit in the file.
        id: the unit's key or id (PO: msgctxt + msgid; XLIFF: id/resname; JSON: key path).
        context: disambiguating context (PO msgctxt, XLIFF resname/context group, JSON key).
        notes: developer/translator notes shown to reviewers.
        state: one of UNIT_STATES.
        previous_source: the old source of a fuzzy unit (PO ``#| msgid``), if known.
        plural: plural form index for plural units, else None.
        source_lang / target_lang: languages the file declares, if any.
    """

    source: str
    target: str
    line: int | None = None
    id: str = ""
    context: str = ""
    notes: list[str] = field(default_factory=list)
    state: str = "untranslated"
    previous_source: str | None = None
    plural: int | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class FormatModule(Protocol):
    """What ``glossa.formats.get_format(name)`` returns (a module, typed loosely)."""

    def read(self, data: str | bytes, path: str | None = None, **options: Any) -> Document: ...

    def write(self, doc: Document) -> str | bytes: ...
