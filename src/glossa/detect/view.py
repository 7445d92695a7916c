"""Rich renderables for `glossa detect`: the text with every foreign run coloured and
labelled, and a summary table.  Styles are named (glossa.detect.*) and live in glossa.theme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from glossa.detect import Detection
from glossa.languages import language_name
from glossa.theme import PALETTE, theme

THEME = theme()
PLAIN_MARKS = ("⟦", "⟧")


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


def letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


@dataclass
class Summary:
    """Dominant language, then runs and letters per foreign language."""

    text: str
    detection: Detection

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        det = self.detection
        runs: Counter[str] = Counter()
        chars: Counter[str] = Counter()
        for span in det.spans:
            runs[span.lang] += 1
            chars[span.lang] += letters(self.text[span.start:span.end])
        total = letters(self.text) or 1
        table = Table(box=box.SIMPLE_HEAD, title="Languages", title_style="glossa.title")
        table.add_column("language")
        table.add_column("role")
        table.add_column("runs", justify="right")
        table.add_column("letters", justify="right")
        table.add_column("share", justify="right")
        host_letters = total - sum(chars.values()) if self.text else 0
        table.add_row(Text(f"{det.dominant} {language_name(det.dominant)}",
                           style="glossa.detect.dominant"),
                      "dominant", "", str(host_letters), f"{100 * host_letters / total:.1f}%")
        styles = language_styles(det)
        for lang in sorted(runs, key=lambda code: (-chars[code], code)):
            table.add_row(Text(f"{lang} {language_name(lang)}", style=styles[lang]), "foreign",
                          str(runs[lang]), str(chars[lang]), f"{100 * chars[lang] / total:.1f}%")
        yield table
