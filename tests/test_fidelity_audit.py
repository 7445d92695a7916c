"""Classes of corruption found by auditing issue 13 on other projects' files (coreutils,
base-passwd's HTML guide, Apertium en->es): numbers the tiny model rewrites, quotes a run
cut leaves unpaired, capitals Apertium lowers after its "e", codes it respells, and help
columns whose placeholder the model moves. Each is either kept right or fails the unit.
"""

from __future__ import annotations

import pytest

from glossa.document import Segment, Span
from glossa.pipeline import TranslateOptions, _past_column, _plan_segment, _trim_quotes
from glossa.placeholders import TEXT_KINDS, find_placeholders
from glossa.shield import _mend_caps
from glossa.verify import changed_numbers, fatal

# --- numbers -----------------------------------------------------------------------------


def test_a_number_the_engine_rewrites_fails_the_unit():
    problems = fatal(
        "Blocks of 2048*2048 pixels, 4096 in all.", "Blocos de 2048 * 248 pixels, 4096 no total."
    )
    assert any("numbers" in p and "2048" in p for p in problems), problems


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("It weighs 3,750 kg.", "Pesa 3.750 kg."),  # digit grouping of the target
        ("A 1.75 m wall.", "Um muro de 1,75 m."),  # decimal comma
        ("Opens at 08:15 on 12/31.", "Abre às 08:15 em 31/12."),  # order may change
        ("A 2nd-hand bike.", "Uma bicicleta de segunda mão."),  # one digit may be spelled out
        ("O treino é às onze horas.", "Training is at 11 o'clock."),  # a number spelled out
    ],
)
def test_number_formatting_a_translation_may_change_is_not_a_problem(source, output):
    assert changed_numbers(source, output) == [], (source, output)


def test_a_stop_the_engine_glues_to_the_next_sentence_fails_the_unit():
    source = "We mailed %(who)s. Nobody answered."
    assert any("glued" in p for p in fatal(source, "Enviamos %(who)s.Ninguém respondeu."))
    assert fatal(source, "Enviamos %(who)s. Ninguém respondeu.") == []
    assert fatal("Use os.Path here.", "Use os.Path aqui.") == []  # as the source has it


# --- quotes ------------------------------------------------------------------------------


def test_a_double_quote_left_without_its_partner_fails_the_unit():
    assert any(
        "double quote" in p for p in fatal("' account is reserved.\"", '" conta está reservada".')
    )


@pytest.mark.parametrize(
    "output", ["Ela disse “olá” e saiu.", "Ela disse «olá» e saiu.", "Ela disse olá e saiu."]
)
def test_quote_style_may_change_and_a_pair_may_go(output):
    assert fatal('She said "hello" and left.', output) == []


def test_a_run_cut_out_of_a_quotation_leaves_its_lone_quotes_outside():
    text = "The guide says: \"The 'wheel' group may run sudo.\""
    start = text.index("The guide")
    end = text.index("'wheel'") + 1  # the run before a kept 'wheel' ends on its quote
    trimmed = _trim_quotes(text, start, end)
    assert text[slice(*trimmed)] == 'The guide says: "The'
    after = text.index("wheel") + len("wheel")
    assert text[slice(*_trim_quotes(text, after, len(text)))] == "group may run sudo."


def test_run_by_run_units_do_not_start_or_end_on_a_lone_quote():
    text = "Then he wrote: \"the 'Kaffee' tin is empty.\""
    word = text.index("Kaffee")

    class Run:
        def __init__(self, start, end, lang):
            self.start, self.end, self.lang = start, end, lang

    units = _plan_segment(Segment(text), [Run(word, word + 6, "de")], "en", TranslateOptions("pt"))
    pieces = [text[s:e] for s, e, lang, _ in units if lang == "en"]
    assert pieces == ['Then he wrote: "the', "tin is empty."], pieces


# --- capitals and codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "output", "mended"),
    [
        (
            "Check the name and ID badge.",
            "Verifica el nombre e iD insignia.",
            "Verifica el nombre e ID insignia.",
        ),
        ("Trains to Spain and Italy.", "Trenes a España e italia.", "Trenes a España e Italia."),
    ],
)
def test_capitals_apertium_lowers_after_its_e_are_put_back(source, output, mended):
    assert _mend_caps(output, source, "es") == mended


def test_an_ordinary_word_after_e_stays_lower_case():
    assert _mend_caps("Agua e hielo.", "Water and ice.", "es") == "Agua e hielo."
    # Portuguese "e" is every "and": its next word keeps the case the engine gave it
    assert (
        _mend_caps("Leia e ignore o resto.", "Read and Ignore the rest.", "pt")
        == "Leia e ignore o resto."
    )


def test_broken_capitals_left_in_an_output_fail_the_unit():
    assert any("capitals" in p for p in fatal("Ask IBM first.", "Pregunta iBM primero."))
    assert fatal("Install iOS now.", "Instala iOS ahora.") == []  # as the source has it


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Save as UTF-16 or ISO-8859-15 text.", ["UTF-16", "ISO-8859-15"]),
        ("Play MP4 and H.265 clips.", ["MP4", "H.265"]),
        ("Error E2031 on COM3.", ["E2031", "COM3"]),
        ("Build libfoo2-dev with gcc12 for x86_64.", ["libfoo2-dev", "gcc12", "x86_64"]),
        ("Fill Grid_3D and Grid_2D first.", ["Grid_3D", "Grid_2D"]),
        ("Run $(tool.name) for $(owner).", ["$(tool.name)", "$(owner)"]),  # polkit, make
        ("The 1st and 22nd of May, 3 km, 10px.", []),  # ordinals and plain numbers are words
    ],
)
def test_codes_with_a_capital_and_a_digit_are_placeholders(text, codes):
    found = [text[p.start : p.end] for p in find_placeholders(text, TEXT_KINDS)]
    assert found == codes


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Use TCP and IP for the tunnel.", ["TCP", "IP"]),
        ("Save it as ISO-8859-15 and MP4.", ["ISO-8859-15", "MP4"]),
        ("Ships from Norway and Iceland.", ["Islandia"]),
        (
            "Install the gst1-plugins-good and lib32-tools packages.",
            ["gst1-plugins-good", "lib32-tools"],
        ),
    ],
)
def test_apertium_keeps_capitals_and_codes(cli, tmp_path, line, kept):
    src = tmp_path / "in.txt"
    src.write_text(line + "\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "en", "--to", "es", "-o", "-", "--no-tm"])
    assert result.code == 0, result.err
    out = result.out.strip()
    assert out != line
    for piece in kept:
        assert piece in out.replace("*", ""), (piece, out)


# --- help columns ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("%e   day of the month", "day of the month"),
        ("-n, --lines=N    show N lines", "show N lines"),
        ("%%   a percent sign", "a percent sign"),
        ("Note:   read this first", "Note:   read this first"),  # a word column is text
        ("%d files copied", "%d files copied"),  # no column gap
    ],
)
def test_a_first_column_of_placeholders_stays_out_of_the_unit(line, unit):
    protected = [Span(p.start, p.end) for p in find_placeholders(line)]
    assert line[_past_column(line, 0, len(line), protected) :] == unit


def test_help_columns_stay_in_place_through_the_model(cli, tmp_path):
    po = tmp_path / "help.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: pt_BR\\n"\n\n'
        'msgid ""\n"Sequences:\\n"\n"  %e   day of the month as a number\\n"\n'
        '"  %%   a literal percent sign\\n"\nmsgstr ""\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.po"
    result = cli(["translate", po, "--to", "pt", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    import polib

    entry = next(e for e in polib.pofile(str(out)) if e.msgid)
    lines = entry.msgstr.split("\n")
    assert lines[1].startswith("  %e   ") and lines[2].startswith("  %%   "), lines
    assert "month" not in entry.msgstr and "mês" in entry.msgstr


# --- every format shields what the models break ------------------------------------------


def _shielded(segment) -> list[str]:
    return [segment.text[p.start : p.end] for p in segment.protected]


@pytest.mark.parametrize(
    "piece", ["/srv/queue/failed/old", "--no-fork", "UTF-16", "~/spool", "$QUEUE_DIR", "flush()"]
)
def test_html_text_shields_paths_options_codes_and_variables(piece):
    from glossa.formats import html

    doc = html.read(
        "<html><body><p>The daemon moves jobs from ~/spool to "
        "<code>/srv/queue/failed/old</code> unless --no-fork is given, writes "
        "UTF-16 logs under $QUEUE_DIR and calls flush() at exit.</p></body></html>"
    )
    (segment,) = [s for s in doc.segments if "daemon" in s.text]
    assert any(piece in shielded for shielded in _shielded(segment)), _shielded(segment)


def test_json_catalogue_strings_keep_code_spans_and_paths(cli, tmp_path):
    strings = tmp_path / "strings.json"
    strings.write_text(
        '{"hint": "Type `tool --undo` to go back.", '
        '"where": "Backups go to ~/.tool/backups each night."}',
        encoding="utf-8",
    )
    result = cli(["translate", strings, "--to", "pt", "-o", "-", "--no-tm"])
    assert result.code == 0, result.err
    assert "`tool --undo`" in result.out and "~/.tool/backups" in result.out, result.out
    assert "Type" not in result.out


@pytest.mark.parametrize("piece", ["`git stash pop`", "~/notes/todo.txt", "--hard", "MP4"])
def test_office_paragraphs_shield_code_spans_paths_and_options(piece):
    import io

    import docx

    from glossa.formats import docx as fmt

    doc = docx.Document()
    doc.add_paragraph(
        "Then type `git stash pop`, check ~/notes/todo.txt, never use --hard and keep the MP4 copy."
    )
    data = io.BytesIO()
    doc.save(data)
    (segment,) = [s for s in fmt.read(data.getvalue()).segments if "stash" in s.text]
    assert any(piece in shielded for shielded in _shielded(segment)), _shielded(segment)
