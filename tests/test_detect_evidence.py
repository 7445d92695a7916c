"""Per-word evidence of the detector: word-list lookups, alphabets, lingua confidences.

These pieces were made cheap for one-shot CLI runs (lists looked up per document,
lingua's trigram models); the tests pin that cheap and thorough agree.
"""

from __future__ import annotations

import math

import pytest

from glossa.detect import detect_text, lexicon
from glossa.detect.model import WORD_TEMPER, _temper, get_model
from glossa.detect.rules import outside_alphabet


def _whole_list_frequencies(word: str, langs: tuple[str, ...]) -> dict[str, float] | None:
    """log_frequencies as computed from whole lists (the reference)."""
    tables = {lang: lexicon.word_list(lang) for lang in langs}
    tables = {lang: t for lang, t in tables.items() if t is not None}
    word = word.replace("’", "'")
    out = {lang: t.get(word, lexicon.FLOOR) for lang, t in tables.items()}
    parts = [p for p in lexicon._PARTS.split(word) if p.strip("'")]
    if not any(v > lexicon.FLOOR for v in out.values()) and len(parts) > 1:
        out = {lang: sum(t.get(p, lexicon.FLOOR) for p in parts) / len(parts)
               for lang, t in tables.items()}
    return out if any(v > lexicon.FLOOR for v in out.values()) else None


WORDS = ["the", "est", "trop", "chats", "loader", "l'école", "aujourd’hui", "self-service",
         "zeitgeist", "wróblewska", "qwxzzy", "não", "después", "d'un", "sign-in", "a"]


def test_document_lookups_match_whole_lists():
    langs = ("en", "fr", "de", "es", "pt", "pl")
    lexicon.log_frequencies.cache_clear()
    lexicon.prefetch(WORDS[:8], langs)  # some announced, the rest looked up one by one
    for word in WORDS:
        assert lexicon.log_frequencies(word, langs) == _whole_list_frequencies(word, langs), word


def test_latin_text_reads_no_other_script_lists(monkeypatch):
    read: list[str] = []
    real = lexicon._read_cbpack

    def spy(path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(lexicon, "_read_cbpack", spy)
    lexicon._table.cache_clear()
    lexicon.log_frequencies.cache_clear()
    try:
        det = detect_text("The volunteers painted the fence. Il faut attendre demain.")
    finally:
        lexicon._table.cache_clear()
        lexicon.log_frequencies.cache_clear()
    assert det.dominant == "en"
    assert "small_en.msgpack.gz" in read and "small_fr.msgpack.gz" in read
    assert not {"small_ru.msgpack.gz", "small_uk.msgpack.gz", "small_zh.msgpack.gz",
                "small_el.msgpack.gz"} & set(read)


@pytest.mark.parametrize(("word", "lang", "outside"), [
    ("было", "uk", True),      # ы is not Ukrainian
    ("ещё", "uk", True),       # ё
    ("нашої", "ru", True),     # ї is not Russian
    ("ґанок", "ru", True),
    ("гласила", "ru", False),  # common letters rule nothing out
    ("гласила", "uk", False),
    ("п'ять", "uk", False),    # the apostrophe is not a letter
    ("было", "bg", False),     # no alphabet known: never ruled out
    ("word", "en", False),
])
def test_letters_outside_an_alphabet(word, lang, outside):
    assert outside_alphabet(word, lang) is outside


@pytest.mark.parametrize("values", [{"pt": 0.96, "es": 0.04},
                                    {"ru": 0.5, "uk": 0.3, "be": 0.2}, {"en": 1.0}])
def test_tempered_confidences_scale_log_ratios(values):
    out = _temper(values, WORD_TEMPER)
    assert math.isclose(sum(out.values()), 1.0)
    assert max(out, key=out.get) == max(values, key=values.get)
    for a in values:
        for b in values:
            assert math.isclose(math.log(out[a] / out[b]),
                                WORD_TEMPER * math.log(values[a] / values[b]), abs_tol=1e-9)


def test_word_confidences_are_tempered_and_memoised():
    model = get_model(("en", "de", "fr"))
    first = model.word_confidences(["kaffeehaus", "fenêtre"])
    again = model.word_confidences(["fenêtre"])
    assert again[0] is first[1]
    assert max(first[0], key=first[0].get) == "de"
    assert max(first[1], key=first[1].get) == "fr"
    assert all(math.isclose(sum(c.values()), 1.0) for c in first)


# ru/uk: the spelling letters decide short runs and small documents, whatever the
# trigram statistics of a single word say.
@pytest.mark.parametrize(("host", "text", "run", "lang"), [
    ("ru", "Объявление на двери гласило: Зачинено до понеділка.\nМы пошли в соседнее кафе.",
     "Зачинено до понеділка", "uk"),
    ("ru", "Бабушка всегда говорила внукам: Їжте, діти, поки гаряче.\nОни смеялись и ели.",
     "Їжте, діти, поки гаряче", "uk"),
    ("uk", "На дверях крамниці висіло оголошення: Мы открылись снова.\nМи зайшли подивитися.",
     "Мы открылись снова", "ru"),
])
def test_close_cyrillic_runs_in_small_documents(host, text, run, lang):
    det = detect_text(text)
    assert det.dominant == host
    assert [(text[s.start:s.end].rstrip("."), s.lang) for s in det.spans] == [(run, lang)]
