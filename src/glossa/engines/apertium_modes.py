"""Installed Apertium directions, found without the engine (glossa.engines.apertium):
light to import, so listing languages (``glossa detect``'s candidates) starts no
pipeline and imports none of the engine's machinery."""

from __future__ import annotations

import os
import re
import shutil
from collections import namedtuple
from pathlib import Path

# Apertium's ISO 639-3 codes (and the older 639-1 ones in pair names) -> glossa's codes.
ISO3: dict[str, str] = {
    "eng": "en", "spa": "es", "por": "pt", "cat": "ca", "glg": "gl", "fra": "fr", "ita": "it",
    "rus": "ru", "ukr": "uk", "bel": "be", "eus": "eu", "isl": "is", "mkd": "mk", "ron": "ro",
    "deu": "de", "nld": "nl", "swe": "sv", "dan": "da", "nob": "nb", "nno": "nn", "pol": "pl",
    "ces": "cs", "slk": "sk", "slv": "sl", "hrv": "hr", "srp": "sr", "bul": "bg", "afr": "af",
    "epo": "eo", "cym": "cy", "gle": "ga", "kaz": "kk", "tat": "tt", "tur": "tr", "hin": "hi",
    "urd": "ur", "ind": "id", "msa": "ms", "sqi": "sq", "ell": "el", "lav": "lv", "lit": "lt",
    "est": "et", "fin": "fi", "hun": "hu", "ara": "ar", "heb": "he",
}
# Debian's rus-ukr 0.2.1 empties or crashes on many sentences: left out.
BROKEN_MODES = frozenset({"rus-ukr", "ukr-rus"})
_MODE_RE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})(?:_(\w+))?$")
_PACKAGE_DIR_RE = re.compile(r"/apertium/(apertium-[a-z_-]+)/")


def glossa_code(code: str) -> str | None:
    from glossa.languages import LANGUAGES

    code = ISO3.get(code, code)
    return code if code in LANGUAGES else None


class Mode(namedtuple("Mode", "name source target variant file package")):
    """One installed Apertium direction, e.g. spa-cat_valencia."""

    __slots__ = ()

    @property
    def pair_dir(self) -> Path:
        return self.file.parent.parent / self.package


def data_dir() -> Path:
    return Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"))


def available() -> bool:
    """The programs a pipeline needs are on PATH."""
    return all(shutil.which(p) for p in ("apertium", "apertium-wblank-mode", "lt-proc", "bash"))


def discover_modes(directory: Path) -> list[Mode]:
    """Installed directions from the modes folder (what `apertium -l` lists)."""
    modes = []
    for file in sorted((directory / "modes").glob("*.mode")):
        match = _MODE_RE.match(file.stem)
        if not match or file.stem.split("_")[0] in BROKEN_MODES:
            continue
        source, target = glossa_code(match.group(1)), glossa_code(match.group(2))
        if not source or not target or source == target:
            continue
        try:
            package = _PACKAGE_DIR_RE.search(file.read_text(encoding="utf-8"))
        except OSError:
            continue
        modes.append(Mode(file.stem, source, target, match.group(3) or "", file,
                          package.group(1) if package else ""))
    return modes


def installed_pairs() -> list[tuple[str, str]]:
    """(source, target) of every installed direction; none without Apertium's programs."""
    return [(m.source, m.target) for m in discover_modes(data_dir())] if available() else []
