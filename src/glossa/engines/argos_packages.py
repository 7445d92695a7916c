"""Argos Translate packages: find, check, install, download and remove them.

glossa shares Argos Translate's package folder and layout, so packages installed
with ``argospm`` are found here and the other way round. It reads settings and
packages through the light ``argostranslate.settings``/``argostranslate.package``
modules, but installs and removes packages itself: argostranslate's own
``install_from_path``/``uninstall`` import its heavy translate module, and
``install_from_path`` extracts any zip straight into the package folder. Here an
archive is checked first (one top-level folder with ``metadata.json``, ``model/``
and a tokenizer; no absolute or ``..`` paths, no links), extracted into a hidden
staging folder inside the package folder and renamed into place, so the package
folder never holds a half-installed package.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glossa.errors import ModelPackageError, UsageError

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
STAGING_PREFIX = ".glossa-"
INDEX_TIMEOUT = 30  # seconds
MAX_UNPACKED_BYTES = 16 * 1024**3  # a zip bomb guard: real packages are < 1 GB

# Environment variables argostranslate.settings reads once, at import time.
_SETTINGS_ENV = ("ARGOS_PACKAGES_DIR", "ARGOS_PACKAGE_INDEX", "ARGOS_DEV_MODE",
                 "ARGOS_TRANSLATE_PACKAGE_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                 "XDG_CONFIG_HOME", "HOME", "SNAP", "SNAP_USER_DATA")
_settings_env: tuple | None = None


def argos_settings():
    """argostranslate.settings, reloaded if the environment changed since its import.

    The module computes the package folder and index URL at import time; reloading
    updates the same module object, which argostranslate.package also reads.
    """
    global _settings_env
    from argostranslate import settings

    env = tuple(os.environ.get(name) for name in _SETTINGS_ENV)
    if _settings_env is None:
        _settings_env = env
    elif env != _settings_env:
        importlib.reload(settings)
        _settings_env = env
    return settings


def packages_dir() -> Path:
    """The folder glossa (and argospm) install packages into."""
    return Path(argos_settings().package_data_dir)


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos translation package (one language pair)."""

    name: str  # folder name, e.g. translate-ru_en-1_9
    path: Path
    source: str
    target: str
    version: str
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"

    @property
    def tokenizer(self) -> Path | None:
        return next((self.path / f for f in TOKENIZER_FILES if (self.path / f).is_file()), None)

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def _from_argos(pkg) -> ArgosPackage | None:
    if getattr(pkg, "type", "translate") != "translate" or not (pkg.from_code and pkg.to_code):
        return None
    path = Path(pkg.package_path)
    return ArgosPackage(path.name, path, str(pkg.from_code).lower(), str(pkg.to_code).lower(),
                        str(pkg.package_version or "?"), pkg.target_prefix or "")


def _scan_tolerant(dirs: list[Path]) -> list:
    """Like get_installed_packages, but skips folders that are not packages."""
    from argostranslate.package import Package

    found = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if not path.is_dir() or path.name.startswith("."):
                continue
            try:
                found.append(Package(path))
            except (OSError, ValueError, AttributeError, TypeError):
                continue
    return found


def installed_packages() -> list[ArgosPackage]:
    """Installed translation packages in every Argos package folder, sorted by name."""
    settings = argos_settings()
    from argostranslate import package as argos_package

    dirs = [Path(d) for d in settings.package_dirs]
    try:
        raw = argos_package.get_installed_packages()
        if any(Path(p.package_path).name.startswith(".") for p in raw):
            raise ValueError("staging folder present")
    except (OSError, ValueError, AttributeError, TypeError):
        raw = _scan_tolerant(dirs)  # a stray folder without metadata.json
    packages = [p for p in map(_from_argos, raw) if p is not None]
    return sorted(packages, key=lambda p: (p.source, p.target, p.name))


# --- checking archives -------------------------------------------------------


@dataclass(frozen=True)
class ArchiveInfo:
    top: str  # the single top-level folder
    metadata: dict
    unpacked_size: int

    @property
    def source(self) -> str:
        return str(self.metadata["from_code"]).lower()

    @property
    def target(self) -> str:
        return str(self.metadata["to_code"]).lower()

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", "?"))


def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if "\\" in name:
        return "a backslash path"
    if any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        return "a '..' path"
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool stored no type
    if kind == stat.S_IFLNK:
        return "a symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "a special file"
    return None


def inspect_archive(path: Path) -> ArchiveInfo:
    """Check that path is a safe, complete Argos package; raise ModelPackageError if not."""
    if not path.is_file():
        raise ModelPackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError(f"{path}: not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            info = _check_members(path, infos)
            metadata = _read_metadata(path, zf, info)
            bad = zf.testzip()
            if bad is not None:
                raise ModelPackageError(f"{path}: damaged archive (bad CRC in {bad})")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ModelPackageError(f"{path}: damaged archive ({exc})") from None
    return ArchiveInfo(info[0], metadata, info[1])


def _check_members(path: Path, infos: list[zipfile.ZipInfo]) -> tuple[str, int]:
    if not infos:
        raise ModelPackageError(f"{path}: empty archive")
    for info in infos:
        reason = _unsafe_reason(info)
        if reason:
            raise ModelPackageError(f"{path}: unsafe archive: {info.filename!r} is {reason}")
    tops = {PurePosixPath(i.filename).parts[0] for i in infos}
    if len(tops) != 1:
        raise ModelPackageError(f"{path}: an Argos package holds one top-level folder, "
                                f"found {len(tops)}: {', '.join(sorted(tops)[:5])}")
    top = tops.pop()
    names = {i.filename.rstrip("/") for i in infos}
    if top.startswith("."):
        raise ModelPackageError(f"{path}: bad top-level folder name {top!r}")
    if f"{top}/metadata.json" not in names:
        raise ModelPackageError(f"{path}: not an Argos package (no {top}/metadata.json)")
    if f"{top}/model/model.bin" not in names:
        raise ModelPackageError(f"{path}: not an Argos package (no CTranslate2 model "
                                f"{top}/model/model.bin)")
    if not any(f"{top}/{t}" in names for t in TOKENIZER_FILES):
        raise ModelPackageError(f"{path}: not an Argos package (no tokenizer: "
                                f"{' or '.join(TOKENIZER_FILES)})")
    size = sum(i.file_size for i in infos)
    if size > MAX_UNPACKED_BYTES:
        raise ModelPackageError(f"{path}: unpacks to {size} bytes; refusing (limit "
                                f"{MAX_UNPACKED_BYTES})")
    return top, size


def _read_metadata(path: Path, zf: zipfile.ZipFile, info: tuple[str, int]) -> dict:
    try:
        metadata = json.loads(zf.read(f"{info[0]}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelPackageError(f"{path}: bad metadata.json ({exc})") from None
    if not isinstance(metadata, dict):
        raise ModelPackageError(f"{path}: bad metadata.json (not a JSON object)")
    if metadata.get("type", "translate") != "translate":
        raise ModelPackageError(f"{path}: not a translation package "
                                f"(type {metadata.get('type')!r})")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key].strip():
            raise ModelPackageError(f"{path}: bad metadata.json (missing {key})")
    return metadata


# --- installing and removing ---------------------------------------------------


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Serialise glossa installs/removals on one package folder (POSIX advisory lock)."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no lock, renames still keep the folder consistent
        yield
        return
    with open(directory / f"{STAGING_PREFIX}lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check_tokenizer(folder: Path) -> None:
    sp_file = folder / "sentencepiece.model"
    if not sp_file.is_file():
        return
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(sp_file))
    except (OSError, RuntimeError) as exc:
        raise ModelPackageError(f"bad sentencepiece.model in package: {exc}") from None


def install_archive(path: str | Path) -> ArgosPackage:
    """Install an .argosmodel file, replacing any installed package of the same pair."""
    archive = Path(path)
    info = inspect_archive(archive)
    target_dir = packages_dir()
    with _locked(target_dir):
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}install-", dir=target_dir))
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(staging)
            staged = staging / info.top
            _check_tokenizer(staged)
            _swap_in(staged, target_dir / info.top, info)
        except (OSError, zipfile.BadZipFile) as exc:
            raise ModelPackageError(f"{archive}: cannot install: {exc}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return _installed_at(target_dir / info.top)


def _swap_in(staged: Path, dest: Path, info: ArchiveInfo) -> None:
    """Rename staged into place; older versions of the pair are moved aside first
    and restored if the rename fails, deleted once it succeeded."""
    old = [p.path for p in installed_packages()
           if (p.source, p.target) == (info.source, info.target) and p.path.parent == dest.parent]
    if dest.exists() and dest not in old:
        other = _installed_at(dest) if (dest / "metadata.json").exists() else None
        what = f"the {other.pair} package" if other else "a folder that is not a package"
        raise ModelPackageError(f"{dest} already holds {what}; remove it first")
    trash = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-", dir=dest.parent))
    moved: list[tuple[Path, Path]] = []
    try:
        for i, folder in enumerate(old):
            aside = trash / f"{i}-{folder.name}"
            os.replace(folder, aside)
            moved.append((aside, folder))
        os.replace(staged, dest)
    except OSError:
        for aside, folder in reversed(moved):
            os.replace(aside, folder)
        raise
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def _installed_at(folder: Path) -> ArgosPackage:
    for pkg in installed_packages():
        if pkg.path == folder:
            return pkg
    raise ModelPackageError(f"{folder}: installed, but Argos Translate cannot read it")


def find_installed(spec: str) -> list[ArgosPackage]:
    """Installed packages matching a pair ("ru-en", "ru_en") or a folder name."""
    wanted = spec.strip().replace("_", "-").lower()
    return [p for p in installed_packages()
            if spec in (p.name, str(p.path)) or wanted in (p.pair, p.name.replace("_", "-"))]


def remove(spec: str) -> list[ArgosPackage]:
    """Remove the packages matching spec; raise UsageError if none does."""
    matches = find_installed(spec)
    if not matches:
        have = ", ".join(f"{p.pair} ({p.name})" for p in installed_packages()) or "none"
        raise UsageError(f"no installed Argos package matches {spec!r}; installed: {have}")
    for pkg in matches:
        with _locked(pkg.path.parent):
            trash = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-", dir=pkg.path.parent))
            try:
                os.replace(pkg.path, trash / pkg.name)  # disappears in one step
            except OSError as exc:
                shutil.rmtree(trash, ignore_errors=True)
                raise ModelPackageError(f"cannot remove {pkg.path}: {exc.strerror}") from None
            shutil.rmtree(trash, ignore_errors=True)
    return matches


# --- the package index ------------------------------------------------------------


def index_url() -> str:
    """The index URL: ARGOS_PACKAGE_INDEX (a folder URL or a .json URL) or Argos' default."""
    base = str(argos_settings().package_index)
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def update_index() -> Path:
    """Download the package index into Argos' local index file (shared with argospm).

    argostranslate's update_package_index swallows errors and has no timeout, and
    get_available_packages then recurses without end when no index exists, so the
    download is done here; reading the index stays with argostranslate.
    """
    settings = argos_settings()
    url = index_url()
    try:
        with urllib.request.urlopen(url, timeout=INDEX_TIMEOUT) as response:
            data = response.read()
        index = json.loads(data)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelPackageError(f"cannot fetch the Argos package index {url}: {reason}") from None
    if not isinstance(index, list):
        raise ModelPackageError(f"bad Argos package index {url}: not a JSON list")
    local = Path(settings.local_package_index)
    local.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index.", dir=local.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, local)
    return local


def available_packages() -> list:
    """AvailablePackage objects of the index (refreshed first)."""
    update_index()
    from argostranslate import package as argos_package

    try:
        return [p for p in argos_package.get_available_packages()
                if p.type == "translate" and p.from_code and p.to_code]
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise ModelPackageError(f"bad Argos package index {index_url()}: {exc}") from None


def _version_key(version: str):
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version), "")
    except InvalidVersion:
        return (0, Version("0"), version)


def _download(available) -> Path:
    """AvailablePackage.download, minus its trust in whatever sits in the cache.

    argostranslate reuses any file already at the cache path, so a partial
    download or an older version would be installed; a cached file is only kept
    if it is a valid package of the version the index offers.
    """
    settings = argos_settings()
    from argostranslate.package import argospm_package_name

    cached = Path(settings.downloads_dir) / f"{argospm_package_name(available)}.argosmodel"
    if cached.exists():
        try:
            info = inspect_archive(cached)
            fresh = (info.source, info.target, info.version) == (
                available.from_code, available.to_code, str(available.package_version))
        except ModelPackageError:
            fresh = False
        if not fresh:
            cached.unlink()
    try:
        return Path(available.download())
    except Exception as exc:  # argostranslate raises bare Exception on failure
        cached.unlink(missing_ok=True)
        links = ", ".join(available.links) or "no links"
        raise ModelPackageError(f"download of {available.from_code}->{available.to_code} "
                                f"failed ({links}): {exc}") from None


def plan_pair(source: str, target: str, offered: list) -> list:
    """The packages to fetch for source->target: the direct one, else two via English."""
    def best(src: str, tgt: str):
        matches = [p for p in offered if (p.from_code, p.to_code) == (src, tgt)]
        return max(matches, key=lambda p: _version_key(str(p.package_version)), default=None)

    direct = best(source, target)
    if direct:
        return [direct]
    hops = [best(source, "en"), best("en", target)]
    if "en" not in (source, target) and all(hops):
        return hops
    pairs = ", ".join(sorted({f"{p.from_code}-{p.to_code}" for p in offered})) or "none"
    raise ModelPackageError(f"the package index {index_url()} has no {source}->{target} "
                            f"package (nor a pivot through English); it offers: {pairs}")


def install_pair(source: str, target: str) -> list[ArgosPackage]:
    """Download and install what source->target needs from the package index."""
    installed = []
    for available in plan_pair(source, target, available_packages()):
        archive = _download(available)
        try:
            installed.append(install_archive(archive))
        except ModelPackageError:
            archive.unlink(missing_ok=True)  # do not reuse a bad download next time
            raise
    return installed
