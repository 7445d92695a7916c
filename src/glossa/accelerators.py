"""Keyboard accelerator markers in UI messages: found, taken out, put back.

GTK marks the key with ``_`` anywhere in a word (``_File``, ``Cu_t``, ``C_urrent Page``),
KDE, Qt and Windows with ``&`` (``&File``, ``Save &As``; ``&&`` is a literal ampersand),
LibreOffice with ``~``. A marker inside a word breaks the word for the engine, so it is
taken out before translation and put back in the translation.

Which marker a catalogue uses is detected from its label-like messages (``detect_style``):
``_`` is also the snake_case separator, the dunder and Markdown emphasis, so a candidate
must look like a marked menu label, and ``&`` must not be an entity or ``R&D``. A
catalogue with too few labels to tell gets the style "initial": each label's own ``&`` or
word-initial ``_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossa.document import Span

#: What ``--accelerator`` accepts: detect per catalogue, a marker, or no accelerators.
STYLES = ("auto", "_", "&", "~", "none")
MARKERS = ("_", "&", "~")

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);")
# inside a token, these make it an identifier, a path or a format string, not a label
_CODE_CHARS = set("%{}$=/\\.:()[]<>@#`")
_OPENERS = set(" \t\n([{\"'“‘«¿¡-–—/")


@dataclass(frozen=True)
class Marked:
    """A message with its accelerator marker taken out."""

    text: str  # the message without the marker (a doubled literal marker as one)
    marker: str  # "_", "&" or "~"
    offset: int | None  # where the marker was in ``text`` (the key letter's index)
    doubled: bool = False  # the message wrote a literal marker doubled ("Save && Quit")

    @property
    def key(self) -> str:
        return "" if self.offset is None else self.text[self.offset]


def _inside(pos: int, taken: Sequence[Span]) -> bool:
    return any(s.start <= pos < s.end for s in taken)


def _token(text: str, pos: int) -> str:
    """The whitespace-delimited token around ``pos``, without enclosing punctuation."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip("\"'“”‘’«»()[]{}<>,;:!?….")


def _is_emphasis(text: str, pos: int) -> bool:
    """``_`` opening Markdown-style emphasis: a later ``_`` closes a word ("_two words_")."""
    for match in re.finditer("_", text[pos + 1 :]):
        at = pos + 1 + match.start()
        after = text[at + 1 : at + 2]
        if text[at - 1].isalnum() and not (after.isalnum() or after == "_"):
            return True
    return False


def _both_words(before: str, after: str) -> bool:
    """snake_case: both halves are English words ("file_name", "max_size")."""
    from glossa.detect.lexicon import log_frequencies

    return all(log_frequencies(part.lower(), ("en",)) is not None for part in (before, after))


def _label_like(text: str, pos: int) -> bool:
    """Shaped like a menu item or a button label ("Page Set_up", "Save _As…"): one line of
    at most six words starting with a capital, no sentence break. Messages of command-line
    tools ("fts_read failed", "describe_pid: no such pid") are not."""
    plain = re.sub(r"(?:…|\.{3}|:)$", "", (text[:pos] + text[pos + 1 :]).strip()).strip()
    if not plain or "\n" in plain or len(plain.split()) > 6 or re.search(r"[.:;!?]\s", plain):
        return False
    return next((ch for ch in plain if ch.isalpha()), "").isupper()


def _underscore_ok(text: str, pos: int) -> bool:
    """An ``_`` that marks the next letter of a label, not an identifier's or emphasis."""
    token = _token(text, pos)
    if token.count("_") != 1 or any(ch.isdigit() or ch in _CODE_CHARS for ch in token):
        return False
    before_ch = text[pos - 1] if pos else " "
    if before_ch in _OPENERS:  # word start: "_File", "Show _hidden", "(_Ok)"
        return not _is_emphasis(text, pos)
    if not before_ch.isalpha() or not _label_like(text, pos):
        return False  # inside a word: only in a label
    head, _, tail = token.partition("_")
    tail = _WORD.match(tail).group() if _WORD.match(tail) else tail
    letters = [ch for ch in token if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return False  # GTK_DEBUG, MAX_SIZE
    if tail[:1].isupper() or any(ch.isupper() for ch in head[1:]):
        return False  # File_Name, myVar_name
    # file_name: both halves words
    return not (head.islower() and len(head) > 1 and len(tail) > 1 and _both_words(head, tail))


def _ampersand_ok(text: str, pos: int) -> bool:
    if text[pos - 1 : pos] == "&" or text[pos + 1 : pos + 2] == "&":
        return False  # "&&": a literal ampersand
    if _ENTITY.match(text, pos):
        return False
    return not (pos > 0 and text[pos - 1].isalnum() and text[pos + 1].isupper())  # R&D


def _tilde_ok(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else " "
    return (before in _OPENERS or before.isalpha()) and text[pos + 1 : pos + 2] != "~"


_CHECKS = {"_": _underscore_ok, "&": _ampersand_ok, "~": _tilde_ok}


def candidates(text: str, marker: str, taken: Sequence[Span] = ()) -> list[int]:
    """Offsets of ``marker`` in ``text`` that plausibly mark an accelerator key."""
    found = []
    for match in re.finditer(re.escape(marker), text):
        pos = match.start()
        nxt = text[pos + 1 : pos + 2]
        if not nxt or not nxt.isalpha() or _inside(pos, taken) or _inside(pos + 1, taken):
            continue
        if pos and _inside(pos - 1, taken):
            continue  # "%s_name": glued to a placeholder
        if _CHECKS[marker](text, pos):
            found.append(pos)
    return found


def find(text: str, marker: str, taken: Sequence[Span] = ()) -> int | None:
    """The offset of the accelerator marker of ``text``: its only candidate, else None."""
    found = candidates(text, marker, taken)
    return found[0] if len(found) == 1 else None


def detect_style(messages: Iterable[tuple[str, Sequence[Span]]]) -> str:
    """The marker a catalogue uses: the one most of its label-like (message, placeholders)
    pairs have, when at least two do (one in a catalogue of ten or fewer) and twice as many as have
    the next marker; else "initial" (each message's own ``&`` or word-initial ``_``) when
    some message has a marker, "none" when none has."""
    counts = dict.fromkeys(MARKERS, 0)
    total = 0
    for text, taken in messages:
        total += 1
        for marker in MARKERS:
            pos = find(text, marker, taken) if marker in text else None
            if pos is not None and _label_like(text, pos):
                counts[marker] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, count), (_, second) = ranked[0], ranked[1]
    if count >= (1 if total <= 10 else 2) and count >= 2 * second:
        return best
    return "initial" if count else "none"


def _initial(text: str, taken: Sequence[Span]) -> Marked | None:
    """A message's own marker where the catalogue has too few to tell its style: an ``&``
    or a word-initial ``_`` of a label, when it is the message's only candidate."""
    amp = candidates(text, "&", taken) if "&" in text else []
    under = candidates(text, "_", taken) if "_" in text else []
    if len(amp) + len(under) != 1 or (under and under[0] and text[under[0] - 1] not in _OPENERS):
        return None
    pos, marker = (amp[0], "&") if amp else (under[0], "_")
    if not _label_like(text, pos):
        return None
    return Marked(text[:pos] + text[pos + 1 :], marker, pos)


def strip(text: str, marker: str, taken: Sequence[Span] = ()) -> Marked | None:
    """``text`` without its accelerator marker (and with ``&&`` as ``&``), or None when
    it has neither. ``marker`` "initial": see ``_initial``."""
    if marker == "initial":
        return _initial(text, taken)
    if marker not in MARKERS or marker not in text:
        return None
    pos = find(text, marker, taken)
    doubled = marker == "&" and "&&" in text
    if pos is None and not doubled:
        return None
    out, offset, i = [], None, 0
    while i < len(text):
        if i == pos:
            offset = len("".join(out))
            i += 1
            continue
        if doubled and text.startswith("&&", i) and not _inside(i, taken):
            out.append("&")
            i += 2
            continue
        out.append(text[i])
        i += 1
    return Marked("".join(out), marker, offset, doubled)


def restore(
    translation: str,
    source: str,
    at: int | None,
    marker: str,
    doubled: bool = False,
    taken: Sequence[Span] = (),
) -> str:
    """Put the marker into ``translation`` of ``source`` (one line of a marked message, its
    key at ``at``): on the same letter in the corresponding word, else on that letter at
    the start of any word, else on the corresponding word's first letter, else on the
    translation's first letter. With ``doubled``, literal ``&`` are written ``&&`` again.
    ``taken``: the translation's placeholders, never marked or doubled."""
    if doubled and marker == "&":
        translation, taken = _double(translation, taken)
    if at is None or not 0 <= at < len(source):
        return translation
    pos = _key_position(translation, source, at, marker, taken)
    return translation[:pos] + marker + translation[pos:]


def _double(text: str, taken: Sequence[Span]) -> tuple[str, list[Span]]:
    """Every ``&`` outside placeholders written twice; the placeholders moved with it."""
    out: list[str] = []
    moved_to: list[int] = []
    for i, ch in enumerate(text):
        moved_to.append(len(out))
        out.append(ch * 2 if ch == "&" and not _inside(i, taken) else ch)
        out[-1:] = list(out[-1])
    moved_to.append(len(out))
    return "".join(out), [Span(moved_to[s.start], moved_to[s.end]) for s in taken]


def _words(text: str, taken: Sequence[Span]) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _WORD.finditer(text)
        if not any(_inside(i, taken) for i in range(*m.span()))
    ]


def _key_position(
    translation: str, source: str, at: int, marker: str, taken: Sequence[Span]
) -> int:
    """Where the marker goes (see ``restore``): the first usable of the places in order."""
    key = source[at].casefold()
    src_words = _words(source, ())
    index = next((n for n, (a, b) in enumerate(src_words) if a <= at < b), 0)
    words = _words(translation, taken)
    order: list[int] = []
    if words:
        a, b = src_words[index] if src_words else (at, at + 1)
        order += [
            s + (at - a)
            for s, e in words  # the word came through as it was ("GTK")
            if translation[s:e].casefold() == source[a:b].casefold()
        ]
        if len(src_words) > 1 and len(words) > 1:
            start, end = words[round(index * (len(words) - 1) / (len(src_words) - 1))]
        else:
            start, end = words[0]
        order += [i for i in range(start, end) if translation[i].casefold() == key]
        order += [s for s, _ in words if translation[s].casefold() == key]
        order.append(start)
    order += [i for i, ch in enumerate(translation) if ch.isalpha() and not _inside(i, taken)]
    usable = [i for i in order if translation[i - 1 : i] != marker]
    return usable[0] if usable else 0
