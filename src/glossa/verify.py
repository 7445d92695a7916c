"""Every restored unit is checked before it is written.

A *fatal* problem means the output is wrong and must not be written: the pipeline tries
the unit once more with its fallback shielding and otherwise keeps it in the source
language and reports it. A *warning* means the output is suspicious (tiny models invent
parentheticals and drop names): it is written, and reported with its ``file:line`` for a
translator to look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Pieces of glossa's own masks (XT0X, ZXQ0, __T0__) or of the model's special tokens: whole
# tokens, and the halves a model leaves when it splits one (XT, T0X, XQ0, __T).
_MASK_PIECES = re.compile(
    r"X\s?T\s?\d+\s?X|Z\s?X\s?Q\s?\d+|__T\w*|(?<![^\W\d_])T\d+X(?![^\W\d_])"
    r"|(?<![^\W_])(?:XT\d*|ZXQ\d*|XQ\d+)(?![^\W_])|</?s>|<unk>|<pad>|▁")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)\b[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BRACKETS = "()[]"
_DOUBLED = re.compile(r"(?<!\w)(\w{2,})\s+\1(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GLUED_STOP = re.compile(r"[^\W\d_][.!?][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")  # "%(email)s.No entanto"
_NUMBER = re.compile(r"\d{2,}")
_GROUPING = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d)")
_DOUBLE_QUOTES = "\"“”„«»"
_ALL_CAPS = re.compile(r"(?<![\w'’-])[A-Z][A-Z0-9]+(?![\w'’-])")
_BROKEN_CAPS = re.compile(r"(?<![\w'’-])[a-z][A-Z][A-Z0-9]*(?![\w'’-])")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*")


def fatal(source: str, output: str) -> list[str]:
    """What makes ``output`` unusable as a translation of ``source``."""
    problems = []
    leaked = sorted({m.group() for m in _MASK_PIECES.finditer(output)}
                    - {m.group() for m in _MASK_PIECES.finditer(source)})
    if leaked:
        problems.append(f"mask or model token left in the output: {', '.join(leaked)}")
    if "<" not in source and "<" not in output:
        pass  # no tags: nothing to compare (most sentences)
    elif Counter(_tags(source)) != Counter(_tags(output)) or not _well_nested(output):
        problems.append("markup tags lost, added or no longer nested properly")
    else:
        emptied = [src[0] for src, out in zip(_contents(source), _contents(output), strict=False)
                   if src[1] and not out[1]]
        if emptied:
            problems.append(f"the text of <{emptied[0]}> moved out of it (it came back empty)")
    broken = broken_capitals(source, output)
    if broken:
        problems.append(f"capitals of {', '.join(broken)} broken in the output")
    quotes = _quotes(source), _quotes(output)
    if (quotes[1] - quotes[0]) % 2:
        problems.append(f"a double quote lost its partner ({quotes[0]} -> {quotes[1]})")
    if len(_GLUED_STOP.findall(output)) > len(_GLUED_STOP.findall(source)):
        problems.append("a sentence stop glued to the next sentence (no space after it)")
    changed = changed_numbers(source, output)
    if changed:
        problems.append(f"numbers lost or changed: {', '.join(changed)}")
    for ch in "<>":
        if source.count(ch) != output.count(ch):
            problems.append(f"'{ch}' count changed ({source.count(ch)} -> {output.count(ch)})")
    return problems


def changed_numbers(source: str, output: str) -> list[str]:
    """Numbers of two digits or more of the source the output lacks ("1024*1024" -> "1024 *
    104", "2.5.7" -> "2,7"). Digit grouping may change (1,250 -> 1.250, 2.5 -> 2,5), a lone
    digit may be spelled out ("3rd-party" -> "terceiros"), and a number the output adds is
    most often one the source spells out ("dez horas" -> "10 o'clock")."""
    missing = _numbers(source) - _numbers(output)
    if not missing:
        return []
    written = set(_DIGITS.findall(_GROUPING.sub("", output)))
    return sorted(n for n in missing.elements() if not any(_scaled(n, m) for m in written))


_DIGITS = re.compile(r"\d+")


def _scaled(number: str, written: str) -> bool:
    """Whether ``written`` is ``number`` with a scale word turned into zeros or back
    ("300 mil" -> "300,000", "2,000,000" -> "2 milhões"): the same digits, then only
    zeros (in groups of three)."""
    short, long = sorted((number, written), key=len)
    extra = long[len(short):]
    return long.startswith(short) and len(extra) >= 3 and not extra.strip("0")


def _numbers(text: str) -> Counter[str]:
    return Counter(_NUMBER.findall(_GROUPING.sub("", text)))


def _quotes(text: str) -> int:
    """Double quotation marks of any style ("x", “x”, «x», „x“): a model may change their
    style, or add a pair, but one left without its partner is corruption ('bin' UID." ->
    "bin" UID".)."""
    return sum(text.count(ch) for ch in _DOUBLE_QUOTES)


def broken_capitals(source: str, output: str) -> list[str]:
    """All-capitals words of the source (IBM, ISO) the output has with the first letter
    alone lowered ("iBM"): a corrupted name, never a translation."""
    capitals = set(_ALL_CAPS.findall(source))
    return list(dict.fromkeys(m.group().upper() for m in _BROKEN_CAPS.finditer(output)
                              if m.group().upper() in capitals
                              and m.group() not in source))


def warnings(source: str, output: str, names_known: frozenset[str] = frozenset(),
             unknown: frozenset[str] = frozenset()) -> list[str]:
    """Signs of an invented or lossy translation worth a translator's look.

    ``names_known`` holds lower-cased capitalised words of the source that are ordinary
    words of its language (the caller looks them up), so only names are checked.
    ``unknown`` holds lower-cased words the target language's lexicon lacks (the caller
    looks the output's words up, see ``words``): those the source lacks are non-words.
    """
    found = []
    invented = nonwords(source, output, unknown)
    if invented:
        found.append(f"not a word of the target language: {', '.join(invented)}")
    gained = gains_brackets(source, output)
    if gained:
        found.append(f"the translation adds {' '.join(repr(ch) for ch in gained)} the source "
                     "does not have")
    doubled = gains_doubled_word(source, output)
    if doubled:
        found.append(f"the translation repeats a word: {doubled!r}")
    lost = lost_names(source, output, names_known)
    if lost:
        found.append(f"name{'s' if len(lost) > 1 else ''} missing from the translation: "
                     + ", ".join(lost))
    return found


def lost_names(source: str, output: str, names_known: frozenset[str] = frozenset()
               ) -> list[str]:
    """Capitalised words of the source (not ordinary words) the output lost."""
    return list(dict.fromkeys(name for name in capitalised_words(source)
                              if name.lower() not in names_known
                              and not _has_name(output, name)))


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters, inner hyphens and apostrophes)."""
    return [m.group().lower() for m in _WORD.finditer(text)]


def nonwords(source: str, output: str, unknown: frozenset[str]) -> list[str]:
    """Words of ``output`` in ``unknown`` that the source does not have (copied names and
    codes are not inventions) and that are not cognates of a source word (their first six
    letters differ: "sublicenciamento" for "sublicensing" is a coinage, not an invention);
    names (capitalised inside a sentence) are left out."""
    if not unknown:
        return []
    copied = set(words(source))
    stems = {_fold(w)[:6] for w in copied if len(w) >= 6}
    found = []
    for match in _WORD.finditer(output):
        word = match.group()
        mixed = word[1:] != word[1:].lower() and not word.isupper()
        if mixed or word.lower() in copied or len(word) < 4:
            continue  # a CamelCase name, a copied word, a short word
        before = _char_before(output, match.start())
        if word[0].isupper() and not word.isupper() and before not in ".!?:;…":
            continue  # capitalised inside a sentence: a name
        if word.lower() in unknown and _fold(word)[:6] not in stems:  # not a cognate
            found.append(word)
    return list(dict.fromkeys(found))


def gains_doubled_word(source: str, output: str) -> str | None:
    """A word the output doubles ("Log log") where the source doubles none."""
    match = _DOUBLED.search(output)
    if match and not _DOUBLED.search(source):
        return match.group()
    return None


def gains_brackets(source: str, output: str) -> list[str]:
    """The brackets ``output`` has more of than ``source`` (an invented parenthetical)."""
    return [ch for ch in _BRACKETS if output.count(ch) > source.count(ch)]


def capitalised_words(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: the candidates for names."""
    words = []
    for match in _CAPITALISED.finditer(text):
        if _char_before(text, match.start()) in ".!?:;…\n":
            continue  # sentence-initial: capitalised anyway
        words.append(match.group())
    return words


def _char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not a space, opening quote or bracket;
    "" at the start of the text (looks back only as far as it must)."""
    while pos > 0 and text[pos - 1] in _LEAD_IN:
        pos -= 1
    return text[pos - 1] if pos else ""


_LEAD_IN = frozenset(" \t\"'“‘«(")


def _has_name(output: str, name: str) -> bool:
    """The name, or a respelling sharing its first letters (Lisbon/Lisboa), is there."""
    plain = _fold(output)
    stem = _fold(name)[:max(4, len(name) - 3)]
    return stem in plain


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _contents(text: str) -> list[tuple[str, bool]]:
    """(name, has letters or digits) of every non-void element, in the order it opens: in
    two well-nested texts with the same tags, the n-th entries are the same element."""
    out: list[tuple[str, bool]] = []
    stack: list[tuple[int, int]] = []  # (index in out, offset after the opening tag)
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if match.group(3) or name in _VOID:
            continue
        if not closing:
            stack.append((len(out), match.end()))
            out.append((name, False))
        elif stack and out[stack[-1][0]][0] == name:
            index, start = stack.pop()
            inner = _TAG.sub("", text[start:match.start()])
            out[index] = (name, any(ch.isalnum() for ch in inner))
    return out


def _tags(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2).lower()) for m in _TAG.finditer(text) if not m.group(3)]


def _well_nested(text: str) -> bool:
    """Every closing tag closes the innermost open element (void tags aside)."""
    stack: list[str] = []
    for closing, name in _tags(text):
        if not closing:
            stack.append(name)
        elif name in stack:
            if stack[-1] != name:
                return False
            stack.pop()
    return True
