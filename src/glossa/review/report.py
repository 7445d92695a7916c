"""Running the QA checks over aligned segments and summarising them: the data every
view (terminal, HTML, JSON) renders."""

from __future__ import annotations

from collections import Counter
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


def review_segment(seg: ReviewSegment, src: str, tgt: str,
                   glossary: Glossary | None = None, checks=None) -> ReviewedSegment:
    final = seg.revised if seg.revised is not None else seg.target
    ctx = SegmentContext(seg.source, final, src, tgt, glossary, plural=seg.plural)
    issues = run_checks(ctx, checks)
    if seg.fuzzy:
        issues.append(Issue("fuzzy", "warning", "marked fuzzy: check it against the new source"))
    out = ReviewedSegment(seg, issues)
    if seg.revised is not None:
        out.diff = word_diff(seg.target, seg.revised)
        out.edits = word_edits(seg.target, seg.revised)
    if seg.previous_source is not None:
        out.source_diff = word_diff(seg.previous_source, seg.source)
    return out


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
    }
    if report.has_revision:
        edits = sum(s.edits or 0 for s in segs)
        ref = sum(len(words(s.final)) for s in segs)
        summary |= {"changed": sum(1 for s in segs if s.changed), "word_edits": edits,
                    "revised_words": ref, "ter": round(edit_rate(edits, ref), 4)}
    return summary


def build_report(inp: ReviewInput, src: str, tgt: str, glossary: Glossary | None = None,
                 checks=None) -> Report:
    """Check every segment (the revision when given, else the MT) and summarise."""
    reviewed = [review_segment(seg, src, tgt, glossary, checks) for seg in inp.segments]
    report = Report(reviewed, src, tgt, inp, glossary)
    report.summary = summarize(report)
    return report
