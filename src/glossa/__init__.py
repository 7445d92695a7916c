"""glossa: offline translation and glossary tool.

The library API lives in ``glossa.api`` and is re-exported here lazily, so that
``import glossa`` (and ``glossa --help``) stay instant.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {"translate_text", "translate_file", "translate_document", "TranslateOptions",
        "TranslateReport"}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str):
    if name in _API:
        from glossa import api

        return getattr(api, name)
    raise AttributeError(name)
