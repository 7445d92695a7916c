"""QA check plug-ins: the Issue they report, the context they read, and the registry.

A check is a function ``check(ctx: SegmentContext) -> list[Issue]`` registered by kind
name and severity with ``@register("number", "error")``; it builds its issues with
``flag(kind, message)``, which takes the severity from the registration, so a kind's
severity is declared in one place. Checks must never raise; ``run_checks`` still guards
each one so a bug in one check shows up as a warning instead of aborting a review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossa.document import Span

if TYPE_CHECKING:
    from glossa.glossary import Glossary

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Issue:
    """One problem in one segment.

    ``span`` locates it in the text named by ``where`` ("target" or "source") when that
    makes sense (a wrong placeholder, a forbidden term); None for whole-segment issues.
    """

    kind: str
    severity: str
    message: str
    span: Span | None = None
    where: str = "target"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "severity": self.severity,
                               "message": self.message}
        if self.span is not None:
            out["span"] = [self.span.start, self.span.end]
            out["where"] = self.where
        return out


@dataclass
class SegmentContext:
    """What a check may look at: one aligned source/target pair and its languages.

    ``cache`` lets checks share derived data (placeholder lists, cleaned text) within
    one segment without recomputing it.
    """

    source: str
    target: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    glossary: Glossary | None = None
    plural: int | None = None  # PO plural form index, None for ordinary segments
    cache: dict[str, Any] = field(default_factory=dict, repr=False)


Check = Callable[[SegmentContext], list[Issue]]

CHECKS: dict[str, Check] = {}
SEVERITY: dict[str, str] = {}  # kind -> severity, as registered


def register(name: str, severity: str) -> Callable[[Check], Check]:
    """Decorator: make ``func`` the check called ``name``, reporting at ``severity``."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r} for check {name!r}")

    def wrap(func: Check) -> Check:
        CHECKS[name] = func
        SEVERITY[name] = severity
        return func

    return wrap


def flag(kind: str, message: str, span: Span | None = None, where: str = "target") -> Issue:
    """An issue of a registered kind, at the severity the kind was registered with."""
    return Issue(kind, SEVERITY[kind], message, span, where)


def run_checks(ctx: SegmentContext, checks: Iterable[str] | None = None) -> list[Issue]:
    """Issues of every selected check (all registered ones by default), errors first."""
    from glossa.qa import load_checks

    registry = load_checks()
    names = list(registry) if checks is None else list(checks)
    issues: list[Issue] = []
    for name in names:
        func = registry[name]
        try:
            issues += func(ctx)
        except Exception as exc:  # a buggy check must not abort the whole review
            issues.append(Issue("qa-failure", "warning",
                                f"check {name!r} failed: {type(exc).__name__}: {exc}"))
    return sorted(issues, key=lambda i: SEVERITIES.index(i.severity)
                  if i.severity in SEVERITIES else len(SEVERITIES))
