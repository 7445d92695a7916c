"""Names of languages as other languages write them, for "Label: value" listings.

A localisation listing in a Portuguese or Russian document labels its lines
"Inglês: Checkout" or "Немецкий: Konto löschen"; the label says what the value is,
which no statistics can tell for a one-word value ("Finalizar compra" is Spanish
and Portuguese alike).  Romance and Germanic names are matched as whole words;
Slavic names inflect (английский, английская, angielski, angielsku), so they are
matched by their stem.
"""

from __future__ import annotations

from functools import cache

# code -> names in en, de, fr, es, pt, it, nl (whole words, lower case)
_WORDS: dict[str, str] = {
    "en": "english englisch anglais anglaise inglés inglesa inglês inglese engels",
    "de": "german deutsch allemand allemande alemán alemana alemão alemã tedesco tedesca duits",
    "fr": "french französisch français française francés francesa francês francese frans",
    "es": "spanish spanisch espagnol espagnole español española castellano espanhol "
          "spagnolo spagnola spaans",
    "pt": "portuguese portugiesisch portugais portugaise portugués portuguesa português "
          "portoghese portugees",
    "it": "italian italienisch italien italienne italiano italiana italiaans",
    "pl": "polish polnisch polonais polonaise polaco polaca polonês polonesa polacco polacca "
          "pools",
    "ru": "russian russisch russe ruso rusa russo russa russisch",
    "uk": "ukrainian ukrainisch ukrainien ukrainienne ucraniano ucraniana ucraino ucraina "
          "oekraïens",
    "nl": "dutch niederländisch néerlandais néerlandaise neerlandés holandés holandês "
          "neerlandês olandese nederlands",
}

# code -> stems of the Slavic adjectives (pl, ru, uk), matched as word prefixes
_STEMS: dict[str, str] = {
    "en": "angielsk английск англійськ",
    "de": "niemieck немецк німецьк",
    "fr": "francusk французск французьк",
    "es": "hiszpańsk испанск іспанськ",
    "pt": "portugalsk португальск",
    "it": "włosk итальянск італійськ",
    "pl": "polsk польск польськ",
    "ru": "rosyjsk русск російськ",
    "uk": "ukraińsk украинск українськ",
    "nl": "niderlandzk holendersk нидерландск голландск нідерландськ",
}


@cache
def _tables() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    from glossa.languages import LANGUAGES

    words = {name.split()[0].lower(): code for code, name in LANGUAGES.items()}
    for code, names in _WORDS.items():
        words.update(dict.fromkeys(names.split(), code))
    stems = tuple((stem, code) for code, names in _STEMS.items() for stem in names.split())
    return words, stems


def language_named(token: str) -> str | None:
    """The language a lower-case word names ("inglês", "немецкий", "polsku"), if any."""
    words, stems = _tables()
    code = words.get(token)
    if code is not None:
        return code
    return next((code for stem, code in stems if token.startswith(stem)), None)
