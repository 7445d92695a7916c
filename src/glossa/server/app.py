"""The Starlette application: LibreTranslate's routes, parameters and error shape.

Parameters come from the query string, a form (urlencoded or multipart) or a JSON body,
as LibreTranslate accepts them; errors are ``{"error": "..."}`` with 400 / 403 / 404 /
413 / 429 / 500, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

from glossa.errors import EngineError, GlossaError
from glossa.server.batching import MicroBatcher
from glossa.server.limits import BodyTooLarge, Rate, RateLimiter, limit_body
from glossa.server.service import (
    AUTO,
    BatchKey,
    GlossaService,
    ServiceError,
    call_service,
    worker_init,
)

log = logging.getLogger("glossa.serve")


@dataclass
class ServerSettings:
    """What `glossa serve` was started with."""

    api_keys: dict[str, Rate | None] | None = None  # None: no key needed
    request_rate: Rate | None = None  # per client without keys; default for keys
    char_limit: int = -1  # characters of q per request; -1: none
    max_body: int = 20 * 1024 * 1024  # bytes per request body
    timeout: float = 60.0  # seconds per request
    batching: bool = True
    batch_window: float = 0.005  # seconds a batch waits for company
    max_batch_texts: int = 256
    limiter: RateLimiter = field(default_factory=RateLimiter)


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


# --- parameters -----------------------------------------------------------------------------


async def request_params(request: Request) -> dict[str, Any]:
    """Query string, then form or JSON body fields (the body wins), like LibreTranslate."""
    params: dict[str, Any] = _multi(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST" and kind == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Invalid request: the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid request: the JSON body must be an object")
        params.update(body)
    elif request.method == "POST" and kind in ("application/x-www-form-urlencoded",
                                                "multipart/form-data"):
        params.update(_multi(await request.form()))
    return params


def _multi(items) -> dict[str, Any]:
    """A repeated field (q=a&q=b) becomes a list; a single one stays a value."""
    out: dict[str, Any] = {}
    for name in items:
        values = items.getlist(name)
        out[name] = values if len(values) > 1 else values[0]
    return out


def _text_list(value: Any, name: str) -> tuple[list[str], bool]:
    """(texts, was_a_list) for q; 400 when it is missing or not text."""
    if value is None or value == "" or value == []:
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if isinstance(value, str):
        return [value], False
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value), True
    raise ApiError(400, f"Invalid request: {name} must be a string or a list of strings")


def _language(value: Any, name: str, allow_auto: bool = False) -> str:
    from glossa.languages import normalize_code

    if not value or not isinstance(value, str):
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if allow_auto and value.strip().lower() == AUTO:
        return AUTO
    try:
        return normalize_code(value)
    except GlossaError:
        raise ApiError(400, f"{value} is not supported") from None


def _flag(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "on", "yes"):
        return True
    if text in ("0", "false", "off", "no"):
        return False
    raise ApiError(400, f"Invalid request: tm must be on or off, not {value!r}")


def _count(value: Any) -> int:
    if value is None or value == "":
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid request: alternatives must be a number") from None
    return max(0, number)


# --- the application ------------------------------------------------------------------------


class GlossaServer:
    """Routes bound to one service, one worker process and one batcher.

    ``service`` is the server process's copy, for checks before queueing; the work runs
    in the worker process's own copy, built from ``spec`` (GlossaService's arguments).
    """

    def __init__(self, spec: dict[str, Any], settings: ServerSettings) -> None:
        import multiprocessing

        self.service = GlossaService(**spec)
        self.settings = settings
        self.executor = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"),
                                            initializer=worker_init, initargs=(spec,))
        self.batcher: MicroBatcher | None = None

    async def work(self, method: str, *args):
        """Run a service method in the worker process that owns the engines and the TM."""
        return await asyncio.get_running_loop().run_in_executor(
            self.executor, call_service, method, *args)

    @asynccontextmanager
    async def lifespan(self, _app):
        self.service.routes = await self.work("start")
        self.batcher = MicroBatcher(partial(call_service, "translate_batch"), self.executor,
                                    self.settings.batch_window, self.settings.max_batch_texts,
                                    self.settings.batching)
        self.batcher.start()
        try:
            yield
        finally:
            await self.batcher.stop()
            await self.work("close")
            self.executor.shutdown(wait=True)

    def check_access(self, request: Request, params: dict[str, Any]) -> None:
        """403 for a missing or unknown key (when keys are on), 429 over the client's rate."""
        keys = self.settings.api_keys
        key = params.get("api_key") or ""
        if keys is not None:
            if not isinstance(key, str) or key not in keys:
                raise ApiError(403, "Invalid API key" if key else "Please provide an API key")
            client, rate = f"key:{key}", keys[key]
        else:
            client = f"addr:{request.client.host if request.client else '?'}"
            rate = self.settings.request_rate
        if not self.settings.limiter.allow(client, rate):
            raise ApiError(429, f"Too many requests: this client's limit is {rate}")

    def check_chars(self, texts: list[str]) -> None:
        limit = self.settings.char_limit
        chars = sum(len(t) for t in texts)
        if limit >= 0 and chars > limit:
            raise ApiError(400, f"Invalid request: request ({chars}) exceeds text limit "
                                f"({limit})")

    async def timed(self, awaitable):
        try:
            return await asyncio.wait_for(awaitable, self.settings.timeout)
        except TimeoutError:
            raise ApiError(500, f"Cannot translate text: no answer within the server's "
                                f"{self.settings.timeout:g}s limit") from None

    # --- routes -------------------------------------------------------------------------

    async def translate(self, request: Request) -> JSONResponse:
        params = await request_params(request)
        self.check_access(request, params)
        texts, is_list = _text_list(params.get("q"), "q")
        if not is_list:  # CRLF/CR -> LF, so limits and line structure are consistent
            texts = ["\n".join(texts[0].splitlines())]
        source = _language(params.get("source") or AUTO, "source", allow_auto=True)
        target = _language(params.get("target"), "target")
        fmt = params.get("format") or "text"
        if fmt not in ("text", "html"):
            raise ApiError(400, f"{fmt} format is not supported")
        alternatives = _count(params.get("alternatives"))
        self.check_chars(texts)
        names = self.service.glossary_names(params.get("glossary"))
        use_tm = _flag(params.get("tm"), self.service.has_tm) and self.service.has_tm
        self.service.check_pair(source, target)
        key = BatchKey(source, target, names, use_tm, _format_name(fmt))
        results = await self.timed(self.batcher.submit(key, texts))
        body: dict[str, Any] = {"translatedText": [r.translation for r in results]
                                if is_list else results[0].translation}
        if source == AUTO:
            detected = [r.detected for r in results]
            body["detectedLanguage"] = detected if is_list else detected[0]
        if alternatives:
            body["alternatives"] = [[] for _ in results] if is_list else []
        return JSONResponse(body)

    async def detect(self, request: Request) -> JSONResponse:
        params = await request_params(request)
        self.check_access(request, params)
        texts, _ = _text_list(params.get("q"), "q")
        self.check_chars(texts)
        return JSONResponse(await self.timed(self.work("detect", "\n".join(texts))))

    async def languages(self, _request: Request) -> JSONResponse:
        return JSONResponse(self.service.languages())

    async def translate_file(self, request: Request) -> JSONResponse:
        from starlette.datastructures import UploadFile

        from glossa.formats import EXTENSIONS

        params = await request_params(request)
        self.check_access(request, params)
        upload = params.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "Invalid request: missing file parameter")
        name = PurePath((upload.filename or "").replace("\\", "/")).name
        if not name or name.startswith("."):
            raise ApiError(400, "Invalid request: empty file name")
        if PurePath(name).suffix.lower() not in EXTENSIONS:
            raise ApiError(400, "Invalid request: file format not supported; glossa reads "
                                + ", ".join(sorted(EXTENSIONS)))
        source = _language(params.get("source") or AUTO, "source", allow_auto=True)
        target = _language(params.get("target"), "target")
        names = self.service.glossary_names(params.get("glossary"))
        use_tm = _flag(params.get("tm"), self.service.has_tm) and self.service.has_tm
        self.service.check_pair(source, target)
        data = await upload.read()
        download = await self.timed(self.work("translate_file", name, data, source,
                                              target, names, use_tm))
        token, _, filename = download.partition("/")
        url = f"{str(request.base_url).rstrip('/')}/download_file/{token}/{quote(filename)}"
        return JSONResponse({"translatedFileUrl": url})

    async def download_file(self, request: Request):
        token, name = request.path_params["token"], request.path_params["name"]
        path = await self.work("translated_file", token, name)
        if path is None:
            raise ApiError(404, "No such translated file (files are kept "
                                f"{self.service.file_ttl / 60:g} minutes)")
        return FileResponse(path, filename=name)

    async def review(self, request: Request) -> JSONResponse:
        params = await request_params(request)
        self.check_access(request, params)
        sources, _ = _text_list(params.get("q"), "q")
        targets, _ = _text_list(params.get("translatedText"), "translatedText")
        if len(sources) != len(targets):
            raise ApiError(400, f"Invalid request: {len(sources)} q but {len(targets)} "
                                "translatedText")
        self.check_chars(sources + targets)
        source = _language(params.get("source") or AUTO, "source", allow_auto=True)
        target = _language(params["target"], "target") if params.get("target") else None
        names = self.service.glossary_names(params.get("glossary"))
        return JSONResponse(await self.timed(self.work("review", sources, targets,
                                                       source, target, names)))

    async def frontend_settings(self, _request: Request) -> JSONResponse:
        from glossa.formats import EXTENSIONS
        from glossa.languages import language_name

        targets = sorted({t for ts in self.service.routes.values() for t in ts})
        target = targets[0] if targets else "en"
        return JSONResponse({
            "charLimit": self.settings.char_limit,
            "frontendTimeout": int(self.settings.timeout * 1000),
            "apiKeys": self.settings.api_keys is not None,
            "keyRequired": self.settings.api_keys is not None,
            "suggestions": False,
            "filesTranslation": True,
            "supportedFilesFormat": sorted(EXTENSIONS),
            "language": {"source": {"code": AUTO, "name": "Auto Detect"},
                         "target": {"code": target, "name": language_name(target)}},
            "glossaries": list(self.service.glossary_paths),
            "tm": self.service.has_tm,
        })

    async def health(self, _request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def stats(self, _request: Request) -> JSONResponse:
        counters = await self.work("counters")
        return JSONResponse({"batches": counters.batches, "texts": counters.texts,
                             "engine_calls": counters.engine_calls,
                             "from_tm": counters.from_tm})


def _format_name(fmt: str) -> str:
    """html uses the HTML format plug-in when glossa has one, else text with tags shielded."""
    from glossa.formats import FORMATS

    return "html" if fmt == "html" and "html" in FORMATS else "txt"


# --- errors ---------------------------------------------------------------------------------


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse({"error": exc.message}, exc.status)


async def _service_error(_request: Request, exc: ServiceError) -> JSONResponse:
    return JSONResponse({"error": exc.message}, exc.status)


async def _glossa_error(_request: Request, exc: GlossaError) -> JSONResponse:
    status = 500 if isinstance(exc, EngineError) and "no model" not in str(exc) else 400
    return JSONResponse({"error": str(exc)}, status)


async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": exc.detail}, exc.status_code)


async def _too_large(_request: Request, _exc: BodyTooLarge) -> JSONResponse:
    return JSONResponse({"error": "request body over the server's size limit"}, 413)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("glossa serve: %s: %s", type(exc).__name__, exc)
    return JSONResponse({"error": f"Cannot translate text: {type(exc).__name__}: {exc}"}, 500)


def create_app(spec: dict[str, Any], settings: ServerSettings | None = None):
    """The ASGI application for a GlossaService built from ``spec`` (its arguments)."""
    server = GlossaServer(spec, settings or ServerSettings())
    both = ["GET", "POST"]
    routes = [
        Route("/translate", server.translate, methods=both),
        Route("/detect", server.detect, methods=both),
        Route("/languages", server.languages, methods=both),
        Route("/translate_file", server.translate_file, methods=["POST"]),
        Route("/download_file/{token}/{name}", server.download_file, methods=["GET"]),
        Route("/frontend/settings", server.frontend_settings, methods=["GET"]),
        Route("/health", server.health, methods=["GET"]),
        Route("/glossa/review", server.review, methods=["POST"]),
        Route("/glossa/stats", server.stats, methods=["GET"]),
    ]
    handlers = {ApiError: _api_error, ServiceError: _service_error, GlossaError: _glossa_error,
                HTTPException: _http_error, BodyTooLarge: _too_large, Exception: _unexpected}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=server.lifespan)
    wrapped = limit_body(app, server.settings.max_body)
    wrapped.server = server  # type: ignore[attr-defined]
    return wrapped
