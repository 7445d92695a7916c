"""The word lists' index (glossa's cache folder): the first read of a list unpacks it
and stores the index; later reads unpack only the shards of the words looked up, with
the same frequencies; a damaged or truncated index is never trusted."""

from __future__ import annotations

from glossa.detect import lexicon

WORDS = ["the", "house", "of", "notícias", "zqxvbnm", "o'clock", "ß", "naïve", "über"]


def _list(lang: str = "en"):
    return lexicon._data_dir() / f"small_{lang}.msgpack.gz"


def test_the_index_gives_the_frequencies_of_the_whole_list():
    path = _list()
    first = lexicon._read_list(path)  # no index yet (a fresh data dir): unpacked, stored
    assert isinstance(first, lexicon._Table)
    index = lexicon._index_path(path)
    assert index is not None and index.exists()
    again = lexicon._read_list(path)
    assert isinstance(again, lexicon._ShardedTable)
    for word in WORDS:
        assert again.get(word, -99.0) == first.get(word, -99.0), word
    assert len(again._shards) <= len(WORDS)  # only the shards of those words were read
    assert again.as_dict() == first.as_dict()


def test_a_damaged_or_truncated_index_is_rebuilt(tmp_path):
    path = _list("pt")
    lexicon._read_list(path)
    index = lexicon._index_path(path)
    good = index.read_bytes()
    for broken in (good[:-10], good[:200] + bytes([good[200] ^ 0xFF]) + good[201:]):
        index.write_bytes(broken)
        table = lexicon._read_list(path)
        assert isinstance(table, lexicon._Table)  # read whole, not from the broken index
        assert table.get("casa", -99.0) > -6
        assert index.read_bytes() == good  # and the index stored again


def test_without_a_data_dir_the_lists_are_read_whole(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(blocker))  # data_dir/cache cannot be made
    table = lexicon._read_list(_list("de"))
    assert isinstance(table, lexicon._Table) and table.get("und", -99.0) > -3
