"""The localiser's workflow on catalogues: other-language files skipped, the POT header's
fuzzy flag removed as msginit does, and the engine named on every machine translation."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

HEADER = ('{flag}msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
ENTRY = '#: app.py:{n}\nmsgid "{text}"\nmsgstr "{done}"\n\n'


def _catalogue(path, lang="", fuzzy_header=False, texts=("Good morning.", "Thank you."),
               done=""):
    """A catalogue; ``done`` is the translation of an extra, already translated entry."""
    body = HEADER.format(flag="#, fuzzy\n" if fuzzy_header else "", lang=lang)
    body += "".join(ENTRY.format(n=i, text=t, done="") for i, t in enumerate(texts))
    if done:
        body += ENTRY.format(n=99, text="Yes", done=done)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_a_catalogue_in_another_language_is_skipped_not_relabelled(cli, tmp_path):
    _catalogue(tmp_path / "locale" / "fr" / "django.po", lang="fr", done="Oui")
    _catalogue(tmp_path / "locale" / "pt_BR" / "django.po", lang="pt_BR", done="Sim")
    _catalogue(tmp_path / "locale" / "en" / "django.po", lang="en")  # a template
    result = cli(["translate", tmp_path / "locale", "--from", "en", "--to", "pt", "--out-dir",
                  tmp_path / "out", "--no-tm"])
    assert result.code == 0, result.err
    assert "skipped" in result.err and "fr" in result.err
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["en/django.pt.po", "pt_BR/django.pt.po"]


def test_pot_header_loses_its_fuzzy_flag_and_entries_name_the_engine(cli, tmp_path):
    pot = _catalogue(tmp_path / "app.pot", fuzzy_header=True)
    result = cli(["translate", pot, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 0, result.err
    out = tmp_path / "app.pt.po"
    catalogue = polib.pofile(str(out))
    assert "fuzzy" not in catalogue.metadata_is_fuzzy or not catalogue.metadata_is_fuzzy
    for entry in catalogue:
        assert entry.msgstr and "fuzzy" in entry.flags
        assert entry.tcomment.startswith("glossa: mt bergamot:en-pt:")
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], check=True)


@pytest.mark.parametrize("lang", ["", "pt", "pt_PT", "pt-BR"])
def test_catalogues_for_the_target_or_without_a_language_are_translated(cli, tmp_path, lang):
    po = _catalogue(tmp_path / "x.po", lang=lang)
    result = cli(["translate", po, "--from", "en", "--to", "pt", "-o", tmp_path / "y.po",
                  "--no-tm"])
    assert result.code == 0 and "skipped" not in result.err
    assert all(e.msgstr for e in polib.pofile(str(tmp_path / "y.po")))
