"""Quality checks for translated segments (``glossa review``).

Each check is a small module registering one kind with ``glossa.qa.base.register``.
Error kinds (term, number, untranslated, placeholder, empty) mean the translation is
wrong; the others are warnings a translator may want to look at.

    from glossa.qa import SegmentContext, run_checks
    run_checks(SegmentContext("Olá, {name}!", "Hello, {nome}!", "pt", "en"))
"""

from __future__ import annotations

import importlib

from glossa.qa.base import (
    CHECKS,
    SEVERITY,
    Check,
    Issue,
    SegmentContext,
    flag,
    register,
    run_checks,
)

CHECK_MODULES: dict[str, str] = {
    "empty": "glossa.qa.empty",
    "untranslated": "glossa.qa.untranslated",
    "identical": "glossa.qa.untranslated",
    "placeholder": "glossa.qa.placeholder",
    "number": "glossa.qa.number",
    "term": "glossa.qa.term",
    "whitespace": "glossa.qa.whitespace",
    "punctuation": "glossa.qa.punctuation",
    "doubled": "glossa.qa.doubled",
    "brackets": "glossa.qa.brackets",
    "length": "glossa.qa.length",
}


def load_checks() -> dict[str, Check]:
    """The registry with every built-in check imported, in CHECK_MODULES order."""
    for module in dict.fromkeys(CHECK_MODULES.values()):
        importlib.import_module(module)
    return {name: CHECKS[name] for name in CHECK_MODULES if name in CHECKS} | {
        name: func for name, func in CHECKS.items() if name not in CHECK_MODULES}


def kinds_of(severity: str) -> tuple[str, ...]:
    """Kinds of the built-in checks registered at ``severity``, in CHECK_MODULES order."""
    load_checks()
    return tuple(name for name in CHECK_MODULES if SEVERITY.get(name) == severity)


def __getattr__(name: str) -> tuple[str, ...]:
    """ERROR_KINDS and WARNING_KINDS, derived from the registrations."""
    if name == "ERROR_KINDS":
        return kinds_of("error")
    if name == "WARNING_KINDS":
        return kinds_of("warning")
    raise AttributeError(name)


__all__ = ["CHECKS", "CHECK_MODULES", "ERROR_KINDS", "SEVERITY", "WARNING_KINDS", "Check",
           "Issue", "SegmentContext", "flag", "kinds_of", "load_checks", "register",
           "run_checks"]
