"""Content the models cannot carry is kept verbatim (issue: fidelity).

Each case runs through the real bundled en<->pt models from the CLI: names with letters
outside the model's vocabulary, runs in other scripts, paths, variables, code spans and
bracketed tokens must come out byte-identical inside a translated sentence.
"""

from __future__ import annotations

import pytest

from glossa.engines.base import unknown_runs
from glossa.placeholders import TEXT_KINDS, find_placeholders

CASES = [
    # (source language, sentence, pieces that must survive verbatim)
    ("en", "The architect Jörg Kühne designed the new library in Gdańsk.",
     ["Jörg Kühne", "Gdańsk"]),
    ("en", "Her grandmother always said Спокойной ночи before bed.", ["Спокойной ночи"]),
    ("en", "The menu listed 餃子 and 拉麵 next to the soups.", ["餃子", "拉麵"]),
    ("en", "Put your key in ~/.ssh/authorized_keys and restart the server.",
     ["~/.ssh/authorized_keys"]),
    ("en", "Logs are written to /var/log/nginx/error.log every hour.",
     ["/var/log/nginx/error.log"]),
    ("en", "Set $EDITOR before you run the script.", ["$EDITOR"]),
    ("en", "Open %USERPROFILE% in the file manager.", ["%USERPROFILE%"]),
    ("en", "Type `git status` to see what changed.", ["`git status`"]),
    ("en", "Delete every *.tmp file in the folder.", ["*.tmp"]),
    ("en", "Read the guide at <https://docs.example.com/start> first.",
     ["<https://docs.example.com/start>"]),
    ("en", "Call reload() after you change the settings.", ["reload()"]),
    ("pt", "O pintor Björn Ødegård expôs os quadros em Łódź.", ["Björn Ødegård", "Łódź"]),
    ("pt", "Copie o ficheiro para ~/Documentos/relatórios antes de sair.",
     ["~/Documentos/relatórios"]),
]


@pytest.mark.parametrize(("lang", "sentence", "kept"), CASES)
def test_pieces_the_model_cannot_carry_come_back_verbatim(cli, tmp_path, bergamot, lang,
                                                          sentence, kept):
    src = tmp_path / f"in.{lang}.txt"
    src.write_text(sentence + "\n", encoding="utf-8")
    target = "pt" if lang == "en" else "en"
    result = cli(["translate", src, "--from", lang, "--to", target, "-o", "-", "--no-tm"])
    assert result.code == 0, result.err
    out = result.out.strip()
    assert out != sentence  # the sentence was translated...
    for piece in kept:  # ...and what it could not carry came back as it was
        assert piece in out, (piece, out)


@pytest.mark.parametrize(("text", "runs"), [
    ("Say Добрый день to Zoë now", ["Добрый день", "Zoë"]),
    ("a → b and Zoë’s cat", ["→", "Zoë’s"]),
    ("plain ascii text", []),
])
def test_unknown_runs_join_neighbouring_unreadable_words(text, runs):
    assert [text[s.start:s.end] for s in unknown_runs(text, str.isascii)] == runs


@pytest.mark.parametrize(("text", "found"), [
    ("see /usr/share/doc.", ["/usr/share/doc"]),
    ("and/or 1/2 of 50% off $5", []),
    ("use <<original entry>> or <%s>", ["<<original entry>>", "<%s>"]),
    ("``sphinx.ext.autosummary`` and `x`", ["``sphinx.ext.autosummary``", "`x`"]),
    ("tags %artists% and %(name)s", ["%artists%", "%(name)s"]),
    ("C:\\Program Files is not one path, C:\\Tools\\bin is", ["C:\\Program", "C:\\Tools\\bin"]),
])
def test_text_placeholder_kinds(text, found):
    assert [text[p.start:p.end] for p in find_placeholders(text, TEXT_KINDS)] == found


def test_plain_characters_are_in_every_bundled_vocabulary(bergamot):
    """The shortcut that skips loading the vocabulary for plain text holds for the models."""
    from glossa.engines.bergamot import _PLAIN

    for model in bergamot.models():
        known = bergamot._vocabulary(model.source, model.target)
        assert [ch for ch in sorted(_PLAIN) if not known(ch)] == []
        assert bergamot.unencodable(["Plain text, (really)!"], model.source, model.target) == [[]]
