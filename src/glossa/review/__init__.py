"""``glossa review``: source, machine translation and revised translation side by side,
with word-level diffs and QA issues, for the terminal (rich), HTML and JSON.

    inp = load_texts("src.txt", "mt.txt", revised="post.txt")   # or load_po("x.po")
    report = build_report(inp, glossary)
    Console(theme=REVIEW_THEME).print(ReviewView(report))
"""

from __future__ import annotations

from glossa.review.align import ReviewInput, ReviewSegment, load_po, load_texts
from glossa.review.report import Report, ReviewedSegment, build_report

__all__ = ["Report", "ReviewInput", "ReviewSegment", "ReviewedSegment", "build_report",
           "load_po", "load_texts"]
