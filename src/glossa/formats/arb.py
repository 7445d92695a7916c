"""Flutter ARB catalogues (``app_en.arb``): JSON read by glossa.formats.jsoncat as ICU
messages, with ``@key`` metadata kept (its description is context) and ``@@locale`` set
to the target language."""

from __future__ import annotations

from glossa.document import Document
from glossa.formats import jsoncat


def read(text: str, path: str | None = None, **options: object) -> Document:
    options.pop("flavour", None)
    return jsoncat.read(text, path, flavour="arb", **options)


def write(doc: Document) -> str:
    return jsoncat.write(doc)


def sniff(head: str) -> bool:
    return jsoncat.sniff(head) and '"@@locale"' in head


def units(doc: Document, translation: Document | None = None) -> list:
    return jsoncat.units(doc, translation)
