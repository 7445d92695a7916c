"""`glossa models`: install (file and package index), list, remove; unsafe archives refused."""

from __future__ import annotations

import json
import os
import shutil
import zipfile

import pytest

import argos_helpers
from argos_helpers import write_zip
from glossa.engines.argos_packages import installed_packages

argos_archives = argos_helpers.argos_archives  # fixtures
argos_env = argos_helpers.argos_env
index_server = argos_helpers.index_server

META = json.dumps({"from_code": "de", "to_code": "fr", "package_version": "1.0"}).encode()
GOOD = {"p/metadata.json": META, "p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}


def listed(cli) -> list[dict]:
    result = cli(["models", "list", "--json"])
    assert result.code == 0, result.err
    return [m for m in json.loads(result.out) if m["engine"] == "argos"]


def test_install_file_then_list_and_remove(cli, argos_env, argos_archives):
    result = cli(["models", "install", argos_archives["de-fr"]])
    assert result.code == 0, result.err
    assert "installed de-fr 1.0" in result.out
    assert (argos_env.packages / "translate-de_fr-1_0" / "metadata.json").is_file()
    models = listed(cli)
    assert [(m["pair"], m["version"]) for m in models] == [("de-fr", "1.0")]
    assert models[0]["size"] > 100_000
    assert models[0]["path"] == str(argos_env.packages / "translate-de_fr-1_0")

    table = cli(["models", "list"])
    assert table.code == 0 and "de-fr" in table.out and "argos" in table.out

    removed = cli(["models", "remove", "de-fr"])
    assert removed.code == 0 and "removed de-fr" in removed.out
    assert listed(cli) == []
    assert not any(p for p in argos_env.packages.iterdir() if p.is_dir())


@pytest.mark.parametrize("spec", ["de-fr", "de_fr", "translate-de_fr-1_0"])
def test_remove_by_pair_or_folder_name(cli, argos_env, argos_archives, spec):
    assert cli(["models", "install", argos_archives["de-fr"]]).code == 0
    assert cli(["models", "remove", spec]).code == 0
    assert installed_packages() == []


def test_remove_unknown_is_an_error(cli, argos_env, argos_archives):
    assert cli(["models", "install", argos_archives["it-en"]]).code == 0
    result = cli(["models", "remove", "fr-de"])
    assert result.code == 2
    assert "no installed Argos package matches 'fr-de'; installed: it-en" in result.err
    assert len(installed_packages()) == 1


def test_newer_version_replaces_older(cli, argos_env, argos_archives):
    assert cli(["models", "install", argos_archives["de-fr"]]).code == 0
    assert cli(["models", "install", argos_archives["de-fr-1.1"]]).code == 0
    assert [(m["pair"], m["version"]) for m in listed(cli)] == [("de-fr", "1.1")]
    folders = sorted(p.name for p in argos_env.packages.iterdir())
    assert folders == [".glossa-lock", "translate-de_fr-1_1"]  # no staging left behind


def test_argospm_layout_is_read_by_argostranslate(cli, argos_env, argos_archives):
    """Packages glossa installs are the ones argostranslate (argospm) sees."""
    assert cli(["models", "install", argos_archives["en-nl"]]).code == 0
    from argostranslate import package

    from glossa.engines.argos_packages import argos_settings

    argos_settings()
    pairs = [(p.from_code, p.to_code) for p in package.get_installed_packages()]
    assert pairs == [("en", "nl")]


BROKEN = {
    "zip-slip": ({"p/metadata.json": META, "p/../../evil.txt": b"x"}, None, "'..' path"),
    "absolute": ({**GOOD, "/tmp/evil.txt": b"x"}, None, "absolute path"),
    "symlink": (GOOD, {"p/link": "/etc/passwd"}, "symbolic link"),
    "no-metadata": ({"p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}, None,
                    "no p/metadata.json"),
    "no-model": ({"p/metadata.json": META, "p/sentencepiece.model": b"x"}, None,
                 "no CTranslate2 model"),
    "no-tokenizer": ({"p/metadata.json": META, "p/model/model.bin": b"x"}, None,
                     "no tokenizer"),
    "two-folders": ({**GOOD, "q/readme": b"x"}, None, "one top-level folder, found 2"),
    "bad-json": ({**GOOD, "p/metadata.json": b"{nope"}, None, "bad metadata.json"),
    "no-codes": ({**GOOD, "p/metadata.json": b'{"package_version": "1"}'}, None,
                 "missing from_code"),
    "bad-tokenizer": (GOOD, None, "bad sentencepiece.model"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_or_unsafe_archive_is_refused(cli, argos_env, argos_archives, tmp_path, case):
    assert cli(["models", "install", argos_archives["it-en"]]).code == 0
    before = argos_env.snapshot()
    entries, links, message = BROKEN[case]
    archive = write_zip(tmp_path / f"{case}.argosmodel", entries, links)
    result = cli(["models", "install", archive])
    assert result.code == 2
    assert result.err.startswith("glossa: error: ") and message in result.err
    assert result.err.count("\n") == 1  # one line
    assert argos_env.snapshot() == before
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04truncated"])
def test_not_a_zip_is_refused(cli, argos_env, tmp_path, content):
    archive = tmp_path / "x.argosmodel"
    archive.write_bytes(content)
    before = argos_env.snapshot()
    result = cli(["models", "install", archive])
    assert result.code == 2 and "not a zip archive" in result.err
    assert argos_env.snapshot() == before


def test_truncated_real_package_is_refused(cli, argos_env, argos_archives, tmp_path):
    data = argos_archives["de-fr"].read_bytes()
    archive = tmp_path / "cut.argosmodel"
    archive.write_bytes(data[: len(data) // 2])
    result = cli(["models", "install", archive])
    assert result.code == 2 and "glossa: error:" in result.err
    assert installed_packages() == []


def test_folder_of_another_pair_is_not_overwritten(cli, argos_env, argos_archives, tmp_path):
    assert cli(["models", "install", argos_archives["it-en"]]).code == 0
    with zipfile.ZipFile(argos_archives["de-fr"]) as zf:
        zf.extractall(tmp_path / "x")
    (tmp_path / "x" / "translate-de_fr-1_0").rename(tmp_path / "x" / "translate-it_en-1_0")
    archive = argos_helpers.zip_folder(tmp_path / "x" / "translate-it_en-1_0",
                                       tmp_path / "clash.argosmodel")
    before = argos_env.snapshot()
    result = cli(["models", "install", archive])
    assert result.code == 2 and "already holds the it-en package" in result.err
    assert argos_env.snapshot() == before


@pytest.mark.parametrize("args, message", [
    (["models", "install"], "give FILE.argosmodel, or both --from LANG and --to LANG"),
    (["models", "install", "--from", "de"], "both --from LANG and --to LANG"),
    (["models", "install", "x.argosmodel", "--from", "de", "--to", "fr"], "not both"),
    (["models", "install", "missing.argosmodel"], "missing.argosmodel: no such file"),
    (["models", "install", "--from", "xq", "--to", "fr"], "unknown language code 'xq'"),
])
def test_install_usage_errors(cli, argos_env, args, message):
    result = cli(args)
    assert result.code == 2 and message in result.err


# --- the package index, served on 127.0.0.1 -------------------------------------------


def test_install_from_index(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["de-fr"], argos_archives["it-en"]])
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    assert result.code == 0, result.err
    assert [m["pair"] for m in listed(cli)] == ["de-fr"]
    assert "/index.json" in index_server.requests
    assert "/translate-de_fr-1_0.argosmodel" in index_server.requests
    # the index is stored where argospm keeps it
    assert (argos_env.data / "argos-translate" / "index.json").is_file()


def test_install_from_index_picks_newest_version(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["de-fr"], argos_archives["de-fr-1.1"]])
    assert cli(["models", "install", "--from", "de", "--to", "fr"]).code == 0
    assert [m["version"] for m in listed(cli)] == ["1.1"]


def test_install_pivot_pair_from_index(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["it-en"], argos_archives["en-nl"]])
    result = cli(["models", "install", "--from", "it", "--to", "nl"])
    assert result.code == 0, result.err
    assert sorted(m["pair"] for m in listed(cli)) == ["en-nl", "it-en"]


def test_pair_not_in_index(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["it-en"]])
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    assert result.code == 2
    assert "has no de->fr package" in result.err and "it offers: it-en" in result.err


def test_stale_cached_download_is_replaced(cli, argos_env, argos_archives, index_server):
    """argostranslate would reuse any file in its downloads cache; glossa checks it."""
    index_server.publish([argos_archives["de-fr-1.1"]])
    argos_env.downloads.mkdir(parents=True)
    cached = argos_env.downloads / "translate-de_fr.argosmodel"
    shutil.copy(argos_archives["de-fr"], cached)  # an older version under the same name
    assert cli(["models", "install", "--from", "de", "--to", "fr"]).code == 0
    assert [m["version"] for m in listed(cli)] == ["1.1"]


def test_corrupt_cached_download_is_replaced(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["de-fr"]])
    argos_env.downloads.mkdir(parents=True)
    (argos_env.downloads / "translate-de_fr.argosmodel").write_bytes(b"PK\x03\x04partial")
    assert cli(["models", "install", "--from", "de", "--to", "fr"]).code == 0
    assert [m["pair"] for m in listed(cli)] == ["de-fr"]


def test_bad_download_is_refused_and_not_cached(cli, argos_env, argos_archives, index_server,
                                                tmp_path):
    evil = write_zip(tmp_path / "translate-de_fr-1_0.argosmodel",
                     {"p/metadata.json": META, "p/../../x": b"x"})
    index_server.publish([argos_archives["de-fr"]])
    shutil.copy(evil, index_server.root / "translate-de_fr-1_0.argosmodel")  # swapped file
    before = argos_env.snapshot()
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    assert result.code == 2 and "unsafe archive" in result.err
    assert argos_env.snapshot() == before
    assert not list(argos_env.downloads.glob("*.argosmodel"))


def test_missing_download_is_an_error(cli, argos_env, argos_archives, index_server):
    index_server.publish([argos_archives["de-fr"]],
                         links={argos_archives["de-fr"].name: index_server.url + "gone.zip"})
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    assert result.code == 2 and "download of de->fr failed" in result.err


def test_unreachable_index_is_an_error(cli, argos_env, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    result = cli(["models", "install", "--from", "de", "--to", "fr"])
    assert result.code == 2
    assert f"cannot fetch the Argos package index http://127.0.0.1:{port}/index.json" in result.err


def test_index_url_without_trailing_slash(cli, argos_env, argos_archives, index_server,
                                          monkeypatch):
    index_server.publish([argos_archives["de-fr"]])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server.url.rstrip("/"))
    assert cli(["models", "install", "--from", "de", "--to", "fr"]).code == 0


def test_env_set_before_first_import_is_respected(tmp_path, argos_archives):
    """A fresh process with ARGOS_PACKAGES_DIR set finds what was installed there."""
    import subprocess
    import sys

    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "pk"),
           "XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    code = ("import sys; from glossa.cli import main; "
            "sys.exit(main(['models', 'install', sys.argv[1]]) or "
            "main(['models', 'list', '--json']))")
    proc = subprocess.run([sys.executable, "-c", code, str(argos_archives["it-en"])],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    listing = json.loads(proc.stdout[proc.stdout.index("["):])
    assert [m["pair"] for m in listing if m["engine"] == "argos"] == ["it-en"]
    assert (tmp_path / "pk" / "translate-it_en-1_0").is_dir()
