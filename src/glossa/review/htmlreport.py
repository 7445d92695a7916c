"""A self-contained HTML file of the terminal review (same renderables, recorded by a
rich Console and exported with inline styles), to share with people without glossa."""

from __future__ import annotations

import html
import io

from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from glossa.review.render import REVIEW_THEME, ReviewView
from glossa.review.report import Report

HTML_WIDTH = 120  # characters; browsers scroll sideways rather than wrap preformatted text

# str.format template for Console.export_html: {code}, {foreground}, {background}
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="generator" content="glossa review">
<title>%TITLE%</title>
<style>
body {{ color: {foreground}; background-color: {background}; margin: 1.5em; }}
pre {{ font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
       font-size: 14px; line-height: normal; }}
</style>
</head>
<body>
<pre><code>{code}</code></pre>
</body>
</html>
"""


def render_html(report: Report, only_issues: bool = False, width: int = HTML_WIDTH) -> str:
    """The review as one HTML page (no external files, no scripts)."""
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", theme=REVIEW_THEME, highlight=False,
                      legacy_windows=False, markup=False)  # text is never markup
    console.print(ReviewView(report, only_issues))
    title = html.escape(f"glossa review: {report.inp.source_path}")
    page = _PAGE.replace("%TITLE%", title.replace("{", "{{").replace("}", "}}"))
    return console.export_html(theme=DEFAULT_TERMINAL_THEME, code_format=page,
                               inline_styles=True)
