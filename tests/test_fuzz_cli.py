"""Fuzz harness: every command on generated bad inputs (binary, truncated, wrong
encodings, huge lines, hostile XML, broken syntax, weird paths). Each run must exit 0, 1
or 2, print no traceback, finish under an alarm, and leave its inputs unchanged (issue 19).

Runs in-process through glossa.cli.main (subprocesses would cost ~0.5 s each).
"""

from __future__ import annotations

import hashlib
import signal
import zipfile
from pathlib import Path

import pytest

from glossa.cli import main

ALARM_S = 30  # per command run; a hang fails the test instead of stalling CI

LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + ']>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;'
            '</term></tig></langSet></termEntry></body></text></martif>\n')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&e;</seg></tuv>'
            "</tu></body></tmx>\n")

CONTENTS: dict[str, bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 8,
    "nul": b"Bom dia.\x00\x00\n",
    "truncated-utf8": "Olá, café".encode()[:-1],
    "latin1": "Olá, café, ação\n".encode("latin-1"),
    "utf16": "Bom dia.\n".encode("utf-16"),
    "huge-line": b"a" * 1_100_000,
    "many-lines": b"Bom dia.\n" * 3_000,  # as .md: one paragraph of 3000 sentences
    "laughs": LAUGHS.encode(),
    "external-entity": EXTERNAL.encode(),
    "broken-xml": b'<?xml version="1.0"?>\n<martif><text><body><termEntry>\n',
    "po-missing-quote": b'msgid "Good evening\nmsgstr "Boa noit\n',
    "po-nplurals": b'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=99999999; plural=n;\\n"\n\n'
                   b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\n',
    "po-duplicate": b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "srt-bad-time": b"1\n00:00:99,000 --> 00:00:01,000\nHi\n\n2\nnot a timing\nx\n",
    "md-nest": b"[" * 50_000 + b"x" + b"]" * 50_000 + b"\n",
    "markup": b"[/b] [link=javascript:alert(1)]x[/link] \x1b[31m red\n",
    "tsv-ragged": b"en\tpt\nlibrary\n\t\t\t\tx\n\"unclosed\tquote\n",
    "json": b'{"greeting": "Hello, world"}\n',
    "zip": b"PK\x05\x06" + bytes(18),
}
EXTENSIONS = ["", ".txt", ".md", ".po", ".srt", ".tsv", ".csv", ".tbx", ".tmx", ".json",
              ".argosmodel"]
WEIRD_NAMES = ["-dash", "sp ace", "ünï©ødé", "[b]x[", "a;b&c|d"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("fuzz")
    files = []
    for name, data in CONTENTS.items():
        for ext in EXTENSIONS:
            path = root / f"{name}{ext}"
            path.write_bytes(data)
            files.append(path)
    for i, weird in enumerate(WEIRD_NAMES):
        path = root / f"{weird}{EXTENSIONS[1 + i % 4]}"
        path.write_bytes(b"Bom dia.\n")
        files.append(path)
    with zipfile.ZipFile(root / "truncated.argosmodel", "w") as zf:
        zf.writestr("p/metadata.json", b'{"from_code": "de"')
    files.append(root / "truncated.argosmodel")
    (root / "a-directory.txt").mkdir()
    files.append(root / "a-directory.txt")
    files.append(root / "missing.txt")
    return files


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("good")
    glossary = root / "g.tsv"
    glossary.write_text("pt\ten\nbiblioteca\tlibrary\n", encoding="utf-8")
    text = root / "doc.txt"
    text.write_text("A biblioteca abre.\n", encoding="utf-8")
    return {"glossary": glossary, "text": text, "root": root}


def _alarm(_signum, _frame):
    raise TimeoutError(f"a command ran longer than {ALARM_S} s")


def _run(capsys, args: list) -> tuple[int, str]:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(ALARM_S)
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return code, capsys.readouterr().err


COMMANDS = {
    "translate": lambda f, g, tmp: ["translate", f, "--from", "pt", "--to", "en", "--no-tm",
                                    "-o", tmp / "out"],
    "translate-auto": lambda f, g, tmp: ["translate", f, "--to", "en", "--no-tm", "-o", "-"],
    "detect": lambda f, g, tmp: ["detect", f],
    "terms-file": lambda f, g, tmp: ["terms", f, "-g", g["glossary"]],
    "terms-glossary": lambda f, g, tmp: ["terms", g["text"], "-g", f],
    "review-po": lambda f, g, tmp: ["review", f, "--no-tm", "--html", tmp / "r.html"],
    "review-text": lambda f, g, tmp: ["review", g["text"], f, "--no-tm", "--from", "pt",
                                      "--to", "en"],
    "tm-import": lambda f, g, tmp: ["tm", "import", f, "--from", "en", "--to", "pt", "--tm",
                                    tmp / "tm.sqlite"],
    "tm-stats": lambda f, g, tmp: ["tm", "stats", "--tm", f],
    "tm-export": lambda f, g, tmp: ["tm", "export", tmp / "out.tmx", "--tm", f],
    "glossary-list": lambda f, g, tmp: ["glossary", "list", f],
    "glossary-validate": lambda f, g, tmp: ["glossary", "validate", f],
    "glossary-export": lambda f, g, tmp: ["glossary", "export", f, tmp / "out.tbx"],
    "models-install": lambda f, g, tmp: ["models", "install", f],
}
#: Commands that only make sense for some extensions (the rest get every file).
ONLY = {"review-po": {".po"}, "tm-import": {".po", ".tmx"}, "tm-stats": {"", ".txt"},
        "tm-export": {"", ".txt"}, "models-install": {".argosmodel", ""},
        "detect": {"", ".txt"}, "terms-glossary": {".tsv", ".csv", ".tbx", ".po"},
        "glossary-list": {".tsv", ".tbx", ".po"}, "glossary-validate": {".tsv", ".csv"},
        "glossary-export": {".tsv", ".tbx"}}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_survives_bad_inputs(command, corpus, good, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    make = COMMANDS[command]
    wanted = ONLY.get(command)
    failures = []
    for path in corpus:
        if wanted is not None and path.suffix not in wanted:
            continue
        before = {p: _digest(p) for p in (path, good["glossary"], good["text"])}
        try:
            code, err = _run(capsys, make(path, good, tmp_path))
        except BaseException as exc:  # noqa: BLE001 - the harness reports any escape
            failures.append(f"{path.name}: raised {type(exc).__name__}: {exc}"[:300])
            continue
        if code not in (0, 1, 2):
            failures.append(f"{path.name}: exit {code}: {err[-300:]}")
        if "Traceback" in err:
            failures.append(f"{path.name}: traceback: {err[-300:]}")
        changed = [p.name for p, digest in before.items() if _digest(p) != digest]
        if changed:
            failures.append(f"{path.name}: changed {changed}")
    assert not failures, "\n".join(failures)
