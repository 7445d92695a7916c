"""A job with no model for any of a file's text writes no copy of it, and says so once."""

from __future__ import annotations


def subtitles(lines: list[str]) -> str:
    return "".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{line}\n\n"
                   for n, line in enumerate(lines, start=1))


SUBTITLES = subtitles(["Il pleut depuis ce matin sur la ville.",
                       "Nous partirons demain vers le sud.",
                       "Le train arrive toujours en retard ici.",
                       "Elle a oublié son parapluie au café."])


def test_file_with_no_model_is_not_written_and_gets_one_line(tmp_path, cli):
    src = tmp_path / "film.fr.srt"
    src.write_text(SUBTITLES, encoding="utf-8")
    out = tmp_path / "film.de.srt"
    result = cli(["translate", src, "--to", "de", "-o", out])
    assert result.code == 1
    assert not out.exists()
    lines = result.err.strip().splitlines()
    assert lines[0].startswith(f"glossa: {src}: not written: nothing translated (4 segments): "
                               "no model for fr->de (no pivot language reaches it either); ")
    assert "glossa models install --from fr --to de" in lines[0]
    assert len(lines) == 2 and lines[1].startswith("glossa: 0/4 segments translated")


def test_other_files_of_the_tree_are_still_written(tmp_path, cli):
    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "film.srt").write_text(SUBTITLES, encoding="utf-8")
    (tree / "nota.txt").write_text("A reunião começa às nove horas.\n", encoding="utf-8")
    result = cli(["translate", tree, "--to", "en", "--engine", "bergamot",
                  "--out-dir", tmp_path / "out"])
    assert result.code == 1
    assert not (tmp_path / "out" / "film.en.srt").exists()
    assert "meeting" in (tmp_path / "out" / "nota.en.txt").read_text(encoding="utf-8")
    assert ("film.srt: not written: nothing translated (4 segments): no model for fr->en"
            in result.err)
    assert "! " not in result.err  # the four no-model lines are that one line


def test_repeated_no_model_lines_collapse_per_file(tmp_path, cli):
    """A file that is partly translatable is written; its no-model lines come as one."""
    text = subtitles(["O comboio chegou atrasado outra vez.",
                      "Il pleut depuis ce matin sur la ville.",
                      "Nous partirons demain vers le sud.",
                      "Le train arrive toujours en retard ici."])
    src = tmp_path / "mix.srt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "mix.en.srt"
    result = cli(["translate", src, "--to", "en", "--engine", "bergamot", "-o", out])
    assert result.code == 1
    written = out.read_text(encoding="utf-8")
    assert "Il pleut depuis ce matin sur la ville." in written
    assert "O comboio" not in written
    problems = [line for line in result.err.splitlines() if line.startswith("! ")]
    assert len(problems) == 1, result.err
    assert problems[0].startswith(f"! {src}:7: no-model: no model for fr->en")
    assert problems[0].endswith("(and 2 more segments of this file)")


def test_library_does_not_write_it_either(tmp_path):
    from glossa.api import translate_file

    src = tmp_path / "film.srt"
    src.write_text(SUBTITLES, encoding="utf-8")
    report = translate_file(src, "de", output=tmp_path / "film.de.srt")
    assert not (tmp_path / "film.de.srt").exists()
    assert list(report.not_written) == [str(src)]
    assert report.exit_code == 1
