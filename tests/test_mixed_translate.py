"""`glossa translate --from auto`: only runs not in the target language are translated,
everything else comes back byte for byte, in every format."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "news-mixed.txt"


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_bundled_example_translates_only_the_portuguese(tmp_path, cli):
    out = tmp_path / "news.en.txt"
    result = cli(["translate", EXAMPLE, "--to", "en", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    before, after = EXAMPLE.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    changes = changed_lines(before, after)
    assert changes, "the Portuguese fragments were not translated"
    for old, new in changes:
        # Only the Portuguese part of a line changes: the English text around it stays.
        prefix = old.split('"A pesca')[0] if '"A pesca' in old else ""
        assert new.startswith(prefix)
    quote_line = next(new for old, new in changes if "A pesca ilegal" in old)
    assert "pesca" not in quote_line and "fishing" in quote_line.lower()
    for name in ("Newsfeed", "Sign in", "loader", "Chats", "Helena Vasconcelos"):
        assert after.count(name) == before.count(name)


def test_markdown_keeps_target_language_blocks_and_quotes(tmp_path, cli):
    src = tmp_path / "report.md"
    src.write_text(
        "# Relatório anual da empresa\n\n"
        'A empresa lançou o produto com o slogan "Think different, stay local" em três países.\n\n'
        "The English summary of this report is available on request.\n\n"
        "- As vendas cresceram muito no segundo trimestre.\n"
        "- Customer support moved to Lisbon.\n",
        encoding="utf-8",
    )
    result = cli(["translate", src, "--to", "en", "--no-tm"])
    assert result.code == 0, result.err
    lines = (tmp_path / "report.en.md").read_text(encoding="utf-8").split("\n")
    assert lines[2].startswith("The company") and '"Think different, stay local"' in lines[2]
    assert lines[4] == "The English summary of this report is available on request."
    assert lines[6].startswith("- ") and "vendas" not in lines[6]
    assert lines[7] == "- Customer support moved to Lisbon."


def test_srt_cue_already_in_target_language_is_untouched(tmp_path, cli):
    src = tmp_path / "show.srt"
    english_cue = "2\n00:00:03,000 --> 00:00:04,500\nWelcome to the show, everybody.\n"
    src.write_text("1\n00:00:01,000 --> 00:00:02,000\nBom dia a todos os ouvintes.\n\n"
                   + english_cue, encoding="utf-8")
    result = cli(["translate", src, "--to", "en", "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "show.en.srt").read_text(encoding="utf-8")
    assert out.endswith("\n\n" + english_cue)
    assert "Bom dia" not in out


def test_po_entries_in_target_language_are_left_alone(tmp_path, cli):
    src = tmp_path / "app.pot"
    src.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Abrir o arquivo %s agora"\nmsgstr ""\n\n'
        'msgid "Cancel"\nmsgstr ""\n',
        encoding="utf-8",
    )
    result = cli(["translate", src, "--to", "en", "--no-tm"])
    assert result.code == 0, result.err
    out = (tmp_path / "app.en.po").read_text(encoding="utf-8")
    assert 'msgid "Abrir o arquivo %s agora"\nmsgstr "Open' in out
    assert "%s" in out.split('msgid "Abrir o arquivo %s agora"')[1].split("\n")[1]


def test_run_without_a_model_is_kept_and_reported(tmp_path, cli):
    src = tmp_path / "ui.txt"
    text = ("The release notes were published on Monday and the team thanked everyone.\n"
            "Перейти к комментариям\n")
    src.write_text(text, encoding="utf-8")
    result = cli(["translate", src, "--to", "en", "--no-tm"])
    assert result.code == 1
    assert "no model for ru->en" in result.err
    assert "glossa models install --from ru --to en" in result.err
    assert (tmp_path / "ui.en.txt").read_text(encoding="utf-8") == text


def test_document_already_in_target_language_is_identical(tmp_path, cli):
    src = tmp_path / "plain.txt"
    text = ("Alexander Lavrentyev said on Thursday that the talks with the Turkish side "
            "would continue next week.\n\nNewsfeed\nChats\n")
    src.write_text(text, encoding="utf-8")
    result = cli(["translate", src, "--to", "en", "--no-tm"])
    assert result.code == 0, result.err
    assert (tmp_path / "plain.en.txt").read_text(encoding="utf-8") == text
