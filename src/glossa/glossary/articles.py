"""Articles and agreement around a restored glossary term, and finding a term the engine
was given verbatim.

Measured with the real pt<->en models: a placeholder token is treated like a common noun
or an acronym, so the engine puts an article before it ("apresentado pelo XT0X") that a
person or city name does not take, and leaves a participle after it in the masculine
singular ("XT0X foi instalado"). These helpers undo the first when the source had no
article before the name, and make a participle after a copula agree with the term.
"""

from __future__ import annotations

import re
import unicodedata

from glossa.glossary.morph import norm

# --- does the source have an article before the term? --------------------------------------

_PT_ARTICLES = {"o", "os", "as", "do", "da", "dos", "das", "no", "na", "nos", "nas", "ao",
                "à", "aos", "às", "pelo", "pela", "pelos", "pelas"}
_PT_INDEFINITE = {"um", "uma", "uns", "umas", "num", "numa", "dum", "duma"}
# after these, a lone "a" is the article ("com a Frente Sul"); after a verb it is usually
# the preposition ("vai a Ancara", "perguntaram a Emmanuel Macron")
_PT_BEFORE_ARTICLE_A = {"com", "sobre", "para", "entre", "contra", "sem", "até", "após",
                        "desde", "perante", "que", "e", "ou", "nem", "como", "mas"}
_EN_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                   "their", "our", "your", "my", "each", "every", "any", "some", "no",
                   "another", "which", "whose", "what"}
_DEFINITE = {  # definite articles (and article contractions) of other source languages
    "es": {"el", "la", "los", "las", "del", "al"},
    "fr": {"le", "la", "les", "l", "du", "des", "au", "aux"},
    "it": {"il", "lo", "la", "i", "gli", "le", "del", "della", "dei", "degli", "delle", "al",
           "alla", "nel", "nella"},
}
_LAST_WORDS = re.compile(r"(?:(\w+)\W+)?(\w+)(['’]?)\s*$")

YES, NO, UNSURE = "yes", "no", "unsure"


def source_article(left: str, src: str) -> str:
    """Whether a definite article (or a contraction with one) stands right before a term
    whose source left context is ``left``: YES, NO, or UNSURE (pt "a": article or
    preposition). Possessives and other determiners count as YES for English."""
    match = _LAST_WORDS.search(left)
    if not match:
        return NO
    before, word = (match.group(1) or "").lower(), match.group(2).lower()
    if src == "pt":
        if word in _PT_ARTICLES:
            return YES
        if word in _PT_INDEFINITE:
            return UNSURE
        if word == "a":
            return YES if not before or before in _PT_BEFORE_ARTICLE_A else UNSURE
        return NO
    if src == "en":
        if word in _EN_DETERMINERS or left.rstrip().endswith(("'s", "’s")):
            return YES
        return NO
    return YES if word in _DEFINITE.get(src, ()) else UNSURE


# --- names: undo an article the engine added ------------------------------------------------

_PT_CONTRACTION_BASE = {
    "do": "de", "da": "de", "dos": "de", "das": "de", "no": "em", "na": "em", "nos": "em",
    "nas": "em", "ao": "a", "à": "a", "aos": "a", "às": "a", "pelo": "por", "pela": "por",
    "pelos": "por", "pelas": "por", "o": "", "os": "", "as": "",
}
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


def _match_case(template: str, word: str) -> str:
    if template[:1].isupper() and word:
        return word[:1].upper() + word[1:]
    return word


def drop_article(left: str, tgt: str) -> str:
    """``left`` without the article (or with the bare preposition of a contraction) right
    before a name: "apresentado pelo " -> "apresentado por ", "com o " -> "com ",
    "to the " -> "to ". A lone pt "a" is kept: it is as often the preposition."""
    match = re.search(r"(\w+)(\s+)$", left)
    if not match:
        return left
    word = match.group(1)
    if tgt == "pt":
        base = _PT_CONTRACTION_BASE.get(word.lower())
    elif tgt == "en":
        base = "" if word.lower() == "the" else None
    else:
        base = None
    if base is None:
        return left
    if base:
        return left[: match.start(1)] + _match_case(word, base) + left[match.end(1):]
    return left[: match.start(1)]


# --- Portuguese agreement after the term --------------------------------------------------

_PT_COPULA = [("é", "são"), ("foi", "foram"), ("está", "estão"), ("será", "serão"),
              ("era", "eram"), ("estava", "estavam"), ("fica", "ficam"), ("ficou", "ficaram"),
              ("tem", "têm"), ("vai", "vão"), ("pode", "podem"), ("deve", "devem"),
              ("precisa", "precisam")]
_PT_COPULA_INDEX = {w: pair for pair in _PT_COPULA for w in pair}
_PARTICIPLE = re.compile(r"^(\w+?[ai]d)(o|a|os|as)$", re.I)
_RIGHT = re.compile(r"^(\s+)(\w+)(?:(\s+)(\w+))?")


def fix_pt_after(right: str, gender: str, plural: bool, subject: bool) -> str:
    """Agreement in the words right after a restored Portuguese subject term (``right``):
    a copula or auxiliary directly after it takes its number ("as atualizações é" ->
    "são"), and a participle after that its gender and number ("foi instalado" -> "foi
    instalada"). Only touches text the engine wrote, and only these two words."""
    match = _RIGHT.match(right)
    if subject and plural and match and match.group(2).lower() not in _PT_COPULA_INDEX:
        return _pt_plural_verb(right)
    if not subject or not match or match.group(2).lower() not in _PT_COPULA_INDEX:
        return right  # after an object the participle may agree with another noun
    verb = match.group(2)
    pair = _PT_COPULA_INDEX[verb.lower()]
    out = match.group(1) + _match_case(verb, pair[1] if plural else pair[0])
    end = match.end(2)
    participle = match.group(4)
    if participle and _PARTICIPLE.match(participle):
        stem = _PARTICIPLE.match(participle).group(1)
        ending = ("a" if gender == "f" else "o") + ("s" if plural else "")
        out += match.group(3) + stem + ending
        end = match.end(4)
    return out + right[end:]


_PT_PAST_3SG = re.compile(r"^(\s+(?:se\s+)?)(\w{2,}?)(ou|iu|eu)(?=\W|$)", re.I)
_PT_PAST_PLURAL = {"ou": "aram", "iu": "iram", "eu": "eram"}
_PT_NOT_VERB = {"seu", "meu", "teu", "europeu", "museu", "judeu", "ateu", "plebeu", "pigmeu",
                "estou", "sou", "vou", "dou", "pneu", "liceu"}


def _pt_plural_verb(right: str) -> str:
    """A past-tense verb right after a plural subject term, which the engine left in the
    singular: "As partes interessadas aprovou" -> "aprovaram", "se reuniu" -> "se
    reuniram"."""
    match = _PT_PAST_3SG.match(right)
    if not match or (match.group(2) + match.group(3)).lower() in _PT_NOT_VERB:
        return right
    ending = _PT_PAST_PLURAL[match.group(3).lower()]
    if match.group(3).isupper():
        ending = ending.upper()
    return match.group(1) + match.group(2) + ending + right[match.end():]


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


# --- English agreement after the term ------------------------------------------------------

_EN_VERBS = [("is", "are"), ("was", "were"), ("has", "have"), ("does", "do")]
_EN_VERB_INDEX = {w: pair for pair in _EN_VERBS for w in pair}
_EN_RIGHT = re.compile(r"^(\s+)(\w+)")


def fix_en_after(right: str, plural: bool) -> str:
    """The number of "is/are, was/were, has/have" right after an English subject term:
    "Security updates is installed" -> "are" (the engine saw a numberless token)."""
    match = _EN_RIGHT.match(right)
    if not match or match.group(2).lower() not in _EN_VERB_INDEX:
        return right
    verb = match.group(2)
    new = _match_case(verb, _EN_VERB_INDEX[verb.lower()][1 if plural else 0])
    return match.group(1) + new + right[match.end(2):]
