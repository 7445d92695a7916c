"""Rich renderables for glossary output (`glossa terms`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from glossa.glossary.match import TermMatch
from glossa.theme import theme

THEME = theme()


def console(stderr: bool = False) -> Console:
    return Console(theme=THEME, highlight=False, stderr=stderr, markup=False)


@dataclass
class TermTable:
    """Every term occurrence in a text: position, form found, entry and its translations."""

    name: str
    text: str
    lang: str
    matches: Sequence[TermMatch]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(title=f"{self.name} ({self.lang or '?'}): {len(self.matches)} term "
                      f"occurrence{'s' if len(self.matches) != 1 else ''}",
                      title_style="glossa.summary", expand=False)
        table.add_column("line:col", style="glossa.position", no_wrap=True)
        table.add_column("span", style="glossa.position", no_wrap=True)
        table.add_column("found", style="glossa.form")
        table.add_column("entry", style="glossa.term")
        table.add_column("terms")
        table.add_column("note", style="glossa.note")
        for m in self.matches:
            line = self.text.count("\n", 0, m.start) + 1
            column = m.start - (self.text.rfind("\n", 0, m.start) + 1) + 1
            terms = Text("; ".join(f"{k}: {v}" for k, v in m.entry.terms.items() if v))
            if m.entry.keep_verbatim:
                terms = Text("keep verbatim", style="glossa.verbatim")
            table.add_row(f"{line}:{column}", f"{m.start}-{m.end}", m.form,
                          f"#{m.entry.id} {m.term}", terms, m.entry.note)
        yield table
