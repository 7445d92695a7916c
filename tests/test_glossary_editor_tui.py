"""The interactive editor driven with real keystrokes through Textual's pilot."""

from __future__ import annotations

import asyncio

from textual.widgets import Button, Input

from glossa.glossary import load_glossary
from glossa.glossary_editor import safety
from glossa.glossary_editor.tui import ConfirmQuit, EntryForm, GlossaryEditor, SaveConflict
from glossary_editor_helpers import NEWS_TSV, write_news


def run(coro):
    return asyncio.run(coro)


def table_ids(app: GlossaryEditor) -> list[str]:
    table = app.table
    return [table.get_row_at(i)[0] for i in range(table.row_count)]


def test_search_filters_live_including_inflected_forms(tmp_path):
    app = GlossaryEditor(safety.open_glossary(write_news(tmp_path)))

    async def scenario():
        async with app.run_test(size=(120, 40)) as pilot:
            assert table_ids(app) == ["1", "2", "3", "4", "5"]
            await pilot.press(*"council")
            assert table_ids(app) == ["2"]
            for _ in "council":
                await pilot.press("backspace")
            assert len(table_ids(app)) == 5
            await pilot.press(*"фронтом")  # instrumental case of "фронт"
            assert table_ids(app) == ["1"]
            await pilot.press("ctrl+u")
            await pilot.press(*"UI")  # notes are searched too
            assert table_ids(app) == ["5"]

    run(scenario())


def test_add_with_form_undo_and_save(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press("ctrl+n")
            assert isinstance(app.screen, EntryForm)
            await pilot.press(*"Kherson")  # en field has focus
            await pilot.press("tab", *"Херсон")
            await pilot.press("tab", *"Kherson")
            await pilot.press("tab", *"city")
            form = app.screen
            assert "ok" in str(form.query_one("#problems").render())
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, EntryForm)
            assert table_ids(app)[-1] == "6"
            assert app.dirty
            await pilot.press("ctrl+z")  # undo the add
            assert table_ids(app) == ["1", "2", "3", "4", "5"]
            assert not app.dirty
            await pilot.press("ctrl+n", *"Kherson", "tab", *"Херсон", "enter")
            assert table_ids(app)[-1] == "6"
            assert path.read_text(encoding="utf-8") == NEWS_TSV  # nothing saved yet
            await pilot.press("ctrl+s")
            assert not app.dirty

    run(scenario())
    text = path.read_text(encoding="utf-8")
    assert text == NEWS_TSV + "Kherson\tХерсон\t\t\t\n"
    assert safety.backup_path(path).read_text(encoding="utf-8") == NEWS_TSV
    assert [e.terms for e in load_glossary(path).entries][-1] == {"en": "Kherson",
                                                                  "ru": "Херсон"}


def test_form_shows_problems_as_you_type_and_blocks_conflicts(tmp_path):
    app = GlossaryEditor(safety.open_glossary(write_news(tmp_path)))

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press("ctrl+n")
            form = app.screen
            assert "no terms" in str(form.query_one("#problems").render())
            await pilot.press(*"Southern Front", "tab", *"Южный Фронт")
            problems = str(form.query_one("#problems").render())
            assert "'Southern Front' (en) is translated 'Южный Фронт' here" in problems
            assert form.query_one("#ok").disabled
            await pilot.press("enter")  # refused: the form stays open
            assert app.screen is form
            await pilot.press("escape")
            assert len(app.glossary.entries) == 5
            assert not app.dirty

    run(scenario())


def test_edit_and_delete_from_table_then_undo(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press(*"NATO", "down")  # filter, then move into the table
            assert app.focused is app.table
            await pilot.press("enter")
            form = app.screen
            assert isinstance(form, EntryForm)
            ru = form.query_one("#term-ru", Input)
            ru.focus()
            await pilot.press("ctrl+u", *"НАТО", "ctrl+s")
            assert app.glossary.get(4).terms["ru"] == "НАТО"
            await pilot.press("d")
            assert app.glossary.get(4) is None
            await pilot.press("ctrl+z")
            assert app.glossary.get(4).terms["ru"] == "НАТО"
            await pilot.press("ctrl+z")
            assert app.glossary.get(4).terms["ru"] == "NATO"
            assert not app.dirty
            await pilot.press("ctrl+z")  # nothing left: a warning, no crash
            assert "nothing to undo" in app.message

    run(scenario())
    assert path.read_text(encoding="utf-8") == NEWS_TSV


def test_quit_with_unsaved_changes_warns(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press("down", "d")  # delete entry 1
            await pilot.press("ctrl+q")
            assert isinstance(app.screen, ConfirmQuit)
            await pilot.press("escape")  # stay
            assert not isinstance(app.screen, ConfirmQuit)
            assert app.is_running
            await pilot.press("ctrl+q", "d")  # discard and quit
        assert not app.is_running

    run(scenario())
    assert path.read_text(encoding="utf-8") == NEWS_TSV


def test_save_refuses_when_file_changed_on_disk(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))
    theirs = NEWS_TSV + "Kyiv\tКиев\tKiev\t\t\n"

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press("down", "d")
            path.write_text(theirs, encoding="utf-8")  # someone else saves meanwhile
            await pilot.press("ctrl+s")
            assert "changed on disk since it was loaded" in app.message
            assert app.dirty
            await pilot.press("ctrl+q", "s")  # "save and quit" fails again: stays open
            assert app.is_running
            await pilot.press("ctrl+q", "d")

    run(scenario())
    assert path.read_text(encoding="utf-8") == theirs
    assert not safety.backup_path(path).exists()


def test_new_glossary_from_the_editor(tmp_path):
    from glossa.glossary_editor.cli import editor_for

    path = tmp_path / "new.tsv"
    app = editor_for(str(path), "en,uk")

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            assert table_ids(app) == []
            await pilot.press("ctrl+n", *"Kyiv", "tab", *"Київ", "tab", *"capital")
            await pilot.press("tab", "tab", *"pt", "tab", *"Kiev", "enter")  # a new column
            await pilot.press("ctrl+s")
            assert not path.with_name("new.tsv~").exists()

    run(scenario())
    assert path.read_text(encoding="utf-8") == "en\tuk\tpt\tnote\nKyiv\tКиїв\tKiev\tcapital\n"


def screen_text(app: GlossaryEditor) -> str:
    """The text of the screen as drawn (from Textual's SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    return " ".join(html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg))).split())


def test_search_keeps_column_widths_and_shows_pos_and_forbidden(tmp_path):
    text = NEWS_TSV.replace("en\tru\tpt\tnote\tdomain\n", "en\tru\tpt\tnote\tdomain\tpos\t"
                            "forbidden_pt\n").replace("military\tnews\n",
                                                      "military\tnews\tnoun\tFrente do Sul\n")
    app = GlossaryEditor(safety.open_glossary(write_news(tmp_path, text=text)))

    async def scenario():
        async with app.run_test(size=(160, 40)) as pilot:
            widths = {str(k.value): c.width for k, c in app.table.columns.items()}
            assert widths["lang-pt"] >= len("Conselho de Segurança")
            assert {"pos", "forbidden"} <= set(widths)
            await pilot.press(*"NATO")
            assert table_ids(app) == ["4"]
            assert {str(k.value): c.width for k, c in app.table.columns.items()} == widths
            await pilot.press("ctrl+u", *"Southern")
            row = app.table.get_row_at(0)
            assert "noun" in row and "pt:Frente do Sul" in row
            assert "pt:Frente do Sul" in screen_text(app)

    run(scenario())


def test_pos_and_forbidden_are_edited_in_the_form_and_saved(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press(*"NATO", "down", "enter")
            form = app.screen
            assert isinstance(form, EntryForm)
            form.query_one("#pos", Input).focus()
            await pilot.press(*"noun")
            form.query_one("#forbidden", Input).focus()
            await pilot.press(*"pt:Organização do Atlântico")
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, EntryForm)
            assert app.glossary.get(4).pos == "noun"
            await pilot.press("ctrl+s")

    run(scenario())
    saved = load_glossary(path)
    nato = next(e for e in saved.entries if e.term("en") == "NATO")
    assert nato.pos == "noun" and nato.forbidden_for("pt") == ["Organização do Atlântico"]


def test_redo_and_the_file_name_with_unsaved_mark_on_screen(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(120, 40)) as pilot:
            assert "news.tsv" in screen_text(app) and "news.tsv *" not in screen_text(app)
            await pilot.press("down", "d")
            assert table_ids(app) == ["2", "3", "4", "5"]
            await pilot.pause()
            assert "news.tsv *" in screen_text(app)  # header
            assert "news.tsv modified" in screen_text(app)  # status line, above the footer
            await pilot.press("ctrl+z")
            assert table_ids(app) == ["1", "2", "3", "4", "5"] and not app.dirty
            await pilot.press("ctrl+y")
            assert table_ids(app) == ["2", "3", "4", "5"] and app.dirty
            await pilot.press("ctrl+y")
            assert app.message == "nothing to redo"

    run(scenario())


def test_save_conflict_offers_reload_and_reapply(tmp_path):
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))
    theirs = NEWS_TSV + "Kyiv\tКиев\tKiev\t\t\n"

    async def scenario():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press(*"dark", "down", "d")  # remove "dark mode"
            path.write_text(theirs, encoding="utf-8")  # someone else saves meanwhile
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, SaveConflict)
            await pilot.press("r")
            assert not isinstance(app.screen, SaveConflict)
            assert "re-applied 1 change (not saved yet)" in app.message
            terms = [e.term("en") for e in app.glossary.entries]
            assert "Kyiv" in terms and "dark mode" not in terms and app.dirty
            await pilot.press("ctrl+s")
            assert not app.dirty

    run(scenario())
    saved = [e.term("en") for e in load_glossary(path).entries]
    assert "Kyiv" in saved and "dark mode" not in saved and "NATO" in saved


def test_every_form_field_and_conflict_button_fits_a_80x24_terminal(tmp_path):
    """At the classic terminal size the form scrolls to each field and every input (the new
    language's term beside its code too) lies on screen; so do the conflict's buttons."""
    path = write_news(tmp_path)
    app = GlossaryEditor(safety.open_glossary(path))

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"dark", "down", "enter")
            form = app.screen
            assert isinstance(form, EntryForm)
            for field in form.query(Input):
                field.focus()
                await pilot.pause()
                box = field.region
                assert box.width >= 10 and box.right <= 80 and box.bottom <= 24, field.id
            form.query_one("#new-lang", Input).focus()
            await pilot.press(*"de", "tab", *"Dunkelmodus", "ctrl+s")
            assert app.glossary.languages[-1] == "de"
            await pilot.press("d")  # delete it again, then save over a changed file
            path.write_text(NEWS_TSV + "Kyiv\tКиев\tKiev\t\t\n", encoding="utf-8")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveConflict)
            for button in app.screen.query(Button):
                assert button.region.right <= 80 and button.region.width > 0, button.id

    run(scenario())
