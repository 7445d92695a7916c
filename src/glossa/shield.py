"""Shield spans of a sentence from the engine behind placeholder tokens, then restore them.

Three kinds of span are shielded: protected spans (inline code, format placeholders),
keep-verbatim glossary terms and names (restored exactly as in the source), and other
glossary terms (restored as the prescribed target term, capitalised to fit, and made to fit
the sentence by the target's language module, glossa.lang: plural, case, the articles
before it and the agreement after it; a language without a module gets no such edits).

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

The retry strategy is explicit (``FIRST`` then ``RETRY``, see ``Strategy``): the retry
uses ``ZXQ`` tokens for protected spans, verbatim terms, the names lost the first time
and the terms whose token came back the first time, and writes the other target terms
into the source sentence, which the models mostly copy (and then inflect and agree with
naturally). Of the two outputs the first is kept when it lost no protected span and
misses fewer glossary terms. A protected token that cannot be found after both
strategies is reported, never dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossa.document import SoftSpan, Span
from glossa.lang import language
from glossa.lang.base import NO, UNSURE, Site, at_sentence_start, name_like, norm

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


@dataclass(frozen=True)
class Strategy:
    """How a sentence is shielded: the placeholder shape, whether target terms are written
    into the source instead of masked, and the strategy to retry with after a failure."""

    name: str
    shape: Shape
    write_terms: bool  # write target terms in (except those whose token came back before)
    retry: Strategy | None = None


RETRY = Strategy("retry", SECOND, write_terms=True)
FIRST = Strategy("first", PRIMARY, write_terms=False, retry=RETRY)


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
    title_label: bool = False  # the whole source is a Title Case label ("Add Security Key")
    all_caps: bool = False
    article: bool = False  # a definite article stood right before it in the source
    source_article: str = UNSURE  # YES / NO / UNSURE: an article before it in the source
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
    strategy: Strategy = FIRST
    protected: tuple[Span, ...] = ()
    glossary: Any = None  # glossa.glossary.Termbase (or a Glossary)
    failed: set[int] = field(default_factory=set)  # written names the last restore missed
    survived: set[int] = field(default_factory=set)  # term tokens the last restore found
    previous: tuple[str, bool, int] | None = None  # (retry) first output, hard protected
    # span lost?, soft spans lost

    @property
    def shape(self) -> Shape:
        return self.strategy.shape

    @property
    def second(self) -> bool:
        """Whether this is the last strategy (nothing left to retry with)."""
        return self.strategy.retry is None

    def restore(self, output: str) -> Restored:
        """Put every shielded span back; ``lost`` names tokens missing or duplicated, and
        (first strategy) names written into the source that the output no longer has."""
        hits, seen, duplicated = self._tokens(output)
        taken = [(a, b) for a, b, _ in hits]
        self.failed = set()
        for slot in self.slots:
            if slot.find:
                span = locate(output, slot.written, taken)
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
        return len(self.glossary.verify(self.source, text, self.src, self.tgt, self.protected))

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
        output = _mend_caps(output, self.source, self.tgt)  # same length: hits stay valid
        gaps = [_tidy(output[a:b]) for a, b in zip([0, *(h[1] for h in hits)],
                                                   [*(h[0] for h in hits), len(output)],
                                                   strict=True)]
        done = ""
        grammar = language(self.tgt)
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
            elif slot.token is not None and slot.kind == TERM:
                gaps[i + 1] = grammar.fix_after(gaps[i + 1], left, text, _site(slot))
            done = left + text
        return done + gaps[-1]

    def fallback(self) -> Prepared | None:
        """The sentence prepared with the retry strategy (another placeholder shape for
        protected spans, verbatim terms and names the engine mangled, target terms written
        straight into the source for the rest); None after the last strategy."""
        if self.strategy.retry is None:
            return None
        kept = {s.start for s in self.slots if s.find and s.start not in self.failed}
        retry = _prepare(self.source, self.src, self.tgt, self.protected, self.glossary,
                         self.strategy.retry, keep_written=kept,
                         keep_tokens={s.start for s in self.slots if s.kind == TERM
                                      and s.start in self.survived})
        retry.previous = self.previous
        return retry


def _tidy(text: str) -> str:
    return re.sub(r" {2,}", " ", text) if "  " in text else text


_ALL_CAPS = re.compile(r"(?<![\w'’-])[A-Z][A-Z0-9]+(?![\w'’-])")
_BROKEN_CAPS = re.compile(r"(?<![\w'’-])[a-z][A-Z][A-Z0-9]*(?![\w'’-])")
_AND_I = re.compile(r"(?<!\w)and (?:I|Hi|Hy|Y)[a-z]")
_E_I = re.compile(r"(?<!\w)e (?=(?:i|hi|hy|y)[a-z])")


def _mend_caps(output: str, source: str, tgt: str) -> str:
    """Put back the capital Apertium lowers after its "e" for "y" before an i-sound:
    "name and ID" -> "nombre e iD", "Ireland and Iceland" -> "Irlanda e islandia". An
    all-capitals word of the source back with only its first letter lowered is mended, and
    (into Spanish) the words after "e" are capitalised when the source has as many
    capitalised i-words after "and". The output keeps its length (token offsets into it
    stay valid)."""
    capitals = frozenset(_ALL_CAPS.findall(source))
    if capitals:
        output = _BROKEN_CAPS.sub(lambda m: m.group().upper() if m.group().upper() in capitals
                                  else m.group(), output)
    wanted = len(_AND_I.findall(source)) if tgt.split("-")[0].split("_")[0] == "es" else 0
    if wanted and len(_E_I.findall(output)) == wanted:
        for match in reversed(list(_E_I.finditer(output))):
            at = match.end()
            output = output[:at] + output[at].upper() + output[at + 1:]
    return output


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _site(slot: Slot) -> Site:
    """What the grammar of the target language needs to know about a slot."""
    return Site(pos=slot.match.entry.pos if slot.match is not None else "",
                plural=slot.plural, enforced=slot.kind == TERM, source_definite=slot.article,
                title_label=slot.title_label)


def _render(slot: Slot, left: str, tgt: str, masked: bool = False) -> tuple[str, str]:
    """(left context, text) for one slot; the left context may change (articles)."""
    if slot.kind == PROTECTED:
        return left, slot.source
    if slot.kind == VERBATIM and slot.source.casefold() != slot.target.casefold():
        return left, slot.source  # an inflected or otherwise different form: keep it
    grammar = language(tgt)
    site = _site(slot)
    dropped = False
    if masked and slot.source_article == NO and name_like(slot.target, site.pos):
        new_left = grammar.drop_article(left)  # "pelo XT1X" -> "por Alexander ..."
        dropped, left = new_left != left, new_left
    text = slot.target
    if slot.kind == TERM:
        if slot.plural:
            text = grammar.pluralize(text)
        text = grammar.inflect(text, left, slot.case, slot.plural)
    if slot.kind == VERBATIM and slot.source != slot.target and slot.source[:1].isupper() \
            and not at_sentence_start(left) and not slot.label_caps:
        text = slot.target  # "Merge request" at the start of the source, mid-sentence here
    elif slot.kind == VERBATIM:
        text = slot.source
    if not dropped:
        left = grammar.fix_before(left, text, site)
    if masked and slot.kind == TERM:
        left, text = grammar.reorder(left, text, site)
    if slot.all_caps:
        text = text.upper()
    elif slot.label_caps and (grammar.title_case_labels or not slot.title_label) \
            or at_sentence_start(left):  # "Adicionar chave de segurança", "Toque em Entrar"
        text = _capitalise(text)
    return left, text


def _glossary_slots(text: str, src: str, tgt: str, protected: Sequence[Span],
                    glossary: Any) -> list[tuple[int, int, Slot]]:
    source, target_grammar = language(src), language(tgt)
    title_label = source.is_title_case(text)
    found = []
    for m in glossary.find(text, src, protected):
        entry, term = m.entry, m.entry.term(src)
        target = entry.term(tgt) or (term if entry.keep_verbatim else "")
        if not target:
            continue
        verbatim = norm(target) == norm(term)
        at_start = at_sentence_start(text[:m.start])
        before = source.article_before(text[:m.start])
        slot = Slot(
            VERBATIM if verbatim else TERM, m.form, target, m,
            plural=not verbatim and source.is_plural_form(m.form, term),
            case=source.case_of(m.form) if target_grammar.case_inflection else None,
            label_caps=(m.form[:1].isupper() and not term[:1].isupper() and not at_start),
            all_caps=(len(m.form) > 1 and m.form.isupper() and not term.isupper()),
            title_label=title_label,
            article=source.definite_before(text[:m.start]) and before != UNSURE,
            source_article=before,
        )
        found.append((m.start, m.end, slot))
    return found


def _name_like(slot: Slot, tgt: str) -> bool:
    """Written into the source instead of masked: a name-like target the engine can copy
    (no case endings to add, not an all-caps headline or a capitalised UI label)."""
    return (slot.kind in (TERM, VERBATIM) and not language(tgt).case_inflection
            and slot.target[:1].isupper() and not slot.all_caps and not slot.label_caps)


def _prepare(text: str, src: str, tgt: str, protected: Sequence[Span], glossary: Any,
             strategy: Strategy, keep_written: set[int] | None = None,
             keep_tokens: set[int] | None = None) -> Prepared:
    shape, second = strategy.shape, strategy.write_terms
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
        if second and slot.soft:  # the retry translates the plain sentence
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
                    src, tgt, terms, slots, strategy, tuple(protected), glossary)


def prepare(
    text: str,
    src: str,
    tgt: str,
    protected: Sequence[Span] = (),
    glossary: Any = None,
) -> Prepared:
    """Mask ``protected`` spans and glossary terms of ``text`` with placeholder tokens
    (name-like terms are written out instead, see the module docstring)."""
    return _prepare(text, src, tgt, tuple(protected), glossary, FIRST)


# --- finding a term the engine was given written out ------------------------------------

def _fold(text: str) -> str:
    """Casefolded, accents removed: "Brasília" and "Brasilia" compare equal."""
    decomposed = unicodedata.normalize("NFD", norm(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[\w'’-]+")
FUZZY_MIN = 88.0  # rapidfuzz ratio of folded text; "Sergei Lavrov" vs "Serguei Lavrov" is 96


def locate(output: str, term: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Span of ``term`` in ``output`` outside ``taken``: exactly (ignoring case and spacing),
    else the window of as many words most like it (accents ignored) when close enough
    (the engine respelled "Serguei" as "Sergei" or dropped an accent)."""
    words = _WORD.findall(term)
    if not words:
        return None
    pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
    for m in re.finditer(pattern, output, re.IGNORECASE):
        if not _overlaps(m.start(), m.end(), taken):
            return m.start(), m.end()
    from rapidfuzz import fuzz

    tokens = list(_WORD.finditer(output))
    want = _fold(" ".join(words))
    best, best_score = None, FUZZY_MIN
    n = len(words)
    for i in range(len(tokens) - n + 1):
        start, end = tokens[i].start(), tokens[i + n - 1].end()
        if _overlaps(start, end, taken) or not tokens[i].group()[:1].isupper() \
                and words[0][:1].isupper():
            continue
        score = fuzz.ratio(want, _fold(" ".join(t.group() for t in tokens[i:i + n])))
        if score > best_score or best is None and score >= FUZZY_MIN:
            best, best_score = (start, end), score
    return best


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)
