"""An unusable default TM does not stop a review (as in translate): one warning, then the review."""

from __future__ import annotations

import json


def test_review_goes_on_without_a_broken_default_tm(tmp_path, cli, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "tm.sqlite").write_bytes(b"this is not a database at all" * 50)
    monkeypatch.setenv("GLOSSA_DATA_DIR", str(data))
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("The library opens at nine.\n", encoding="utf-8")
    tgt.write_text("A biblioteca abre às nove.\n", encoding="utf-8")
    result = cli(["review", src, tgt, "--json"])
    assert result.code in (0, 1), result.err
    assert "glossa: warning: cannot use the translation memory" in result.err
    assert json.loads(result.out)["segments"]
