"""Rich renderables for `glossa detect`: the text with every foreign run coloured and
labelled, and a summary table.  Styles are named (glossa.detect.*) and live in glossa.theme."""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from glossa.detect import Detection
from glossa.detect.report import COLUMNS, PLAIN_MARKS, letters, summary_rows
from glossa.theme import PALETTE, theme

THEME = theme()
__all__ = ["THEME", "PLAIN_MARKS", "MarkedText", "Summary", "language_styles", "letters"]


def language_styles(detection: Detection) -> dict[str, str]:
    """One theme style per foreign language, in order of first appearance."""
    styles: dict[str, str] = {}
    for span in detection.spans:
        if span.lang not in styles:
            styles[span.lang] = f"glossa.detect.lang{len(styles) % len(PALETTE)}"
    return styles


@dataclass
class MarkedText:
    """The text with foreign runs styled and followed by a ``‹lang›`` label.

    Without colour the runs are also bracketed (⟦…⟧), so they stay visible.
    """

    text: str
    detection: Detection

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = console.no_color or console.color_system is None
        styles = language_styles(self.detection)
        out = Text()
        pos = 0
        for span in self.detection.spans:
            out.append(self.text[pos:span.start])
            run = self.text[span.start:span.end]
            if plain:
                run = f"{PLAIN_MARKS[0]}{run}{PLAIN_MARKS[1]}"
            out.append(run, style=styles[span.lang])
            out.append(f"‹{span.lang}›", style="glossa.detect.label")
            pos = span.end
        out.append(self.text[pos:])
        yield out


@dataclass
class Summary:
    """Dominant language, then runs and letters per foreign language."""

    text: str
    detection: Detection

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(box=box.SIMPLE_HEAD, title="Languages", title_style="glossa.title")
        for i, column in enumerate(COLUMNS):
            table.add_column(column, justify="right" if i >= 2 else "left")
        styles = language_styles(self.detection)
        for n, (lang, cells) in enumerate(summary_rows(self.text, self.detection)):
            style = "glossa.detect.dominant" if n == 0 else styles[lang]
            table.add_row(Text(cells[0], style=style), *cells[1:])
        yield table
