"""Every input error is one exact line on stderr, exit status 2, and nothing written
(sqlite-utils style: the whole line is compared, so a vaguer or doubled message fails)."""

from __future__ import annotations

import codecs

import pytest

from glossa.formats import FORMATS

PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ICONV = "convert it first, e.g. `iconv -f UTF-16 -t UTF-8`"


def _utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _deep_broken_po() -> str:
    entries = "".join(f'#: shop.py:{n}\nmsgid "Shelf {n}"\nmsgstr ""\n\n' for n in range(25))
    return PO_HEAD + entries + 'msgid "Basket"\nmsgstr "Cesto\n'  # line 106: no closing quote


#: name -> content of the files each case starts with (bytes or text).
FILES: dict[str, bytes | str] = {
    "notes.txt": "Water the plants on Monday.\n",
    "blob.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "legacy.txt": "Caf\u00e9 com leite.\n".encode("latin-1"),
    "wide.txt": _utf16("Water the plants.\n"),
    "wide.srt": _utf16("1\n00:00:01,000 --> 00:00:02,000\nWater the plants.\n"),
    "wide.po": _utf16(PO_HEAD + 'msgid "Water"\nmsgstr ""\n'),
    "shop.po": _deep_broken_po(),
    "recipe.cook": "Boil the water.\n",
    "words.tsv": "en\tpt\nshelf\tprateleira\n",
}

CASES = [
    (["translate", "absent.txt", "--from", "en", "--to", "pt"], "absent.txt: no such file"),
    (
        ["translate", "empty", "--from", "en", "--to", "pt"],
        "empty: no file to translate in this directory (glossa translates .txt .text .md "
        ".markdown .po .pot .srt .xlf .xliff .sdlxliff .json .arb .yml .yaml .html .htm .xhtml "
        ".docx .odt files)",
    ),
    (
        ["translate", "blob.txt", "--from", "en", "--to", "pt"],
        "blob.txt: looks like a binary file (NUL bytes); glossa reads UTF-8 text",
    ),
    (
        ["translate", "legacy.txt", "--from", "pt", "--to", "en"],
        "legacy.txt:1: not valid UTF-8 (byte 0xe9 at offset 3); convert it first, e.g. "
        "`iconv -f latin1 -t utf-8`",
    ),
    (
        ["translate", "wide.txt", "--from", "en", "--to", "pt"],
        f"wide.txt: the file is UTF-16 (byte order mark); glossa reads UTF-8: {ICONV}",
    ),
    (
        ["translate", "wide.srt", "--from", "en", "--to", "pt"],
        f"wide.srt: the file is UTF-16 (byte order mark); glossa reads UTF-8: {ICONV}",
    ),
    (
        ["translate", "wide.po", "--from", "en", "--to", "pt"],
        f"wide.po: the file is UTF-16 (byte order mark); glossa reads UTF-8: {ICONV}",
    ),
    (
        ["review", "wide.po"],
        f"wide.po: the file is UTF-16 (byte order mark); glossa reads UTF-8: {ICONV}",
    ),
    (
        ["translate", "shop.po", "--from", "en", "--to", "pt"],
        "shop.po:106: malformed string after msgstr: no closing quote",
    ),
    (
        ["tm", "import", "shop.po", "--from", "en", "--to", "pt", "--tm", "tm.sqlite"],
        "shop.po:106: malformed string after msgstr: no closing quote",
    ),
    # one PO reader: review and glossary import reject the broken file with the same line
    (["review", "shop.po"], "shop.po:106: malformed string after msgstr: no closing quote"),
    (
        ["glossary", "import", "words.tsv", "shop.po", "--src", "en", "--tgt", "pt"],
        "shop.po:106: malformed string after msgstr: no closing quote",
    ),
    (
        ["translate", "notes.txt", "--from", "en", "--to", "qq"],
        "unknown language code 'qq' (use ISO 639-1 codes such as en, pt, ru)",
    ),
    (
        ["translate", "recipe.cook", "--from", "en", "--to", "pt"],
        "recipe.cook: glossa has no format for .cook files; use `--format txt` to translate it "
        f"as plain text (or --format {'|'.join(FORMATS)})",
    ),
    (
        ["translate", "notes.txt", "--from", "en", "--to", "ru", "--engine", "bergamot"],
        "no model for en->ru for engine bergamot (no pivot language reaches it either); add a "
        "directory of Bergamot enru models with GLOSSA_BERGAMOT_MODELS or bergamot_models in "
        "the config file",
    ),
    (
        ["translate", "notes.txt", "--from", "en", "--to", "pt", "--engine", "argos"],
        "no model for en->pt: engine argos has no models installed; install an Argos package "
        "with `glossa models install --from en --to pt` (or `glossa models install "
        "FILE.argosmodel`)",
    ),
    (
        ["translate", "notes.txt", "--from", "en", "--to", "pt", "-o", "notes.txt"],
        "notes.txt: refusing to overwrite an input file of this command; choose another output",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), CASES, ids=[" ".join(a[:2]) + ": " + m[:40] for a, m in CASES]
)
def test_input_error_is_one_exact_line_exit_2_nothing_written(
    cli, tmp_path, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    for name, content in FILES.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README").write_text("no extension glossa reads\n", "utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = cli([*args, "--no-tm"] if args[0] == "translate" else args)
    assert (result.code, result.out, result.err) == (2, "", f"glossa: error: {message}\n")
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # no output, no temp file, no TM, inputs untouched


def test_review_reads_a_file_of_no_known_format_as_text(cli, tmp_path):
    """review has no --format, so it must not refuse with a hint naming one."""
    (tmp_path / "steps.cook").write_text("Boil the water.\n", "utf-8")
    (tmp_path / "steps.pt.cook").write_text("Ferva a água.\n", "utf-8")
    result = cli(
        [
            "review",
            tmp_path / "steps.cook",
            tmp_path / "steps.pt.cook",
            "--from",
            "en",
            "--to",
            "pt",
            "--no-tm",
            "--json",
        ]
    )
    assert result.code == 0, result.err
    assert '"source": "Boil the water."' in result.out
