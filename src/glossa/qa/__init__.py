"""Quality checks for translated segments (``glossa review``).

Each check is a small module registering one kind with ``glossa.qa.base.register``.
Error kinds (term, number, untranslated, placeholder, empty) mean the translation is
wrong; the others are warnings a translator may want to look at.

    from glossa.qa import SegmentContext, run_checks
    run_checks(SegmentContext("Olá, {name}!", "Hello, {nome}!", "pt", "en"))
"""

from __future__ import annotations

import importlib

from glossa.qa.base import CHECKS, Check, Issue, SegmentContext, register, run_checks

ERROR_KINDS = ("empty", "untranslated", "placeholder", "number", "term")
WARNING_KINDS = ("identical", "whitespace", "punctuation", "doubled", "brackets", "length")

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


__all__ = ["CHECKS", "CHECK_MODULES", "ERROR_KINDS", "WARNING_KINDS", "Check", "Issue",
           "SegmentContext", "load_checks", "register", "run_checks"]
