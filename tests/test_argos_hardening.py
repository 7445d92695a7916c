"""Argos packages and downloads cannot exhaust disk, memory or time, a bad package or
settings file is one line (never fatal to `models list`), and nothing is created in HOME
until something is written (issue 19)."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import argos_helpers
from glossa.engines.argos_packages import installed_packages

argos_archives = argos_helpers.argos_archives  # fixtures
argos_env = argos_helpers.argos_env
index_server = argos_helpers.index_server

META = json.dumps({"from_code": "de", "to_code": "fr", "package_version": "1.0"}).encode()


def _deflated(path, entries: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _one_error_line(result, text: str) -> None:
    assert result.code == 2, result.err
    assert result.err.startswith("glossa: error: ") and result.err.count("\n") == 1
    assert text in result.err, result.err


@pytest.mark.parametrize(("entries", "message"), [
    ({"p/metadata.json": META[:-1] + b"," + b" " * 2_000_000 + b'"x": 1}',
      "p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}, "metadata.json of"),
    ({"p/metadata.json": META, "p/model/model.bin": bytes(8_000_000),
      "p/sentencepiece.model": b"x"}, "times its size"),
])
def test_zip_bombs_are_refused_before_extraction(cli, argos_env, tmp_path, entries, message):
    archive = _deflated(tmp_path / "bomb.argosmodel", entries)
    assert archive.stat().st_size < 100_000
    _one_error_line(cli(["models", "install", archive]), message)
    assert not argos_env.packages.exists() or not any(
        p for p in argos_env.packages.iterdir() if not p.name.startswith("."))


def test_index_serving_another_pair_installs_and_replaces_nothing(cli, argos_env,
                                                                  argos_archives, index_server):
    assert cli(["models", "install", argos_archives["it-en"]]).code == 0
    before = argos_env.snapshot()
    index_server.publish([argos_archives["de-fr"]])
    (index_server.root / argos_archives["de-fr"].name).write_bytes(
        argos_archives["it-en"].read_bytes())  # the link serves an it-en package
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    _one_error_line(result, "the index offered de->fr, but the package it served holds it->en")
    assert argos_env.snapshot() == before


@pytest.fixture
def trickle_server(monkeypatch):
    """Serves index.json one byte every 0.2 s: each read is quick, the whole is not."""

    class Trickle(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{server.server_address[1]}/")
    yield
    server.shutdown()
    server.server_close()


def test_download_time_is_bounded_in_total(cli, argos_env, trickle_server, monkeypatch):
    monkeypatch.setenv("GLOSSA_DOWNLOAD_TIMEOUT", "1.5")
    started = time.monotonic()
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    _one_error_line(result, "took longer than 1.5 s")
    assert time.monotonic() - started < 30  # generous: the trickle alone lasts 200 s


def _install_folder(root, name: str, metadata: bytes):
    folder = root / name
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "model.bin").write_bytes(b"x")
    (folder / "sentencepiece.model").write_bytes(b"x")
    (folder / "metadata.json").write_bytes(metadata)
    return folder


@pytest.mark.parametrize(("metadata", "reason"), [
    (b'{"from_code": "de", "to_code": "fr", "package_version": "\\udc80"}', "not valid Unicode"),
    (b'{"from_code": "de", "to_code": "fr", "x": "' + b"a" * 2_000_000 + b'"}',
     "metadata.json of"),
    (b"[1, 2]", "not a JSON object"),
])
def test_broken_installed_package_is_listed_not_fatal(cli, argos_env, metadata, reason):
    _install_folder(argos_env.packages, "translate-it_en-1_0",
                    json.dumps({"from_code": "it", "to_code": "en"}).encode())
    _install_folder(argos_env.packages, "broken", metadata)
    result = cli(["models", "list", "--json"])
    assert result.code == 0, result.err
    pairs = [m["pair"] for m in json.loads(result.out) if m["engine"] == "argos"]
    assert pairs == ["it-en"]
    assert "broken Argos package" in result.err and reason in result.err
    assert [p.pair for p in installed_packages()] == ["it-en"]


@pytest.mark.parametrize("content", ["{nope", "[1, 2]", None])
def test_broken_argos_settings_is_one_line_on_stderr(cli, tmp_path, monkeypatch, content):
    config = tmp_path / "config"
    settings = config / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    if content is None:
        settings.mkdir()
    else:
        settings.write_text(content, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    result = cli(["models", "list", "--json"])
    _one_error_line(result, "settings.json")
    assert result.out == ""
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "pt", "--to", "en", "-o", "-", "--no-tm"])
    assert "settings" not in result.out and result.code in (0, 2)


def test_nothing_is_created_in_home_and_an_unwritable_home_does_not_crash(cli, tmp_path,
                                                                          monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for name in ("ARGOS_PACKAGES_DIR", "GLOSSA_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                 "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    src = tmp_path / "doc.txt"
    src.write_text("Bom dia.\n", encoding="utf-8")
    result = cli(["translate", src, "--from", "pt", "--to", "en", "-o", "-", "--no-tm"])
    assert result.code == 0, result.err
    assert list(home.iterdir()) == []
    assert cli(["models", "list", "--json"]).code == 0
    assert list(home.iterdir()) == []

    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(blocked / "home"))  # nothing can be created below it
    result = cli(["translate", src, "--from", "pt", "--to", "en", "-o", "-"])
    assert result.code == 0, result.err
    assert result.out == "Good morning.\n"
    assert "translating without it" in result.err
