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
import io
import json
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from glossa.errors import ModelPackageError, UsageError

if TYPE_CHECKING:
    import zipfile

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
STAGING_PREFIX = ".glossa-"
INDEX_TIMEOUT = 30  # seconds
MAX_UNPACKED_BYTES = 4 * 1024**3  # a zip bomb guard: real packages are < 1 GB

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
MAX_SETTINGS_BYTES = 1024**2
MAX_METADATA_BYTES = 1024**2  # real metadata.json files are under 2 KB
MAX_INDEX_BYTES = 32 * 1024**2  # the real index is about 100 KB
MAX_PACKAGE_BYTES = 4 * 1024**3
MAX_COMPRESSION_RATIO = 200  # model.bin barely compresses; a bomb compresses 1000:1
DOWNLOAD_TIMEOUT = 3600  # seconds for a whole package (GLOSSA_DOWNLOAD_TIMEOUT)


@dataclass(frozen=True)
class ArgosSettings:
    """Argos Translate's folders and index URL, as argostranslate.settings computes them
    (environment first, then ``settings.json``), but read without side effects:
    argostranslate's module creates four folders in HOME on import, prints settings
    errors to stdout and fails on a settings.json that is a list or a folder."""

    data_dir: Path
    cache_dir: Path
    settings_file: Path
    package_data_dir: Path
    package_index: str

    @property
    def package_dirs(self) -> list[Path]:
        dirs = [self.package_data_dir]
        snap = os.environ.get("SNAP")
        if snap:
            bundled = Path(snap) / "snap_custom" / "packages"
            if bundled.is_dir():
                dirs.append(bundled)
            content = Path(snap) / "snap_custom" / "content_snap_packages"
            if content.is_dir():
                dirs += sorted(p for p in content.iterdir() if p.is_dir())
        return dirs

    @property
    def downloads_dir(self) -> Path:
        return self.cache_dir / "downloads"

    @property
    def local_package_index(self) -> Path:
        return self.data_dir / "index.json"


def _settings_file_values(path: Path) -> dict:
    """settings.json as a dict; a broken one is a one-line error, never printed output."""
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            raise ModelPackageError(f"{path}: Argos settings file is too large")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except IsADirectoryError:
        raise ModelPackageError(f"{path}: Argos settings file is a directory") from None
    except (OSError, ValueError) as exc:
        raise ModelPackageError(f"{path}: bad Argos settings file ({exc})") from None
    if not isinstance(data, dict):
        raise ModelPackageError(f"{path}: bad Argos settings file (not a JSON object)")
    return data


def argos_settings() -> ArgosSettings:
    """The current Argos settings (recomputed each call: the environment may change)."""
    home = Path(os.environ.get("SNAP_USER_DATA") or Path.home()) if "SNAP" in os.environ \
        else Path.home()
    data_dir = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") \
        / "argos-translate"
    config_dir = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate"
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or home / ".local" / "cache") \
        / "argos-translate"
    settings_file = config_dir / "settings.json"
    needs_file = not (os.environ.get("ARGOS_PACKAGES_DIR") and
                      os.environ.get("ARGOS_PACKAGE_INDEX"))
    values = _settings_file_values(settings_file) if needs_file else {}

    def setting(key: str, default):
        value = os.environ.get(key)
        value = values.get(key) if value is None else value
        if value is None:
            return default
        if not isinstance(value, str) or "\0" in value:
            raise ModelPackageError(f"{settings_file}: bad Argos setting {key} ({value!r})")
        return value

    packages = Path(setting("ARGOS_PACKAGES_DIR", str(data_dir / "packages")))
    return ArgosSettings(data_dir, cache_dir, settings_file, packages,
                         setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX))


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


def _package_metadata(folder: Path) -> dict:
    """A package folder's metadata.json, checked; ValueError says why it is broken."""
    meta_file = folder / "metadata.json"
    try:
        size = meta_file.stat().st_size
        if size > MAX_METADATA_BYTES:
            raise ValueError(f"metadata.json of {size} bytes (limit {MAX_METADATA_BYTES})")
        metadata = json.loads(meta_file.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ValueError("no metadata.json") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable metadata.json ({exc})") from None
    if not isinstance(metadata, dict):
        raise ValueError("metadata.json is not a JSON object")
    try:
        json.dumps(metadata, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError):
        raise ValueError("metadata.json holds text that is not valid Unicode") from None
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key].strip():
            raise ValueError(f"metadata.json without {key}")
    return metadata


@dataclass(frozen=True)
class BrokenPackage:
    path: Path
    reason: str


def scan_packages() -> tuple[list[ArgosPackage], list[BrokenPackage]]:
    """Installed translation packages (sorted) and the folders that are broken packages."""
    found: list[ArgosPackage] = []
    broken: list[BrokenPackage] = []
    for directory in argos_settings().package_dirs:
        try:
            folders = sorted(p for p in directory.iterdir()
                             if p.is_dir() and not p.name.startswith("."))
        except OSError:
            continue  # no package folder yet
        for folder in folders:
            try:
                meta = _package_metadata(folder)
            except ValueError as exc:
                broken.append(BrokenPackage(folder, str(exc)))
                continue
            if meta.get("type", "translate") != "translate":
                continue
            found.append(ArgosPackage(folder.name, folder, meta["from_code"].lower(),
                                      meta["to_code"].lower(),
                                      str(meta.get("package_version") or "?"),
                                      str(meta.get("target_prefix") or "")))
    return sorted(found, key=lambda p: (p.source, p.target, p.name)), broken


def any_installed() -> bool:
    """Whether some package folder holds a package folder (metadata not read): lets
    ``--engine auto`` leave the Argos engine unloaded when there is nothing to run."""
    for directory in argos_settings().package_dirs:
        try:
            if any(p.is_dir() and not p.name.startswith(".") for p in directory.iterdir()):
                return True
        except OSError:
            continue
    return False


def installed_packages() -> list[ArgosPackage]:
    """Installed translation packages in every Argos package folder, sorted by pair."""
    return scan_packages()[0]


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
    import zipfile  # (the archive modules are imported by the commands that need them)

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
    meta = next(i for i in infos if i.filename.rstrip("/") == f"{top}/metadata.json")
    if meta.file_size > MAX_METADATA_BYTES:
        raise ModelPackageError(f"{path}: metadata.json of {meta.file_size} bytes; refusing "
                                f"(limit {MAX_METADATA_BYTES})")
    for info in infos:
        if info.file_size > 1024**2 and info.file_size > MAX_COMPRESSION_RATIO * max(
                info.compress_size, 1):
            raise ModelPackageError(f"{path}: {info.filename} unpacks "
                                    f"{info.file_size // max(info.compress_size, 1)} times its "
                                    f"size; refusing (a zip bomb?)")
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
    import shutil
    import tempfile
    import zipfile

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
    import shutil
    import tempfile

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
    import shutil
    import tempfile

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


def _timeout(default: float) -> float:
    raw = os.environ.get("GLOSSA_DOWNLOAD_TIMEOUT")
    try:
        return float(raw) if raw else default
    except ValueError:
        raise UsageError(f"GLOSSA_DOWNLOAD_TIMEOUT: expected seconds, got {raw!r}") from None


def fetch(url: str, sink, max_bytes: int, total_seconds: float, what: str = "download") -> int:
    """Copy url into sink (a binary file), bounded in size and in *total* time.

    A socket timeout only bounds each read: a server trickling a byte every few
    seconds would never trip it. Every read here is also checked against a deadline.
    """
    import urllib.error  # only downloads need them (~60 ms to import)
    import urllib.request

    deadline = time.monotonic() + total_seconds
    received = 0
    try:
        with urllib.request.urlopen(url, timeout=min(INDEX_TIMEOUT, total_seconds)) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ModelPackageError(f"{url}: {declared} bytes; refusing (limit {max_bytes})")
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ModelPackageError(f"{url}: download took longer than "
                                            f"{total_seconds:g} s; stopped")
                if response.fp is not None and getattr(response.fp, "raw", None) is not None:
                    with contextlib.suppress(AttributeError, OSError):
                        response.fp.raw._sock.settimeout(min(INDEX_TIMEOUT, left))
                chunk = response.read1(65536) if hasattr(response, "read1") else \
                    response.read(65536)
                if not chunk:
                    return received
                received += len(chunk)
                if received > max_bytes:
                    raise ModelPackageError(f"{url}: more than {max_bytes} bytes; refusing")
                sink.write(chunk)
    except ModelPackageError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if time.monotonic() >= deadline - 0.05:  # the last read's timeout was the deadline
            reason = f"took longer than {total_seconds:g} s; stopped"
        raise ModelPackageError(f"cannot {what} {url}: {reason}") from None


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class IndexPackage:
    """One package the index offers (the fields glossa uses)."""

    from_code: str
    to_code: str
    package_version: str
    links: tuple[str, ...]


def parse_index(data: bytes, url: str) -> list[IndexPackage]:
    try:
        index = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelPackageError(f"bad Argos package index {url}: {exc}") from None
    if not isinstance(index, list):
        raise ModelPackageError(f"bad Argos package index {url}: not a JSON list")
    offered = []
    for item in index:
        if not isinstance(item, dict) or item.get("type", "translate") != "translate":
            continue
        codes = item.get("from_code"), item.get("to_code")
        links = item.get("links") or []
        if not all(isinstance(c, str) and c for c in codes) or not isinstance(links, list):
            continue
        offered.append(IndexPackage(codes[0].lower(), codes[1].lower(),
                                    str(item.get("package_version", "?")),
                                    tuple(link for link in links if isinstance(link, str))))
    return offered


def update_index() -> Path:
    """Download the package index into Argos' local index file (shared with argospm).

    argostranslate's update_package_index swallows errors and has no timeout, and its
    get_available_packages recurses without end when no index exists.
    """
    settings = argos_settings()
    url = index_url()
    buffer = io.BytesIO()
    fetch(url, buffer, MAX_INDEX_BYTES, _timeout(INDEX_TIMEOUT * 2),
          "fetch the Argos package index")
    parse_index(buffer.getvalue(), url)
    local = Path(settings.local_package_index)
    try:
        _write_atomic(local, buffer.getvalue())
    except OSError as exc:
        raise ModelPackageError(f"{local}: cannot save the package index: "
                                f"{exc.strerror or exc}") from None
    return local


def available_packages() -> list[IndexPackage]:
    """The translation packages the index offers (downloaded afresh)."""
    local = update_index()
    return parse_index(local.read_bytes(), index_url())


def _version_key(version: str):
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version), "")
    except InvalidVersion:
        return (0, Version("0"), version)


def _download(available: IndexPackage) -> Path:
    """The package file for ``available`` in Argos' download cache (argospm's name).

    A cached file is only reused if it is a valid package of the version the index
    offers; a download goes to a temp file, bounded in size and total time.
    """
    settings = argos_settings()
    name = f"translate-{available.from_code}_{available.to_code}.argosmodel"
    cached = settings.downloads_dir / name
    if cached.exists():
        try:
            info = inspect_archive(cached)
            if (info.source, info.target, info.version) == (
                    available.from_code, available.to_code, available.package_version):
                return cached
        except ModelPackageError:
            pass
        cached.unlink(missing_ok=True)
    if not available.links:
        raise ModelPackageError(f"the index lists no download link for "
                                f"{available.from_code}->{available.to_code}")
    import tempfile

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=cached.parent)
    except OSError as exc:
        raise ModelPackageError(f"{cached.parent}: cannot write downloads: "
                                f"{exc.strerror or exc}") from None
    errors = []
    try:
        for link in available.links:
            with open(fd, "wb", closefd=False) as handle:
                handle.seek(0)
                handle.truncate()
                try:
                    fetch(link, handle, MAX_PACKAGE_BYTES, _timeout(DOWNLOAD_TIMEOUT))
                except ModelPackageError as exc:
                    errors.append(str(exc))
                    continue
            os.replace(tmp, cached)
            return cached
    finally:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
    raise ModelPackageError(f"download of {available.from_code}->{available.to_code} failed: "
                            + "; ".join(errors))


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
            info = inspect_archive(archive)
            if (info.source, info.target) != (available.from_code, available.to_code):
                raise ModelPackageError(
                    f"the index offered {available.from_code}->{available.to_code}, but the "
                    f"package it served holds {info.source}->{info.target}; not installed")
            installed.append(install_archive(archive))
        except ModelPackageError:
            archive.unlink(missing_ok=True)  # do not reuse a bad download next time
            raise
    return installed
