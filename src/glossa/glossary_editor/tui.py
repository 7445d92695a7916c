"""Interactive glossary editor (Textual): a searchable table of entries, a form with
validation as you type, undo, safe save (ctrl+s) and a warning before losing edits.

Keys: type in the search box to filter; down/tab moves to the table. In the table:
enter or e edits, a (or ctrl+n anywhere) adds, d or delete removes. ctrl+z undoes the
last change, ctrl+y redoes it, ctrl+s saves, ctrl+q quits (asking first when there are
unsaved changes). A save refused because the file changed on disk offers to reload it
and re-apply this session's changes. The header shows the file name, ``*`` when modified.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from glossa.errors import GlossaError
from glossa.glossary import Entry, Glossary
from glossa.glossary_editor import commands as ops
from glossa.glossary_editor import safety


@dataclass
class Change:
    """One undoable change: what it was and how to put things back."""

    serial: int
    kind: str  # add, edit, remove
    entry: Entry
    before: Entry | None = None  # edit: the entry's values before the change
    index: int = 0  # remove: position in glossary.rows
    after: Entry | None = None  # edit: the values it was changed to (for redo and re-apply)


_EDITED_FIELDS = ("terms", "note", "case_sensitive", "pos", "forbidden", "extra")
MAX_COLUMN_WIDTH = 40  # characters; longer cells are cut in the table (the form shows all)


def _copy_fields(target: Entry, source: Entry) -> None:
    for name in _EDITED_FIELDS:
        setattr(target, name, deepcopy(getattr(source, name)))


def forbidden_text(entry: Entry) -> str:
    """Forbidden variants as typed in the form: ``variant`` (any language), ``pt:variant``."""
    from glossa.glossary.model import ALL_LANGS

    return "; ".join(v if lang == ALL_LANGS else f"{lang}:{v}"
                     for lang, variants in sorted(entry.forbidden.items()) for v in variants)


class EntryForm(ModalScreen):
    """Add or edit one entry; problems are shown (and saving blocked) as you type."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "submit", "Save entry", priority=True)]
    DEFAULT_CSS = """
    EntryForm { align: center middle; }
    #form { width: 90%; max-width: 100; height: auto; max-height: 90%;
            border: thick $accent; background: $surface; padding: 1 2; }
    #form Label { margin-top: 1; }
    #problems { margin-top: 1; height: auto; }
    #form-buttons { height: auto; margin-top: 1; }
    #new-lang-row { height: auto; }
    #new-lang { width: 12; }
    #new-term { width: 1fr; }
    """

    def __init__(self, glossary: Glossary, entry: Entry | None = None):
        super().__init__()
        self.glossary, self.entry = glossary, entry
        self.langs = glossary.languages or ["en"]
        self.candidate: Entry | None = None

    def compose(self) -> ComposeResult:
        e = self.entry
        with VerticalScroll(id="form"):
            yield Static(f"Edit {ops.label(e)}" if e else "New entry", id="form-title")
            for lang in self.langs:
                yield Label(f"{lang} term")
                yield Input(e.term(lang) if e else "", id=f"term-{lang}")
            yield Label("note")
            yield Input(e.note if e else "", id="note")
            yield Label("case (auto, sensitive, insensitive)")
            yield Input(e.case_name if e else "", id="case", placeholder="auto")
            yield Label("another language: code and term (adds a column)")
            with Horizontal(id="new-lang-row"):
                yield Input("", id="new-lang", placeholder="de")
                yield Input("", id="new-term", placeholder="Südfront")
            yield Label("part of speech (pos)")
            yield Input(e.pos if e else "", id="pos", placeholder="noun")
            yield Label("forbidden variants, separated by ; (pt:variant for one language)")
            yield Input(forbidden_text(e) if e else "", id="forbidden",
                        placeholder="pt:Frente do Sul; South Front")
            yield Static("", id="problems")
            with Horizontal(id="form-buttons"):
                yield Button("Save entry", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#term-{self.langs[0]}", Input).focus()
        self.validate()

    def _value(self, wid: str) -> str:
        return self.query_one(f"#{wid}", Input).value

    def _build(self) -> Entry:
        """The entry the form describes; raises GlossaError for unusable input."""
        terms = {lang: self._value(f"term-{lang}") for lang in self.langs}
        code, term = self._value("new-lang").strip(), self._value("new-term")
        if code or term.strip():
            if not code:
                raise GlossaError("give the new language's code (e.g. de)")
            from glossa.languages import normalize_code

            lang = normalize_code(code)
            if lang in terms and terms[lang].strip():
                raise GlossaError(f"{lang} already has a field above")
            terms[lang] = term
        base = self.entry or Entry(terms={})
        forbidden = [v for v in self._value("forbidden").split(";") if v.strip()]
        return ops.edited_copy(base, terms, self._value("note"), self._value("case") or "auto",
                               pos=self._value("pos"), forbidden=forbidden or [""])

    def validate(self) -> bool:
        """Show the problems of the current values; True when they can be saved."""
        box = self.query_one("#problems", Static)
        try:
            self.candidate = self._build()
        except GlossaError as exc:
            self.candidate = None
            box.update(f"[red]error:[/] {_escape(str(exc))}")
            self.query_one("#ok", Button).disabled = True
            return False
        problems = ops.check_entry(self.glossary, self.candidate, exclude=self.entry)
        lines = [f"[{'red' if p.severity == 'error' else 'yellow'}]{p.severity}:[/] "
                 f"{_escape(p.message)}" for p in problems]
        box.update("\n".join(lines) or "[green]ok[/]")
        ok = not any(p.severity == "error" for p in problems)
        self.query_one("#ok", Button).disabled = not ok
        return ok

    def on_input_changed(self, event: Input.Changed) -> None:
        self.validate()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        if self.validate():
            self.dismiss(self.candidate)
        else:
            self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuit(ModalScreen):
    """Asked on quit with unsaved changes: save, discard or stay."""

    BINDINGS = [Binding("s", "choose('save')", "Save and quit"),
                Binding("d", "choose('discard')", "Discard and quit"),
                Binding("escape,c", "choose('cancel')", "Cancel")]
    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    #confirm { width: 64; height: auto; border: thick $warning; background: $surface;
               padding: 1 2; }
    #confirm Horizontal { height: auto; margin-top: 1; }
    """

    def __init__(self, changes: int):
        super().__init__()
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(f"[b]Unsaved changes[/b] ({self.changes}). Quit anyway?",
                         id="confirm-text")
            with Horizontal():
                yield Button("Save and quit (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class SaveConflict(ModalScreen):
    """Asked when the file changed on disk: reload and re-apply, reload and discard, or stay."""

    BINDINGS = [Binding("r", "choose('reapply')", "Reload and re-apply"),
                Binding("d", "choose('discard')", "Reload, discard mine"),
                Binding("escape,c", "choose('cancel')", "Cancel")]
    DEFAULT_CSS = """
    SaveConflict { align: center middle; }
    #conflict { width: 80; height: auto; border: thick $error; background: $surface;
                padding: 1 2; }
    #conflict Horizontal { height: auto; margin-top: 1; }
    """

    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict"):
            yield Static(f"[b]Not saved[/b]: {_escape(self.message)}", id="conflict-text")
            with Horizontal():
                yield Button("Reload and re-apply (r)", id="reapply", variant="primary")
                yield Button("Reload, discard mine (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class EntryTable(DataTable):
    BINDINGS = [Binding("e", "app.edit", "Edit"), Binding("a", "app.add", "Add"),
                Binding("d,delete", "app.delete", "Delete")]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class GlossaryEditor(App):
    """The editor for one glossary file (see module docstring for keys)."""

    TITLE = "glossa glossary editor"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+n", "add", "Add"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("ctrl+f,slash", "focus_search", "Search", show=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    CSS = """
    #search { dock: top; }
    #table { height: 1fr; }
    #status { height: 1; background: $panel; padding: 0 1; }  /* above the docked footer */
    """

    def __init__(self, session: safety.Session):
        super().__init__()
        self.session = session
        self.history: list[Change] = []
        self.redo_stack: list[Change] = []
        self.serial = 0
        self.saved_serial = 0
        self.message = ""

    @property
    def glossary(self) -> Glossary:
        return self.session.glossary

    @property
    def dirty(self) -> bool:
        return (self.history[-1].serial if self.history else 0) != self.saved_serial

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search terms and notes (inflected forms too)", id="search")
        yield EntryTable(id="table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_table()
        self.query_one("#search", Input).focus()

    # --- display -------------------------------------------------------------------------

    @property
    def table(self) -> EntryTable:
        return self.query_one("#table", EntryTable)

    def visible(self) -> list[Entry]:
        return ops.filter_entries(self.glossary, self.query_one("#search", Input).value)

    def refresh_table(self, select: Entry | None = None) -> None:
        table = self.table
        keep = select or self.current()
        table.clear(columns=True)
        langs = self.glossary.languages
        # widths from every entry, not the filtered ones: the table keeps its shape
        for key, label, width in self._columns(langs):
            table.add_column(label, key=key, width=width)
        rows = self.visible()
        for entry in rows:
            table.add_row(*self._cells(entry, langs), key=str(entry.id))
        if keep is not None and keep in rows:
            table.move_cursor(row=rows.index(keep))
        self.update_status()

    @staticmethod
    def _cells(entry: Entry, langs: list[str]) -> list[str]:
        return [str(entry.id), *(entry.term(lang) for lang in langs), entry.pos,
                forbidden_text(entry), entry.note]

    def _columns(self, langs: list[str]) -> list[tuple[str, str, int]]:
        """(key, label, width) of each column, sized to the widest cell of all entries."""
        from rich.cells import cell_len

        keys = ["id", *(f"lang-{lang}" for lang in langs), "pos", "forbidden", "note"]
        labels = ["id", *langs, "pos", "forbidden", "note"]
        widths = [cell_len(label) for label in labels]
        for entry in self.glossary.entries:
            for i, cell in enumerate(self._cells(entry, langs)):
                widths[i] = max(widths[i], min(cell_len(cell), MAX_COLUMN_WIDTH))
        return list(zip(keys, labels, widths, strict=True))

    def update_status(self) -> None:
        shown, total = self.table.row_count, len(self.glossary.entries)
        mark = " [b]modified[/b]" if self.dirty else ""
        text = f"{_escape(str(self.session.path))}{mark} — {shown}/{total} entries"
        if self.message:
            text += f" — {_escape(self.message)}"
        self.query_one("#status", Static).update(text)
        # the header: file name and "*" while there are unsaved changes
        self.title = f"{self.session.path.name}{' *' if self.dirty else ''} — {self.TITLE}"
        self.sub_title = str(self.session.path.parent)

    def say(self, message: str, severity: str = "information") -> None:
        self.message = message
        self.notify(message, severity=severity, timeout=8)
        self.update_status()

    def current(self) -> Entry | None:
        table = self.query_one("#table", EntryTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.glossary.get(int(key)) if key else None

    # --- events --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.refresh_table()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.table.focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#search", Input):
            self.table.focus()
            event.stop()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    # --- actions -------------------------------------------------------------------------

    def _record(self, kind: str, entry: Entry, before: Entry | None = None,
                index: int = 0) -> None:
        self.serial += 1
        after = deepcopy(entry) if kind == "edit" else None
        self.history.append(Change(self.serial, kind, entry, before, index, after))
        self.redo_stack.clear()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_add(self) -> None:
        def done(entry: Entry | None) -> None:
            if entry is None:
                return
            try:
                ops.add_entry(self.glossary, entry)
            except GlossaError as exc:
                self.say(str(exc), "error")
                return
            self._record("add", entry)
            self.refresh_table(select=entry)
            self.say(f"added {ops.label(entry)}")

        self.push_screen(EntryForm(self.glossary), done)

    def action_edit(self) -> None:
        entry = self.current()
        if entry is None:
            return

        def done(new: Entry | None) -> None:
            if new is None:
                return
            before = deepcopy(entry)
            try:
                ops.apply_edit(self.glossary, entry, new)
            except GlossaError as exc:
                self.say(str(exc), "error")
                return
            if ops.entry_json(before) == ops.entry_json(entry):
                return
            self._record("edit", entry, before)
            self.refresh_table(select=entry)
            self.say(f"changed {ops.label(entry)}")

        self.push_screen(EntryForm(self.glossary, entry), done)

    def action_delete(self) -> None:
        entry = self.current()
        if entry is None:
            return
        index = self.glossary.rows.index(entry)
        ops.remove_entry(self.glossary, entry)
        self._record("remove", entry, index=index)
        self.refresh_table()
        self.say(f"removed {ops.label(entry)} (ctrl+z to undo)")

    def action_undo(self) -> None:
        if not self.history:
            self.say("nothing to undo", "warning")
            return
        change = self.history.pop()
        entry = change.entry
        if change.kind == "add":
            ops.remove_entry(self.glossary, entry)
        elif change.kind == "remove":
            self.glossary.rows.insert(change.index, entry)
            self.glossary._invalidate()
        else:
            _copy_fields(entry, change.before)
        self.redo_stack.append(change)
        self.refresh_table(select=None if change.kind == "add" else entry)
        self.say(f"undid {change.kind} of {ops.label(entry)} (ctrl+y to redo)")

    def action_redo(self) -> None:
        if not self.redo_stack:
            self.say("nothing to redo", "warning")
            return
        change = self.redo_stack.pop()
        entry = change.entry
        if change.kind == "add":
            self.glossary.rows.append(entry)
            self.glossary._invalidate()
        elif change.kind == "remove":
            ops.remove_entry(self.glossary, entry)
        else:
            _copy_fields(entry, change.after)
        self.history.append(change)
        self.refresh_table(select=None if change.kind == "remove" else entry)
        self.say(f"redid {change.kind} of {ops.label(entry)}")

    def action_save(self) -> bool:
        if not self.dirty:
            self.say("no changes to save")
            return True
        try:
            backup = safety.save(self.session)
        except safety.ConcurrentModification as exc:
            self.say(str(exc), "error")
            self.push_screen(SaveConflict(str(exc)), self._after_conflict)
            return False
        except GlossaError as exc:
            self.say(str(exc), "error")
            return False
        self.saved_serial = self.history[-1].serial if self.history else 0
        self.say(f"saved {self.session.path}" + (f" (previous version: {backup})"
                                                 if backup else ""))
        return True

    async def action_quit(self) -> None:
        if not self.dirty:
            self.exit()
            return

        def done(choice: str | None) -> None:
            if choice == "discard" or choice == "save" and self.action_save():
                self.exit()

        unsaved = sum(c.serial > self.saved_serial for c in self.history) or 1
        self.push_screen(ConfirmQuit(unsaved), done)

    # --- reload after a save conflict ----------------------------------------------------

    def _after_conflict(self, choice: str | None) -> None:
        if choice not in ("reapply", "discard"):
            return
        old = self.session
        try:
            fresh = safety.open_glossary(old.path, old.fmt, **old.options)
        except GlossaError as exc:
            self.say(str(exc), "error")
            return
        changes, self.history, self.redo_stack = self.history, [], []
        self.session, self.serial, self.saved_serial = fresh, 0, 0
        if choice == "discard":
            self.refresh_table()
            self.say(f"reloaded {fresh.path}; your {_changes(len(changes))} were dropped")
            return
        failed = [c for c in changes if not self._reapply(c)]
        self.refresh_table()
        note = f"; could not re-apply: {', '.join(ops.label(c.entry) for c in failed)}" \
            if failed else ""
        self.say(f"reloaded {fresh.path} and re-applied {_changes(len(changes) - len(failed))}"
                 f" (not saved yet){note}", "warning" if failed else "information")

    def _matching(self, old: Entry) -> Entry | None:
        """The entry of the reloaded glossary with the same terms as ``old``."""
        return next((e for e in self.glossary.entries if e.terms == old.terms), None)

    def _reapply(self, change: Change) -> bool:
        """Replay one change of the old session on the reloaded glossary."""
        try:
            if change.kind == "add":
                entry = deepcopy(change.entry)
                ops.add_entry(self.glossary, entry)
                self._record("add", entry)
                return True
            target = self._matching(change.before if change.kind == "edit" else change.entry)
            if target is None:
                return False
            if change.kind == "remove":
                index = self.glossary.rows.index(target)
                ops.remove_entry(self.glossary, target)
                self._record("remove", target, index=index)
                return True
            before = deepcopy(target)
            _copy_fields(target, change.after)
            self._record("edit", target, before)
            return True
        except GlossaError:
            return False


def _changes(count: int) -> str:
    return f"{count} change{'' if count == 1 else 's'}"
