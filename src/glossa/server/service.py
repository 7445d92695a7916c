"""The glossa side of the server: glossaries, TM, the translation pipeline, detection.

No HTTP here. The work runs in one worker process (``worker_init`` / ``call_service``):
Bergamot's native translator holds the GIL while it translates, which in the server's
own process would stall the event loop that parses incoming requests (and so keep
batches small); it is also pinned to the thread that made it, like the TM's SQLite
connection. The worker's one thread owns the engines and the TM for the life of the
server, so models load once. The same pipeline as ``glossa translate`` runs every
request, so glossary enforcement, placeholder shielding and verification are the CLI's.
The server process keeps a copy for the checks it makes before queueing a request.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossa.errors import UsageError

AUTO = "auto"
NO_GLOSSARY = "none"


@dataclass(frozen=True)
class BatchKey:
    """What makes requests translatable together in one pipeline run."""

    source: str  # a language code or "auto"
    target: str
    glossaries: tuple[str, ...]
    tm: bool
    fmt: str  # glossa format name: "txt", or "html" when that plug-in exists


@dataclass
class TextResult:
    translation: str
    detected: dict[str, Any] | None = None  # {"language", "confidence"} for source=auto


@dataclass
class Counters:
    """What the server did, for /glossa/stats and the batching tests."""

    batches: int = 0
    texts: int = 0
    engine_calls: int = 0
    from_tm: int = 0


@dataclass
class GlossaService:
    """Owns the glossaries, the TM and the engines for one server process."""

    glossary_paths: dict[str, Path] = field(default_factory=dict)
    engine: str = "auto"
    tm_path: Path | None = None  # None: no TM
    files_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="glossa-serve-")))
    file_ttl: float = 30 * 60.0
    jobs: int = 1  # Bergamot worker processes for large batches (see BergamotEngine.set_jobs)
    counters: Counters = field(default_factory=Counters)

    def __post_init__(self) -> None:
        from glossa.glossary import load_glossaries

        self._glossaries = {name: load_glossaries([path])
                            for name, path in self.glossary_paths.items()}  # fail at start
        self._merged: dict[tuple[str, ...], Any] = {}
        self._tm = None
        self._candidates: list[str] | None = None
        self.routes: dict[str, list[str]] = {}

    # --- start and stop -----------------------------------------------------------------

    def start(self) -> dict[str, list[str]]:
        """Find the models, count engine calls, load detection; returns the routes."""
        from glossa.detect import default_candidates
        from glossa.detect.model import get_model
        from glossa.engines import ENGINES, get_engine

        for name in ENGINES:
            self._count_calls(get_engine(name))
        self.routes = _routes(self.engine)
        self._candidates = default_candidates()
        get_model(tuple(self._candidates))
        if self.tm_path is not None:
            from glossa.tm import open_tm

            self._tm = open_tm(self.tm_path)
        return self.routes

    def close(self) -> None:
        from glossa.engines import ENGINES, get_engine
        from glossa.engines.base import close_engine

        for name in ENGINES:
            close_engine(get_engine(name))
        if self._tm is not None:
            self._tm.close()
            self._tm = None
        shutil.rmtree(self.files_dir, ignore_errors=True)

    def _count_calls(self, engine: Any) -> None:
        """Wrap the engine's translate_batch so every real engine call is counted."""
        if getattr(engine.translate_batch, "_glossa_counted", False):
            return
        original = engine.translate_batch
        counters = self.counters

        def counted(texts, source, target):
            counters.engine_calls += 1
            return original(texts, source, target)

        counted._glossa_counted = True  # type: ignore[attr-defined]
        engine.translate_batch = counted

    # --- checks the HTTP layer makes before queueing ------------------------------------

    @property
    def has_tm(self) -> bool:
        return self.tm_path is not None

    def glossary_names(self, requested: str | Sequence[str] | None) -> tuple[str, ...]:
        """Glossaries for a request: all the server's by default, 'none' for none."""
        if requested is None:
            return tuple(self.glossary_paths)
        names = requested.split(",") if isinstance(requested, str) else list(requested)
        names = [n.strip() for n in names if str(n).strip()]
        if names in ([], [NO_GLOSSARY]):
            return ()
        unknown = [n for n in names if n not in self.glossary_paths]
        if unknown:
            known = ", ".join(self.glossary_paths) or "none (start with -g FILE)"
            raise UsageError(f"unknown glossary {unknown[0]!r}; this server has: {known}")
        return tuple(dict.fromkeys(names))

    def check_pair(self, source: str, target: str) -> None:
        """Raise UsageError unless glossa can route source -> target (or any -> target)."""
        from glossa.languages import language_name

        if source == AUTO:
            if not any(target in targets for targets in self.routes.values()):
                raise UsageError(f"{target} ({language_name(target)}) is not supported "
                                 "as a target language by this server")
            return
        if source == target:
            return
        if target not in self.routes.get(source, []):
            raise UsageError(f"{language_name(target)} ({target}) is not available as a "
                             f"target language from {language_name(source)} ({source})")

    def languages(self) -> list[dict[str, Any]]:
        """LibreTranslate's /languages: every language with the targets glossa can route."""
        from glossa.languages import language_name

        codes = sorted({*self.routes, *(t for ts in self.routes.values() for t in ts)})
        return [{"code": code, "name": language_name(code), "targets": self.routes.get(code, [])}
                for code in codes]

    # --- work (worker thread) -----------------------------------------------------------

    def _glossary(self, names: tuple[str, ...]):
        if not names:
            return None
        if names not in self._merged:
            from glossa.glossary import merge

            self._merged[names] = merge(self._glossaries[n] for n in names)
        return self._merged[names]

    def _options(self, source: str, target: str, names: tuple[str, ...], use_tm: bool):
        from glossa.pipeline import TranslateOptions

        tm = self._tm if use_tm else None
        options = TranslateOptions(target, source, self.engine, self._glossary(names), None, tm)
        options.jobs = self.jobs
        return options

    def translate_batch(self, key: BatchKey, texts: list[str]) -> list[TextResult]:
        """One pipeline run for every text of every request batched under ``key``."""
        from glossa.formats import get_format
        from glossa.pipeline import translate_documents

        fmt = get_format(key.fmt)
        docs = [fmt.read(text, None, wrap="keep") for text in texts]  # a client's line breaks
        options = self._options(key.source, key.target, key.glossaries, key.tm)
        report = translate_documents(docs, options)
        self.counters.batches += 1
        self.counters.texts += len(texts)
        self.counters.from_tm += report.from_tm
        results = [TextResult(_as_text(fmt.write(doc))) for doc in docs]
        if key.source == AUTO:
            for text, result in zip(texts, results, strict=True):
                result.detected = self.detect(text)[0]
        return results

    def detect(self, text: str) -> list[dict[str, Any]]:
        """Languages of ``text``, most likely first: glossa's verdict, then lingua's others."""
        from glossa.detect import UNDETERMINED, detect_text
        from glossa.detect.model import get_model

        candidates = self._candidates or []
        dominant = detect_text(text, candidates).dominant
        confidences = get_model(tuple(candidates)).confidences(text)
        ranked = sorted(confidences.items(), key=lambda item: -item[1])
        if dominant == UNDETERMINED:
            dominant = ranked[0][0] if ranked else "en"
        first = {"language": dominant, "confidence": _percent(confidences.get(dominant, 0.0))}
        others = [{"language": lang, "confidence": _percent(value)}
                  for lang, value in ranked[:4] if lang != dominant and value >= 0.01]
        return [first, *others]

    def translate_file(self, filename: str, data: bytes, source: str, target: str,
                       names: tuple[str, ...], use_tm: bool) -> str:
        """Translate an uploaded file with glossa's format plug-ins; returns its download id."""
        from glossa.api import output_path, read_document, write_document
        from glossa.pipeline import translate_documents

        self.sweep_files()
        token = uuid.uuid4().hex
        folder = self.files_dir / token
        folder.mkdir(parents=True)
        upload = folder / "upload" / filename
        upload.parent.mkdir()
        upload.write_bytes(data)
        doc = read_document(upload)
        report = translate_documents([doc], self._options(source, target, names, use_tm))
        out = output_path(upload, target, folder)
        write_document(doc, out, report)
        shutil.rmtree(upload.parent, ignore_errors=True)
        return f"{token}/{out.name}"

    def translated_file(self, token: str, name: str) -> Path | None:
        """The translated file for a download id, while it has not expired."""
        self.sweep_files()
        if not token.isalnum() or "/" in name or name.startswith("."):
            return None
        path = self.files_dir / token / name
        return path if path.is_file() else None

    def sweep_files(self) -> None:
        """Delete translated files older than the time they are kept for."""
        limit = time.time() - self.file_ttl
        if not self.files_dir.is_dir():
            return
        for folder in self.files_dir.iterdir():
            if folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)

    def review(self, sources: list[str], targets: list[str], source: str | None,
               target: str | None, names: tuple[str, ...]) -> dict[str, Any]:
        """QA issues of translations, as `glossa review --json` reports them."""
        from glossa.review.align import ReviewInput, ReviewSegment, resolve_languages
        from glossa.review.jsonreport import report_json
        from glossa.review.report import build_report

        segments = [ReviewSegment(i, s, t, line=i + 1)
                    for i, (s, t) in enumerate(zip(sources, targets, strict=True))]
        inp = ReviewInput(segments, "text", "<request>", "<request>")
        src, tgt = resolve_languages(inp, None if source in (None, AUTO) else source, target,
                                     self._candidates)
        return report_json(build_report(inp, src, tgt, self._glossary(names)))


class ServiceError(Exception):
    """A failure in the worker, as (HTTP status, one-line message): pickles as it is."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status, self.message = status, message


_WORKER_SERVICE: GlossaService | None = None


def worker_init(spec: dict[str, Any]) -> None:
    """Build the worker's service; signals are the server's to handle, not the worker's."""
    import signal

    global _WORKER_SERVICE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _WORKER_SERVICE = GlossaService(**spec)


def call_service(method: str, *args: Any) -> Any:
    """Run a service method in the worker; glossa's errors come back as ServiceError."""
    from glossa.errors import EngineError, GlossaError, ModelMissing

    if _WORKER_SERVICE is None:
        raise ServiceError(500, "the translation worker is not initialised")
    if method == "counters":
        return _WORKER_SERVICE.counters
    try:
        return getattr(_WORKER_SERVICE, method)(*args)
    except ModelMissing as exc:
        raise ServiceError(400, str(exc)) from None
    except EngineError as exc:
        raise ServiceError(500, f"Cannot translate text: {exc}") from None
    except GlossaError as exc:
        raise ServiceError(400, str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - one line back to the client, no traceback
        raise ServiceError(500, f"Cannot translate text: {type(exc).__name__}: {exc}") from None


def _routes(preference: str) -> dict[str, list[str]]:
    """source -> sorted targets, for every pair glossa can route (directly or by pivot)."""
    from glossa.engines.routes import reachable_routes

    routes: dict[str, list[str]] = {}
    for route in reachable_routes(preference):
        routes.setdefault(route.source, []).append(route.target)
    return {source: sorted(targets) for source, targets in sorted(routes.items())}


def _percent(value: float) -> float:
    return round(100.0 * value, 1)


def _as_text(rendered: str | bytes) -> str:
    return rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered
