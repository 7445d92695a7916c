"""A self-contained HTML review to share with people without glossa: the summary first,
then one table row per segment (anchor ``#seg-N``), deletions as ``<del>`` and insertions
as ``<ins>`` so copy-paste gives text, and a filter by issue kind (a checkbox per kind and
a few lines of inline script, also ``report.html?kind=number,term``; without the script
every row shows). Every piece of user text is HTML-escaped."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from glossa.review.diff import DiffOp
from glossa.review.render import _percent, _pieces, _plural, mt_label, mt_summary
from glossa.review.report import Report, ReviewedSegment, selected

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff;
       margin: 1.5em; font-size: 15px; }
h1 { font-size: 1.3em; }
table { border-collapse: collapse; }
#segments { width: 100%; }
#segments th, #segments td { border: 1px solid #999; padding: .35em .5em; vertical-align: top;
                             text-align: left; }
#segments th { background: #eee; }
td.index a { color: #555; text-decoration: none; }
.summary th { text-align: left; padding-right: 1.5em; font-weight: 600; }
.meta { color: #666; font-size: .9em; }
del { color: #b00000; background: #fde2e2; }
ins { color: #006400; background: #dff5df; text-decoration: none; }
.error { color: #b00000; font-weight: 600; }
.warning { color: #8a5a00; }
.info { color: #555; }
ul.issues { margin: .2em 0; padding-left: 1.2em; }
tr.hidden { display: none; }
#kind-filter { border: 1px solid #ccc; margin: 1em 0; }
#kind-filter label { margin-right: 1em; white-space: nowrap; }
:target { outline: 3px solid #3b6fd6; }
"""

_SCRIPT = """
// show the rows having any checked issue kind; every row when none is checked
var boxes = Array.prototype.slice.call(document.querySelectorAll("#kind-filter input"));
function showKinds() {
  var wanted = boxes.filter(function (b) { return b.checked; }).map(function (b) {
    return b.value; });
  document.querySelectorAll("#segments tbody tr").forEach(function (row) {
    var kinds = (row.dataset.kinds || "").split(" ");
    var hit = wanted.some(function (k) { return kinds.indexOf(k) >= 0; });
    row.classList.toggle("hidden", wanted.length > 0 && !hit);
  });
}
boxes.forEach(function (b) { b.addEventListener("change", showKinds); });
var asked = (new URLSearchParams(location.search).get("kind") || "").split(",");
boxes.forEach(function (b) { b.checked = asked.indexOf(b.value) >= 0; });  // ?kind=number,term
showKinds();
"""


def _diff_html(ops: list[DiffOp], side: str) -> str:
    out = []
    for text, change in _pieces(ops, side):
        piece = escape(text)
        out.append(f"<{change[:3]}>{piece}</{change[:3]}>" if change else piece)
    return "".join(out)


def _issues_html(issues, css: str = "issues") -> str:
    if not issues:
        return ""
    items = "".join(f'<li class="{escape(i.severity)}">{escape(i.kind)}: {escape(i.message)}</li>'
                    for i in issues)
    return f'<ul class="{css}">{items}</ul>'


def _suggestions_html(seg: ReviewedSegment) -> str:
    """TM matches offered for the segment (muted; "MT" for machine entries)."""
    lines = [f"TM {_percent(m.score)}{'' if m.origin == 'human' else ' MT'}: "
             f"{m.source} → {m.target}" for m in seg.suggestions or ()]
    return "".join(_meta(line) for line in lines)


def _meta(text: str) -> str:
    return f'<div class="meta">{escape(text)}</div>'


def _source_cell(seg: ReviewedSegment) -> str:
    s = seg.segment
    parts = [escape(s.source)]
    if s.context:
        parts.append(_meta(f"context: {s.context}"))
    if s.comment:
        parts.append(_meta(f"note: {s.comment}"))
    if s.plural is not None:
        parts.append(_meta(f"plural form {s.plural}"))
    if seg.source_diff is not None:
        parts.append(f'<div class="meta">was: {_diff_html(seg.source_diff, "inline")}</div>')
    return "".join(parts)


def _target_cells(seg: ReviewedSegment) -> list[str]:
    s = seg.segment
    if seg.diff is None:
        cells = [escape(s.target) if s.target.strip() else '<span class="meta">(empty)</span>']
    else:
        cells = [_diff_html(seg.diff, "old"), _diff_html(seg.diff, "new")]
    if s.status == "mt" and not any(i.kind == "mt" for i in seg.issues):
        cells[0] += _meta(mt_label(s))  # (with --fuzzy, the mt issue already says it)
    if seg.mt_issues:
        cells[0] += _issues_html(seg.mt_issues, "issues mt")
    return cells


def _row(seg: ReviewedSegment) -> str:
    n = seg.segment.index + 1
    kinds = sorted({i.kind for i in seg.issues} | {i.kind for i in seg.mt_issues or ()})
    cells = [f'<td class="index"><a href="#seg-{n}">{n}</a></td>',
             f'<td class="source">{_source_cell(seg)}</td>',
             *(f'<td class="target">{c}</td>' for c in _target_cells(seg)),
             f'<td class="issues">{_issues_html(seg.issues)}{_suggestions_html(seg)}</td>']
    return (f'<tr id="seg-{n}" data-kinds="{escape(" ".join(kinds))}">' + "".join(cells)
            + "</tr>")


def _counts(tally: dict) -> str:
    return f"{_plural(tally['errors'], 'error')}, {_plural(tally['warnings'], 'warning')}"


def _summary_rows(report: Report) -> list[tuple[str, str]]:
    s = report.summary
    rows = [("Languages", f"{s['source_lang']} -> {s['target_lang']}"),
            ("Segments", f"{s['segments']} ({s['with_issues']} with issues)"),
            ("Issues", _counts(s))]
    if s["by_kind"]:
        rows.append(("By kind", ", ".join(f"{k} {n}" for k, n in s["by_kind"].items())))
    if s.get("machine_translated"):
        rows.append(("MT", mt_summary(s)))
    for engine, t in s.get("by_engine", {}).items():
        rows.append((f"MT by {engine}", f"{_plural(t['segments'], 'segment')}: {_counts(t)}"))
    for column, t in s.get("by_column", {}).items():
        rows.append((f"Column {column}", _counts(t)))
    if "changed" in s:
        rows.append(("Revised", f"{s['changed']} of {s['segments']} segments changed; "
                     f"{s['word_edits']} word edits over {s['revised_words']} words "
                     f"(TER {s['ter']:.1%})"))
    return rows


def _filter(report: Report) -> str:
    """A checkbox per issue kind, with how many segments have it (the script filters)."""
    counts: dict[str, int] = {}
    for seg in report.segments:
        for kind in {i.kind for i in [*seg.issues, *(seg.mt_issues or ())]}:
            counts[kind] = counts.get(kind, 0) + 1
    boxes = "".join(f'<label><input type="checkbox" value="{escape(k)}"> {escape(k)} '
                    f'<span class="meta">({n})</span></label> '
                    for k, n in sorted(counts.items()))
    if not boxes:
        return '<p class="meta" id="kind-filter">no issues to filter by</p>'
    return (f'<fieldset id="kind-filter"><legend>Show only segments with</legend>{boxes}'
            "</fieldset>")


def render_html(report: Report, only_issues: bool = False, kinds: Collection[str] = ()) -> str:
    """The review as one HTML page (inline style and script, no external files)."""
    inp = report.inp
    names = " -> ".join([inp.source_path] + [p for p in (inp.target_path, inp.revised_path) if p])
    target = "MT" if report.has_revision else "Target"
    heads = ["#", f"Source ({report.src_lang})", f"{target} ({report.tgt_lang})",
             *(["Revised"] if report.has_revision else []), "Issues"]
    rows = [_row(s) for s in selected(report, only_issues, kinds)]
    summary = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>"
                      for k, v in _summary_rows(report))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="generator" content="glossa review">
<title>{escape(f"glossa review: {inp.source_path}")}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{escape(f"glossa review: {names}")}</h1>
<table class="summary" id="summary">{summary}</table>
{_filter(report)}
<table id="segments">
<thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in heads)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<script>{_SCRIPT}</script>
</body>
</html>
"""
