"""HTML format: what is translated, what never is, byte-exact write-back, the markup
checks after restore, hostile input, and real pages (Debian's libffi manual) through the
CLI with the bundled Bergamot model, checked in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formats_helpers import fake_translate, tr
from glossa.document import Document
from glossa.formats import format_for
from glossa.formats import html as fmt

DATA = Path(__file__).parent / "data" / "formats" / "html"
PAGES = sorted(DATA.glob("*.html"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_TRANSLATABLE_ATTRS = {"alt", "title", "placeholder", "aria-label", "value", "content", "lang"}


def texts(source: str) -> list[str]:
    return [s.text for s in fmt.read(source).segments]


def translated(source: str, fn=tr, target: str = "pt") -> str:
    return fmt.write(fake_translate(fmt.read(source), fn, target))


def skeleton(text: str) -> list[tuple[str, str, str]]:
    """Every tag and comment of a page, with the attributes glossa may translate left out."""
    out = []
    for token in fmt._tokenize(text, 1 if text.startswith("\ufeff") else 0, None):
        raw = text[token.start:token.end]
        if token.kind == "start":
            kept = [(a.name, a.value) for a in token.attrs if a.name not in _TRANSLATABLE_ATTRS]
            out.append(("start", token.name, repr(kept)))
        elif token.kind in ("end", "markup"):
            out.append((token.kind, token.name, raw))
    return out


# --- what is translated ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "expected"), [
    ("<p>Hello <b>bold</b> world.</p>", ["Hello <b>bold</b> world."]),
    ("<ul><li>One</li><li>Two <em>too</em></li></ul>", ["One", "Two <em>too</em>"]),
    ("<h2>Title</h2><div>Direct text<p>Para</p></div>", ["Title", "Direct text", "Para"]),
    ("<table><tr><th>Name<td>Value</table>", ["Name", "Value"]),
    ("<dl><dt>Term<dd>Meaning</dl>", ["Term", "Meaning"]),
    ("<select><option>Red<option>Green</select>", ["Red", "Green"]),
    ("<button>Save</button> <label>Name</label>", ["Save", "Name"]),
    ("<head><title>Page &amp; more</title></head>", ["Page & more"]),
    ("<figure><figcaption>A cat</figcaption></figure>", ["A cat"]),
    ("<p><code>libffi</code> can be used.</p>", ["<code>libffi</code> can be used."]),
    ("<p>Line one<br>line two</p>", ["Line one<br>line two"]),
    ("<nav><a href=/>Home</a> | <a href=/a>About us</a></nav>", ["Home", "About us"]),
    ("<p>Next: <a href=n.html>Types</a>, Up: <a href=u.html>Basics</a></p>",
     ["Next:", "Types", "Up:", "Basics"]),
    ("<li><a href=x>closures</a>:</li>", ["closures"]),
    ("<p><span id=a></span>Text<a class=anchor href=#a>¶</a></p>", ["Text"]),
    ("<p>Caf&eacute; &lt;b&gt; at&nbsp;noon</p>", ["Café <b> at\xa0noon"]),
])
def test_what_is_translated(source, expected):
    assert texts(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ('<img src="a.png" alt="A red door">', ["A red door"]),
    ('<abbr title="World Health Organization">WHO</abbr>', ["World Health Organization"]),
    ('<input type="text" placeholder="Your name">', ["Your name"]),
    ('<input type="submit" value="Send now"><input type="text" value="typed">', ["Send now"]),
    ('<button aria-label="Close the window">x</button>', ["Close the window"]),
    ('<meta name="description" content="A page about rain">', ["A page about rain"]),
    ('<meta property="og:title" content="Rain again">', ["Rain again"]),
    ('<meta name="viewport" content="width=device-width">', []),
    ('<link rel="next" href="b.html" title="Next page">', []),
    ('<img alt="https://example.org/a.png">', []),
])
def test_visible_attributes_are_segments(source, expected):
    doc = fmt.read(source)
    assert [s.text for s in doc.segments if "attribute" in s.context] == expected


@pytest.mark.parametrize("source", [
    "<script>var greeting = 'Hello there';</script>",
    "<style>p::after { content: 'Read more'; }</style>",
    "<pre>Keep this text</pre>",
    "<p><kbd>Ctrl</kbd><samp>Output here</samp><var>name</var></p>",
    "<template><p>Later text</p></template>",
    "<svg><text>Label text</text></svg><math><mi>x</mi></math>",
    '<div translate="no"><p>Brand Name Words</p></div>',
    '<p class="note notranslate">Do not touch</p>',
    "<textarea>Default input</textarea>",
    "<!-- a comment with words -->",
])
def test_never_translated(source):
    assert texts(source) == []


def test_translate_yes_inside_no_and_shielded_inline_elements():
    source = ('<div translate="no">Brand <p translate="yes">Words to translate</p></div>'
              '<p>Call <span class="notranslate">Acme Cloud</span> today.</p>')
    doc = fmt.read(source)
    assert [s.text for s in doc.segments] == [
        "Words to translate", 'Call <span class="notranslate">Acme Cloud</span> today.']
    last = doc.segments[-1]
    assert [last.text[p.start:p.end] for p in last.protected] == [
        '<span class="notranslate">Acme Cloud</span>']


def test_protected_spans_cover_tags_urls_and_templates():
    doc = fmt.read('<p>See <a href="/x">the guide</a> at https://example.org/a?b=1 '
                   "or {{ link }}, or write to Ann &lt;ann.b@debian.org&gt;.</p>")
    segment = doc.segments[0]
    assert [segment.text[p.start:p.end] for p in segment.protected] == [
        '<a href="/x">', "</a>", "https://example.org/a?b=1", "{{ link }}",
        "<ann.b@debian.org>"]  # touching spans are one token


def test_segments_carry_their_file_line():
    doc = fmt.read("<html>\n<body>\n<p>First</p>\n\n<p>Second\nline</p>\n"
                   '<img alt="Picture">\n</body></html>')
    assert [(s.text, s.context["line"]) for s in doc.segments] == [
        ("First", 3), ("Second line", 5), ("Picture", 7)]


# --- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_real_pages_round_trip_byte_for_byte(page):
    text = page.read_text(encoding="utf-8")
    assert fmt.write(fmt.read(text, str(page))) == text


_PIECES = ["<p>", "</p>", "<b>", "</b>", "<a href='x?a=1&amp;b'>", "</a>", "word", "Olá", " ",
           "\n", "\r\n", "&amp;", "&lt;", "&nbsp;", "&copy", "&#233;", "<br>", "<br/>",
           "<img alt=Logo src=x.png>", "<code>", "</code>", "<pre>", "</pre>", "<!-- c -->",
           "<script>", "</script>", "<div translate=no>", "</div>", "<div>", "<li>", "<ul>",
           "<title>", "</title>", "<html>", "<html lang=en>", "<body lang='en'>",
           "<span class=notranslate>", "</span>", "<em>", "</em>", "<", "&", ">",
           '<input type=submit value="Go now">', "<meta name=description content='A page'>",
           "<![CDATA[x]]>", "<?xml version='1.0'?>", "</>", "<!DOCTYPE html>", "<b", "\ufeff",
           ".", "Hello world. ", "<svg><text>x</text></svg>", "<td>", "<tr>", "<option>",
           "<button>", "</button>", "http://x.org/a", "{{ name }}", '<p title="A &quot;b&quot;">',
           "♪", "<![if !IE]>", "<!", "</p", "<a\nhref=x>"]
htmlish = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(htmlish)
def test_round_trips_any_markup(text):
    assert fmt.write(fmt.read(text)) == text


@settings(max_examples=300, deadline=None)
@given(htmlish)
def test_fake_translation_keeps_every_tag(text):
    out = translated(text)
    assert skeleton(out) == skeleton(text)
    assert fmt.write(fmt.read(out)) == out


def test_markup_outside_text_is_byte_identical():
    source = ("<!DOCTYPE html>\n<html>\n<head><!-- keep -->\n"
              "<style>p { color: red }</style></head>\n<body>\n"
              "<p class='intro'  id=x>Hello <b>dear</b> reader.</p>\n"
              "<pre>  code &amp; more\n</pre>\n</body>\n</html>\n")
    out = translated(source)
    assert out == source.replace("<html>", '<html lang="pt">').replace(
        "Hello <b>dear</b> reader.", "hELLO <b>DEAR</b> READER.")


def test_lang_is_set_keeping_the_quoting_and_only_when_something_changed():
    assert translated("<html lang='en'><body lang=en><p>Hi</p>") == \
        "<html lang='pt'><body lang=pt><p>hI</p>"
    assert translated("<html class='x'><p>Hi</p>").startswith("<html lang='pt' class='x'>")
    assert translated('<html xml:lang="en" lang="en"><p>Hi</p>').startswith(
        '<html xml:lang="pt" lang="pt">')
    untouched = "<html lang=en><p>Hi</p>"
    assert fmt.write(fmt.read(untouched)) == untouched


def test_text_is_escaped_and_entities_come_back_as_written():
    out = translated("<p>Caf&eacute; &amp; bar &lt;tag&gt; at&nbsp;noon&#33;</p>",
                     lambda s: s.replace("Caf", "Um caf").replace("bar", "< bar >"))
    assert out == "<p>Um caf&eacute; &amp; &lt; bar &gt; &lt;tag&gt; at&nbsp;noon&#33;</p>"


def test_attribute_translations_are_escaped_for_their_quotes():
    out = translated("<img alt=Logo><img alt='Tom'><img alt=\"Ann\">",
                     lambda s: {"Logo": 'A "big" logo', "Tom": "Tom's", "Ann": 'A "x"'}[s])
    assert out == "<img alt=\"A &quot;big&quot; logo\"><img alt='Tom&#39;s'>" \
                  "<img alt=\"A &quot;x&quot;\">"


def test_attribute_inside_a_translated_block_is_written_too():
    out = translated('<p>Press <img src=i.png alt="the icon"> to <b>start</b>.</p>')
    assert out == '<p>pRESS <img src=i.png alt="THE ICON"> TO <b>START</b>.</p>'


def test_non_utf8_charset_gets_numeric_references():
    source = '<meta charset="iso-8859-1"><p>Door</p>'
    assert translated(source, lambda s: "Porta açaí") == \
        '<meta charset="iso-8859-1"><p>Porta a&#231;a&#237;</p>'


def test_multi_line_paragraph_keeps_its_line_count():
    source = "<p>One two three four\nfive six seven eight\n  nine ten eleven.</p>"
    out = translated(source)
    assert out.count("\n") == 2 and "\n  " in out
    assert re.sub(r"\s+", " ", out) == re.sub(r"\s+", " ", source).swapcase().replace(
        "<P>", "<p>").replace("</P>", "</p>")


def _set(doc: Document, translation: str) -> Document:
    doc.segments[0].translation = translation
    doc.meta["target"] = "pt"
    return doc


def test_tags_out_of_order_keep_the_block_in_the_source_language():
    source = "<p>The <b>red</b> and <i>blue</i> car.</p>"
    doc = _set(fmt.read(source), "O carro <i>azul</i> e <b>vermelho</b>.")
    assert fmt.write(doc) == source
    assert "did not come back in its order" in doc.segments[0].notes[0]


def test_element_that_came_back_empty_keeps_the_block():
    source = "<p>Read <a href=x>the guide</a> first.</p>"
    doc = _set(fmt.read(source), "Leia o guia <a href=x></a> primeiro.")
    assert fmt.write(doc) == source
    assert doc.segments[0].notes == ["kept in the source language: the <a> element came back "
                                     "empty"]


def test_element_empty_in_the_source_may_stay_empty():
    source = "<p>Text<span id=a></span> more words here.</p>"
    doc = _set(fmt.read(source), "Texto<span id=a></span> mais palavras aqui.")
    assert fmt.write(doc) == "<p>Texto<span id=a></span> mais palavras aqui.</p>"


# --- detection and hostile input ------------------------------------------------------------


@pytest.mark.parametrize(("head", "expected"), [
    ("<!DOCTYPE html><html>", True), ("\ufeff<!doctype HTML>", True),
    ("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", True),
    ("<!-- note -->\n<html lang=en>", True), ("  <body>", True),
    ("# Title\n<b>x</b>", False), ("Hello <html>", False), ("<htmlx>", False),
])
def test_sniff(head, expected):
    assert fmt.sniff(head) is expected


def test_extensions_choose_html():
    assert [format_for(n) for n in ("a.html", "b.HTM", "c.xhtml")] == ["html"] * 3


@pytest.mark.parametrize("source", [
    "<div>" * 30_000 + "deep text",
    "<p>Hello <b>world<p>Second <i>para" * 500,
    "<p>unclosed <a href='x",
    "<![if !IE]><p>Old</p><![endif]>",
    "<p>a</p" * 100 + "<!-- never closed",
    "<" * 1000 + "&" * 1000,
])
def test_hostile_markup_is_handled(source):
    doc = fmt.read(source)
    assert fmt.write(doc) == source
    out = fmt.write(fake_translate(doc, tr))
    assert skeleton(out) == skeleton(source)


def test_cli_refuses_binary_with_one_line(tmp_path, cli):
    page = tmp_path / "x.html"
    page.write_bytes(b"<html>\x00\x01\x02" * 100)
    result = cli(["translate", page, "--from", "en", "--to", "pt"])
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and "binary" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "x.pt.html").exists()


# --- real pages, real engine ----------------------------------------------------------------


def _translate_cli(cli, tmp_path: Path, page: Path, *extra: str,
                   kept_ok: bool = False) -> tuple[Path, str]:
    """Translate a copy of ``page``; with ``kept_ok``, blocks the markup check kept in the
    source language are allowed (exit 1, each listed as "kept"), nothing else."""
    src = tmp_path / page.name
    shutil.copy(page, src)
    result = cli(["translate", src, "--to", "pt", "--engine", "bergamot", "--no-tm", *extra])
    problems = [line for line in result.err.splitlines()  # warnings are written: not kept
                if line.startswith("! ") and ": warning: " not in line]
    if kept_ok and problems:
        assert result.code == 1 and all(": kept: kept in the source language" in line
                                        for line in problems), result.err
    else:
        assert result.code == 0, result.err
    return src.with_name(src.stem + ".pt.html"), result.err


def test_cli_translates_real_pages_with_bergamot(tmp_path, cli):
    page = DATA / "libffi-Introduction.html"
    out_path, err = _translate_cli(cli, tmp_path, page, "--from", "en")
    source, out = page.read_text(encoding="utf-8"), out_path.read_text(encoding="utf-8")
    assert skeleton(out) == skeleton(source)
    assert out.startswith(source[:source.index("<html>")]) and '<html lang="pt">' in out
    assert out.count("<code>libffi</code>") == source.count("<code>libffi</code>") == 4
    assert "<em>ABI</em>" in out and '<body lang="pt">' in out
    assert "<title>Introdução" in out and "função" in out  # really translated
    assert out.count("\n") == source.count("\n")
    assert "0 failed" in err
    # the code example of another real page comes back untouched, entities and all
    page = DATA / "libffi-Simple-Example.html"
    out_path, _ = _translate_cli(cli, tmp_path, page, "--from", "en")
    source, out = page.read_text(encoding="utf-8"), out_path.read_text(encoding="utf-8")
    pre = re.search(r"<pre.*?</pre>", source, re.S).group()
    assert pre in out and "&amp;ffi_type_pointer" in out and "exemplo" in out.lower()


def test_mixed_language_page_translates_only_the_foreign_string(tmp_path, cli):
    page = tmp_path / "post.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>Rain returns to the valley</title>'
        "</head>\n<body>\n<h1>Rain returns to the valley</h1>\n<p>After three dry months, "
        "the first heavy rain reached the valley on Sunday night. Farmers said the water came"
        " <em>just in time</em> for the autumn planting.</p>\n<footer><a href=\"#c\">"
        'Comentários</a> · <a href="/share">Share</a></footer>\n</body>\n</html>\n',
        encoding="utf-8")
    result = cli(["translate", page, "--to", "en", "--no-tm"])
    assert result.code == 0, result.err
    source = page.read_text(encoding="utf-8")
    out = (tmp_path / "post.en.html").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(source.split("\n"), out.split("\n"), strict=True)
               if a != b]
    assert len(changed) == 1 and "Comentários" not in out
    assert changed[0][1] == '<footer><a href="#c">Comments</a> · <a href="/share">Share</a>' \
                            "</footer>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _rendered_tags(path: Path) -> list[str]:
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", path.as_uri()], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    parser = _Tags()
    parser.feed(dom)
    return parser.tags


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_rendered_dom_has_the_same_elements_in_chromium(tmp_path, cli):
    page = DATA / "libffi-The-Basics.html"
    out_path, _ = _translate_cli(cli, tmp_path, page, "--from", "en", kept_ok=True)
    before, after = _rendered_tags(page), _rendered_tags(out_path)
    assert len(before) > 50
    assert after == before


def test_review_accepts_an_html_pair(tmp_path, cli):
    page = DATA / "libffi-Introduction.html"
    out_path, _ = _translate_cli(cli, tmp_path, page, "--from", "en")
    result = cli(["review", tmp_path / page.name, out_path, "--no-tm", "--json",
                  "--from", "en", "--to", "pt"])
    assert result.code in (0, 1), result.err
    import json

    report = json.loads(result.out)
    pairs = {s["source"]: s["target"] for s in report["segments"]}
    assert pairs["1 What is libffi?"] == "1 O que é libffi?"
    assert all("<" not in s for s in pairs)  # as text: no tags
    assert len(report["segments"]) == len(fmt.read(page.read_text(encoding="utf-8")).segments)


def test_partly_translated_block_keeps_the_bytes_of_the_rest():
    source = ('<p>The menu  says\n<b>Comentários</b> at the bottom &amp; the top,\n'
              'next to <img alt="Olá" src=x.png> the logo.</p>')
    doc = fmt.read(source)
    block, picture = doc.segments[1], doc.segments[0]
    block.translation = block.text.replace("Comentários", "Comments")
    picture.translation = "Hello"
    doc.meta["target"] = "en"
    assert fmt.write(doc) == source.replace("Comentários", "Comments").replace(
        'alt="Olá"', 'alt="Hello"')


def test_xhtml_output_stays_well_formed_xml():
    import xml.etree.ElementTree as ET

    source = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
              '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n'
              "<head><title>Tom &amp; Jerry</title></head>\n<body>\n"
              '<p>Line one<br/>and <em>two</em> &lt;here&gt;.'
              '<img src="a.png" alt="A &quot;cat&quot;"/></p>\n</body>\n</html>\n')
    out = translated(source, lambda s: s.upper().replace("ONE", "ONE & <ONLY>"))
    root = ET.fromstring(out.encode("utf-8"))
    assert root.get("lang") == "pt" and root.get("{http://www.w3.org/XML/1998/namespace}lang") \
        == "pt"
    ns = "{http://www.w3.org/1999/xhtml}"
    assert root.find(f"{ns}head/{ns}title").text == "TOM & JERRY"
    paragraph = root.find(f"{ns}body/{ns}p")
    assert "".join(paragraph.itertext()) == "LINE ONE & <ONLY>AND TWO <HERE>."
    assert paragraph.find(f"{ns}img").get("alt") == 'A "CAT"'


@pytest.mark.parametrize("source", [
    "<div>" * 30_000 + "The deep text is here.",
    "<html><body><p>Hello <b>world<p>Second <i>paragraph" * 50,
    "<p>Open attribute <a href='x>never closed",
])
def test_cli_handles_hostile_pages_without_a_traceback(tmp_path, cli, source):
    page = tmp_path / "hostile.html"
    page.write_text(source, encoding="utf-8")
    result = cli(["translate", page, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code in (0, 1) and "Traceback" not in result.err, result.err
    out = (tmp_path / "hostile.pt.html").read_text(encoding="utf-8")
    assert skeleton(out) == skeleton(source)
