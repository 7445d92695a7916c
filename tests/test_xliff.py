"""XLIFF 1.2 and 2.x: byte-exact round trips, targets and states, inline tags checked after
translation, hostile input refused, and output read back by translate-toolkit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from error_helpers import raises_at
from formats_helpers import fake_translate, tr
from glossa.errors import FormatError
from glossa.formats import format_for, xliff
from xliff_helpers import DATA, outside_targets, xliff2_files, xliff12_files

MARK = chr(xliff.MARKER_BASE)


def _translated(text: str, fn=tr, target: str = "pt", **options) -> str:
    return xliff.write(fake_translate(xliff.read(text, "in.xlf", **options), fn, target))


# --- round trips ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(xliff12_files())
def test_xliff12_round_trips_and_changes_only_targets(text):
    assert xliff.write(xliff.read(text)) == text
    out = _translated(text)
    assert outside_targets(out) == outside_targets(text)
    again = xliff.read(out, "out.xlf")  # still well-formed XLIFF
    assert xliff.write(again) == out
    assert not again.segments  # every unit glossa could fill has a target now


@settings(max_examples=100, deadline=None)
@given(xliff2_files())
def test_xliff2_round_trips_and_changes_only_targets(text):
    assert xliff.write(xliff.read(text)) == text
    out = _translated(text)
    assert outside_targets(out) == outside_targets(text)
    assert not xliff.read(out, "out.xlf").segments


def test_extensions_are_registered():
    assert {format_for(f"a{ext}") for ext in (".xlf", ".xliff", ".sdlxliff")} == {"xliff"}
    assert xliff.sniff('<?xml version="1.0"?>\n<xliff version="1.2">')
    assert not xliff.sniff("<html>")


# --- units, targets, states -----------------------------------------------------------------

OKAPI = (DATA / "okapi-help.html.xlf").read_text(encoding="utf-8")
ANGULAR = (DATA / "angular-messages.xlf").read_text(encoding="utf-8")


def test_okapi_units_segments_and_context():
    doc = xliff.read(OKAPI, "help.xlf")
    texts = [s.text.replace(MARK, "<0>") for s in doc.segments if not s.context.get("phrase")]
    assert texts[0] == "Getting started"
    assert "The file is saved in your home folder." in texts  # a seg-source <mrk> segment
    assert not any("ACME" in t or "Cancel" in t for t in texts)  # translate="no", approved
    by_id = {s.context["id"]: s.context for s in doc.segments}
    assert by_id["tu1"]["resname"] == "title"
    assert by_id["tu3"]["notes"] == ["Link text: keep it short."]
    assert "sourcefile: help.html" in by_id["tu6"]["context"]
    tom = next(s for s in doc.segments if s.context["id"] == "tu6")
    assert tom.text.startswith("Tom & Jerry are <not> here")  # entities unescaped
    assert tom.text[tom.protected[0].start:tom.protected[0].end] == "<not>"


def test_new_targets_are_marked_machine_translated():
    out = _translated(OKAPI)
    assert '<target state="needs-review-translation" state-qualifier="mt-suggestion">cLICK' in out
    assert '<target xml:lang="pt" state="needs-review-translation" ' \
           'state-qualifier="mt-suggestion">gETTING STARTED</target>' in out
    assert '<target xml:lang="pt" state="final">Cancelar</target>' in out  # approved: untouched
    assert "tOM &amp; jERRY ARE &lt;not&gt; HERE" in out
    plain = _translated(OKAPI, fuzzy=False)
    assert 'state="translated" state-qualifier="mt-suggestion">gETTING' in plain
    out2 = _translated(ANGULAR)
    assert '<segment state="initial" subState="glossa:mt">' in out2
    assert 'srcLang="en-US" trgLang="pt">' in out2
    assert "<segment state=\"final\">" in out2 and "<target>Finalizar compra</target>" in out2
    assert '<segment state="translated" subState="glossa:mt">' in _translated(ANGULAR, fuzzy=False)


def test_seg_source_target_keeps_segment_markers():
    out = _translated(OKAPI)
    assert ('<mrk mid="0" mtype="seg">oPEN THE <g id="1" ctype="bold">fILE</g> MENU AND '
            'CHOOSE <g id="2" ctype="italic">sAVE AS</g>.</mrk><x id="3" ctype="lb" '
            'equiv-text="&lt;br/&gt;"/><mrk mid="1" mtype="seg">tHE FILE IS SAVED') in out


def test_existing_targets_need_retranslate_and_approved_never():
    text = OKAPI.replace('<trans-unit id="tu1" resname="title">\n<source xml:lang="en">'
                         'Getting started</source>\n<target xml:lang="pt"></target>',
                         '<trans-unit id="tu1" resname="title">\n<source xml:lang="en">'
                         'Getting started</source>\n<target xml:lang="pt">Primeiros passos'
                         '</target>')
    assert "Primeiros passos</target>" in _translated(text)
    again = _translated(text, retranslate=True)
    assert "gETTING STARTED</target>" in again and "Primeiros passos" not in again
    assert '<target xml:lang="pt" state="final">Cancelar</target>' in again


def test_translate_no_is_inherited_from_groups():
    text = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'source-language="en" datatype="plaintext" original="x"><body>'
            '<group translate="no"><trans-unit id="a"><source>Brand name</source></trans-unit>'
            '<trans-unit id="b" translate="yes"><source>Open it</source></trans-unit></group>'
            "</body></file></xliff>")
    assert [s.text for s in xliff.read(text).segments] == ["Open it"]
    out = _translated(text, target="pt-BR")
    assert 'source-language="en" datatype="plaintext" original="x" target-language="pt-BR">' in out


def test_target_language_is_set_when_empty_or_another_language():
    text = OKAPI.replace('target-language="pt"', 'target-language=""')
    assert 'target-language="pt"' in _translated(text)
    assert 'target-language="pt"' in _translated(OKAPI.replace('"pt"', '"de"', 1))
    assert 'target-language="pt-BR"' in _translated(OKAPI.replace('"pt"', '"pt-BR"', 1))


def test_prefixed_elements_and_latin1_declaration():
    text = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<x:xliff version="1.2" '
            'xmlns:x="urn:oasis:names:tc:xliff:document:1.2"><x:file source-language="en" '
            'datatype="plaintext" original="a"><x:body><x:trans-unit id="1">\n  <x:source>Good'
            "</x:source>\n</x:trans-unit></x:body></x:file></x:xliff>")
    out = _translated(text, fn=lambda t: t.replace("Good", "Bom é"))
    assert "<x:source>Good</x:source>\n  <x:target state=" in out
    assert ">Bom &#xE9;</x:target>" in out  # the declared encoding cannot hold é


# --- inline tags ----------------------------------------------------------------------------


def _one(text: str) -> tuple:
    doc = xliff.read(text, "t.xlf")
    return doc, doc.segments[0]


def _unit(source: str, version: str = "1.2") -> str:
    if version == "2":
        return ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                f'srcLang="en"><file id="f"><unit id="u"><segment><source>{source}</source>'
                "</segment></unit></file></xliff>")
    return ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'source-language="en" datatype="plaintext" original="a"><body><trans-unit id="1">'
            f"<source>{source}</source></trans-unit></body></file></xliff>")


@pytest.mark.parametrize(("source", "version"), [
    ('Press <g id="1">Enter</g> now', "1.2"),
    ('Press <bx id="1" rid="r"/>Enter<ex id="2" rid="r"/> now', "1.2"),
    ('Press <pc id="1">Enter</pc> now', "2"),
    ('Press <sc id="1"/>Enter<ec startRef="1"/> now', "2"),
    ('Press <sm id="m" type="term"/>Enter<em startRef="m"/> now', "2"),
])
def test_swapped_or_lost_tags_keep_the_unit_in_the_source_language(source, version):
    text = _unit(source, version)
    doc, seg = _one(text)
    a, b = chr(xliff.MARKER_BASE), chr(xliff.MARKER_BASE + 1)
    seg.translation = f"Prima {b}Enter{a} agora"
    doc.meta["target"] = "pt"
    assert xliff.write(doc) == text
    assert "out of order" in seg.notes[0]
    doc, seg = _one(text)
    seg.translation = f"Prima {a}Enter agora"
    assert xliff.write(doc) == text
    assert "lost or doubled" in seg.notes[0]


def test_pushed_together_pair_is_put_back_around_its_phrase():
    doc = xliff.read(_unit('Read the <pc id="0">privacy policy</pc> before you pay.', "2"))
    main, phrase = doc.segments
    assert phrase.text == "privacy policy" and phrase.context["phrase"]
    a, b = chr(xliff.MARKER_BASE), chr(xliff.MARKER_BASE + 1)
    main.translation = f"Leia a política de privacidade {a} {b} antes de pagar."
    phrase.translation = "Política de privacidade"
    out = xliff.write(doc)
    assert "<target>Leia a <pc id=\"0\">política de privacidade</pc> antes de pagar.</target>" \
        in out
    doc = xliff.read(_unit('Read the <pc id="0">privacy policy</pc> before you pay.', "2"))
    doc.segments[0].translation = f"Leia {a} {b} antes de pagar."
    doc.segments[1].translation = "Política de privacidade"
    assert "<target>" not in xliff.write(doc)
    assert "moved out" in doc.segments[0].notes[0]


def test_protected_mrk_and_ph_content_is_one_token():
    _, seg = _one(_unit('Use <mrk mtype="protected">ACME Writer</mrk> and <ph id="1">%s'
                        "</ph> here"))
    assert "ACME" not in "".join(ch for ch in seg.text if ord(ch) < xliff.MARKER_BASE)
    assert len(seg.protected) == 2


# --- hostile and broken input ---------------------------------------------------------------

_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 '
           '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<xliff version="1.2"><file>&lol2;'
           "</file></xliff>")
_EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
             '<xliff version="1.2">&e;</xliff>')


@pytest.mark.parametrize(("text", "line", "message"), [
    (_LAUGHS, 2, "DOCTYPE refused"),
    (_EXTERNAL, 2, "DOCTYPE refused"),
    ('<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n<xliff/>', 2, "DOCTYPE"),
    ('<xliff version="1.2">\n<file>\n<body></file></xliff>', 3, "malformed XLIFF: mismatched tag"),
    ('<xliff version="1.2">\n<x>&nbsp;</x></xliff>', 2, "undefined entity"),
    ('<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n</xliff>', 1,
     "unknown XLIFF version (version '3.0'"),
    ("\n<xliff>\n</xliff>", 2, "unknown XLIFF version (no version attribute"),
    ('<?xml version="1.0"?>\n<html version="1.2"/>', 2, "not an XLIFF file"),
    ("", 1, "malformed XLIFF: no element found"),
])
def test_broken_and_hostile_files_name_file_and_line(text, line, message):
    with raises_at(FormatError, "bad.xlf", line, message):
        xliff.read(text, "bad.xlf")


@pytest.mark.parametrize("text", [_LAUGHS, _EXTERNAL, "<xliff version='1.2'><file>",
                                  '<xliff version="9"/>'])
def test_cli_refuses_hostile_input_and_writes_nothing(cli, tmp_path, text):
    src = tmp_path / "in.xlf"
    src.write_text(text, encoding="utf-8")
    result = cli(["translate", src, "--to", "pt", "--no-tm"])
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and f"{src}:" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlf"]


# --- review ---------------------------------------------------------------------------------


def test_units_pair_source_and_target_for_review():
    doc = xliff.read(_translated(OKAPI), "out.xlf")
    units = {u.id: u for u in xliff.units(doc)}
    assert "tu4" not in units  # translate="no"
    assert units["tu5"].state == "approved" and units["tu5"].target == "Cancelar"
    assert units["tu1"].state == "mt" and units["tu1"].target == "gETTING STARTED"
    assert units["tu3"].source.startswith('Click <bpt id="1">&lt;a href=')
    assert units["tu3"].notes == ["Link text: keep it short."]
    assert units["tu1"].target_lang == "pt"


def test_review_reads_an_xliff_file_on_its_own(cli, tmp_path):
    path = tmp_path / "out.xlf"
    path.write_text(_translated(ANGULAR), encoding="utf-8")
    result = cli(["review", path, "--json", "--no-tm", "--from", "en"])
    assert result.code in (0, 1) and not result.err  # 1: QA errors in the fake translation
    assert '"target": "hELLO, WELCOME TO THE SHOP!"' in result.out
    assert '"fuzzy": true' in result.out


# --- independent readers --------------------------------------------------------------------


def _tt_units(path):
    store = tt_xliff.xlifffile.parsefile(str(path))
    return [(u.getid().split("\x04")[-1], u.source, u.target) for u in store.units]


def test_translate_toolkit_reads_back_the_same_units(tmp_path):
    src, out = tmp_path / "in.xlf", tmp_path / "out.xlf"
    src.write_text(OKAPI, encoding="utf-8")
    out.write_text(_translated(OKAPI), encoding="utf-8")
    before, after = _tt_units(src), _tt_units(out)
    assert [(i, s) for i, s, _ in before] == [(i, s) for i, s, _ in after]
    assert all(t for _, _, t in after[:3]) and after[1][2].startswith("oPEN THE fILE")
    store2 = tt_xliff2.Xliff2File.parsestring(_translated(ANGULAR).encode("utf-8"))
    assert [u.getid() for u in store2.units] == [u.getid() for u in
                                                 tt_xliff2.Xliff2File.parsestring(
                                                     ANGULAR.encode("utf-8")).units]
    assert [u.target for u in store2.units][:3] == ["hELLO, WELCOME TO THE SHOP!",
                                                    "yOUR ORDER WAS UPDATED MINUTES AGO.",
                                                    "rEAD THE PRIVACY POLICY BEFORE YOU PAY."]


# --- schemas --------------------------------------------------------------------------------


def _schemas():
    """The OASIS XLIFF 1.2 transitional and 2.0 core XSDs, kept in tests/data/xsd (no PyPI
    or Debian package ships them, and tests may not download them); $GLOSSA_XLIFF_XSD
    points at another folder holding the same files."""
    import os
    from pathlib import Path

    folder = os.environ.get("GLOSSA_XLIFF_XSD", str(Path(__file__).parent / "data" / "xsd"))
    if not folder or not (Path(folder) / "xliff_core_2.0.xsd").exists():
        pytest.skip("XLIFF XSDs not available: set GLOSSA_XLIFF_XSD to a folder holding them")
    from lxml import etree

    return (etree.XMLSchema(etree.parse(str(Path(folder) / "xliff-core-1.2-transitional.xsd"))),
            etree.XMLSchema(etree.parse(str(Path(folder) / "xliff_core_2.0.xsd"))))


@pytest.mark.parametrize("fuzzy", [True, False])
def test_output_still_validates_against_the_xliff_schemas(fuzzy):
    from lxml import etree

    s12, s20 = _schemas()
    for text, schema in ((OKAPI, s12), (ANGULAR, s20)):
        assert schema.validate(etree.fromstring(text.encode()))
        out = _translated(text, fuzzy=fuzzy)
        assert schema.validate(etree.fromstring(out.encode())), schema.error_log.last_error


def test_a_failed_2x_segment_keeps_only_itself():
    text = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
            '<file id="f"><unit id="u"><segment id="1"><source>Press <pc id="1">Enter</pc>.'
            '</source></segment><segment id="2"><source>Then wait.</source></segment></unit>'
            "</file></xliff>")
    doc = xliff.read(text)
    first, second = doc.segments
    first.translation = f"Prima {chr(xliff.MARKER_BASE + 1)}Enter{MARK}."
    second.translation = "Depois espere."
    doc.meta["target"] = "pt"
    out = xliff.write(doc)
    assert out.count("<target>") == 1 and "<target>Depois espere.</target>" in out
    assert first.notes and not second.notes


def test_needs_translation_targets_are_filled_like_empty_ones():
    text = OKAPI.replace('<target xml:lang="pt"></target>',
                         '<target xml:lang="pt" state="needs-translation">Getting started'
                         "</target>")
    assert ('<target xml:lang="pt" state="needs-review-translation" state-qualifier='
            '"mt-suggestion">gETTING STARTED</target>') in _translated(text)
    unit = next(u for u in xliff.units(xliff.read(text)) if u.id == "tu1")
    assert unit.state == "untranslated"


# --- bytes and encodings --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be",
                                      "iso-8859-1"])
def test_bytes_in_the_declared_encoding_come_back_in_it(encoding):
    declared = {"utf-8-sig": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}.get(
        encoding, encoding.upper())
    text = OKAPI.replace('encoding="UTF-8"', f'encoding="{declared}"').replace("—", "é")
    bom = "\ufeff" if encoding.startswith("utf-16") else ""
    data = (bom + text).encode(encoding)
    doc = xliff.read(data, "in.xlf")
    assert xliff.write(doc) == data
    out = xliff.write(fake_translate(doc, lambda t: t.replace("Getting", "Começar ✓")))
    assert isinstance(out, bytes) and out.startswith(data[:2])
    back = out.decode(encoding)
    assert "Começar ✓ started" in back or "Começar &#10003; started" in back
    assert xliff.write(xliff.read(out, "out.xlf")) == out  # readable, in the same encoding


def test_undecodable_bytes_and_deep_nesting_are_one_line_errors():
    from glossa.errors import InputError

    with pytest.raises(InputError, match=r"^in.xlf:2: not valid utf-8"):
        xliff.read(b'<xliff version="1.2">\n\xff</xliff>', "in.xlf")
    deep = '<xliff version="1.2"><file><body><trans-unit id="1"><source>' + "<g>" * 5000
    with raises_at(FormatError, "in.xlf", 1, "nested more than"):
        xliff.read(deep, "in.xlf")


def test_one_long_line_like_trados_writes_is_read(cli, tmp_path):
    # past the 1,000,000-character line limit of text readers, with as few units as that takes
    units = "".join(f'<trans-unit id="{i}"><source>Open shared file number {i} of the team.'
                    '</source></trans-unit>' for i in range(12_000))
    src = tmp_path / "big.sdlxliff"
    src.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                   f'source-language="en" datatype="x" original="a"><body>{units}</body></file>'
                   "</xliff>", encoding="utf-8")
    assert len(src.read_text("utf-8")) > 1_000_000
    from glossa.api import read_document

    assert len(read_document(src).segments) == 12_000
