"""Short and sparse texts: one-line documents, names with a few shared words, lone
foreign lines among UI strings, foreign phrases inside a sentence.

Every string is written for these tests; each category mixes several languages.
"""

from __future__ import annotations

import pytest

from glossa.detect import detect_segments, detect_text
from glossa.detect.lexicon import rare_in
from glossa.detect.prior import favoured, settle_dominant
from glossa.detect.rules import foreign_letters, is_determiner, writes_letters


def spans(text: str, det) -> list[tuple[str, str]]:
    return [(text[s.start:s.end].rstrip(".!?"), s.lang) for s in det.spans]


# --- 1. one-line texts: headings, buttons, menu items --------------------------------------

SHORT_TEXTS = [
    ("pt", "Relatório anual"), ("pt", "Configurações avançadas"), ("pt", "Comentários"),
    ("pt", "Política de privacidade"), ("pt", "Carrinho de compras"), ("pt", "Fale conosco"),
    ("es", "Configuración avanzada"), ("es", "Preguntas frecuentes"), ("es", "Añadir al carrito"),
    ("fr", "Paramètres avancés"), ("fr", "Mot de passe oublié"), ("fr", "Déconnexion"),
    ("de", "Einstellungen speichern"), ("de", "Passwort vergessen?"), ("de", "Abmelden"),
    ("de", "Über uns"), ("it", "Impostazioni avanzate"), ("it", "Aggiungi al carrello"),
    ("nl", "Geavanceerde instellingen"), ("nl", "Mijn account"), ("nl", "Jaarverslag"),
    ("pl", "Ustawienia zaawansowane"), ("pl", "Nie pamiętasz hasła?"),
    ("ru", "Перейти к комментариям"), ("ru", "Годовой отчёт"), ("ru", "Настройки"),
    ("uk", "Розширені налаштування"), ("uk", "Зберегти зміни"), ("uk", "Річний звіт"),
    ("en", "Annual report"), ("en", "Advanced settings"), ("en", "Sign in"), ("en", "Chats"),
    ("en", "Newsfeed"), ("en", "loader"), ("en", "Privacy"), ("en", "Most read"),
]


@pytest.mark.parametrize(("lang", "text"), SHORT_TEXTS)
def test_a_short_text_gets_its_own_language(lang, text):
    det = detect_text(text)
    assert (det.dominant, spans(text, det)) == (lang, [])


# --- 2. names and words two languages share: the most used language wins ------------------

NAMES_AND_SHARED_WORDS = [
    "Alexander Lavrentyev met Recep Erdoğan in Ankara.",   # "met", "in": Dutch too
    "Angela Merkel met Emmanuel Macron in Paris.",
    "Enrique met Paulo in Porto.",
    "Jan de Vries won in Rotterdam.",
    "Olaf Scholz in Berlin",                               # "in": German too
    "Ibrahim al-Jaafari spoke in Baghdad.",
    "Mario Draghi",                                        # names only: no evidence at all
    "Hi Amélie,",
    "The bon appétit at the end of the menu was a nice touch.",
]


@pytest.mark.parametrize("text", NAMES_AND_SHARED_WORDS)
def test_names_and_shared_words_leave_the_text_english(text):
    det = detect_text(text)
    assert (det.dominant, spans(text, det)) == ("en", [])


def test_one_word_of_a_less_used_language_is_enough_when_english_lacks_it():
    # "Mijn" is among the commonest Dutch words and missing from the English list;
    # "met" and "in" (above) are ordinary English words as well
    assert detect_text("Mijn account").dominant == "nl"
    assert detect_text("Jan de Vries won in Rotterdam.").dominant == "en"


def test_segments_of_short_headings_share_the_documents_language():
    texts = ["Relatório anual", "Resultados", "Próximos passos", "Perguntas frequentes"]
    dominant, found = detect_segments(texts)
    assert dominant == "pt"
    assert found == [[], [], [], []]


def test_short_headings_and_an_english_quote():
    texts = ["Relatório anual", "A empresa cresceu no ano passado, disse a diretora.",
             'O lema da equipa era "Move fast and fix things", e assim foi.', "Próximos passos"]
    dominant, found = detect_segments(texts)
    assert dominant == "pt"
    assert [(t[s.start:s.end], s.lang) for t, f in zip(texts, found, strict=True)
            for s in f] == \
        [("Move fast and fix things", "en")]


# --- 3. a lone foreign word on its own line -----------------------------------------------

UI = "The ferry service resumed on Monday after a week of storms.\nNewsfeed\nSign in\nloader\n"

LONE_FOREIGN = [
    (UI + "Chats\nComentários", "Comentários", "pt"),
    (UI + "Notícias\nChats", "Notícias", "pt"),
    (UI + "Übersicht", "Übersicht", "de"),
    (UI + "Réglages\nChats", "Réglages", "fr"),
    (UI + "Configuración", "Configuración", "es"),
    ("Das Programm startet am Montag.\nAnmelden\nParamètres\nHilfe", "Paramètres", "fr"),
]


@pytest.mark.parametrize(("text", "run", "lang"), LONE_FOREIGN)
def test_a_lone_foreign_line_is_a_foreign_run(text, run, lang):
    det = detect_text(text)
    assert spans(text, det) == [(run, lang)]


LONE_HOST = [  # names, place names, borrowings and English UI words on their own lines
    UI + "Chats\nMüller", UI + "Erdoğan\nChats", UI + "Jaafari", UI + "Kraków\nChats",
    UI + "Gdańsk", UI + "Málaga\nChats", UI + "Düsseldorf", UI + "Amélie\nChats",
    UI + "Bogotá", UI + "Schröder", UI + "Résumé\nChats", UI + "Pokémon", UI + "Café",
    UI + "Downloads\nMost read\nSubscribe",
    "The mayor opened the bridge on Monday.\nKraków\nPhotos by the city council.",
    "Interview with the coach.\nMüller\nHe said the team was ready.",
]


@pytest.mark.parametrize("text", LONE_HOST)
def test_names_and_english_words_on_their_own_line_stay_host(text):
    det = detect_text(text)
    assert (det.dominant, spans(text, det)) == ("en", [])


def test_a_lone_foreign_segment_of_a_text_file():
    """txt files reach detection one line per segment."""
    texts = ["The ferry service resumed on Monday.", "Newsfeed", "Sign in", "Chats",
             "Comentários", "Müller"]
    dominant, found = detect_segments(texts)
    assert dominant == "en"
    assert [(t[s.start:s.end], s.lang) for t, f in zip(texts, found, strict=True)
            for s in f] == \
        [("Comentários", "pt")]


# --- 4. foreign phrases inside a sentence -------------------------------------------------

PHRASES = [
    ("The sign at the door said Entrada proibida and nobody went in.", "Entrada proibida", "pt"),
    ("The note on the desk said prohibido fumar and we obeyed.", "prohibido fumar", "es"),
    ("The card read muito obrigado in blue ink.", "muito obrigado", "pt"),
    ("Auf dem Schild stand prohibido fumar, also gingen wir weiter.", "prohibido fumar", "es"),
    ("Sur la porte, on lisait entrada proibida, alors nous sommes partis.",
     "entrada proibida", "pt"),
]


@pytest.mark.parametrize(("text", "run", "lang"), PHRASES)
def test_a_foreign_phrase_inside_a_sentence_is_found(text, run, lang):
    det = detect_text(text)
    assert spans(text, det) == [(run, lang)]


BORROWINGS = [
    "Visitors felt a sense of déjà vu, and the rules were ad hoc at best.",
    "The argument is not wrong per se, and vice versa the reply was fair.",
    "She had a certain joie de vivre and a taste for the prix fixe menu.",
    "It was a coup d'état in all but name, and his raison d'être was power.",
    "The café served a crème brûlée and a tarte tatin.",
    "The señor at the fiesta ordered tapas, a piñata and a jalapeño.",
    "He had a doppelgänger in the kindergarten, a naïve boy full of angst.",
    "We met at Praça do Comércio and walked to the Société Générale office.",
]


@pytest.mark.parametrize("text", BORROWINGS)
def test_borrowings_and_names_inside_a_sentence_stay_host(text):
    det = detect_text(text)
    assert (det.dominant, spans(text, det)) == ("en", [])


# --- the pieces -----------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "lang", "foreign"), [
    ("comentários", "en", True), ("comentários", "pt", False), ("erdoğan", "de", True),
    ("müller", "de", False), ("paramètres", "de", True), ("łódź", "pl", False),
    ("нашої", "ru", True), ("chats", "en", False), ("word", "sv", False),
])
def test_letters_a_language_never_writes(word, lang, foreign):
    assert foreign_letters(word, lang) is foreign


def test_writes_letters_needs_a_known_alphabet():
    assert writes_letters("comentários", "pt")
    assert not writes_letters("comentários", "en")
    assert not writes_letters("word", "sv")  # Swedish letters are not listed


@pytest.mark.parametrize(("word", "lang", "freq", "rare"), [
    ("notícias", "en", -3.96, True),    # English text barely writes it
    ("proibida", "en", -4.96, True),
    ("kraków", "en", -4.22, False),     # English writes the city's name
    ("crème", "en", -4.0, False),       # and its borrowings
    ("müller", "en", -4.2, False),
])
def test_rare_in_uses_the_large_host_list(word, lang, freq, rare):
    assert rare_in(word, lang, freq) is rare


def test_determiners():
    assert is_determiner("the", "en") and is_determiner("uma", "pt")
    assert not is_determiner("said", "en") and not is_determiner("the", "xx")


def test_favoured_language_of_a_script():
    cands = ("en", "de", "nl", "pt", "ru", "uk", "zh", "ja")
    assert favoured("nl", cands) == "en"
    assert favoured("uk", cands) == "ru"
    assert favoured("en", cands) == "en"
    assert favoured("zh", cands) == "zh"  # no prior between CJK languages
    assert favoured("nl", ("nl", "de")) == "de"


def test_settle_dominant_needs_evidence_beyond_the_prior_odds():
    from glossa.detect.lexicon import log_frequencies
    from glossa.detect.tokens import tokenize

    langs = ("en", "nl")

    def doc(text, label):
        words = tokenize(text)
        lex = [log_frequencies(w.key, langs) for w in words]
        return [(words, [label] * len(words), [{} for _ in words], lex)]

    assert settle_dominant("nl", langs, doc("met in", "nl")) == "en"
    assert settle_dominant("nl", langs, doc("mijn huis is groot", "nl")) == "nl"
    assert settle_dominant("en", langs, doc("met in", "en")) == "en"
