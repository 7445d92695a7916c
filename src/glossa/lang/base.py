"""The grammar protocol: what glossa asks of a language, with neutral defaults.

``Language`` itself is the module for a language glossa knows nothing about: it matches
surface forms only, never pluralises, inflects or edits the words around a term, and
knows no abbreviations. A language module (glossa.lang.en, .pt, ...) subclasses it and
overrides what its grammar needs; nothing of one language ever applies to another.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

YES, NO, UNSURE = "yes", "no", "unsure"  # is there an article before a term in the source?

_LAST_WORD = re.compile(r"(\w+)['’]?\s*$")
_LAST_TWO_WORDS = re.compile(r"(?:(\w+)\W+)?(\w+)(['’]?)\s*$")


def norm(word: str) -> str:
    """NFC + casefold; Russian/Ukrainian ё is compared as е."""
    return unicodedata.normalize("NFC", word).casefold().replace("ё", "е")


def last_words(left: str) -> tuple[str, str] | None:
    """(word before, last word) of ``left``, lowercased, when it ends with a word."""
    match = _LAST_TWO_WORDS.search(left)
    if not match:
        return None
    return (match.group(1) or "").lower(), match.group(2).lower()


def match_case(template: str, word: str) -> str:
    """``word`` capitalised like ``template`` (ALL CAPS, Capitalised or as is)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def capitalise_like(template: str, word: str) -> str:
    """``word`` with a capital first letter when ``template`` has one."""
    if template[:1].isupper() and word:
        return word[:1].upper() + word[1:]
    return word


def at_sentence_start(left: str) -> bool:
    """Whether text following ``left`` begins a sentence."""
    stripped = left.rstrip()
    return not re.search(r"\w", stripped) or stripped.endswith((".", "!", "?", "…"))


_NAME_POS = re.compile(r"\b(person|personal|name|propn|proper|city|town|place|surname)\b", re.I)
_COMMON_POS = re.compile(r"\b(org|organi[sz]ation|noun|n|nf|nm|f|m|country)\b", re.I)


def name_like(target: str, pos: str = "") -> bool:
    """A term written like a proper name; a ``pos`` column can say so (person, city, ...)
    or say otherwise (org, noun, country: those take articles in Portuguese)."""
    if pos and _NAME_POS.search(pos):
        return True
    if pos and _COMMON_POS.search(pos):
        return False
    return target[:1].isupper()


@dataclass(frozen=True)
class Site:
    """A glossary term restored into a translation, as the grammar around it sees it."""

    pos: str = ""  # the glossary's part-of-speech column ("noun f pl", "person", ...)
    plural: bool = False  # the source form was plural
    enforced: bool = True  # a prescribed target term (False: a verbatim copy of the source)
    source_definite: bool = False  # a definite article stood before it in the source
    title_label: bool = False  # the source is a Title Case UI label ("Add New Security Key")


class Language:
    """A language without a module: no grammar at all (see the module docstring)."""

    code = ""
    # abbreviations that never end a sentence ("Mr.", "e.g."); lowercase entries match any
    # case, capitalised ones only a capitalised word
    abbreviations: frozenset[str] = frozenset()
    # abbreviations only before a number ("No. 5", "fig. 3", "pp. 10-12")
    number_abbreviations: frozenset[str] = frozenset()
    definite_articles: frozenset[str] = frozenset()
    # the language's most frequent words (articles, prepositions, pronouns, auxiliaries):
    # a cheap first guess at whether a sentence can be in this language, before detection
    # (which takes a fifth of a second to load) is asked
    function_words: frozenset[str] = frozenset()
    # what may follow a shared stem in two forms of one word (QA's loose term check)
    inflection_endings: frozenset[str] = frozenset()
    linked_words: dict[str, str] = {}  # short words that inflect into one another ("da": "de")
    case_inflection = False  # nouns take case endings (a term must be inflected, not copied)
    hyphen_compounds = False  # hyphenated words inflect part by part
    # UI labels are written in Title Case ("Current Password"), so a term matched in a
    # capitalised label is capitalised in the output too; most languages write labels in
    # sentence case ("Senha atual") and keep the glossary's own capitals only
    title_case_labels = False

    def __init__(self, code: str = "") -> None:
        self.code = code or self.code

    # --- matching ---------------------------------------------------------------------------

    def word_variants(self, word: str, head: bool = True) -> set[str]:
        """Other normalised forms under which ``word`` (already normalised) matches a
        glossary word; ``head`` False is a word after the first of a term."""
        return set()

    def is_plural_form(self, form: str, term: str) -> bool:
        """Whether a matched source ``form`` is the plural of the singular ``term``."""
        return False

    def case_of(self, form: str) -> str | None:
        """Grammatical case of a matched source form (languages with case inflection)."""
        return None

    # --- the source sentence ------------------------------------------------------------------

    def article_before(self, left: str) -> str:
        """YES/NO/UNSURE: does a definite article end ``left``, the text before a term?"""
        words = last_words(left)
        if words is None:
            return NO
        return YES if words[1] in self.definite_articles else UNSURE

    def definite_before(self, left: str) -> bool:
        """Whether the word right before a term is a definite article (or a contraction)."""
        match = _LAST_WORD.search(left)
        return bool(match) and match.group(1).lower() in self.definite_articles

    # --- the target sentence ------------------------------------------------------------------

    def pluralize(self, term: str) -> str:
        return term

    def inflect(self, term: str, left: str, case: str | None, plural: bool) -> str:
        """``term`` in the case its context ``left`` (or the source form's ``case``) needs."""
        return term

    def drop_article(self, left: str) -> str:
        """``left`` without an article the engine put before a name."""
        return left

    def fix_before(self, left: str, text: str, site: Site) -> str:
        """The words before a restored term, made to agree with it."""
        return left

    def fix_after(self, right: str, left: str, text: str, site: Site) -> str:
        """The words after a restored masked term, made to agree with it."""
        return right

    def is_title_case(self, text: str) -> bool:
        """Whether ``text`` is written in Title Case (a UI label), not a sentence."""
        return False

    def reorder(self, left: str, text: str, site: Site) -> tuple[str, str]:
        """(left, text) with words the engine put before a masked term moved where the
        language wants them (a Portuguese adjective goes after its noun)."""
        return left, text


def s_plural(form: str, term: str) -> bool:
    """Plural by an -s/-es ending the singular lacks ("updates", "addresses" of "address")."""
    fw, tw = re.findall(r"\w+", norm(form)), re.findall(r"\w+", norm(term))
    return any(f != t and (f.endswith("s") and not t.endswith("s") or f == t + "es")
               for f, t in zip(fw, tw, strict=False))


def suffix_variants(word: str, rules, min_len: int = 4) -> set[str]:
    """Bases of ``word`` by (suffix, replacement) rules; shorter words are never stripped."""
    out = set()
    if len(word) < min_len:
        return out
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            out.add(word[: len(word) - len(suffix)] + repl)
    return out
