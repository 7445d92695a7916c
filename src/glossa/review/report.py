"""Running the QA checks over aligned segments and summarising them: the data every
view (terminal, HTML, JSON) renders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossa.qa import Issue, SegmentContext, run_checks
from glossa.review.align import ReviewInput, ReviewSegment
from glossa.review.diff import DiffOp, edit_rate, word_diff, word_edits, words

if TYPE_CHECKING:
    from glossa.glossary import Glossary
    from glossa.tm import FuzzyMatch


@dataclass
class ReviewedSegment:
    """A segment with its issues and, when there is a revision, the MT -> revised diff."""

    segment: ReviewSegment
    issues: list[Issue]
    diff: list[DiffOp] | None = None
    edits: int | None = None
    source_diff: list[DiffOp] | None = None  # PO: previous msgid -> msgid
    suggestions: list[FuzzyMatch] | None = None  # TM matches offered; None: no TM consulted
    mt_issues: list[Issue] | None = None  # with a revision: the checks run on the MT too

    @property
    def changed(self) -> bool:
        s = self.segment
        return s.revised is not None and s.revised != s.target

    @property
    def final(self) -> str:
        """The text that ships: the revision when there is one, else the MT."""
        s = self.segment
        return s.revised if s.revised is not None else s.target


@dataclass
class Report:
    segments: list[ReviewedSegment]
    src_lang: str
    tgt_lang: str
    inp: ReviewInput
    glossary: Glossary | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def has_revision(self) -> bool:
        return self.inp.revised_path is not None

    def count(self, severity: str) -> int:
        return sum(1 for s in self.segments for i in s.issues if i.severity == severity)


def _fuzzy_issue(seg: ReviewSegment, warn_fuzzy: bool) -> Issue | None:
    """A ``fuzzy`` warning for a source that changed (``#|`` previous msgid); raw MT is
    labelled, and listed as an ``mt`` warning only when asked (``--fuzzy``): glossa's own
    output would otherwise bury the real findings under one warning per entry."""
    status = seg.status
    if status == "fuzzy":
        return Issue("fuzzy", "warning", "source changed since it was translated: "
                     "check it against the new source")
    if status == "mt" and warn_fuzzy and seg.revised is None:
        engine = f" ({seg.engine})" if seg.engine else ""
        return Issue("mt", "warning", f"machine translation{engine}, not reviewed")
    return None


def review_segment(seg: ReviewSegment, src: str, tgt: str, glossary: Glossary | None = None,
                   checks=None, warn_fuzzy: bool = False) -> ReviewedSegment:
    final = seg.revised if seg.revised is not None else seg.target
    ctx = SegmentContext(seg.source, final, src, tgt, glossary, plural=seg.plural)
    issues = run_checks(ctx, checks)
    fuzzy = _fuzzy_issue(seg, warn_fuzzy)
    if fuzzy is not None:
        issues.append(fuzzy)
    out = ReviewedSegment(seg, issues)
    if seg.revised is not None:
        mt_ctx = SegmentContext(seg.source, seg.target, src, tgt, glossary, plural=seg.plural)
        out.mt_issues = run_checks(mt_ctx, checks)
        out.diff = word_diff(seg.target, seg.revised)
        out.edits = word_edits(seg.target, seg.revised)
    if seg.previous_source is not None:
        out.source_diff = word_diff(seg.previous_source, seg.source)
    return out


def _tally(issues: list[Issue]) -> dict[str, Any]:
    kinds = Counter(i.kind for i in issues)
    return {"errors": sum(1 for i in issues if i.severity == "error"),
            "warnings": sum(1 for i in issues if i.severity == "warning"),
            "by_kind": dict(sorted(kinds.items()))}


def _mt_side(seg: ReviewedSegment) -> list[Issue]:
    """Issues of the machine translation itself: its own check with a revision, else all."""
    return seg.mt_issues if seg.mt_issues is not None else seg.issues


def by_engine(segs: list[ReviewedSegment]) -> dict[str, dict[str, Any]]:
    """MT segments and their issues per engine named in the file ("unknown" if none)."""
    out: dict[str, dict[str, Any]] = {}
    for s in segs:
        if not s.segment.machine_translated:
            continue
        name = s.segment.engine or "unknown"
        entry = out.setdefault(name, {"segments": 0, "issues": []})
        entry["segments"] += 1
        entry["issues"] += _mt_side(s)
    return {name: {"segments": e["segments"]} | _tally(e["issues"])
            for name, e in sorted(out.items())}


def summarize(report: Report) -> dict[str, Any]:
    segs = report.segments
    by_kind = Counter(i.kind for s in segs for i in s.issues)
    summary: dict[str, Any] = {
        "segments": len(segs),
        "with_issues": sum(1 for s in segs if s.issues),
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "by_kind": dict(sorted(by_kind.items())),
        "source_lang": report.src_lang,
        "target_lang": report.tgt_lang,
        "checked": "revised" if report.has_revision else "target",
        "machine_translated": sum(1 for s in segs if s.segment.machine_translated),
        "by_status": dict(sorted(Counter(s.segment.status for s in segs).items())),
    }
    engines = by_engine(segs)
    if engines:
        summary["by_engine"] = engines
    if report.has_revision:
        edits = sum(s.edits or 0 for s in segs)
        ref = sum(len(words(s.final)) for s in segs)
        summary |= {"changed": sum(1 for s in segs if s.changed), "word_edits": edits,
                    "revised_words": ref, "ter": round(edit_rate(edits, ref), 4),
                    "by_column": {"mt": _tally([i for s in segs for i in s.mt_issues or ()]),
                                  "revised": _tally([i for s in segs for i in s.issues])}}
    return summary


def selected(report: Report, only_issues: bool = False,
             kinds: Collection[str] = ()) -> list[ReviewedSegment]:
    """The segments a view lists: all, those with issues, or those with an issue (on the
    shipped text or the MT column) of one of ``kinds``; the summary always counts all."""
    out = []
    for seg in report.segments:
        found = {i.kind for i in seg.issues} | {i.kind for i in seg.mt_issues or ()}
        if kinds and not found & set(kinds):
            continue
        if only_issues and not found and not kinds:
            continue
        out.append(seg)
    return out


REVIEW_KINDS = ("fuzzy", "mt")  # issue kinds the review adds to the QA checks' own


def check_kinds(kinds: Collection[str]) -> None:
    """Refuse an unknown ``--kind`` (a typo would silently list nothing)."""
    from glossa.errors import UsageError
    from glossa.qa import load_checks

    known = [*load_checks(), *REVIEW_KINDS]
    for kind in kinds:
        if kind not in known:
            raise UsageError(f"unknown issue kind {kind!r}; kinds: {', '.join(known)}")


def build_report(inp: ReviewInput, src: str, tgt: str, glossary: Glossary | None = None,
                 checks=None, warn_fuzzy: bool = False) -> Report:
    """Check every segment (the revision when given, and the MT too) and summarise;
    ``warn_fuzzy``: warn on raw MT fuzzies too, not only on changed sources."""
    terms = glossary.compile() if glossary is not None else None  # compiled once per review
    reviewed = [review_segment(seg, src, tgt, terms, checks, warn_fuzzy)
                for seg in inp.segments]
    report = Report(reviewed, src, tgt, inp, glossary)
    report.summary = summarize(report)
    return report
