"""Word-level diffs between the machine translation and its revision, refined to
characters inside a changed word when that is easier to read ("colour" -> "color"),
and the post-editing effort as a TER-like word edit rate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
CHAR_LEVEL_RATIO = 0.75  # refine a changed word to characters when this similar
MAX_CHAR_CHANGES = 2  # ... and changed in at most this many places


@dataclass(frozen=True)
class DiffOp:
    """``tag`` is equal, insert, delete or replace; ``old``/``new`` are the texts on each
    side. ``chars`` refines a replace into character-level equal/insert/delete ops."""

    tag: str
    old: str
    new: str
    chars: tuple[DiffOp, ...] = ()


def tokens(text: str) -> list[str]:
    """Words, runs of whitespace and single punctuation marks; joined they give ``text``."""
    return _TOKEN.findall(text)


def _char_ops(old: str, new: str) -> tuple[DiffOp, ...]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if " " in old.strip() or " " in new.strip() or matcher.ratio() < CHAR_LEVEL_RATIO:
        return ()
    opcodes = matcher.get_opcodes()
    if sum(tag != "equal" for tag, *_ in opcodes) > MAX_CHAR_CHANGES:
        return ()
    ops = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            ops += [DiffOp("delete", old[i1:i2], ""), DiffOp("insert", "", new[j1:j2])]
        else:
            ops.append(DiffOp(tag, old[i1:i2], new[j1:j2]))
    return tuple(ops)


def word_diff(old: str, new: str) -> list[DiffOp]:
    """Edit script turning ``old`` into ``new`` by whole tokens."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        chars = _char_ops(left, right) if tag == "replace" else ()
        ops.append(DiffOp(tag, left, right, chars))
    return ops


def words(text: str) -> list[str]:
    """Tokens TER counts: words and punctuation marks, no whitespace."""
    return [t for t in tokens(text) if not t.isspace()]


def word_edits(old: str, new: str) -> int:
    """Insertions, deletions and substitutions of words turning ``old`` into ``new``
    (Levenshtein over word lists; TER without block shifts)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(words(old), words(new))


def edit_rate(edits: int, reference_words: int) -> float:
    """TER-like effort: word edits per word of the revised text."""
    return edits / reference_words if reference_words else float(edits > 0)
