"""One strict PO reader for translate, review and tm import: malformed catalogues and
duplicate msgids refused (nothing stored), charsets honoured, and never UTF-8 bytes
under a non-UTF-8 header (issue 19)."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

HEADER = ('msgid ""\nmsgstr ""\n"Language: pt\\n"\n'
          '"Content-Type: text/plain; charset={charset}\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')


def _catalogue(path, charset: str, body: str, encoding: str):
    path.write_bytes((HEADER.format(charset=charset) + body).encode(encoding))
    return path


def test_latin1_catalogue_is_decoded_and_written_as_utf8(cli, tmp_path):
    po = _catalogue(tmp_path / "shop.po", "ISO-8859-1",
                    'msgid "Good morning."\nmsgstr ""\n\nmsgid "Coffee"\nmsgstr "Café"\n',
                    "latin-1")
    result = cli(["translate", po, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "shop.pt.po").read_bytes()
    text = out.decode("utf-8")  # valid UTF-8 ...
    assert "charset=UTF-8" in text and "ISO-8859-1" not in text  # ... under a UTF-8 header
    catalogue = polib.pofile(text)
    assert catalogue.find("Coffee").msgstr == "Café"
    assert catalogue.find("Good morning.").msgstr
    if shutil.which("msgfmt"):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "shop.pt.po")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_ascii_catalogue_declaring_latin1_gets_a_utf8_header_when_written(cli, tmp_path):
    po = _catalogue(tmp_path / "a.po", "ISO-8859-1", 'msgid "Good morning."\nmsgstr ""\n',
                    "ascii")
    assert cli(["translate", po, "--from", "en", "--to", "pt", "--no-tm"]).code == 0
    text = (tmp_path / "a.pt.po").read_text(encoding="utf-8")
    assert "charset=UTF-8" in text


def test_unknown_charset_is_refused_with_the_iconv_hint(cli, tmp_path):
    po = _catalogue(tmp_path / "x.po", "KLINGON-1", 'msgid "a"\nmsgstr ""\n', "ascii")
    result = cli(["translate", po, "--from", "en", "--to", "pt", "--no-tm"])
    assert result.code == 2 and "unknown charset 'KLINGON-1'" in result.err
    assert "iconv" in result.err and result.err.count("\n") == 1


DUPLICATE = 'msgid "Save"\nmsgstr "Salvar"\n\nmsgid "Open"\nmsgstr "Abrir"\n\n' \
            'msgid "Save"\nmsgstr "Guardar"\n'
MISSING_QUOTE = 'msgid "Good evening"\nmsgstr "Boa noite"\n\nmsgid "Good evening\n' \
                'msgstr "Boa noit\n'
ESCAPE = 'msgid "Tab\\there"\nmsgstr "Tab\\eaqui"\n'  # \e: polib would keep it as 2 chars
SEPARATOR = 'msgid "Two parts"\nmsgstr "Duas\u2028partes"\n'  # polib splits lines at U+2028


@pytest.mark.parametrize(("body", "line", "message"), [
    (DUPLICATE, 13, "duplicate message definition (first defined at line 7)"),
    (MISSING_QUOTE, 10, "malformed string after msgid: no closing quote"),
    (ESCAPE, 8, "unsupported escape '\\e' in a PO string (glossa reads "
                '\\n \\t \\r \\v \\b \\f \\" \\\\)'),
    (SEPARATOR, 8, "line break character U+2028 inside a line (PO readers split lines "
                   "there; write it escaped)"),
])
def test_every_po_path_refuses_the_same_broken_catalogue(cli, tmp_path, body, line, message):
    po = _catalogue(tmp_path / "bad.po", "UTF-8", body, "utf-8")
    good = _catalogue(tmp_path / "good.po", "UTF-8", 'msgid "Yes"\nmsgstr "Sim"\n', "utf-8")
    tm = tmp_path / "tm.sqlite"
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\tpt\nevening\tnoite\n", "utf-8")
    (tmp_path / "x.txt").write_text("Good evening.\n", "utf-8")
    runs = {
        "translate": ["translate", po, "--from", "en", "--to", "pt", "--no-tm"],
        "review": ["review", po, "--no-tm"],
        "tm import": ["tm", "import", good, po, "--from", "en", "--to", "pt", "--tm", tm],
        "glossary import": ["glossary", "import", glossary, po, "--src", "en", "--tgt", "pt"],
        "translate -g": ["translate", tmp_path / "x.txt", "--from", "en", "--to", "pt", "-g",
                         po, "--no-tm"],
    }
    for what, args in runs.items():
        result = cli(args)
        assert result.code == 2, (what, result.err)
        assert result.err == f"glossa: error: {po}:{line}: {message}\n", what
    assert not (tmp_path / "bad.pt.po").exists() and not (tmp_path / "x.pt.txt").exists()
    assert glossary.read_text("utf-8") == "en\tpt\nevening\tnoite\n"
    assert not tm.exists()  # not even the good file's entries: nothing partial stored
