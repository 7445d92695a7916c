"""DOCX and ODT: real LibreOffice documents translated from the CLI with the bundled
Bergamot en->pt model, checked with python-docx, odfpy, zipfile and LibreOffice itself."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossa.api import read_document, write_document
from glossa.document import SoftSpan
from glossa.formats import _office, docx, odt

DATA = Path(__file__).parent / "data" / "formats" / "office"
SOURCES = {"docx": DATA / "rich.docx", "odt": DATA / "rich.odt"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _raw_members(data: bytes) -> dict[str, bytes]:
    """Each member's local header + compressed bytes, as zipfile locates them."""
    out = {}
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        nlen, elen = struct.unpack("<2H", data[info.header_offset + 26:info.header_offset + 30])
        start = info.header_offset + 30 + nlen + elen
        out[info.filename] = data[info.header_offset:start + info.compress_size]
    return out


def _visible(doc) -> list[str]:
    return [_office.visible(s.text) for s in doc.segments]


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    """Both documents translated once from the CLI: {kind: (output path, exit, stderr)}."""
    from glossa.cli import main

    out = tmp_path_factory.mktemp("office")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GLOSSA_DATA_DIR", str(out / "state"))
        mp.setenv("GLOSSA_CONFIG", str(out / "config.toml"))
        results = {}
        for kind, src in SOURCES.items():
            dest = out / f"translated-{kind}.{kind}"
            capture = io.StringIO()
            mp.setattr("sys.stderr", capture)
            code = main(["translate", str(src), "--from", "en", "--to", "pt", "--engine",
                         "bergamot", "--no-tm", "-o", str(dest)])
            results[kind] = (dest, code, capture.getvalue())
    return results


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_read_write_without_translation_is_byte_identical(kind):
    data = SOURCES[kind].read_bytes()
    doc = read_document(SOURCES[kind])
    assert (docx if kind == "docx" else odt).write(doc) == data


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_reads_every_kind_of_text(kind):
    texts = _visible(read_document(SOURCES[kind]))
    for expected in ("Rich text and beautiful formatting",  # title property
                     "Rich is a Python library for rich text and beautiful formatting in the "
                     "terminal.",  # bold word inside
                     "Rich works with Linux, macOS and Windows.",  # header
                     "Page  of the manual",  # footer around a page-number field
                     "Rich requires Python 3.8 or later.",  # footnote
                     "Check the installation section.",  # comment
                     "Trees",  # table cell
                     "Rich can render content in neat columns."):  # text box
        assert expected in texts, (expected, texts)


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_cli_translates_and_keeps_untouched_members(kind, translated):
    dest, code, err = translated[kind]
    assert code == 0, err
    assert re.search(r"(\d+)/\1 segments translated", err), err
    before, after = _raw_members(SOURCES[kind].read_bytes()), _raw_members(dest.read_bytes())
    assert list(before) == list(after)
    changed = {name for name in before if before[name] != after[name]}
    text_parts = {"docx": {"word/document.xml", "word/header1.xml", "word/footer1.xml",
                           "word/footnotes.xml", "word/comments.xml", "docProps/core.xml"},
                  "odt": {"content.xml", "styles.xml", "meta.xml"}}[kind]
    assert changed and changed <= text_parts
    infos = {i.filename: i for i in zipfile.ZipFile(SOURCES[kind]).infolist()}
    for info in zipfile.ZipFile(dest).infolist():
        assert (info.date_time, info.external_attr, info.compress_type) == (
            infos[info.filename].date_time, infos[info.filename].external_attr,
            infos[info.filename].compress_type)
    out = read_document(dest)
    joined = " ".join(_visible(out))
    assert "biblioteca" in joined and "library" not in joined
    assert "Python" in joined  # names survive


def test_odt_mimetype_stays_first_and_stored(translated):
    first = zipfile.ZipFile(translated["odt"][0]).infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_bold_and_link_stay_on_their_translation_in_docx(translated):
    import docx as python_docx

    document = python_docx.Document(str(translated["docx"][0]))
    paragraphs = {p.text: p for p in document.paragraphs}
    bold = next(p for text, p in paragraphs.items() if text.startswith("Rich é"))
    runs = [(r.text, bool(r.bold)) for r in bold.runs if r.text]
    assert [b for _, b in runs] == [False, True, False], runs
    assert runs[1][0].strip() and runs[1][0] != "rich"  # the translated word is bold
    link = next(p for text, p in paragraphs.items() if "API" in text)
    assert [h.url for h in link.hyperlinks] == ["https://rich.readthedocs.io/en/latest/"]
    assert link.hyperlinks[0].text == "Rich API"
    xml = zipfile.ZipFile(translated["docx"][0]).read("word/document.xml").decode()
    assert '<w:footnoteReference w:id="2"/>' in xml and 'w:name="install"' in xml


def test_spans_stay_on_their_translation_in_odt(translated):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(str(translated["odt"][0]))
    spans = {s.getAttribute("stylename"): teletype.extractText(s)
             for s in document.getElementsByType(text.Span)}
    assert spans["T1"].strip() and spans["T1"] != "rich"
    if "merged" not in translated["odt"][2]:  # the model may drop a boundary: reported
        assert spans["T2"].strip() and spans["T2"] != "pretty printed"
    links = document.getElementsByType(text.A)
    assert [a.getAttribute("href") for a in links] == ["https://rich.readthedocs.io/en/latest/"]
    body = [teletype.extractText(p) for kind in (text.H, text.P)
            for p in document.getElementsByType(kind)]
    ours = [_office.visible(s.text) for s in read_document(translated["odt"][0]).segments
            if s.context["part"] == "content.xml"]
    assert any("biblioteca" in b for b in body)
    # odfpy's paragraph text includes nested notes and comments: ours is inside it
    assert all(any(mine in b for b in body) for mine in ours), (body, ours)


def test_libreoffice_reads_the_translations(translated, tmp_path):
    """LibreOffice's own text export of both outputs (one soffice run) shows the body
    paragraphs glossa reads from the output (text boxes, notes and comments apart)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    files = [translated[k][0] for k in ("docx", "odt")]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path),
                    *map(str, files)], check=True, capture_output=True, timeout=180)
    for path, main_part in zip(files, ("word/document.xml", "content.xml"), strict=True):
        exported = (tmp_path / f"{path.stem}.txt").read_text(encoding="utf-8-sig")
        lines = [re.sub(r"(?<=[.!?])\d+$", "", line.strip()) for line in exported.splitlines()]
        lines = [line for line in lines if line]
        doc = read_document(path)
        ours = [_office.visible(s.text) for s in doc.segments
                if s.context["part"] == main_part and not s.context["nested"]]
        assert lines == ours
        assert "Compatibilidade" in lines


def _translated_copy(kind: str, change):
    doc = read_document(SOURCES[kind])
    for segment in doc.segments:
        change(segment)
    doc.meta["target"] = "pt"
    return doc


def test_lost_formatting_boundary_merges_into_first_run(tmp_path):
    def lose_markers(segment):
        if "rich text" in _office.visible(segment.text):
            segment.translation = _office.visible(segment.text).replace("library", "LIBRARY")

    doc = _translated_copy("docx", lose_markers)
    from glossa.pipeline import TranslateReport

    report = TranslateReport()
    write_document(doc, tmp_path / "out.docx", report)
    assert [p.kind for p in report.problems] == ["merged"]
    assert report.exit_code == 0
    import docx as python_docx

    paragraph = next(p for p in python_docx.Document(str(tmp_path / "out.docx")).paragraphs
                     if "LIBRARY" in p.text)
    texts = [r.text for r in paragraph.runs]
    assert texts[0] == paragraph.text and not any(texts[1:])  # all in the first (plain) run


def test_objects_out_of_order_keep_the_source(tmp_path):
    def swap(segment):
        if "\U000f0000" in segment.text and "Page" in segment.text:  # footer: a field inside
            segment.translation = segment.text.replace("\U000f0000", "") + "\U000f0005"

    doc = _translated_copy("odt", swap)
    from glossa.pipeline import TranslateReport

    report = TranslateReport()
    write_document(doc, tmp_path / "out.odt", report)
    assert [p.kind for p in report.problems] == ["kept"]
    assert zipfile.ZipFile(tmp_path / "out.odt").read("styles.xml") == \
        zipfile.ZipFile(SOURCES["odt"]).read("styles.xml")


def test_odt_writes_spaces_the_odf_way():
    encode = odt._encoder("text")
    slot = _office.Slot(0, 0, "")
    assert encode(slot, " a  b\tc ")[0][2] == \
        '<text:s/>a <text:s/>b<text:tab/>c<text:s/>'
    assert encode(slot, "x < y & z")[0][2] == "x &lt; y &amp; z"


def test_soft_span_lost_by_the_engine_is_not_fatal():
    from glossa.shield import prepare

    text = "A bold\U000f0000 word"
    first = prepare(text, "en", "pt", [SoftSpan(6, 7)])
    assert first.restore("Uma palavra").lost  # the first try asks for the fallback
    second = first.fallback()
    restored = second.restore("Uma palavra")
    assert restored.lost == [] and restored.text == "Uma palavra"


# --- bad input ------------------------------------------------------------------------------


def _zip(members: dict[str, bytes], **kwargs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data, **kwargs)
    return buffer.getvalue()


def _docx_with(document: bytes) -> bytes:
    members = {n: zipfile.ZipFile(SOURCES["docx"]).read(n)
               for n in zipfile.ZipFile(SOURCES["docx"]).namelist()}
    members["word/document.xml"] = document
    return _zip(members)


BOMB = b"<w:document>" + b" " * (60 << 20) + b"</w:document>"
BAD_INPUTS = {
    "not-a-zip.docx": (b"Hello, this is plain text.\n", "not a zip-based office document"),
    "ole.docx": (_office.OLE_MAGIC + b"\0" * 600, "encrypted"),
    "no-document.docx": (_zip({"[Content_Types].xml": b"<Types/>"}), "no main document"),
    "bomb.docx": (_docx_with(BOMB), "zip bomb"),
    "dtd.docx": (_docx_with(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
                 "DTD"),
    "broken.docx": (_docx_with(b"<w:document><w:body></w:document>"), "broken XML"),
    "path.docx": (_zip({"../evil.xml": b"x", "[Content_Types].xml": b"<Types/>"}),
                  "unsafe member name"),
    "spreadsheet.odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                              "content.xml": b"<x/>"}), "not an OpenDocument text"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_nothing_written(name, tmp_path, cli):
    data, message = BAD_INPUTS[name]
    src = tmp_path / name
    src.write_bytes(data)
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 2, result.err
    assert message in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_encrypted_zip_member_is_refused():
    data = bytearray(SOURCES["docx"].read_bytes())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 8] |= 1  # the encryption flag of the last member's central record
    with pytest.raises(Exception, match="encrypted"):
        docx.read(bytes(data), "locked.docx")


def test_words_dropped_between_boundaries_trigger_the_plain_fallback():
    """The tiny pt<->en models drop a rare word between two tokens ("Used by XT0X gnats
    XT1X" -> "Usado por XT0X XT1X"): that counts as lost, and the fallback translates
    the sentence without the boundaries (the format then merges the runs)."""
    from glossa.shield import prepare

    text = "Used by \U000f0000gnats\U000f0001."
    first = prepare(text, "en", "pt", [SoftSpan(8, 9), SoftSpan(14, 15)])
    assert first.masked == "Used by XT0X gnats XT1X."
    assert first.restore("Usado por XT0X XT1X.").lost
    second = first.fallback()
    assert second.masked == "Used by gnats."
    restored = second.restore("Usado por gnats.")
    assert restored.lost == [] and restored.text == "Usado por gnats."


def test_review_takes_a_docx_pair_paragraph_by_paragraph(translated, cli):
    import json

    dest = translated["docx"][0]
    result = cli(["review", SOURCES["docx"], dest, "--from", "en", "--to", "pt", "--json"])
    assert result.code in (0, 1), result.err
    segments = json.loads(result.out)["segments"]
    source = read_document(SOURCES["docx"])
    assert [s["source"] for s in segments] == _visible(source)
    assert [s["target"] for s in segments] == _visible(read_document(dest))


# --- generated documents (python-docx and odfpy as independent writers and readers) -------

_WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                               exclude_characters="\u3000\u1680"), min_size=1, max_size=12)


def _swap(segment) -> None:
    """A stand-in translation that touches every letter and keeps the markers."""
    segment.translation = segment.text.swapcase() + " ñ"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=6))
def test_generated_docx_round_trips_and_keeps_runs(runs):
    import docx as python_docx

    document = python_docx.Document()
    paragraph = document.add_paragraph()
    for words, bold in runs:
        paragraph.add_run(words).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    doc = docx.read(data, "generated.docx")
    assert docx.write(doc) == data
    for segment in doc.segments:
        _swap(segment)
    doc.meta["target"] = "pt"
    out = python_docx.Document(io.BytesIO(docx.write(doc))).paragraphs[0]
    expected = "".join(w for w, _ in runs)
    if not expected.strip():
        return
    assert out.text == expected.swapcase() + " ñ"
    # every bold character of the source is bold in the output, and no other
    source_bold = "".join(("B" if b else "-") * len(w.swapcase()) for w, b in runs)
    output_bold = "".join(("B" if r.bold else "-") * len(r.text) for r in out.runs)
    assert output_bold[:len(source_bold)] == source_bold


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=5))
def test_generated_odt_round_trips_and_keeps_spans(runs):
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import OpenDocumentText, load
    from odf.style import Style, TextProperties

    document = OpenDocumentText()
    bold = Style(name="B", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    paragraph = odf_text.P()
    for words, is_bold in runs:
        if is_bold:
            span = odf_text.Span(stylename=bold)
            teletype.addTextToElement(span, words)
            paragraph.addElement(span)
        else:
            teletype.addTextToElement(paragraph, words)
    document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    data = buffer.getvalue()
    doc = odt.read(data, "generated.odt")
    assert odt.write(doc) == data
    for segment in doc.segments:
        _swap(segment)
    doc.meta["target"] = "pt"
    out = load(io.BytesIO(odt.write(doc)))
    text = teletype.extractText(out.getElementsByType(odf_text.P)[0])
    expected = re.sub(r" +", " ", "".join(w for w, _ in runs))
    if expected.strip():
        assert re.sub(r" +", " ", text) == re.sub(r" +", " ", expected.swapcase() + " ñ")


TRACKED = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p>"
    b"<w:r><w:t xml:space=\"preserve\">The report </w:t></w:r>"
    b'<w:ins w:id="1" w:author="A"><w:r><w:t>was approved</w:t></w:r></w:ins>'
    b'<w:del w:id="2" w:author="A"><w:r><w:delText>is pending</w:delText></w:r></w:del>'
    b"<w:r><w:t xml:space=\"preserve\"> on </w:t></w:r>"
    b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
    b'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Monday</w:t></w:r>'
    b'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    b'<w:bookmarkStart w:id="0" w:name="here"/><w:r><w:t xml:space="preserve"> by the board'
    b'</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:tab/><w:t>&amp; its chair.</w:t></w:r>'
    b"</w:p></w:body></w:document>"
)


def test_tracked_changes_fields_and_bookmarks_stay_intact():
    doc = docx.read(_docx_with(TRACKED), "tracked.docx")
    body = [s for s in doc.segments if s.context["part"] == "word/document.xml"]
    assert [_office.visible(s.text) for s in body] == [
        "The report was approved on  by the board& its chair."]
    segment = body[0]
    kinds = [type(p).__name__ for p in segment.protected]
    assert kinds == ["SoftSpan", "Span", "Span", "Span"]  # ins | del+field | bookmark | tab
    segment.translation = segment.text.upper()
    out = zipfile.ZipFile(io.BytesIO(docx.write(doc))).read("word/document.xml").decode()
    for kept in ('<w:delText>is pending</w:delText>', "<w:instrText> DATE </w:instrText>",
                 "<w:t>Monday</w:t>", '<w:bookmarkStart w:id="0" w:name="here"/>',
                 "<w:tab/><w:t>&amp; ITS CHAIR.</w:t>"):
        assert kept in out
    assert '<w:ins w:id="1" w:author="A"><w:r><w:t>WAS APPROVED</w:t></w:r></w:ins>' in out
    assert out.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
