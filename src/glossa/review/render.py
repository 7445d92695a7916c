"""Rich renderables for the review: they take a Report (or diff ops), print nothing
themselves and style only through named theme styles, so colours live in glossa.theme.

Without colour (``--no-color``, output not a terminal) diffs fall back to wdiff-style
marks, ``[-deleted-]`` and ``{+inserted+}``, so the change stays visible.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from glossa.review.diff import DiffOp
from glossa.theme import theme

if TYPE_CHECKING:
    from glossa.review.report import Report, ReviewedSegment

REVIEW_THEME = theme()

ICONS = {"error": "✖", "warning": "⚠", "info": "ℹ"}
ASCII_ICONS = {"error": "E", "warning": "W", "info": "i"}
PLAIN_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}

Mark = tuple[int, int, str]  # (start, end, style) in a text


def is_plain(console: Console) -> bool:
    """True when styles will not show: the diff needs textual marks instead."""
    return console.no_color or console.color_system is None


def icon(severity: str, console: Console) -> str:
    ascii_only = not (console.encoding or "").lower().startswith("utf")
    return (ASCII_ICONS if ascii_only else ICONS).get(severity, "?")


def marked(text: str, marks: Iterable[Mark] = ()) -> Text:
    """``text`` with each (start, end, style) mark applied."""
    out = Text(text)
    for start, end, style in marks:
        out.stylize(style, start, end)
    return out


def _pieces(ops: list[DiffOp], side: str) -> list[tuple[str, str | None]]:
    """(text, change) pieces of one side of a diff; change is insert/delete or None."""
    out: list[tuple[str, str | None]] = []
    for op in ops:
        for sub in op.chars or (op,):
            if sub.tag == "equal":
                out.append((sub.old if side == "old" else sub.new, None))
                continue
            if side in ("old", "inline") and sub.old:
                out.append((sub.old, "delete"))
            if side in ("new", "inline") and sub.new:
                out.append((sub.new, "insert"))
    return out


def diff_text(ops: list[DiffOp], side: str, plain: bool, marks: Iterable[Mark] = ()) -> Text:
    """One side ("old", "new") or both interleaved ("inline") of a diff as styled Text;
    ``marks`` (offsets into that side's text) apply to "old"/"new" only."""
    pieces = _pieces(ops, side)
    base = marked("".join(p for p, _ in pieces), marks if side != "inline" else ())
    out = Text()
    pos = 0
    for piece, change in pieces:
        chunk = base[pos:pos + len(piece)]
        pos += len(piece)
        if change is None:
            out.append_text(chunk)
            continue
        chunk.stylize(f"glossa.diff.{change}")
        if plain:
            opening, closing = PLAIN_MARKS[change]
            out.append(opening, style=f"glossa.diff.{change}")
            out.append_text(chunk)
            out.append(closing, style=f"glossa.diff.{change}")
        else:
            out.append_text(chunk)
    return out


class DiffText:
    """A renderable diff: one side of ``ops`` or both inline, with optional marks."""

    def __init__(self, ops: list[DiffOp], side: str = "inline", marks: Iterable[Mark] = ()):
        self.ops, self.side, self.marks = ops, side, list(marks)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield diff_text(self.ops, self.side, is_plain(console), self.marks)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options,
                               diff_text(self.ops, self.side, is_plain(console), self.marks))


def _marks(report: Report, text: str, lang: str, issues_here) -> list[Mark]:
    from glossa.qa.placeholder import find_placeholders

    marks: list[Mark] = [(p.span.start, p.span.end, "glossa.placeholder")
                         for p in find_placeholders(text)]
    if report.glossary is not None:
        marks += [(m.start, m.end, "glossa.term") for m in report.glossary.find(text, lang)]
    marks += [(i.span.start, i.span.end, "glossa.issue.span") for i in issues_here
              if i.span is not None and i.span.end <= len(text)]
    return marks


def mt_label(segment) -> str:
    """What the review says of raw MT: "mt: machine translation (bergamot), not reviewed"
    (reviewed once there is a revision)."""
    engine = f" ({segment.engine})" if segment.engine else ""
    return f"mt: machine translation{engine}" + \
        ("" if segment.revised is not None else ", not reviewed")


def issue_lines(seg: ReviewedSegment, console: Console, issues=None) -> Text:
    out = Text()
    for n, issue in enumerate(seg.issues if issues is None else issues):
        if n:
            out.append("\n")
        style = f"glossa.issue.{issue.severity}"
        out.append(f"{icon(issue.severity, console)} {issue.kind}: ", style=style)
        out.append(issue.message, style=style if issue.severity == "error" else "")
    return out


def _percent(score: float) -> str:
    """Rounded down, so only an exact match reads 100%."""
    return f"{math.floor(score)}%"


def suggestion_lines(seg: ReviewedSegment, console: Console) -> Text:
    """Muted "TM 87%: source -> target" lines; words of the TM source that differ from
    this segment's source are underlined. Machine entries say "MT"."""
    from glossa.review.diff import word_diff

    arrow = "→" if (console.encoding or "").lower().startswith("utf") else "->"
    out = Text(style="glossa.tm.suggestion")
    for n, match in enumerate(seg.suggestions or ()):
        if n:
            out.append("\n")
        origin = "" if match.origin == "human" else " MT"
        out.append(f"TM {_percent(match.score)}{origin}: ")
        for piece, change in _pieces(word_diff(match.source, seg.segment.source), "old"):
            out.append(piece, style="glossa.tm.diff" if change else None)
        out.append(f" {arrow} {match.target}")
    return out


class SegmentTable:
    """Segment number, source, target (and revision), issues under the shipped text."""

    def __init__(self, report: Report, only_issues: bool = False,
                 kinds: Collection[str] = ()):
        self.report, self.only_issues, self.kinds = report, only_issues, tuple(kinds)

    def rows(self) -> list[ReviewedSegment]:
        from glossa.review.report import selected

        return selected(self.report, self.only_issues, self.kinds)

    def _source_cell(self, seg: ReviewedSegment, plain: bool) -> Group | Text:
        s, r = seg.segment, self.report
        on_source = [i for i in seg.issues if i.where == "source"]
        text = marked(s.source, _marks(r, s.source, r.src_lang, on_source))
        extra = []
        if s.context:
            extra.append(Text(f"context: {s.context}", style="glossa.meta"))
        if s.comment:
            extra.append(Text(f"note: {s.comment}", style="glossa.meta"))
        if s.plural is not None:
            extra.append(Text(f"plural form {s.plural}", style="glossa.meta"))
        if seg.source_diff is not None:
            extra.append(Text("was: ", style="glossa.meta")
                         + diff_text(seg.source_diff, "inline", plain))
        return Group(text, *extra) if extra else text

    def _target_cells(self, seg: ReviewedSegment, plain: bool, console: Console) -> list:
        s, r = seg.segment, self.report
        on_final = [i for i in seg.issues if i.where == "target"]
        if seg.diff is None:
            cells = [marked(s.target, _marks(r, s.target, r.tgt_lang, on_final))
                     if s.target.strip() else Text("(empty)", style="glossa.meta")]
        else:
            old = diff_text(seg.diff, "old", plain, _marks(r, s.target, r.tgt_lang, ()))
            new = diff_text(seg.diff, "new", plain,
                            _marks(r, s.revised or "", r.tgt_lang, on_final))
            cells = [old, new]
        labelled = s.status == "mt" and not any(i.kind == "mt" for i in seg.issues)
        mt_notes = [Text(mt_label(s), style="glossa.meta")] if labelled else []
        if seg.mt_issues:
            mt_notes.append(issue_lines(seg, console, seg.mt_issues))
        if mt_notes:
            cells[0] = Group(cells[0], *mt_notes)
        notes = [issue_lines(seg, console)] if seg.issues else []
        if seg.suggestions:
            notes.append(suggestion_lines(seg, console))
        if notes:
            cells[-1] = Group(cells[-1], *notes)
        return cells

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = is_plain(console)
        table = Table(box=box.SQUARE, show_lines=True, expand=True, header_style="glossa.title")
        table.add_column("#", justify="right", style="glossa.index", no_wrap=True)
        table.add_column(f"Source ({self.report.src_lang})", ratio=1, overflow="fold")
        if self.report.has_revision:
            table.add_column(f"MT ({self.report.tgt_lang})", ratio=1, overflow="fold")
            table.add_column("Revised", ratio=1, overflow="fold")
        else:
            table.add_column(f"Target ({self.report.tgt_lang})", ratio=1, overflow="fold")
        for seg in self.rows():
            table.add_row(str(seg.segment.index + 1), self._source_cell(seg, plain),
                          *self._target_cells(seg, plain, console))
        yield table


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class SummaryView:
    """Counts at the end: segments, issues by kind, revision effort."""

    def __init__(self, report: Report, shown: int | None = None):
        self.report, self.shown = report, shown  # shown: rows the table listed

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from glossa.languages import language_name
        from glossa.review.report import selected

        s = self.report.summary
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="glossa.summary.label", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row("Languages", f"{language_name(s['source_lang'])} ({s['source_lang']}) -> "
                     f"{language_name(s['target_lang'])} ({s['target_lang']})")
        grid.add_row("Segments", f"{s['segments']} ({s['with_issues']} with issues)")
        issues = Text()
        issues.append(_plural(s["errors"], "error"), style="glossa.issue.error" if s["errors"]
                      else "glossa.ok")
        issues.append(", ")
        issues.append(_plural(s["warnings"], "warning"),
                      style="glossa.issue.warning" if s["warnings"] else "")
        grid.add_row("Issues", issues)
        if s["by_kind"]:
            grid.add_row("By kind", ", ".join(f"{k} {n}" for k, n in s["by_kind"].items()))
        if s.get("machine_translated"):
            grid.add_row("MT", mt_summary(s))
        for engine, t in s.get("by_engine", {}).items():
            grid.add_row(f"  {engine}", f"{_plural(t['segments'], 'segment')}: "
                         f"{_plural(t['errors'], 'error')}, {_plural(t['warnings'], 'warning')}")
        if "by_column" in s:
            grid.add_row("By column", "; ".join(
                f"{col}: {_plural(t['errors'], 'error')}, {_plural(t['warnings'], 'warning')}"
                for col, t in s["by_column"].items()))
        if "changed" in s:
            grid.add_row("Revised", f"{s['changed']} of {s['segments']} segments changed; "
                         f"{s['word_edits']} word edits over {s['revised_words']} words "
                         f"(TER {s['ter']:.1%})")
        if "tm" in s:
            grid.add_row("TM", tm_summary(s["tm"]))
        flagged = len(selected(self.report, only_issues=True))
        if self.shown is not None and 0 < flagged < self.shown:
            grid.add_row("Shown", f"{_plural(self.shown, 'segment')}; --only-issues lists "
                         f"the {flagged} with issues, --kind KIND one kind")
        if self.report.glossary is not None:
            entries = len(self.report.glossary.entries)
            grid.add_row("Glossary", f"{entries} entries, "
                         f"fingerprint {self.report.glossary.fingerprint()}")
        yield grid


def mt_summary(s: dict) -> str:
    """"12 segments machine-translated, not reviewed (listed with --fuzzy)"."""
    n = s["machine_translated"]
    if s.get("checked") == "revised":
        return f"{_plural(n, 'segment')} machine-translated, then revised"
    listed = "" if s["by_kind"].get("mt") else " (--fuzzy lists them as warnings)"
    return f"{_plural(n, 'segment')} machine-translated, not reviewed{listed}"


def tm_summary(tm: dict) -> str:
    """One line: suggestions shown and revisions stored."""
    parts = [f"suggestions for {_plural(tm['suggested'], 'segment')} "
             f"(threshold {tm['threshold']:g})"]
    if "stored" in tm:
        what = "revised segment" if tm["store"] == "changed" else "confirmed segment"
        stored = f"stored {_plural(tm['stored'], what)} as human translations"
        if tm["stored"]:
            stored += f" ({tm['written']} entries new or changed)"
        parts.append(stored)
    return f"{tm['path']}: " + "; ".join(parts)


class ReviewView:
    """The whole terminal review: a title, the segment table and the summary."""

    def __init__(self, report: Report, only_issues: bool = False,
                 kinds: Collection[str] = ()):
        self.report, self.only_issues, self.kinds = report, only_issues, tuple(kinds)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inp = self.report.inp
        names = [inp.source_path] + [p for p in (inp.target_path, inp.revised_path) if p]
        yield Text("glossa review: " + " -> ".join(names), style="glossa.title")
        table = SegmentTable(self.report, self.only_issues, self.kinds)
        shown = len(table.rows())
        if shown:
            yield table
        else:
            yield Text("no segments to show", style="glossa.meta")
        yield SummaryView(self.report, shown)
