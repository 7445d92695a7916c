"""Glossary model, TSV/CSV/TBX/PO readers and writers, merging, fingerprints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.errors import GlossaryError
from glossa.glossary import Entry, Glossary, RawLine, dumps, load_glossaries, load_glossary, loads
from glossary_helpers import SAMPLE_TSV, sample


def test_tsv_reads_languages_notes_and_extra_columns():
    g = sample()
    assert g.languages == ["en", "pt", "ru"]
    first = g.entries[0]
    assert first.terms == {"en": "Southern Front", "pt": "Frente Sul", "ru": "Южный фронт"}
    assert first.note == "armed coalition"
    assert first.forbidden == {"pt": ["Frente do Sul"]}
    assert first.extra == {"source": "wiki"}
    assert [e.id for e in g.entries] == list(range(1, 8))
    assert g.entries[-1].case_sensitive is True


def test_tsv_round_trip_is_byte_identical():
    assert dumps(sample()) == SAMPLE_TSV


def test_edited_row_is_rewritten_and_others_kept():
    g = sample()
    g.entries[1].terms["pt"] = "Conselho de Segurança da ONU"
    g.add(Entry({"en": "Kremlin", "pt": "Kremlin", "uk": "Кремль"}, note="new"))
    text = dumps(g)
    lines = text.splitlines()
    assert lines[0] == "# test glossary"
    assert lines[1].split("\t") == ["en", "pt", "ru", "uk", "note", "case", "forbidden_pt",
                                    "source"]
    assert "Conselho de Segurança da ONU" in lines[3]
    assert "# names" in lines
    assert lines[-1] == ""  # added before the trailing blank line
    assert lines[-2].split("\t")[:5] == ["Kremlin", "Kremlin", "", "Кремль", "new"]
    assert loads(text).entries[-1].terms["uk"] == "Кремль"


def test_keep_verbatim():
    g = sample()
    lav = g.entries[2]
    assert not lav.keep_verbatim  # ru differs
    assert g.entries[-1].keep_verbatim
    assert {"Alexander Lavrentyev", "Apple Pay"} <= g.keep_verbatim_terms()
    assert "Frente Sul" not in g.keep_verbatim_terms()


def test_fingerprint_stable_and_sensitive_to_terms_only():
    a, b = sample(), sample()
    assert a.fingerprint() == b.fingerprint()
    b.entries[0].note = "changed note"
    assert a.fingerprint() == b.fingerprint()
    b.entries[0].terms["pt"] = "Frente Meridional"
    assert a.fingerprint() != b.fingerprint()


@pytest.mark.parametrize("text, line, message", [
    ("note\tsource\nx\ty\n", 1, "must name language codes"),
    ("en\tpt\na\tb\tc\n", 2, "3 cells but the header has 2"),
    ("en\tpt\tcase\na\tb\tmaybe\n", 2, "case must be"),
    ("en\tpt\tpt-BR\n", 1, "same language"),
    ("# only a comment\n", None, "no header row"),
])
def test_malformed_tsv_names_file_and_line(text, line, message):
    with pytest.raises(GlossaryError) as info:
        loads(text, "tsv", "bad.tsv")
    assert info.value.file == "bad.tsv" and info.value.line == line
    assert message in str(info.value)


def test_csv_with_quotes_and_comments(tmp_path):
    path = tmp_path / "g.csv"
    text = '# c\nen,pt,note\n"Board of Directors","Conselho de Administração","a, b"\n'
    path.write_text(text, encoding="utf-8")
    g = load_glossary(path)
    assert g.entries[0].note == "a, b"
    assert dumps(g, "csv") == text


def test_forbidden_column_with_language_prefixes():
    g = loads("en\tpt\tforbidden\nKyiv\tKiev\ten:Kiev; Kiew\n")
    assert g.entries[0].forbidden == {"en": ["Kiev"], "*": ["Kiew"]}
    assert g.entries[0].forbidden_for("en") == ["Kiew", "Kiev"]
    assert g.entries[0].forbidden_for("pt") == ["Kiew"]


def test_merge_later_files_win(tmp_path):
    (tmp_path / "a.tsv").write_text("en\tpt\tru\nSouthern Front\tFrente Sul\tЮжный фронт\n"
                                    "Settings\tAjustes\t\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("en\tpt\nSettings\tConfigurações\n"
                                    "Southern Front\tFrente do Sul\n", encoding="utf-8")
    g = load_glossaries([tmp_path / "a.tsv", tmp_path / "b.tsv"])
    by_en = {e.terms["en"]: e for e in g.entries}
    assert by_en["Settings"].terms["pt"] == "Configurações"
    assert by_en["Southern Front"].terms == {"en": "Southern Front", "pt": "Frente do Sul",
                                              "ru": "Южный фронт"}
    assert len(g.entries) == 2


def test_tbx_round_trip_keeps_everything():
    g = sample()
    tbx = dumps(g, "tbx")
    assert "<termEntry" in tbx and 'xml:lang="ru"' in tbx
    assert dumps(loads(tbx, "tbx")) == SAMPLE_TSV


WEBLATE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>Weblate</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="1"><descrip type="definition">UN body</descrip>
<langSet xml:lang="en"><tig><term>Security Council</term>
<termNote type="partOfSpeech">noun</termNote></tig></langSet>
<langSet xml:lang="pt_BR"><ntig><termGrp><term>Conselho de Segurança</term></termGrp></ntig>
<tig><term>Conselho de Seguranca</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"""

TBX_V3 = """<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>dark mode</term>
</termSec></langSec><langSec xml:lang="pt"><termSec><term>modo escuro</term></termSec>
</langSec></conceptEntry></body></text></tbx>"""


def test_tbx_import_weblate_and_v3():
    g = loads(WEBLATE_TBX, "tbx", "w.tbx")
    entry = g.entries[0]
    assert entry.terms == {"en": "Security Council", "pt": "Conselho de Segurança"}
    assert entry.forbidden == {"pt": ["Conselho de Seguranca"]}
    assert entry.note == "UN body" and entry.pos == "noun"
    assert g.columns == ["en", "pt", "note", "pos", "forbidden_pt"]
    assert loads(TBX_V3, "tbx").entries[0].terms == {"en": "dark mode", "pt": "modo escuro"}


@pytest.mark.parametrize("text, message", [
    ("<martif><text><body><termEntry>", "broken XML"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><martif/>', "entity"),
    ("<html/>", "not a TBX file"),
])
def test_malformed_tbx(text, message):
    with pytest.raises(GlossaryError, match=message) as info:
        loads(text, "tbx", "bad.tbx")
    assert info.value.file == "bad.tbx"


def test_po_round_trip_for_one_pair():
    text = SAMPLE_TSV.replace("\tru", "").replace("\tЮжный фронт", "").replace(
        "\tСовет Безопасности", "").replace("\tАлександр Лаврентьев", "")
    text = "\n".join(line if line.startswith("#") or not line else
                     "\t".join(line.split("\t")[:2] + line.split("\t")[3:])
                     if line.count("\t") == 6 else line for line in text.split("\n"))
    g = loads(text)
    assert g.languages == ["en", "pt"]
    po = dumps(g, "po", src="en", tgt="pt")
    assert 'msgid "Southern Front"' in po and 'msgstr "Frente Sul"' in po
    assert dumps(loads(po, "po")) == text


def test_po_import_plain_weblate_glossary():
    po = ('msgid ""\nmsgstr ""\n"Language: pt\\n"\n\n# UI action\nmsgid "log in"\n'
          'msgstr "entrar"\n')
    g = loads(po, "po")
    assert g.entries[0].terms == {"en": "log in", "pt": "entrar"}
    assert g.entries[0].note == "UI action"


def test_po_export_from_three_languages_picks_pair():
    po = dumps(sample(), "po", src="pt", tgt="ru")
    assert 'msgid "Frente Sul"' in po and 'msgstr "Южный фронт"' in po
    assert "Southern Front" not in po


def test_missing_file_is_an_error(tmp_path):
    from glossa.errors import GlossaError

    with pytest.raises(GlossaError, match="no such file"):
        load_glossary(tmp_path / "nope.tsv")


_cell = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"),
                              blacklist_characters="\t\n\r;#"), max_size=12).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.one_of(
    st.tuples(_cell, _cell, _cell, _cell),
    st.text(st.characters(whitelist_categories=("L", "N", "Zs")), max_size=10).map(
        lambda s: "# " + s)), max_size=6))
def test_property_tsv_tbx_po_round_trips(rows):
    lines = ["en\tpt\tnote\tnotes2"]
    for row in rows:
        if isinstance(row, str):
            lines.append(row)
        elif row[0]:  # PO needs a source term
            lines.append("\t".join(row))
    text = "\n".join(lines) + "\n"
    g = loads(text)
    assert dumps(g) == text
    assert dumps(loads(dumps(g, "tbx"), "tbx")) == text
    assert dumps(loads(dumps(g, "po", src="en", tgt="pt"), "po")) == text


def test_glossary_rows_keep_comments_in_order():
    g = sample()
    kinds = [type(r).__name__ for r in g.rows]
    assert kinds[:3] == ["Entry", "Entry", "RawLine"]
    assert isinstance(g.rows[-1], RawLine) and g.rows[-1].text == ""
    assert g.preamble == ["# test glossary"]
    assert isinstance(Glossary().entries, list)
