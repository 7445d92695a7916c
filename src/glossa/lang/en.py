"""English: -s plurals, a/an and "the" before a restored term, is/are after it."""

from __future__ import annotations

import re

from glossa.lang.base import (
    NO,
    YES,
    Language,
    Site,
    at_sentence_start,
    capitalise_like,
    last_words,
    s_plural,
    suffix_variants,
)

_RULES = [("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"),
          ("’s", ""), ("'s", ""), ("s'", "s"), ("s", "")]
_PREPOSITIONS = {"of", "per", "for", "in", "on", "at", "to", "from", "with", "by", "under"}
# determiners that stand for an article in the source ("the", "its", "each" ...)
_SOURCE_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                       "their", "our", "your", "my", "each", "every", "any", "some", "no",
                       "another", "which", "whose", "what"}
# ... and in a translation, words after which "the" is not put back
_DETERMINERS = _SOURCE_DETERMINERS | {"two", "three", "four", "five", "six", "seven", "eight",
                                      "nine", "ten", "both", "all", "several", "many", "few",
                                      "most", "more", "such"}
_CONJUNCTIONS = {"that", "which", "what"}
_CLAUSE_PREPOSITIONS = {"of", "to", "in", "on", "at", "for", "from", "with", "by", "into",
                        "onto", "over", "under", "about", "after", "before", "between",
                        "through", "via", "during", "without", "within", "across", "near",
                        "than", "as", "and", "or"}
_AN_EXCEPTIONS = re.compile(r"^(?:uni|use|usu|eu|one|once)|^(?:hour|honest|honou?r|heir)",
                            re.I)
_VERBS = [("is", "are"), ("was", "were"), ("has", "have"), ("does", "do")]
_VERB_INDEX = {w: pair for pair in _VERBS for w in pair}
_RIGHT = re.compile(r"^(\s+)(\w+)")


def plural_word(word: str) -> str:
    w = word.lower()
    if w.endswith("s"):
        return word
    if re.search(r"[^aeiou]y$", w):
        return word[:-1] + "ies"
    if re.search(r"(ch|sh|x|z)$", w):
        return word + "es"
    return word + "s"


def fix_after(right: str, plural: bool) -> str:
    """The number of "is/are, was/were, has/have" right after an English subject term:
    "Security updates is installed" -> "are" (the engine saw a numberless token)."""
    match = _RIGHT.match(right)
    if not match or match.group(2).lower() not in _VERB_INDEX:
        return right
    verb = match.group(2)
    new = capitalise_like(verb, _VERB_INDEX[verb.lower()][1 if plural else 0])
    return match.group(1) + new + right[match.end(2):]


def _wants_the(left: str, text: str, site: Site) -> bool:
    """Whether a term whose source had a definite article needs "the" back if the engine
    dropped it: capitalised names ("the Federal Senate", "the IMF"; not acronyms read as a
    word: "NATO"), and lowercase terms in the singular ("in the search bar"; plurals read
    fine without) or at the start of a sentence ("The username ..." keeps the glossary's
    lowercase form)."""
    if text[:1].isupper():
        return not (text.isupper() and sum(c.isalpha() for c in text) > 3)
    return not site.plural or at_sentence_start(left)


def _put_the_back(left: str, text: str, site: Site) -> str:
    """"the" where the source had a definite article and the engine, seeing a token,
    dropped it."""
    if not (site.source_definite and site.enforced and _wants_the(left, text, site)):
        return left
    last = re.search(r"(\w+)(['’]s?)?\s*$", left)
    if last and (last.group(2) or last.group(1)[:1].isupper()
                 and not at_sentence_start(left[: last.start()])):
        return left  # "the Bank's", "Google Drive Notifications": a modifier before it
    clause = re.findall(r"\w+", re.split(r"[,;:()\[\]\"“”]", left)[-1].lower())
    if clause[-1:] and clause[-1] in _CONJUNCTIONS:
        clause = []  # "warned that XT0X": "that" is no determiner here
    for word in reversed(clause[-3:]):  # "the new XT0X"; not "the icon to XT0X"
        if word in _DETERMINERS:
            return left
        if word in _CLAUSE_PREPOSITIONS:
            break
    if at_sentence_start(left):
        return left + "The "
    if left and not left[-1].isspace():
        return left
    return left + "the "


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset("""a an the and but or nor for of to in on at by as from with into via
    per vs""".split())


class English(Language):
    code = "en"
    function_words = frozenset("""
        the of and to in is it that for on with as was are be this by at from or an not you have
        but they his her we which their has will can all would there been were what when your
        one so no if a
    """.split())
    abbreviations = frozenset(
        """mr mrs ms dr prof sr jr st e.g i.e vs approx dept est inc ltd co corp etc
        gen col lt sgt capt cmdr adm gov pres rep sen rev hon u.s u.k u.n a.m p.m""".split())
    number_abbreviations = frozenset(
        """no nos vol vols fig figs p pp ed eds art arts ch sec ref
        jan feb mar apr jun jul aug sep sept oct nov dec""".split())
    definite_articles = frozenset({"the"})
    inflection_endings = frozenset({"", "s", "es", "y", "ies", "'s", "’s", "f", "fe", "ves"})
    hyphen_compounds = True
    title_case_labels = True

    def is_title_case(self, text: str) -> bool:
        """Two or more words, every one capitalised but the small ones ("Add Security Key",
        "Sign In to Your Account"); "Tap Sign up and continue" is a sentence."""
        words = [w for w in _TITLE_WORD.findall(text) if w.lower() not in _SMALL_WORDS]
        return len(words) >= 2 and all(w[0].isupper() for w in words)

    def word_variants(self, word: str, head: bool = True) -> set[str]:
        return suffix_variants(word, _RULES)

    def is_plural_form(self, form: str, term: str) -> bool:
        return s_plural(form, term)

    def article_before(self, left: str) -> str:
        """Possessives and other determiners count as an article."""
        words = last_words(left)
        if words is None:
            return NO
        if words[1] in _SOURCE_DETERMINERS or left.rstrip().endswith(("'s", "’s")):
            return YES
        return NO

    def pluralize(self, term: str) -> str:
        """The head: the last word before a preposition ("points of sale")."""
        pieces = re.split(r"([\w-]+)", term)
        words = list(range(1, len(pieces), 2))
        cut = next((k for k, i in enumerate(words) if k and pieces[i].lower() in _PREPOSITIONS),
                   len(words))
        if cut:
            head = words[cut - 1]
            pieces[head] = plural_word(pieces[head])
        return "".join(pieces)

    def drop_article(self, left: str) -> str:
        match = re.search(r"(\w+)(\s+)$", left)
        if not match or match.group(1).lower() != "the":
            return left
        return left[: match.start(1)]

    def fix_before(self, left: str, text: str, site: Site) -> str:
        """a/an by the term's first sound; "the" put back (see _put_the_back)."""
        match = re.search(r"\b(an?|An?)(\s+)$", left)
        if match:
            vowel = bool(re.match(r"[aeiou]", text, re.I)) != bool(_AN_EXCEPTIONS.match(text))
            article = "an" if vowel else "a"
            if match.group(1)[0].isupper():
                article = article.capitalize()
            return left[: match.start(1)] + article + left[match.end(1):]
        return _put_the_back(left, text, site)

    def fix_after(self, right: str, left: str, text: str, site: Site) -> str:
        """Only after a subject: a term that begins its clause (after an optional "the")."""
        if not at_sentence_start(re.sub(r"\b(?:the|The|THE)\s+$", "", left)):
            return right
        return fix_after(right, site.plural)


LANGUAGE = English()
