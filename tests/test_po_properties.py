"""Property tests for PO: generated catalogues and Django's real ones round-trip byte for
byte, and a full fake translation changes nothing but msgstrs, fuzzy flags and the header."""

from __future__ import annotations

import subprocess

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formats_helpers import (
    MSGFMT,
    django_catalogues,
    fake_translate,
    po_files,
    tr,
    untouched_lines,
)
from glossa.formats import po

CATALOGUES = django_catalogues()
needs_django = pytest.mark.skipif(not CATALOGUES, reason="Django (dev dependency) not installed")


@settings(max_examples=150, deadline=None)
@given(po_files())
def test_generated_po_round_trips(case):
    text, _entries = case
    assert po.write(po.read(text, "gen.po")) == text


@settings(max_examples=150, deadline=None)
@given(po_files(), st.booleans(), st.booleans())
def test_generated_po_translation_changes_only_msgstrs(case, retranslate, fuzzy):
    text, entries = case
    doc = po.read(text, "gen.po", retranslate=retranslate, fuzzy=fuzzy)
    out = po.write(fake_translate(doc, tr))
    before, after = untouched_lines(text, out)
    assert before == after
    parsed = [e for e in polib.pofile(out.lstrip("\ufeff")) if not e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgid_plural or None) for e in parsed] == [
        (e["msgctxt"], e["msgid"], e["plural"]) for e in entries]
    todo = doc.meta["po"].todo
    original = [e for e in polib.pofile(text.lstrip("\ufeff")) if not e.obsolete]
    for index, (entry, old) in enumerate(zip(parsed, original, strict=True)):
        previous = (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)
        if index in todo:  # a new msgstr: the previous strings of the old one are gone
            assert previous == (None, None, None)
        else:
            assert previous == (old.previous_msgctxt, old.previous_msgid,
                                old.previous_msgid_plural)
    for index, (entry, want) in enumerate(zip(parsed, entries, strict=True)):
        flags = [f for f in entry.flags if f != "fuzzy"]
        assert flags == [f for f in want["flags"] if f != "fuzzy"]
        if index not in todo:  # filled already, or nothing but placeholders: untouched
            assert entry.flags == want["flags"]
            value = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
            assert value == (
                ("um" if want["plural"] else "traduzido") if want["filled"] else "")
            continue
        if entry.msgid_plural:
            assert entry.msgstr_plural[1].replace("\n", "") .strip() != ""
        else:
            assert entry.msgstr.strip() != ""
            assert entry.msgstr.count("\n") == want["msgid"].count("\n")
            for placeholder in ("%s", "%(name)s", "{0}", "<b>", "&amp;", "%d"):
                assert entry.msgstr.count(placeholder) == want["msgid"].count(placeholder)
        if fuzzy:
            assert "fuzzy" in entry.flags
        else:
            assert ("fuzzy" in entry.flags) == ("fuzzy" in want["flags"])


@needs_django
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CATALOGUES or [None]))
def test_real_catalogues_round_trip(path):
    text = path.read_text(encoding="utf-8")
    assert po.write(po.read(text, str(path))) == text


@needs_django
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CATALOGUES or [None]))
def test_real_catalogues_retranslated_keep_everything_else(path):
    text = path.read_text(encoding="utf-8")
    out = po.write(fake_translate(po.read(text, str(path), retranslate=True), tr))
    before, after = untouched_lines(text, out)
    assert before == after
    old = [e for e in polib.pofile(text) if not e.obsolete]
    new = [e for e in polib.pofile(out) if not e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgid_plural) for e in old] == [
        (e.msgctxt, e.msgid, e.msgid_plural) for e in new]


@needs_django
@pytest.mark.skipif(MSGFMT is None, reason="msgfmt not installed")
@pytest.mark.parametrize("index", [0, 97, 401, 802, 1100])
def test_real_catalogue_output_passes_msgfmt(tmp_path, index):
    path = CATALOGUES[index % len(CATALOGUES)]
    text = path.read_text(encoding="utf-8")
    out = po.write(fake_translate(po.read(text, str(path), retranslate=True), tr, "ru"))
    target = tmp_path / "out.po"
    target.write_text(out, encoding="utf-8")
    proc = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(target)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
