"""The review as JSON (``glossa review --json``): segments with their issues, a summary
and a signature saying which glossa and which glossary produced it."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from glossa.review.report import Report, ReviewedSegment, selected


def segment_json(seg: ReviewedSegment) -> dict[str, Any]:
    s = seg.segment
    out: dict[str, Any] = {"index": s.index, "source": s.source, "target": s.target,
                           "status": s.status}
    if s.revised is not None:
        out["revised"] = s.revised
        out["edits"] = seg.edits
    if s.line is not None:
        out["line"] = s.line
    if s.context is not None:
        out["context"] = s.context
    if s.comment is not None:
        out["comment"] = s.comment
    if s.plural is not None:
        out["plural"] = s.plural
    if s.fuzzy:
        out["fuzzy"] = True
    if s.previous_source is not None:
        out["previous_source"] = s.previous_source
    if s.machine_translated:
        out["machine_translation"] = {"engine": s.engine, "note": s.mt_note}
    out["issues"] = [i.to_json() for i in seg.issues]
    if seg.mt_issues is not None:
        out["mt_issues"] = [i.to_json() for i in seg.mt_issues]
    if seg.suggestions is not None:  # a TM was consulted; suggestions are not issues
        out["suggestions"] = [{"score": m.score, "source": m.source, "target": m.target,
                               "origin": m.origin} for m in seg.suggestions]
    return out


def report_json(report: Report, only_issues: bool = False,
                kinds: Collection[str] = ()) -> dict[str, Any]:
    from glossa import __version__

    segments = [segment_json(s) for s in selected(report, only_issues, kinds)]
    glossary = report.glossary.fingerprint() if report.glossary is not None else None
    engines = sorted({s.segment.engine for s in report.segments if s.segment.engine})
    return {"segments": segments, "summary": report.summary,
            "signature": {"glossa": __version__, "glossary": glossary,
                          "engines": engines}}  # the engines the file's MT comments name


def dumps(report: Report, only_issues: bool = False, kinds: Collection[str] = ()) -> str:
    return json.dumps(report_json(report, only_issues, kinds), ensure_ascii=False,
                      indent=2) + "\n"
