"""The large word lists cost a read of several MB: a job whose words are all common never
reads them (a one-line translate pays only for what it checks)."""

from __future__ import annotations

from glossa.detect import lexicon


def test_common_words_do_not_read_the_large_list(monkeypatch):
    reads: list[str] = []

    def counting(lang):
        reads.append(lang)
        return None

    monkeypatch.setattr(lexicon, "_large_table", counting)
    assert lexicon.unknown_words({"the", "house", "is", "small"}, "en") == set()
    assert reads == []
    assert lexicon.unknown_words({"the", "zqxvbnm"}, "en") == {"zqxvbnm"}
    assert reads == ["en"]


def test_short_parts_of_a_known_word_do_not_read_the_large_list(monkeypatch):
    reads: list[str] = []
    monkeypatch.setattr(lexicon, "_large_table", lambda lang: reads.append(lang))
    assert lexicon.unknown_words({"o'clock", "nine"}, "en") == set()
    assert reads == []
