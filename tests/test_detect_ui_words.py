"""Scraped single-word UI strings on a page in another language are found, in the
document's foreign language, while names on their own line stay host."""

from __future__ import annotations

from glossa.detect import detect_text

PAGE = ("The dashboard shows your recent activity and the files you opened.\n"
        "Painel\nAjuda\nExcluir\nPáginas\nConfigurações\n"
        "Click Save to keep your changes before you close the window.\n")


def _found(text: str) -> dict[str, str]:
    det = detect_text(text, ["en", "pt", "es", "fr", "de"])
    return {text[s.start:s.end]: s.lang for s in det.spans}


def test_single_word_ui_lines_are_found_in_the_pages_foreign_language():
    found = _found(PAGE)
    for word in ("Painel", "Ajuda", "Excluir", "Configurações"):
        assert found.get(word) == "pt", (word, found)
    assert found.get("Páginas") == "pt"  # shared with Spanish: the page's language wins


def test_names_on_their_own_line_stay_host():
    text = ("The team travelled across the country for the final.\n"
            "Lisboa\nMaria\nGoogle\nParis\n"
            "They came back on Sunday evening after a long trip.\n")
    assert _found(text) == {}
