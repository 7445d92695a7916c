"""Fixtures for the glossary editor tests: a glossary with everything an editor must keep
(preamble comment, comment rows, an unknown column, reserved columns, odd spacing)."""

from __future__ import annotations

from pathlib import Path

NEWS_TSV = (
    "# News desk glossary — keep in sync with the style guide\n"
    "en\tru\tpt\tnote\tdomain\n"
    "Southern Front\tЮжный фронт\tFrente Sul\tmilitary\tnews\n"
    "Security Council\tСовет Безопасности\tConselho de Segurança\tUN body\tnews\n"
    "# people\n"
    "Alexander Lavrentyev\tАлександр Лаврентьев\tAlexander Lavrentyev\t\tpeople\n"
    "NATO\tNATO\tOTAN\t\t\n"
    "dark mode\tтёмная тема\tmodo escuro\tUI\tsoftware\n"
)


def write_news(tmp_path: Path, name: str = "news.tsv", text: str = NEWS_TSV) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def changed_lines(before: bytes, after: bytes) -> list[tuple[int, bytes, bytes]]:
    """(line number, old, new) of lines that differ; both must have the same line count."""
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new), (old, new)
    return [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
