"""Apertium (rule-based MT from Debian packages) as a glossa engine.

Each direction runs as one long-lived pipeline of the mode's programs in null-flush mode
(``apertium-wblank-mode -z``), not through the ``apertium`` wrapper, which buffers until
end of input. A batch is written in one go, one request per sentence ended by ``\\0``;
the programs flush at every ``\\0``, so the outputs stream back in order and each one is
checked against its own sentinel superblank (which also keeps a final period and stops
the trailing-escape hang). glossa writes Apertium's stream format itself: placeholder
tokens of glossa's shield and the characters Apertium uses as unknown-word marks
(``* # @``) travel as superblanks ``[...]``, which every program passes through
byte-identical, so a ``*`` left in the output is a mark, stripped and reported.

A pipeline that crashes or stays silent longer than the timeout fails only the sentence
it was working on; it is restarted for the rest of the batch.
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, cached_property
from pathlib import Path

from glossa.engines.apertium_modes import (  # noqa: F401 - part of this engine's interface
    BROKEN_MODES,
    ISO3,
    Mode,
    available,
    data_dir,
    discover_modes,
    glossa_code,
)
from glossa.engines.base import ModelInfo, Translation
from glossa.errors import EngineError, ModelMissing

DEBIAN_PACKAGES = ("apertium apertium-eng-spa apertium-es-pt apertium-eng-cat apertium-spa-cat "
                   "apertium-en-gl apertium-fr-es apertium-es-it")
INSTALL_HINT = f"Apertium is not installed; install it with `apt-get install {DEBIAN_PACKAGES}`"

_MASK_RE = re.compile(r"XT\d+X|ZXQ\d+")  # glossa.shield's PRIMARY and SECOND token shapes
_ESCAPE = set("\\^$/<>{}")  # escaped with a backslash in the stream format
_AS_BLANK = set("[]*#@~|+")  # sent as superblanks: marks and characters Apertium eats
_SENTINEL = "glossa-end-{}"
_SENTINEL_RE = re.compile(r"^glossa-end-(\d+)(-p)?$")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "。", "！", "？")
_MARKS = "*#@"


def timeout_seconds() -> float:
    """Seconds a pipeline may stay silent before its sentence fails (GLOSSA_APERTIUM_TIMEOUT)."""
    try:
        return float(os.environ.get("GLOSSA_APERTIUM_TIMEOUT", "30"))
    except ValueError:
        return 30.0


def package_versions(packages: Sequence[str]) -> dict[str, str]:
    """Debian package versions, from one dpkg-query call ({} without dpkg)."""
    if not packages or not shutil.which("dpkg-query"):
        return {}
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *packages],
                            capture_output=True, text=True, check=False)
    rows = (line.split("\t") for line in result.stdout.splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2 and row[1]}


# --- stream format --------------------------------------------------------------------------


def _blank(text: str) -> str:
    return "[" + "".join("\\" + c if c in "\\[]" else c for c in text) + "]"


def encode(text: str, index: int) -> str:
    """One request in Apertium's stream format, ended by its sentinel superblank."""
    text = text.replace("\0", " ")
    pieces, pos = [], 0
    for match in _MASK_RE.finditer(text):
        pieces += [_encode_plain(text[pos:match.start()]), _blank(match.group())]
        pos = match.end()
    # A sentence without final punctuation loses or doubles its last word in the tagger
    # ("muy bien" -> "very very"): add a period, as Apertium's own deformatter does, and
    # say so in the sentinel so decode() takes it off again.
    added = not text.rstrip().endswith(_SENTENCE_END)
    pieces += [_encode_plain(text[pos:]), "." if added else "",
               _blank(_SENTINEL.format(index) + ("-p" if added else ""))]
    return "".join(pieces)


def _encode_plain(text: str) -> str:
    out, blank = [], []
    for ch in text:
        if ch in _AS_BLANK:
            blank.append(ch)
            continue
        if blank:
            out.append(_blank("".join(blank)))
            blank = []
        out.append("\\" + ch if ch in _ESCAPE else ch)
    if blank:
        out.append(_blank("".join(blank)))
    return "".join(out)


def _word_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or text[i] in "'’-_·"):
        i += 1
    return i


def decode(output: str) -> tuple[str, list[str], int | None]:
    """(plain text, unknown words, sentinel index) of one output of the stream format."""
    out: list[str] = []
    unknown: list[str] = []
    sentinel = None
    i, n = 0, len(output)
    while i < n:
        ch = output[i]
        if ch == "\\" and i + 1 < n:
            out.append(output[i + 1])
            i += 2
        elif ch == "[":
            wordbound = output.startswith("[[", i)
            content, i = _read_blank(output, i + (2 if wordbound else 1), wordbound)
            found = _SENTINEL_RE.match(content)
            if found:
                sentinel = int(found.group(1))
                if found.group(2):  # the period encode() added
                    _drop_added_period(out)
            elif not wordbound:
                out.append(content)
        elif ch in _MARKS and i + 1 < n and not output[i + 1].isspace():
            end = _word_end(output, i + 1)
            if end > i + 1:
                unknown.append(output[i + 1:end])
            i += 1  # drop the mark, keep the word
        else:
            out.append(ch)
            i += 1
    return "".join(out), unknown, sentinel


def _drop_added_period(out: list[str]) -> None:
    """Remove the last period before the sentinel (spaces after it stay)."""
    for k in range(len(out) - 1, -1, -1):
        if out[k] == ".":
            del out[k]
            return
        if not out[k].isspace():
            return


def _read_blank(output: str, i: int, wordbound: bool) -> tuple[str, int]:
    content = []
    close = "]]" if wordbound else "]"
    while i < len(output) and not output.startswith(close, i):
        if output[i] == "\\" and i + 1 < len(output):
            content.append(output[i + 1])
            i += 2
        else:
            content.append(output[i])
            i += 1
    return "".join(content), i + len(close)


# --- pipelines ------------------------------------------------------------------------------


@cache
def pipeline_command(mode_file: Path) -> str:
    """The mode's programs with null flush on every one of them."""
    result = subprocess.run(["apertium-wblank-mode", "-z", str(mode_file)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise EngineError(f"cannot read Apertium mode {mode_file}: {result.stderr.strip()}")
    return result.stdout.strip()


class Pipeline:
    """One running pipeline for one direction; restarted after a crash or a hang."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.process: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            command = pipeline_command(self.mode.file)
            # $1: generator flag (-g keeps the marks, which glossa strips and reports);
            # $2: extra tagger options (none).
            self.process = subprocess.Popen(
                ["bash", "-c", command, "apertium", "-g", ""], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        return self.process

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, 9)
        process.wait()
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                stream.close()

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Every text translated; a sentence the pipeline fails on gets an error Translation."""
        results: list[Translation] = []
        failures = 0
        while len(results) < len(texts):
            done, error = self._stream(texts, len(results))
            results += done
            if error is None:
                continue
            self.close()
            failures = failures + 1 if not done else 1
            if failures >= 2:  # failed twice in a row without progress: give up on the rest
                results += [Translation("", error=error)] * (len(texts) - len(results))
            else:
                results.append(Translation("", error=error))
        return results

    def _stream(self, texts: Sequence[str], first: int) -> tuple[list[Translation], str | None]:
        """Send texts[first:], read outputs until done, a crash or a silent timeout."""
        try:
            process = self._start()
        except OSError as exc:
            return [], f"cannot start Apertium {self.mode.name}: {exc}"
        payload = "".join(encode(t, i) + "\0" for i, t in enumerate(texts[first:], first))
        writer = threading.Thread(target=_write, args=(process, payload.encode()), daemon=True)
        writer.start()
        done: list[Translation] = []
        buffer = b""
        limit = timeout_seconds()
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + limit
            while first + len(done) < len(texts):
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    return done, (f"Apertium {self.mode.name} gave no output for {limit:g} s "
                                  "(timed out; restarted)")
                chunk = os.read(process.stdout.fileno(), 1 << 16)
                if not chunk:
                    code = process.wait()
                    return done, f"Apertium {self.mode.name} stopped (exit code {code})"
                deadline = time.monotonic() + limit
                buffer += chunk
                *pieces, buffer = buffer.split(b"\0")
                for piece in pieces:
                    if not piece.strip():
                        continue  # some programs add an empty flush
                    translation = _to_translation(piece, first + len(done))
                    if translation is None:
                        return done, f"Apertium {self.mode.name} lost a sentence boundary"
                    done.append(translation)
        return done, None


def _write(process: subprocess.Popen, payload: bytes) -> None:
    try:
        process.stdin.write(payload)
        process.stdin.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass  # the reader reports the crash


def _to_translation(piece: bytes, index: int) -> Translation | None:
    text, unknown, sentinel = decode(piece.decode("utf-8", "replace"))
    if sentinel != index:
        return None
    return Translation(text.strip(), unknown=tuple(dict.fromkeys(unknown)))


# --- the engine -----------------------------------------------------------------------------


class ApertiumEngine:
    """Rule-based translation with the Apertium pairs installed from Debian."""

    name = "apertium"
    rule_based = True

    def __init__(self) -> None:
        self._pipelines: dict[str, Pipeline] = {}

    @cached_property
    def _modes(self) -> list[Mode]:
        return discover_modes(data_dir()) if available() else []

    @cached_property
    def _versions(self) -> dict[str, str]:
        return package_versions(sorted({m.package for m in self._modes if m.package}))

    def _mode(self, source: str, target: str) -> Mode | None:
        """The plain mode of a pair, else its first variant."""
        candidates = [m for m in self._modes if (m.source, m.target) == (source, target)]
        return min(candidates, key=lambda m: (m.variant != "", m.variant), default=None)

    def pairs(self) -> list[tuple[str, str]]:
        """The installed directions, without the package versions and sizes models() reads."""
        return [(m.source, m.target) for m in self._modes]

    def models(self) -> list[ModelInfo]:
        return [ModelInfo(self.name, m.source, m.target, self._version(m), m.pair_dir,
                          _dir_size(m.pair_dir), kind="rule-based", variant=m.variant)
                for m in self._modes]

    def install_hint(self, source: str, target: str) -> str:
        if not available():
            return INSTALL_HINT
        return (f"install an Apertium pair for {source}->{target} from Debian, if there is "
                "one (`apt-cache search apertium`)")

    def configure(self, *, jobs: int = 0) -> None:
        """One long-running pipeline per direction; Apertium is fast enough on one core."""

    def unencodable(self, texts: Sequence[str], source: str, target: str) -> list[list]:
        """Nothing: Apertium passes words it does not know through as they are."""
        return [[] for _ in texts]

    def _version(self, mode: Mode) -> str:
        version = self._versions.get(mode.package, "?")
        return f"{mode.name} {mode.package} {version}"

    def supports(self, source: str, target: str) -> bool:
        return self._mode(source, target) is not None

    def model_id(self, source: str, target: str) -> str:
        mode = self._mode(source, target)
        if mode is None:
            return f"apertium:{source}-{target}:?"
        return f"apertium:{mode.name}:{self._versions.get(mode.package, '?')}:rule-based"

    def translate_batch(self, texts: Sequence[str], source: str, target: str
                        ) -> list[Translation]:
        mode = self._mode(source, target)
        if mode is None:
            raise ModelMissing(f"no Apertium mode for {source}->{target}")
        pipeline = self._pipelines.get(mode.name)
        if pipeline is None:
            pipeline = self._pipelines[mode.name] = Pipeline(mode)
        outputs = pipeline.translate(list(texts))
        return [replace(out, text=initial_case_of(text, out.text)) if out.error is None else out
                for text, out in zip(texts, outputs, strict=True)]

    def close(self) -> None:
        for pipeline in self._pipelines.values():
            pipeline.close()


def initial_case_of(source: str, output: str) -> str:
    """``output`` with its first letter lower-case when the source's is: Apertium starts
    every text as a sentence ("or a file name" -> "O un nombre..."), and glossa sends it
    fragments of sentences and labels. A first word written in capitals (an acronym) or
    with a capital inside ("iPhone") is left as it is."""
    first_in = next((ch for ch in source if ch.isalpha()), "")
    match = _FIRST_WORD.search(output)
    if not first_in.islower() or match is None:
        return output
    word = match.group()
    if not word[0].isupper() or any(ch.isupper() for ch in word[1:]):
        return output
    return output[:match.start()] + word[0].lower() + output[match.start() + 1:]


_FIRST_WORD = re.compile(r"[^\W\d_]+")


@cache
def _dir_size(directory: Path) -> int:
    try:
        return sum(f.stat().st_size for f in directory.iterdir() if f.is_file())
    except OSError:
        return 0
