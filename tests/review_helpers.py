"""Fixtures for review/QA tests: small glossaries and aligned files written to tmp dirs."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

GLOSSARY_TSV = """en\tpt\tnote
Southern Front\tFrente Sul\tarmed coalition
Board of Directors\tConselho de Administração\tcorporate
market share\tparticipação de mercado\tbusiness
Recycle Bin\tLixeira\tUI
Reuters\tReuters\tkeep
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def glossary(tmp_path: Path):
    from glossa.glossary import load_glossaries

    return load_glossaries([write(tmp_path / "g.tsv", GLOSSARY_TSV)])


def render(renderable, width: int = 80, color: bool = False) -> str:
    """What a user sees: the renderable printed on a fixed-width console."""
    from glossa.review.render import REVIEW_THEME

    out = io.StringIO()
    console = Console(file=out, width=width, theme=REVIEW_THEME, highlight=False,
                      no_color=not color, force_terminal=color,
                      color_system="truecolor" if color else None, legacy_windows=False)
    console.print(renderable)
    return out.getvalue()


PO_TEXT = r'''msgid ""
msgstr ""
"Language: pt_BR\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: app.py:10
msgid "Save file %s"
msgstr "Salvar arquivo %s"

#: app.py:12
msgctxt "menu"
msgid "Open"
msgstr ""

#: app.py:20
msgid "%d file deleted"
msgid_plural "%d files deleted"
msgstr[0] "%d arquivo excluído"
msgstr[1] "arquivos excluídos"

#, fuzzy
#| msgid "Empty the trash"
msgid "Empty the Recycle Bin now"
msgstr "Esvaziar a lixeira"

#~ msgid "Old string"
#~ msgstr "Texto antigo"
'''
