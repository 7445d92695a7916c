"""Shield spans of a sentence from the engine behind placeholder tokens, then restore them.

Three kinds of span are shielded: protected spans (inline code, format placeholders),
keep-verbatim glossary terms and names (restored exactly as in the source), and other
glossary terms (restored as the prescribed target term, put in the plural when the source
form is plural, capitalised to fit, inflected for case into Russian/Ukrainian, with
Portuguese articles before it made to agree in gender and number).

Placeholder shapes were chosen by testing the real pt<->en Bergamot models: ``XT0X``
survives in every position tried except the rare sentence where the model drops or
duplicates one; ``ZXQ0`` survived all of a second test set and is the fallback shape;
``{0}`` and ``<t0/>`` are mangled.

A token is not a name to the engine: it puts articles before it that a person or a city
does not take ("apresentado pelo XT1X"). So terms written like names (a capitalised
target, into a language without case inflection) are not masked at all: the target form
is written into the source sentence, the engine treats it as the name it is, and restore
finds it again (respelled or unaccented forms too) and puts back the exact form. A name
the engine mangles counts as lost and the sentence is retried with it masked.

The fallback uses ``ZXQ`` tokens for protected spans, verbatim terms, the names lost
the first time and the terms whose token came back the first time, and writes the other
target terms into the source sentence, which the models mostly copy (and then inflect and
agree with naturally). Of the two outputs the first is kept when it lost no protected
span and misses fewer glossary terms. A protected token that
cannot be found after both strategies is reported, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossa.document import SoftSpan, Span
from glossa.glossary import articles

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
    source_article: str = articles.UNSURE  # articles.YES / NO / UNSURE before it in the source
    start: int = -1  # offset in the source sentence
    token: int | None = None  # placeholder number; None when written into the source
    written: str = ""  # the text written into the source sentence instead of a token
    find: bool = False  # look for the written text in the output (and fix it up there)
    # Glue (formats helper): a protected span written flush against a letter ("**very**",
    # "<b>Note:</b>", "(%s)") is padded with spaces in the masked sentence, because a token
    # glued to a word ("XT0Xvery") makes the pt<->en models copy the word untranslated;
    # restore() removes the padding on the glued sides again.
    glue_left: bool = False
    glue_right: bool = False
    soft: bool = False  # a SoftSpan: losing it is not fatal (see glossa.document.SoftSpan)


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
    failed: set[int] = field(default_factory=set)  # written names the last restore missed
    survived: set[int] = field(default_factory=set)  # term tokens the last restore found
    previous: tuple[str, bool, int] | None = None  # (fallback) first output, hard protected
    # span lost?, soft spans lost

    def restore(self, output: str) -> Restored:
        """Put every shielded span back; ``lost`` names tokens missing or duplicated, and
        (first strategy) names written into the source that the output no longer has."""
        hits, seen, duplicated = self._tokens(output)
        taken = [(a, b) for a, b, _ in hits]
        self.failed = set()
        for slot in self.slots:
            if slot.find:
                span = articles.locate(output, slot.written, taken)
                if span is None:
                    self.failed.add(slot.start)
                    continue
                taken.append(span)
                hits.append((span[0], span[1], slot))
        hits.sort(key=lambda h: h[0])
        text = self._assemble(output, hits)
        gone = [s for s in self.slots
                if s.token is not None and (s.token not in seen or s.token in duplicated)
                or s.start in self.failed and not self.second]
        emptied = self._emptied(output, hits, gone)
        gone += [s for s in emptied if s not in gone]
        self.survived = {s.start for s in self.slots if s.token is not None and s not in gone}
        if not self.second:
            self.previous = (text, bool(emptied) or any(
                s.kind == PROTECTED and not s.soft for s in gone), sum(s.soft for s in gone))
            return Restored(text, [s.source for s in gone])
        # Last try: only a protected span lost is fatal (the segment is then not written);
        # a term lost here is reported by Glossary.verify. The first output wins when it
        # kept every protected span and misses fewer terms (this try can reword the rest).
        lost = [s.source for s in gone if s.kind == PROTECTED and not s.soft]
        soft = sum(s.soft for s in self.slots if s in gone or s.token is None)
        if self.previous is not None and not self.previous[1] and \
                (0, self.previous[2], self._misses(self.previous[0])) < \
                (len(lost), soft, self._misses(text)):
            return Restored(self.previous[0], [])
        return Restored(text, lost)

    def _emptied(self, output: str, hits: list, gone: list[Slot]) -> list[Slot]:
        """Soft-bounded stretches whose words the engine dropped: "Used by XT0X gnats
        XT1X" -> "Usado por XT0X XT1X" (the pt<->en models drop a rare word between two
        tokens). Their slots count as lost, so the fallback translates the plain sentence."""
        where = {id(slot): (a, b) for a, b, slot in hits if slot is not None}
        marks = [s for s in self.slots if s.kind == PROTECTED and s.token is not None]
        bad: list[Slot] = []
        for left, right in zip(marks, marks[1:], strict=False):
            if not (left.soft or right.soft) or left in gone or right in gone:
                continue
            before = self.source[left.start + len(left.source):right.start]
            a, b = where.get(id(left)), where.get(id(right))
            if a and b and a[1] <= b[0] and any(ch.isalpha() for ch in before) and \
                    not any(ch.isalpha() for ch in output[a[1]:b[0]]):
                bad += [left, right]
        return bad

    def _misses(self, text: str) -> int:
        if self.glossary is None:
            return 0
        return len(self.glossary.verify(self.source, text, self.src, self.tgt))

    def _tokens(self, output: str) -> tuple[list, set[int], set[int]]:
        by_token = {s.token: s for s in self.slots if s.token is not None}
        hits: list[tuple[int, int, Slot | None]] = []  # None: a duplicate, removed
        seen: set[int] = set()
        duplicated: set[int] = set()
        for match in self.shape.pattern.finditer(output):
            index = int(match.group(1))
            if index not in by_token:
                continue
            if index in seen:
                duplicated.add(index)
                hits.append((match.start(), match.end(), None))
                continue
            seen.add(index)
            hits.append((match.start(), match.end(), by_token[index]))
        return hits, seen, duplicated

    def _assemble(self, output: str, hits: list) -> str:
        """Splice the restored texts in. Fixes to the engine's words (articles before a term,
        agreement after it, doubled spaces) stay inside the gaps between restored texts, so
        protected text and earlier terms are never altered."""
        gaps = [_tidy(output[a:b]) for a, b in zip([0, *(h[1] for h in hits)],
                                                   [*(h[0] for h in hits), len(output)],
                                                   strict=True)]
        done = ""
        for i, (_, _, slot) in enumerate(hits):
            gap = gaps[i]
            if slot is None:
                done = (done + gap).rstrip(" ")
                continue
            if slot.glue_left:
                gap = gap.rstrip(" ")
            left, text = _render(slot, done + gap, self.tgt, masked=slot.token is not None)
            if not left.startswith(done):
                left = done + gap
            if slot.glue_right:
                gaps[i + 1] = gaps[i + 1].lstrip(" ")
            elif slot.token is not None and slot.kind == TERM and self.tgt in ("pt", "en"):
                gaps[i + 1] = _fix_right(slot, text, left, gaps[i + 1], self.tgt)
            done = left + text
        return done + gaps[-1]

    def fallback(self) -> Prepared | None:
        """Second strategy: another placeholder shape for protected spans, verbatim terms
        and names the engine mangled, target terms written straight into the source for the
        rest."""
        if self.second:
            return None
        kept = {s.start for s in self.slots if s.find and s.start not in self.failed}
        retry = _prepare(self.source, self.src, self.tgt, self.protected, self.glossary,
                         second=True, keep_written=kept,
                         keep_tokens={s.start for s in self.slots if s.kind == TERM
                                      and s.start in self.survived})
        retry.previous = self.previous
        return retry

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
_EN_DETERMINERS |= {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                    "both", "all", "several", "many", "few", "most", "more", "such"}
_EN_CONJUNCTIONS = {"that", "which", "what"}
_EN_PREPOSITIONS = {"of", "to", "in", "on", "at", "for", "from", "with", "by", "into", "onto",
                    "over", "under", "about", "after", "before", "between", "through", "via",
                    "during", "without", "within", "across", "near", "than", "as", "and", "or"}
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
    if slot.article and slot.kind == TERM and _wants_the(left, text, slot):
        last = re.search(r"(\w+)(['’]s?)?\s*$", left)
        if last and (last.group(2) or last.group(1)[:1].isupper()
                     and not _at_sentence_start(left[: last.start()])):
            return left  # "the Bank's", "Google Drive Notifications": a modifier before it
        clause = re.findall(r"\w+", re.split(r"[,;:()\[\]\"“”]", left)[-1].lower())
        if clause[-1:] and clause[-1] in _EN_CONJUNCTIONS:
            clause = []  # "warned that XT0X": "that" is no determiner here
        for word in reversed(clause[-3:]):  # "the new XT0X"; not "the icon to XT0X"
            if word in _EN_DETERMINERS:
                return left
            if word in _EN_PREPOSITIONS:
                break
        if _at_sentence_start(left):
            return left + "The "
        if left and not left[-1].isspace():
            return left
        return left + "the "
    return left


def _wants_the(left: str, text: str, slot: Slot) -> bool:
    """Whether a term whose source had a definite article needs "the" back if the engine
    dropped it: capitalised names ("the Federal Senate", "the IMF"; not acronyms read as a
    word: "NATO"), and lowercase terms in the singular ("in the search bar"; plurals read
    fine without) or at the start of a sentence ("The username ..." keeps the glossary's
    lowercase form)."""
    if text[:1].isupper():
        return not (text.isupper() and sum(c.isalpha() for c in text) > 3)
    return not slot.plural or _at_sentence_start(left)


def _render(slot: Slot, left: str, tgt: str, masked: bool = False) -> tuple[str, str]:
    """(left context, text) for one slot; the left context may change (articles)."""
    if slot.kind == PROTECTED:
        return left, slot.source
    if slot.kind == VERBATIM and slot.source.casefold() != slot.target.casefold():
        return left, slot.source  # an inflected or otherwise different form: keep it
    from glossa.glossary import morph

    pos = slot.match.entry.pos if slot.match is not None else ""
    dropped = False
    if masked and slot.source_article == articles.NO and articles.name_like(slot.target, pos):
        new_left = articles.drop_article(left, tgt)  # "pelo XT1X" -> "por Alexander ..."
        dropped, left = new_left != left, new_left
    text = slot.target
    if slot.kind == TERM:
        if slot.plural:
            text = morph.pluralize(text, tgt)
        if tgt in morph.MORPH_LANGS:
            case = slot.case or morph.case_from_context(left, tgt)
            text = morph.inflect_term(text, tgt, case, "plur" if slot.plural else None)
        if tgt == "pt" and not dropped:
            gender, plural = morph.pt_gender_number(text, pos)
            if gender:
                left = morph.fix_pt_determiners(left, gender, plural or slot.plural)
    if slot.kind == VERBATIM and slot.source != slot.target and slot.source[:1].isupper() \
            and not _at_sentence_start(left) and not slot.label_caps:
        text = slot.target  # "Merge request" at the start of the source, mid-sentence here
    elif slot.kind == VERBATIM:
        text = slot.source
    if tgt == "en" and not dropped:
        left = _fix_english(left, text, slot)
    if slot.all_caps:
        text = text.upper()
    elif slot.label_caps or _at_sentence_start(left):
        text = _capitalise(text)
    return left, text


def _fix_right(slot: Slot, text: str, left: str, right: str, tgt: str) -> str:
    """Agreement after a masked term that begins its sentence (the engine saw a token with
    no gender or number): the verb right after it, and a Portuguese participle."""
    from glossa.glossary import morph

    if tgt == "en":
        subject = _at_sentence_start(re.sub(r"\b(?:the|The|THE)\s+$", "", left))
        return articles.fix_en_after(right, slot.plural) if subject else right
    gender, plural = morph.pt_gender_number(text, slot.match.entry.pos)
    if not gender:
        return right
    return articles.fix_pt_after(right, gender, plural or slot.plural,
                                 subject=_at_sentence_start(morph.strip_pt_determiners(left)))


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
        before = articles.source_article(text[:m.start], src)
        slot = Slot(
            VERBATIM if verbatim else TERM, m.form, target, m,
            plural=not verbatim and morph.is_plural_form(m.form, term, src),
            case=(morph.case_of_form(m.form, src)[0]
                  if src in morph.MORPH_LANGS and tgt in morph.MORPH_LANGS else None),
            label_caps=(m.form[:1].isupper() and not term[:1].isupper() and not at_start),
            all_caps=(len(m.form) > 1 and m.form.isupper() and not term.isupper()),
            article=_had_article(text, m.start, src) and before != articles.UNSURE,
            source_article=before,
        )
        found.append((m.start, m.end, slot))
    return found


def _name_like(slot: Slot, tgt: str) -> bool:
    """Written into the source instead of masked: a name-like target the engine can copy
    (no case endings to add, not an all-caps headline or a capitalised UI label)."""
    from glossa.glossary import morph

    return (slot.kind in (TERM, VERBATIM) and tgt not in morph.MORPH_LANGS
            and slot.target[:1].isupper() and not slot.all_caps and not slot.label_caps)


def _prepare(text: str, src: str, tgt: str, protected: Sequence[Span], glossary: Any,
             second: bool, keep_written: set[int] | None = None,
             keep_tokens: set[int] | None = None) -> Prepared:
    shape = SECOND if second else PRIMARY
    spans: list[tuple[int, int, Slot]] = [
        (p.start, p.end, Slot(PROTECTED, text[p.start:p.end], soft=isinstance(p, SoftSpan)))
        for p in protected
    ]
    if glossary is not None:
        spans += _glossary_slots(text, src, tgt, protected, glossary)
    pieces: list[str] = []
    slots: list[Slot] = []
    tokens = 0
    pos = 0
    for start, end, slot in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue
        pieces.append(text[pos:start])
        slot.start = start
        if second and slot.soft:  # the fallback translates the plain sentence
            slots.append(slot)
            pos = end
            continue
        if slot.kind == PROTECTED:  # pad glued tokens (see Slot.glue_left)
            slot.glue_left = start > 0 and text[start - 1].isalnum()
            slot.glue_right = end < len(text) and text[end].isalnum()
            pieces.append(" " if slot.glue_left else "")
        name = _name_like(slot, tgt)
        if name and (not second or start in (keep_written or ())):
            slot.written, slot.find = _render(slot, "".join(pieces), tgt)[1], True
            pieces.append(slot.written)
        elif second and slot.kind == TERM and not name and start not in (keep_tokens or ()):
            slot.written = _render(slot, "".join(pieces), tgt)[1]
            pieces.append(slot.written)
        else:
            slot.token = tokens
            pieces.append(shape.token(tokens))
            tokens += 1
        slots.append(slot)
        if slot.kind == PROTECTED and slot.glue_right:
            pieces.append(" ")
        pos = end
    pieces.append(text[pos:])
    terms = [s.match for s in slots if s.match is not None]
    return Prepared(text, "".join(pieces), [s.source for s in slots if s.token is not None],
                    src, tgt, terms, slots, shape, tuple(protected), glossary, second)


def prepare(
    text: str,
    src: str,
    tgt: str,
    protected: Sequence[Span] = (),
    glossary: Any = None,
) -> Prepared:
    """Mask ``protected`` spans and glossary terms of ``text`` with placeholder tokens
    (name-like terms are written out instead, see the module docstring)."""
    return _prepare(text, src, tgt, tuple(protected), glossary, second=False)
