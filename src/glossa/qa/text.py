"""Text helpers shared by the checks: what in a segment is not language (URLs, e-mail
addresses, code-like tokens, placeholders), and word tokens."""

from __future__ import annotations

import re

from glossa.document import Span

URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
# identifiers, paths and the like: snake_case, camelCase, dotted.names, /paths, --flags
CODE = re.compile(r"(?<![\w/])(?:[\w-]*_[\w-]*|[a-z]+[A-Z]\w*|\w+(?:\.\w+){2,}|/[\w./-]+|"
                  r"--?[a-z][\w-]*)(?![\w/])")


def is_blank(text: str) -> bool:
    return not text.strip()


def mask(text: str, spans: list[Span], fill: str = " ") -> str:
    """``text`` with every span replaced by ``fill`` characters (offsets kept)."""
    chars = list(text)
    for span in spans:
        chars[span.start:span.end] = fill * (span.end - span.start)
    return "".join(chars)


def non_language_spans(text: str) -> list[Span]:
    """URLs, e-mail addresses, placeholders and code-like tokens: never translated."""
    from glossa.qa.placeholder import find_placeholders

    spans = [Span(m.start(), m.end()) for rx in (URL, EMAIL, CODE) for m in rx.finditer(text)]
    spans += [p.span for p in find_placeholders(text)]
    return spans


def words(text: str) -> list[re.Match[str]]:
    """Letter-only word tokens (digits and underscores split words)."""
    return list(WORD.finditer(text))
