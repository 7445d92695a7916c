"""The one way plug-ins are registered: a plain dict of name -> "module" or "module:attr",
imported only when first used (importing every plug-in up front is slow, and a plug-in
with a missing optional dependency must not break the others).

Formats (``glossa.formats.FORMATS``), engines (``glossa.engines.ENGINES``) and QA checks
(``glossa.qa.CHECK_MODULES``) are such tables; adding a plug-in is one line in one.
"""

from __future__ import annotations

import importlib

from glossa.errors import UsageError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing on every start-up)
if TYPE_CHECKING:
    from typing import Any


def load_plugin(kind: str, table: dict[str, str], name: str) -> Any:
    """Import and return the plug-in ``name`` of ``table`` (a module, or its attribute)."""
    try:
        spec = table[name]
    except KeyError:
        raise UsageError(f"unknown {kind} {name!r}; choose one of: {', '.join(table)}") from None
    module_name, _, attr = spec.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr) if attr else module
