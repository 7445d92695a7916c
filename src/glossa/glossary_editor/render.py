"""Rich renderables for the glossary editor's command-line output."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from glossa.glossary import Entry
from glossa.glossary_editor.commands import Hit, ImportReport, Problem, label
from glossa.theme import theme

THEME = theme()


def console(stderr: bool = False) -> Console:
    """Status lines are never hard-wrapped (scripts grep them); tables fit the width."""
    return Console(theme=THEME, highlight=False, stderr=stderr, soft_wrap=True, markup=False)


@dataclass
class EntryTable:
    """Entries as a table: id, one column per language, note."""

    entries: list[Entry]
    langs: list[str]
    show_note: bool = True

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(box=None, pad_edge=False, header_style="glossa.lang")
        table.add_column("id", style="glossa.id", justify="right")
        for lang in self.langs:
            table.add_column(lang, style="glossa.term", overflow="fold")
        if self.show_note:
            table.add_column("note", style="glossa.note", overflow="fold")
        for entry in self.entries:
            cells = [str(entry.id), *(entry.term(lang) for lang in self.langs)]
            table.add_row(*cells, *([entry.note] if self.show_note else []))
        yield table
        yield Text(f"{len(self.entries)} entries", style="glossa.dim")


@dataclass
class HitTable:
    hits: list[Hit]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.hits:
            yield Text("no matches", style="glossa.dim")
            return
        table = Table(box=None, pad_edge=False, header_style="glossa.lang")
        for name, style in (("id", "glossa.id"), ("score", "glossa.dim"), ("how", "glossa.dim"),
                            ("matched", "glossa.term"), ("entry", None)):
            table.add_column(name, style=style, overflow="fold")
        for hit in self.hits:
            terms = " = ".join(f"{lang}:{t}" for lang, t in hit.entry.terms.items() if t)
            table.add_row(str(hit.entry.id), f"{hit.score:.0f}", hit.how,
                          f"{hit.term} ({hit.lang})", terms)
        yield table


@dataclass
class ProblemList:
    problems: list[Problem]
    path: str

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for p in self.problems:
            where = f"{self.path}:{p.line}" if p.line else self.path
            style = "glossa.error" if p.severity == "error" else "glossa.warning"
            line = Text.assemble((where, "glossa.path"), ": ", (f"{p.severity} ", style),
                                 (f"[{p.kind}] ", style), p.message)
            yield line
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        if self.problems:
            yield Text(f"{errors} errors, {warnings} warnings", style="glossa.warning")
        else:
            yield Text("no problems found", style="glossa.ok")


@dataclass
class ImportSummary:
    report: ImportReport
    source: str
    target: str

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        r = self.report
        for c in r.conflicts:
            how = {"ours": "kept ours", "theirs": "took theirs"}.get(c.resolution, "UNRESOLVED")
            style = "glossa.error" if c.resolution == "unresolved" else "glossa.warning"
            yield Text.assemble(("conflict ", style), (f"#{c.entry.id} ", "glossa.id"),
                                (c.field, "glossa.lang"), f": ours {c.ours!r}, theirs "
                                f"{c.theirs!r} -> ", (how, style))
        for incoming, matches in r.ambiguous:
            ids = ", ".join(f"#{m.id}" for m in matches)
            terms = " = ".join(t for t in incoming.terms.values() if t)
            yield Text.assemble(("skipped ", "glossa.warning"),
                                f"{terms!r}: matches several entries ({ids}); add it by hand")
        for entry in r.added:
            yield Text.assemble(("added ", "glossa.ok"), label(entry))
        for entry in r.updated:
            yield Text.assemble(("updated ", "glossa.ok"), label(entry))
        counts = (f"{len(r.added)} added, {len(r.updated)} updated, {r.unchanged} unchanged, "
                  f"{len(r.conflicts)} conflicts, {len(r.ambiguous)} skipped")
        if r.blocked:
            yield Text.assemble((f"{self.source} -> {self.target}: nothing written: ",
                                 "glossa.error"), counts,
                                "; rerun with --prefer ours or --prefer theirs")
        elif r.applied:
            yield Text.assemble((f"{self.source} -> {self.target}: ", "glossa.ok"), counts)
        else:
            yield Text.assemble((f"{self.source} -> {self.target} (dry run): ",
                                 "glossa.warning"), counts)
