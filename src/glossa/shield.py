"""Shield spans of a sentence from the engine behind placeholder tokens, then restore them.

Three kinds of span are shielded: protected spans (inline code, format placeholders),
keep-verbatim glossary terms and names (restored exactly as in the source), and other
glossary terms (restored as the prescribed target term, put in the plural when the source
form is plural, capitalised to fit, inflected for case into Russian/Ukrainian, with
Portuguese articles before it made to agree in gender and number).

Placeholder shapes were chosen by testing the real pt<->en Bergamot models: ``XT0X``
survives in every position tried except the rare sentence where the model drops or
duplicates one; ``ZXQ0`` survived all of a second test set and is the fallback shape;
``{0}`` and ``<t0/>`` are mangled. The fallback also stops masking ordinary glossary
terms and writes the target term into the source sentence instead, which the models
mostly copy (and then inflect and agree with naturally). A protected token that cannot
be found after both strategies is reported, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossa.document import Span

PROTECTED, VERBATIM, TERM = "protected", "verbatim", "term"


@dataclass(frozen=True)
class Shape:
    """A placeholder family: how to write token i and a tolerant pattern to find it."""

    template: str
    pattern: re.Pattern[str]

    def token(self, index: int) -> str:
        return self.template.format(index)


PRIMARY = Shape("XT{}X", re.compile(r"X\s?T\s?(\d+)\s?X", re.IGNORECASE))
SECOND = Shape("ZXQ{}", re.compile(r"Z\s?X\s?Q\s?(\d+)", re.IGNORECASE))


def token(index: int) -> str:
    return PRIMARY.token(index)


@dataclass
class Slot:
    """One shielded span: what it replaced and what goes back in its place."""

    kind: str
    source: str  # the text replaced in the source sentence
    target: str = ""  # the glossary's target term (TERM) or term (VERBATIM)
    match: Any = None  # glossa.glossary.TermMatch for glossary slots
    plural: bool = False
    case: str | None = None  # grammatical case carried over from a ru/uk source form
    label_caps: bool = False  # capitalised mid-sentence in the source (a UI label, a title)
    all_caps: bool = False
    article: bool = False  # a definite article stood right before it in the source
    # Glue (formats helper): a protected span written flush against a letter ("**very**",
    # "<b>Note:</b>", "(%s)") is padded with spaces in the masked sentence, because a token
    # glued to a word ("XT0Xvery") makes the pt<->en models copy the word untranslated;
    # restore() removes the padding on the glued sides again.
    glue_left: bool = False
    glue_right: bool = False


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
    terms: list[Any] = field(default_factory=list)  # TermMatch of every glossary slot
    slots: list[Slot] = field(default_factory=list)
    shape: Shape = PRIMARY
    protected: tuple[Span, ...] = ()
    glossary: Any = None
    second: bool = False  # this is already the fallback strategy

    def restore(self, output: str) -> Restored:
        """Put every shielded span back; ``lost`` names tokens missing or duplicated."""
        pieces: list[str] = []
        seen: set[int] = set()
        duplicated: set[int] = set()
        pos = 0
        for match in self.shape.pattern.finditer(output):
            index = int(match.group(1))
            if index >= len(self.slots):
                continue
            left = "".join(pieces) + output[pos:match.start()]
            if index in seen:
                duplicated.add(index)
                pieces, pos = [left.rstrip(" ")], match.end()
                continue
            seen.add(index)
            slot = self.slots[index]
            if slot.glue_left:
                left = left.rstrip(" ")
            left, text = _render(slot, left, self.tgt)
            pieces, pos = [left, text], match.end()
            if slot.glue_right:
                while output[pos:pos + 1] == " ":
                    pos += 1
        pieces.append(output[pos:])
        text = "".join(pieces)
        lost = [self.replacements[i] for i, slot in enumerate(self.slots)
                if i not in seen or i in duplicated]
        if self.second:  # ordinary terms were written in, not masked: nothing else to find
            lost = [self.replacements[i] for i in range(len(self.slots))
                    if i in duplicated or i not in seen]
        return Restored(_tidy(text), lost)

    def fallback(self) -> Prepared | None:
        """Second strategy: another placeholder shape for protected spans and verbatim terms,
        target terms written straight into the source for the rest."""
        if self.second:
            return None
        return _prepare(self.source, self.src, self.tgt, self.protected, self.glossary,
                        second=True)


def _tidy(text: str) -> str:
    return re.sub(r" {2,}", " ", text) if "  " in text else text


def _at_sentence_start(left: str) -> bool:
    stripped = left.rstrip()
    return not re.search(r"\w", stripped) or stripped.endswith((".", "!", "?", "…"))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_DEFINITE = {  # definite articles (and article contractions) of source languages
    "pt": {"o", "a", "os", "as", "do", "da", "dos", "das", "no", "na", "nos", "nas", "ao", "à",
           "aos", "às", "pelo", "pela", "pelos", "pelas"},
    "es": {"el", "la", "los", "las", "del", "al"},
    "fr": {"le", "la", "les", "l", "du", "des", "au", "aux"},
    "it": {"il", "lo", "la", "i", "gli", "le", "del", "della", "dei", "degli", "delle", "al",
           "alla", "nel", "nella"},
}
_EN_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                   "their", "our", "your", "my", "each", "every", "any", "some", "no",
                   "another", "which", "whose", "what"}
_AN_EXCEPTIONS = re.compile(r"^(?:uni|use|usu|eu|one|once)|^(?:hour|honest|honou?r|heir)",
                            re.I)


def _had_article(text: str, start: int, src: str) -> bool:
    match = re.search(r"(\w+)['’]?\s*$", text[:start])
    return bool(match) and match.group(1).lower() in _DEFINITE.get(src, ())


def _fix_english(left: str, text: str, slot: Slot) -> str:
    """English articles before a restored term: a/an by its first sound; "the" where the
    source had a definite article and the engine, seeing a token, dropped it."""
    match = re.search(r"\b(an?|An?)(\s+)$", left)
    if match:
        vowel = bool(re.match(r"[aeiou]", text, re.I)) != bool(_AN_EXCEPTIONS.match(text))
        article = "an" if vowel else "a"
        if match.group(1)[0].isupper():
            article = article.capitalize()
        return left[: match.start(1)] + article + left[match.end(1):]
    if slot.article and slot.kind == TERM and slot.target[:1].isupper():
        last = re.search(r"(\w+)(['’]s?)?\s*$", left)
        if last and last.group(2):
            return left
        clause = re.split(r"[,;:()\[\]]", left)[-1]
        if set(re.findall(r"\w+", clause.lower())[-3:]) & _EN_DETERMINERS:
            return left
        if _at_sentence_start(left):
            return left + "The "
        if left and not left[-1].isspace():
            return left
        return left + "the "
    return left


def _render(slot: Slot, left: str, tgt: str) -> tuple[str, str]:
    """(left context, text) for one slot; the left context may change (pt articles)."""
    if slot.kind == PROTECTED:
        return left, slot.source
    if slot.kind == VERBATIM and slot.source.casefold() != slot.target.casefold():
        return left, slot.source  # an inflected or otherwise different form: keep it
    from glossa.glossary import morph

    text = slot.target
    if slot.kind == TERM:
        if slot.plural:
            text = morph.pluralize(text, tgt)
        if tgt in morph.MORPH_LANGS:
            case = slot.case or morph.case_from_context(left, tgt)
            text = morph.inflect_term(text, tgt, case, "plur" if slot.plural else None)
        if tgt == "pt":
            gender, plural = morph.pt_gender_number(text, slot.match.entry.pos)
            if gender:
                left = morph.fix_pt_determiners(left, gender, plural or slot.plural)
    if slot.kind == VERBATIM and slot.source != slot.target and slot.source[:1].isupper() \
            and not _at_sentence_start(left) and not slot.label_caps:
        text = slot.target  # "Merge request" at the start of the source, mid-sentence here
    elif slot.kind == VERBATIM:
        text = slot.source
    if tgt == "en":
        new_left = _fix_english(left, text, slot)
        left = new_left
    if slot.all_caps:
        text = text.upper()
    elif slot.label_caps or _at_sentence_start(left):
        text = _capitalise(text)
    return left, text


def _glossary_slots(text: str, src: str, tgt: str, protected: Sequence[Span],
                    glossary: Any) -> list[tuple[int, int, Slot]]:
    from glossa.glossary import morph

    found = []
    for m in glossary.find(text, src):
        if any(m.start < p.end and p.start < m.end for p in protected):
            continue
        entry, term = m.entry, m.entry.term(src)
        target = entry.term(tgt) or (term if entry.keep_verbatim else "")
        if not target:
            continue
        verbatim = morph.norm(target) == morph.norm(term)
        at_start = _at_sentence_start(text[:m.start])
        slot = Slot(
            VERBATIM if verbatim else TERM, m.form, target, m,
            plural=not verbatim and morph.is_plural_form(m.form, term, src),
            case=(morph.case_of_form(m.form, src)[0]
                  if src in morph.MORPH_LANGS and tgt in morph.MORPH_LANGS else None),
            label_caps=(m.form[:1].isupper() and not term[:1].isupper() and not at_start),
            all_caps=(len(m.form) > 1 and m.form.isupper() and not term.isupper()),
            article=_had_article(text, m.start, src),
        )
        found.append((m.start, m.end, slot))
    return found


def _prepare(text: str, src: str, tgt: str, protected: Sequence[Span], glossary: Any,
             second: bool) -> Prepared:
    shape = SECOND if second else PRIMARY
    spans: list[tuple[int, int, Slot]] = [
        (p.start, p.end, Slot(PROTECTED, text[p.start:p.end])) for p in protected
    ]
    if glossary is not None:
        spans += _glossary_slots(text, src, tgt, protected, glossary)
    pieces: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for start, end, slot in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue
        pieces.append(text[pos:start])
        if slot.kind == PROTECTED:  # pad glued tokens (see Slot.glue_left)
            slot.glue_left = start > 0 and text[start - 1].isalnum()
            slot.glue_right = end < len(text) and text[end].isalnum()
            pieces.append(" " if slot.glue_left else "")
        if second and slot.kind == TERM:
            pieces.append(_render(slot, "".join(pieces), tgt)[1])
        else:
            pieces.append(shape.token(len(slots)))
            slots.append(slot)
        if slot.kind == PROTECTED and slot.glue_right:
            pieces.append(" ")
        pos = end
    pieces.append(text[pos:])
    terms = [s.match for s in slots if s.match is not None]
    return Prepared(text, "".join(pieces), [s.source for s in slots], src, tgt, terms, slots,
                    shape, tuple(protected), glossary, second)


def prepare(
    text: str,
    src: str,
    tgt: str,
    protected: Sequence[Span] = (),
    glossary: Any = None,
) -> Prepared:
    """Mask ``protected`` spans and glossary terms of ``text`` with placeholder tokens."""
    return _prepare(text, src, tgt, tuple(protected), glossary, second=False)
