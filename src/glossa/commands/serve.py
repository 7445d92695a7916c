"""`glossa serve`: an offline translation server speaking the LibreTranslate API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

INSTALL_HINT = ("glossa serve needs the server extra: pip install 'glossa[serve]' "
                "(in a checkout: uv sync --extra serve)")


def register(sub: argparse._SubParsersAction) -> None:
    from glossa.engines import ENGINES

    p = sub.add_parser(
        "serve",
        help="offline translation server with the LibreTranslate API (glossaries, TM, batching)",
        description="Serve glossa over the LibreTranslate HTTP API, so Weblate, OmegaT and "
        "browser plug-ins, libretranslatepy and deep-translator can use it unchanged. "
        "Glossaries given with -g are enforced on every request (a request can choose "
        "some with glossary=NAME[,NAME] or none with glossary=none); the translation "
        "memory answers repeats; concurrent requests for a pair go to the engine as one "
        "batch. Binds to localhost unless --host says otherwise.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.add_argument("-g", "--glossary", action="append", default=[], metavar="FILE",
                   help="glossary (TSV/CSV/TBX/PO) named by its file stem; repeatable")
    p.add_argument("--api-keys", metavar="FILE",
                   help="require an API key: one key a line, optionally 'KEY N/min'")
    p.add_argument("--char-limit", type=int, default=-1, metavar="N",
                   help="characters per request (default -1: no limit)")
    p.add_argument("--req-limit", metavar="N/min",
                   help="requests per minute per API key (or per address without keys)")
    p.add_argument("--max-body", type=int, default=20 * 1024 * 1024, metavar="BYTES",
                   help="largest request body, files included (default 20 MiB)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds a request may take before it is answered with an error")
    p.add_argument("--engine", default="auto", choices=["auto", *ENGINES],
                   help="engine (default auto: Argos if it has the pair, else Bergamot)")
    p.add_argument("--tm", metavar="PATH",
                   help="translation memory database (default: DATA_DIR/tm.sqlite)")
    p.add_argument("--no-tm", action="store_true", help="no translation memory")
    p.add_argument("--batch-window", type=float, default=5.0, metavar="MS",
                   help="milliseconds a batch waits for more requests (default 5)")
    p.add_argument("--no-batching", action="store_true",
                   help="send each request to the engine on its own (for comparison)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="Bergamot worker processes for large batches; 0 = one per CPU")
    p.add_argument("--file-ttl", type=float, default=30.0, metavar="MIN",
                   help="minutes a translated file stays downloadable (default 30)")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(run=run)


def _require_extra() -> None:
    from importlib.util import find_spec

    from glossa.errors import UsageError

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    if find_spec("python_multipart") is None:  # python-multipart: forms and file uploads
        raise UsageError(INSTALL_HINT)


def _glossary_paths(files: list[str]) -> dict[str, Path]:
    from glossa.errors import UsageError

    paths: dict[str, Path] = {}
    for file in files:
        path = Path(file)
        if not path.is_file():
            raise UsageError(f"{file}: no such glossary file")
        if path.stem in paths:
            raise UsageError(f"two glossaries named {path.stem!r}: {paths[path.stem]} and {file}")
        paths[path.stem] = path
    return paths


def _settings(args: argparse.Namespace):
    from glossa.errors import UsageError
    from glossa.server.app import ServerSettings
    from glossa.server.limits import load_api_keys, parse_rate

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    if args.jobs < 0:
        raise UsageError(f"--jobs must be 0 (one per CPU) or more, not {args.jobs}")
    if args.timeout <= 0 or args.batch_window < 0 or args.max_body < 1 or args.file_ttl <= 0:
        raise UsageError("--timeout, --max-body and --file-ttl must be positive, "
                         "--batch-window 0 or more")
    rate = parse_rate(args.req_limit) if args.req_limit else None
    keys = load_api_keys(args.api_keys, rate) if args.api_keys else None
    return ServerSettings(api_keys=keys, request_rate=rate, char_limit=args.char_limit,
                          max_body=args.max_body, timeout=args.timeout,
                          batching=not args.no_batching, batch_window=args.batch_window / 1000)


def _tm_path(args: argparse.Namespace) -> Path | None:
    from glossa.errors import UsageError

    if args.no_tm:
        if args.tm:
            raise UsageError("--tm and --no-tm contradict each other")
        return None
    from glossa.tm import default_tm_path

    return Path(args.tm) if args.tm else default_tm_path()


def _check_port(host: str, port: int) -> None:
    """Fail in one line now, not in a uvicorn log after the worker has started."""
    import socket

    from glossa.errors import UsageError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"--host {host}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _check_tm(path: Path | None) -> None:
    """Open the TM once here, so a broken one is reported before the server starts."""
    if path is not None:
        from glossa.tm import open_tm

        open_tm(path).close()


def run(args: argparse.Namespace) -> int:
    _require_extra()
    import shutil
    import tempfile

    import uvicorn

    from glossa.server.app import create_app

    settings = _settings(args)
    _check_port(args.host, args.port)
    _check_tm(_tm_path(args))
    spec = {"glossary_paths": _glossary_paths(args.glossary), "engine": args.engine,
            "tm_path": _tm_path(args), "file_ttl": args.file_ttl * 60, "jobs": args.jobs}
    spec["files_dir"] = Path(tempfile.mkdtemp(prefix="glossa-serve-"))
    try:
        app = create_app(spec, settings)  # loads the glossaries: a bad one stops here
    except BaseException:
        shutil.rmtree(spec["files_dir"], ignore_errors=True)
        raise
    service = app.server.service
    config = uvicorn.Config(app, host=args.host, port=args.port,
                            log_level="info" if args.access_log else "warning",
                            access_log=args.access_log, timeout_graceful_shutdown=30)
    server = uvicorn.Server(config)
    glossaries = ", ".join(service.glossary_paths) or "none"
    print(f"glossa serve: http://{args.host}:{args.port} (glossaries: {glossaries}; "
          f"TM: {service.tm_path or 'off'}; keys: {'required' if settings.api_keys else 'no'})",
          file=sys.stderr, flush=True)
    server.run()
    return 0 if server.started else 2
