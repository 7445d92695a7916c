"""`glossa translate` on plain text files with the bundled pt<->en Bergamot models."""

from __future__ import annotations

import subprocess
import sys

import pytest

PT_TEXT = (
    "Bom dia.\n"
    "\n"
    "  O governo vai votar a proposta na sexta-feira. Os deputados concordam.  \n"
    "\t\n"
    "Obrigado a todos\n"
)


def test_translates_pt_to_en_keeping_line_structure(tmp_path, cli):
    src = tmp_path / "note.pt.txt"
    src.write_text(PT_TEXT, encoding="utf-8")
    result = cli(["translate", src, "--from", "pt", "--to", "en"])
    assert result.code == 0, result.err
    out = (tmp_path / "note.en.txt").read_text(encoding="utf-8")
    lines, source_lines = out.split("\n"), PT_TEXT.split("\n")
    assert len(lines) == len(source_lines)
    assert lines[0] == "Good morning."
    assert lines[1] == "" and lines[3] == "\t" and lines[-1] == ""
    assert lines[2].startswith("  The ") and lines[2].endswith(".  ")
    assert "Friday" in lines[2] and "sexta" not in lines[2]
    assert "3/3 segments translated" in result.err


def test_round_trip_en_to_pt(tmp_path, cli):
    src = tmp_path / "a.txt"
    src.write_text("The meeting starts on Monday.\nThank you.\n", encoding="utf-8")
    assert cli(["translate", src, "--from", "en", "--to", "pt", "-o", tmp_path / "b.txt"]).code == 0
    out = (tmp_path / "b.txt").read_text(encoding="utf-8").splitlines()
    assert "segunda-feira" in out[0]
    assert out[1].startswith("Obrigad")


def test_stdin_to_stdout():
    proc = subprocess.run(
        [sys.executable, "-m", "glossa", "translate", "-", "--from", "pt", "--to", "en",
         "-o", "-", "-q"],
        input="Bom dia.\n", capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Good morning.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00b\x00i\x00n", "is UTF-16 (byte order mark)"),
        (b"\x00\x01binary\x00", "binary file"),
        ("Olá, café\n".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, cli, content, message):
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    result = cli(["translate", src, "--from", "pt", "--to", "en"])
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "pt", "--to", "xx"], "unknown language code 'xx'"),
        (["--from", "en", "--to", "ru"], "glossa models install --from en --to ru"),
        (["--from", "pt", "--to", "en", "--engine", "argos"], "no model for pt->en"),
    ],
)
def test_usage_and_model_errors(tmp_path, cli, args, message):
    src = tmp_path / "x.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    result = cli(["translate", src, *args])
    assert result.code == 2
    assert message in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_never_overwrites_input(tmp_path, cli):
    src = tmp_path / "x.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "pt", "--to", "en", "-o", src])
    assert result.code == 2
    assert "refusing to overwrite" in result.err
    assert src.read_text(encoding="utf-8") == "Bom dia.\n"


def test_missing_input_file(tmp_path, cli):
    result = cli(["translate", tmp_path / "nope.txt", "--to", "en"])
    assert result.code == 2
    assert "no such file" in result.err


def test_directory_with_out_dir_translates_every_file(tmp_path, cli):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("Bom dia.\n", encoding="utf-8")
    (docs / "sub" / "b.txt").write_text("Obrigado.\n", encoding="utf-8")
    result = cli(["translate", docs, "--from", "pt", "--to", "en", "--out-dir", tmp_path / "out"])
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "a.en.txt").read_text(encoding="utf-8") == "Good morning.\n"
    assert (tmp_path / "out" / "sub" / "b.en.txt").exists()


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from glossa.cli import build_parser; build_parser();"
        "heavy = [m for m in ('rich', 'lingua', 'ctranslate2', 'fxtranslate', 'pymorphy3',"
        " 'argostranslate', 'polib', 'markdown_it', 'textual', 'numpy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == ""


def test_placeholders_markup_and_urls_in_text_files_survive(tmp_path, cli):
    src = tmp_path / "ui.txt"
    src.write_text("Olá {username}, você tem %d mensagens.\n"
                   "Clique em <b>Salvar</b> para continuar.\n"
                   "Veja https://example.org/ajuda agora.\n", encoding="utf-8")
    assert cli(["translate", src, "--from", "pt", "--to", "en", "--no-tm"]).code == 0
    out = (tmp_path / "ui.en.txt").read_text(encoding="utf-8").splitlines()
    assert "{username}" in out[0] and "%d" in out[0] and "mensagens" not in out[0]
    assert "<b>" in out[1] and "</b>" in out[1] and "Salvar" not in out[1]
    assert "https://example.org/ajuda" in out[2]
