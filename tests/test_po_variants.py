"""Regional variants and catalogue headers: the region kept in PO (pt_BR) and XLIFF
(pt-BR), output names with region codes, gettext's plural rule per locale (compared with
msginit), a warning when the model writes another variant, header fields glossa does not
set kept byte for byte, and Last-Translator / Language-Team from options or config."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from cli_helpers import translate
from formats_helpers import MSGFMT, django_catalogue, fake_translate
from glossa.api import output_path
from glossa.errors import UsageError
from glossa.formats import po
from glossa.languages import bcp47, normalize_locale

MSGINIT = shutil.which("msginit")

TEMPLATE = """\
# Kitchen timer strings.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: kitchen-timer 2.1\\n"
"Report-Msgid-Bugs-To: bugs@kitchen.example\\n"
"POT-Creation-Date: 2026-01-02 10:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"

#: timer.py:10
msgid "Start the timer"
msgstr ""

#: timer.py:22
#, python-format
msgid "%(count)d egg is boiling"
msgid_plural "%(count)d eggs are boiling"
msgstr[0] ""
msgstr[1] ""
"""


def _msgfmt_ok(path: Path) -> None:
    if MSGFMT is not None:
        proc = subprocess.run(
            [MSGFMT, "-c", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr


def _catalogue(
    path: Path,
    language: str,
    plural_forms: str = "nplurals=2; plural=(n != 1);",
    filled: bool = True,
) -> Path:
    """A small catalogue in ``language`` with one translated and one empty entry."""
    text = TEMPLATE.replace("#, fuzzy\n", "").replace(
        '"Language: \\n"', f'"Language: {language}\\n"'
    )
    text = text.replace("nplurals=INTEGER; plural=EXPRESSION;", plural_forms)
    if filled:
        text = text.replace(
            'msgid "Start the timer"\nmsgstr ""',
            'msgid "Start the timer"\nmsgstr "Iniciar o temporizador"',
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- locale codes and file names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "locale", "tag"),
    [
        ("pt", "pt", "pt"),
        ("pt-BR", "pt_BR", "pt-BR"),
        ("pt_br", "pt_BR", "pt-BR"),
        ("PT_PT", "pt_PT", "pt-PT"),
        ("sr@latin", "sr@latin", "sr-Latn"),
        ("ca@valencia", "ca@valencia", "ca-valencia"),
        ("es-419", "es_419", "es-419"),
        ("zh-Hant-TW", "zh_Hant_TW", "zh-Hant-TW"),
    ],
)
def test_locale_codes_keep_their_region(given, locale, tag):
    assert normalize_locale(given) == locale
    assert bcp47(locale) == tag


@pytest.mark.parametrize("bad", ["qq_BR", "pt_BRAZIL", "pt--BR", ""])
def test_bad_locale_codes_are_refused(bad):
    with pytest.raises(UsageError):
        normalize_locale(bad)


@pytest.mark.parametrize(
    ("name", "to", "expected"),
    [
        ("menu.pt_BR.po", "pt", "menu.pt.po"),
        ("menu.po", "pt_BR", "menu.pt_BR.po"),
        ("menu.pot", "pt-BR", "menu.pt_BR.po"),
        ("menu.pt-PT.po", "pt_BR", "menu.pt_BR.po"),
        ("menu.sr@latin.po", "ru", "menu.ru.po"),
        ("en.yml", "pt_BR", "pt-BR.yml"),
        ("en-GB.json", "pt", "pt.json"),
        ("app_en.arb", "pt_BR", "app_pt_BR.arb"),
        ("app_pt_BR.arb", "en", "app_en.arb"),
        ("notes.final.txt", "pt_PT", "notes.final.pt_PT.txt"),
    ],
)
def test_output_names_know_region_codes(name, to, expected):
    assert output_path(name, to).name == expected


# --- plural rules -------------------------------------------------------------------------

LOCALES = [
    "pt",
    "pt_BR",
    "pt_PT",
    "en",
    "en_GB",
    "ru",
    "uk",
    "es",
    "es_MX",
    "fr",
    "fr_CA",
    "it",
    "de",
    "ca",
    "gl",
    "pl",
    "cs",
    "ja",
    "sr@latin",
]


def _msginit_plural_forms(locale: str, tmp_path: Path) -> str | None:
    pot = tmp_path / "t.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    proc = subprocess.run(
        [MSGINIT, "-l", locale, "--no-translator", "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    forms = polib.pofile(proc.stdout).metadata.get("Plural-Forms", "")
    return None if "INTEGER" in forms else forms


@pytest.mark.skipif(MSGINIT is None, reason="gettext's msginit not installed")
@pytest.mark.parametrize("locale", LOCALES)
def test_plural_rule_is_what_msginit_writes(locale, tmp_path):
    """gettext's table where msginit has the locale; CLDR's rule only where it has none."""
    expected = _msginit_plural_forms(locale, tmp_path)
    if expected is None:
        assert locale.split("_")[0] not in po.GETTEXT_PLURAL_FORMS
        assert po.nplurals(po.plural_forms(locale)) is not None
    else:
        assert po.plural_forms(locale) == expected


def test_portuguese_rules_differ_by_region():
    assert po.plural_forms("pt") == po.plural_forms("pt_PT") == "nplurals=2; plural=(n != 1);"
    assert po.plural_forms("pt_BR") == po.plural_forms("pt-br") == "nplurals=2; plural=(n > 1);"


# --- the region written into catalogues ----------------------------------------------------


@pytest.mark.parametrize("to", ["pt_BR", "pt-BR"])
def test_to_pt_br_writes_language_pt_br_and_its_plural_rule(cli, tmp_path, to):
    pot = tmp_path / "timer.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    result = cli(["translate", pot, "--from", "en", "--to", to, "--no-tm"])
    assert result.code == 0, result.err
    out = tmp_path / "timer.pt_BR.po"
    catalogue = polib.pofile(str(out))
    assert catalogue.metadata["Language"] == "pt_BR"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    entry = catalogue.find("Start the timer")
    assert entry.msgstr  # the pt model translated it (pt_BR resolves to the pt engine)
    assert entry.tcomment.startswith("glossa: mt bergamot:en-pt")
    assert "warning" not in result.err  # the model writes pt_BR: nothing to warn about
    _msgfmt_ok(out)


def test_xliff_target_language_is_bcp47(tmp_path, cli):
    src = tmp_path / "timer.xlf"
    src.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
        'datatype="plaintext" original="timer"><body><trans-unit id="a"><source>'
        "Stop the alarm</source></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    result = cli(["translate", src, "--from", "en", "--to", "pt_BR", "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "timer.pt_BR.xlf").read_text(encoding="utf-8")
    assert 'target-language="pt-BR"' in out


def test_a_catalogue_region_is_never_relabelled(cli, tmp_path):
    """--to pt on a pt_BR catalogue and --to pt_BR on a pt one: each keeps its Language
    and its Plural-Forms (a variant of the target is the target)."""
    brazil = _catalogue(tmp_path / "br.po", "pt_BR", "nplurals=2; plural=(n > 1);")
    portugal = _catalogue(tmp_path / "pt.po", "pt")
    for src, to in ((brazil, "pt"), (portugal, "pt_BR")):
        out = tmp_path / f"out-{src.stem}.po"
        result = cli(["translate", src, "--from", "en", "--to", to, "-o", out, "--no-tm"])
        assert result.code == 0 and "skipped" not in result.err, result.err
        before, after = polib.pofile(str(src)), polib.pofile(str(out))
        for key in ("Language", "Plural-Forms"):
            assert after.metadata[key] == before.metadata[key]
        assert after.find("%(count)d egg is boiling").msgstr_plural[1]


# --- the model's variant --------------------------------------------------------------------


def test_bundled_en_pt_model_says_it_writes_pt_br(cli):
    result = cli(["models", "list", "--json"])
    assert result.code == 0, result.err
    models = {(m["engine"], m["source"], m["target"]): m for m in json.loads(result.out)}
    assert models[("bergamot", "en", "pt")]["variant"] == "pt_BR"
    assert models[("bergamot", "pt", "en")]["variant"] == ""


def test_pt_pt_catalogues_get_one_variant_warning_each(cli, tmp_path):
    first = _catalogue(tmp_path / "a" / "timer.po", "pt_PT")
    second = _catalogue(tmp_path / "b" / "timer.po", "pt")  # gettext's pt is pt_PT
    brazil = _catalogue(tmp_path / "c" / "timer.po", "pt_BR", "nplurals=2; plural=(n > 1);")
    result = translate(cli, tmp_path, "--out-dir", tmp_path / "out", "--no-tm")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if "the model writes" in line]
    assert warnings == [
        f"glossa: warning: {first}: the model writes pt_BR but the file is pt_PT: check its "
        "vocabulary and forms of address",
        f"glossa: warning: {second}: the model writes pt_BR but the file is pt_PT (gettext's "
        "pt): check its vocabulary and forms of address",
    ]
    assert str(brazil) not in result.err


def test_no_variant_warning_when_nothing_was_machine_translated(tmp_path):
    from glossa.api import make_options, variant_warning
    from glossa.pipeline import TranslateReport

    doc = po.read(_catalogue(tmp_path / "x.po", "pt_PT").read_text(encoding="utf-8"), "x.po")
    report = TranslateReport(variants={"bergamot:en-pt:v": "pt_BR"})
    assert variant_warning(doc, make_options("pt"), report) is None  # no segment translated
    for segment in doc.segments:
        segment.translation, segment.provenance = "x", "bergamot:en-pt:v"
    assert "pt_BR" in variant_warning(doc, make_options("pt"), report)


# --- skipping and plural counts -------------------------------------------------------------


def test_other_language_skipped_and_exit_status_from_the_others(cli, tmp_path):
    french = _catalogue(tmp_path / "fr" / "timer.po", "fr", "nplurals=2; plural=(n > 1);")
    _catalogue(tmp_path / "pt" / "timer.po", "pt")
    result = translate(cli, tmp_path, "--out-dir", tmp_path / "out", "--no-tm", target="pt_PT")
    assert result.code == 0, result.err
    assert (
        f"glossa: skipped {french}: catalogue language is fr, target is pt_PT"
        in result.err.splitlines()
    )
    assert not (tmp_path / "out" / "fr").exists()
    assert (tmp_path / "out" / "pt" / "timer.pt_PT.po").exists()


def test_plural_forms_never_contradict_translated_entries(cli, tmp_path):
    """No Language, no Plural-Forms, but translated plural entries with 3 forms: pt's
    2-form rule would contradict them, so the file is skipped and named."""
    text = _catalogue(tmp_path / "x.po", "", filled=False).read_text(encoding="utf-8")
    text = text.replace('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    text = text.replace(
        'msgstr[0] ""\nmsgstr[1] ""',
        'msgstr[0] "um ovo"\nmsgstr[1] "dois ovos"\nmsgstr[2] "muitos ovos"',
    )
    (tmp_path / "x.po").write_text(text, encoding="utf-8")
    _catalogue(tmp_path / "y.po", "")
    result = translate(
        cli, tmp_path / "x.po", tmp_path / "y.po", "--out-dir", tmp_path / "out", "--no-tm"
    )
    assert result.code == 0, result.err
    assert (
        f"glossa: skipped {tmp_path / 'x.po'}: its translated plural entries have 3 "
        "forms, pt has 2; set Plural-Forms in its header"
    ) in result.err.splitlines()
    assert not (tmp_path / "out" / "x.pt.po").exists()
    written = polib.pofile(str(tmp_path / "out" / "y.pt.po"))
    assert written.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_written_plural_count_follows_a_valid_header():
    text = TEMPLATE.replace('"Language: \\n"', '"Language: pt_BR\\n"').replace(
        "nplurals=INTEGER; plural=EXPRESSION;",
        "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    )
    out = po.write(fake_translate(po.read(text, "x.po"), target="pt"))
    entry = polib.pofile(out).find("%(count)d egg is boiling")
    assert sorted(entry.msgstr_plural) == [0, 1, 2]


# --- header bytes ---------------------------------------------------------------------------


def _header_lines(text: str) -> list[str]:
    return text.split("\n\n")[0].splitlines()


@pytest.mark.skipif(django_catalogue("pt", "admindocs") is None, reason="Django not installed")
def test_wrapped_header_fields_keep_their_bytes():
    """Django's admindocs pt header wraps Language-Team and Plural-Forms over two lines
    each; filling entries changes PO-Revision-Date alone."""
    text = django_catalogue("pt", "admindocs").read_text(encoding="utf-8")
    header = _header_lines(text)
    assert sum(1 for line in header if line.startswith('"') and not line.endswith('\\n"')) >= 2
    emptied = text.replace('msgstr "Documentação desta página"', 'msgstr ""')
    assert emptied != text
    out = po.write(fake_translate(po.read(emptied, "admindocs.po"), target="pt"))
    changed = [(a, b) for a, b in zip(header, _header_lines(out), strict=True) if a != b]
    assert [a.split(":")[0] for a, _b in changed] == ['"PO-Revision-Date']


@pytest.mark.parametrize("layout", ["one line", "wrapped template"])
def test_only_the_lines_of_set_fields_change(layout):
    """A field glossa sets that shares its line with others, or that gettext wrapped over
    two lines: the neighbouring fields keep their bytes and the result parses the same."""
    if layout == "one line":
        header = (
            'msgid ""\nmsgstr "Project-Id-Version: oven 1.0\\nLanguage: \\n'
            'Content-Type: text/plain; charset=UTF-8\\n"\n"X-Generator: hand\\n"\n'
        )
    else:
        header = (
            'msgid ""\nmsgstr ""\n"Project-Id-Version: oven 1.0\\n"\n'
            '"Plural-Forms: nplurals=INTEGER; "\n"plural=EXPRESSION;\\n"\n'
            '"X-Generator: hand\\n"\n"Language: \\n"\n'
        )
    text = header + '\nmsgid "Preheat the oven"\nmsgstr ""\n'
    out = po.write(fake_translate(po.read(text, "oven.po"), target="pt"))
    metadata = polib.pofile(out).metadata
    assert metadata["Language"] == "pt"
    assert metadata["Project-Id-Version"] == "oven 1.0"
    assert metadata["X-Generator"] == "hand"
    if layout == "one line":
        assert 'msgstr "Project-Id-Version: oven 1.0\\n"' in out
        assert '"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Generator: hand\\n"' in out
    else:
        assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert '"Project-Id-Version: oven 1.0\\n"\n"Plural-Forms: nplurals=2;' in out
        assert '"X-Generator: hand\\n"' in out and "EXPRESSION" not in out


# --- POT -> PO: who translated --------------------------------------------------------------


def test_pot_header_like_msginit_with_translator_and_team(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767261600")  # 2026-01-01 10:00 UTC
    pot = tmp_path / "timer.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    result = translate(
        cli,
        pot,
        "--no-tm",
        "--translator",
        "Rita Lobo <rita@cozinha.example>",
        "--team",
        "Brazilian <pt-br@li.org>",
        target="pt_BR",
    )
    assert result.code == 0, result.err
    out = (tmp_path / "timer.pt_BR.po").read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid ""' not in out  # msginit drops the template's fuzzy header
    metadata = polib.pofile(out).metadata
    assert metadata["Last-Translator"] == "Rita Lobo <rita@cozinha.example>"
    assert metadata["Language-Team"] == "Brazilian <pt-br@li.org>"
    assert metadata["PO-Revision-Date"] == "2026-01-01 10:00+0000"
    _msgfmt_ok(tmp_path / "timer.pt_BR.po")


def test_translator_and_team_from_the_config_file(cli, tmp_path, monkeypatch):
    from glossa.config import config_path, load_config

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(
        'translator = "Joana Prado <joana@forno.example>"\nteam = "Portuguese <pt@li.org>"\n',
        encoding="utf-8",
    )
    load_config.cache_clear()
    kept = _catalogue(tmp_path / "kept.po", "pt", filled=False)
    kept.write_text(
        kept.read_text(encoding="utf-8").replace(
            "LANGUAGE <LL@li.org>", "Equipa PT <equipa@pt.example>"
        ),
        encoding="utf-8",
    )
    pot = tmp_path / "timer.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    result = translate(cli, pot, kept, "--no-tm", "--out-dir", tmp_path / "out")
    assert result.code == 0, result.err
    filled = polib.pofile(str(tmp_path / "out" / "timer.pt.po")).metadata
    assert filled["Last-Translator"] == "Joana Prado <joana@forno.example>"
    assert filled["Language-Team"] == "Portuguese <pt@li.org>"
    own = polib.pofile(str(tmp_path / "out" / "kept.pt.po")).metadata
    assert own["Last-Translator"] == "Joana Prado <joana@forno.example>"
    assert own["Language-Team"] == "Equipa PT <equipa@pt.example>"  # the catalogue's own team


def test_a_translator_on_two_lines_is_refused(cli, tmp_path):
    pot = tmp_path / "timer.pot"
    pot.write_text(TEMPLATE, encoding="utf-8")
    result = cli(["translate", pot, "--to", "pt", "--no-tm", "--translator", "Ana\nSilva"])
    assert result.code == 2
    assert "translator must be one line" in result.err
    assert not (tmp_path / "timer.pt.po").exists()
