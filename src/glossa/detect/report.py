"""`glossa detect`'s view as plain text: what it prints when stdout is not a terminal.

Same content as the rich view (``glossa.detect.view``): the text with every foreign run
bracketed and labelled, then the summary table; rich is not imported (~50 ms of a
one-shot run), since a pipe or a file gets no colours anyway.
"""

from __future__ import annotations

from collections import Counter

from glossa.detect import Detection
from glossa.languages import language_name

PLAIN_MARKS = ("⟦", "⟧")
COLUMNS = ("language", "role", "runs", "letters", "share")


def letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def summary_rows(text: str, detection: Detection) -> list[tuple[str, tuple[str, ...]]]:
    """(language code, cells) per row: the dominant language, then foreign languages by
    letters; the cells are those of COLUMNS."""
    runs: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for span in detection.spans:
        runs[span.lang] += 1
        chars[span.lang] += letters(text[span.start : span.end])
    total = letters(text) or 1
    host = total - sum(chars.values()) if text else 0
    dominant = detection.dominant
    rows = [
        (
            dominant,
            (
                f"{dominant} {language_name(dominant)}",
                "dominant",
                "",
                str(host),
                f"{100 * host / total:.1f}%",
            ),
        )
    ]
    for lang in sorted(runs, key=lambda code: (-chars[code], code)):
        rows.append(
            (
                lang,
                (
                    f"{lang} {language_name(lang)}",
                    "foreign",
                    str(runs[lang]),
                    str(chars[lang]),
                    f"{100 * chars[lang] / total:.1f}%",
                ),
            )
        )
    return rows


def marked_text(text: str, detection: Detection) -> str:
    """The text with each foreign run as ⟦run⟧‹lang›."""
    out, pos = [], 0
    for span in detection.spans:
        out += [
            text[pos : span.start],
            PLAIN_MARKS[0],
            text[span.start : span.end],
            PLAIN_MARKS[1],
            f"‹{span.lang}›",
        ]
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def plain_view(text: str, detection: Detection) -> str:
    """Marked text, a blank line, and the summary as an aligned table (numbers right)."""
    rows = [COLUMNS, *(cells for _, cells in summary_rows(text, detection))]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]

    def line(cells) -> str:
        return "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    table = [line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:])]
    return (
        f"{marked_text(text.rstrip(chr(10)), detection)}\n\nLanguages\n" + "\n".join(table) + "\n"
    )
