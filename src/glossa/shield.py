"""Shield spans of a sentence from the engine behind placeholder tokens, then restore them.

Placeholder shapes were chosen by testing the real pt<->en Bergamot models:
``XT0X`` survives intact in every position tried; ``{0}`` and ``<t0/>`` are
mangled. Restoration tolerates the small damage models do (case, inserted
spaces, doubled underscores) and reports every token it cannot find, so a
protected placeholder is never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossa.document import Span

_TOKEN_RE = re.compile(r"X\s?T\s?(\d+)\s?X", re.IGNORECASE)


def token(index: int) -> str:
    return f"XT{index}X"


@dataclass
class Restored:
    text: str
    lost: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    """A sentence ready for the engine: masked text plus what each token stands for."""

    source: str
    masked: str
    replacements: list[str]
    src: str = ""
    tgt: str = ""
    terms: list[Any] = field(default_factory=list)

    def restore(self, output: str) -> Restored:
        seen: set[int] = set()

        def put_back(match: re.Match[str]) -> str:
            index = int(match.group(1))
            if index >= len(self.replacements) or index in seen:
                return match.group(0)
            seen.add(index)
            return self.replacements[index]

        text = _TOKEN_RE.sub(put_back, output)
        lost = [self.replacements[i] for i in range(len(self.replacements)) if i not in seen]
        return Restored(text, lost)

    def fallback(self) -> Prepared | None:
        """No second strategy for protected spans: they must come back exactly."""
        return None


def prepare(
    text: str,
    src: str,
    tgt: str,
    protected: Sequence[Span] = (),
    glossary: Any = None,
) -> Prepared:
    """Mask ``protected`` spans of ``text`` with placeholder tokens."""
    pieces: list[str] = []
    replacements: list[str] = []
    pos = 0
    for span in sorted(protected, key=lambda s: s.start):
        if span.start < pos:
            continue
        pieces.append(text[pos:span.start])
        pieces.append(token(len(replacements)))
        replacements.append(text[span.start:span.end])
        pos = span.end
    pieces.append(text[pos:])
    return Prepared(text, "".join(pieces), replacements, src, tgt)
