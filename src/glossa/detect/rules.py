"""Letters and spellings that settle close languages lingua can confuse on short runs.

Each rule names the languages it may choose between and only fires when the
text carries the distinguishing letters of one side and none of the other.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# (languages the rule arbitrates, {language: marker regex}); markers are matched on lower case.
_RULES: list[tuple[frozenset[str], dict[str, re.Pattern[str]]]] = [
    (frozenset({"ru", "uk"}), {
        "uk": re.compile(r"[іїєґ]|\bі\b"),
        "ru": re.compile(r"[ыэъё]"),
    }),
    (frozenset({"es", "pt", "it", "gl", "ca"}), {
        "pt": re.compile(r"[ãõâêô]|ç[ãaõo]|\bnão\b|\bvocê|lh[aeo]\b|\bum[a]?\b"),
        "es": re.compile(r"[ñ¿¡]|ción\b|\bel\b|\by\b|\blos\b"),
        "it": re.compile(r"\bgli\b|\bil\b|\bche\b|zion[ei]\b|\bdi\b|\bè\b|\bsono\b"),
    }),
]


# Full alphabets of languages whose spelling is strict enough that one letter outside
# them rules a word out: "было" (ы) is not Ukrainian, "нашої" (ї) is not Russian.
_ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
}


def outside_alphabet(word: str, lang: str) -> bool:
    """True when the lower-cased ``word`` has a letter ``lang`` never writes (only for
    languages with a known alphabet; False for the rest)."""
    alphabet = _ALPHABETS.get(lang)
    return alphabet is not None and any(c.isalpha() and c not in alphabet for c in word)


def marked(text: str, label: str, candidates: Collection[str]) -> str | None:
    """The language among ``label``'s close relatives whose letters alone ``text`` carries."""
    lowered = text.lower()
    for langs, markers in _RULES:
        if label not in langs:
            continue
        present = [lang for lang, pattern in markers.items()
                   if lang in candidates and pattern.search(lowered)]
        if len(present) == 1:
            return present[0]
    return None


def refine(text: str, label: str, candidates: Collection[str]) -> str:
    """A better label for ``text`` than ``label`` when its letters say so, else ``label``."""
    return marked(text, label, candidates) or label


# Letters beyond a-z that each Latin-script language writes in its own words.  A word
# with a letter outside its language's set is a name or a word of another language
# ("Erdoğan" is not German, "Comentários" not English).  Languages not listed here
# are never judged by their letters.
_LATIN_EXTRA: dict[str, str] = {
    "en": "", "de": "äöüß", "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú", "nl": "áéèëïóöüíú",
    "pl": "ąćęłńóśźż",
}


def foreign_letters(word: str, lang: str) -> bool:
    """True when the lower-cased ``word`` has a letter ``lang`` never writes (False for
    languages whose letters are not listed)."""
    if lang in _ALPHABETS:
        return outside_alphabet(word, lang)
    extra = _LATIN_EXTRA.get(lang)
    if extra is None:
        return False
    return any(c.isalpha() and not ("a" <= c <= "z") and c not in extra for c in word)


def writes_letters(word: str, lang: str) -> bool:
    """True when ``lang``'s letters are listed and it writes every letter of ``word``."""
    return (lang in _ALPHABETS or lang in _LATIN_EXTRA) and not foreign_letters(word, lang)


# Articles, demonstratives and possessives: a lower-case foreign phrase straight after
# one of these is a noun of the host sentence ("a crème brûlée", "his raison d'être"),
# i.e. a borrowing, not a quotation ("said Entrada proibida").
_DETERMINERS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": "a an the this that these those my your his her its our their some any no "
          "every each certain such",
    "de": "der die das den dem des ein eine einen einem einer eines kein keine mein meine "
          "dein sein seine ihr ihre unser dieser diese dieses",
    "fr": "le la les l' un une des du de ce cet cette ces mon ma mes ton ta son sa ses "
          "notre votre leur leurs",
    "es": "el la los las un una unos unas este esta estos estas ese esa mi mis tu su sus "
          "nuestro nuestra",
    "pt": "o a os as um uma uns umas este esta esse essa meu minha seu sua seus suas "
          "nosso nossa do da dos das no na nos nas",
    "it": "il lo la i gli le l' un uno una un' questo questa quel quella mio mia suo sua "
          "nostro nostra del della dei delle",
    "nl": "de het een dit dat deze die mijn zijn haar ons onze hun",
}.items()}


def is_determiner(word: str, lang: str) -> bool:
    """``word`` (lower-cased) is an article, demonstrative or possessive of ``lang``."""
    return word in _DETERMINERS.get(lang, ())
