"""`glossa serve`: glossa behind the LibreTranslate HTTP API.

Clients that already speak LibreTranslate (Weblate, OmegaT and browser plug-ins,
``libretranslatepy``, ``deep-translator``) work unchanged, and get what LibreTranslate
lacks: glossary enforcement, a translation memory, and micro-batching of concurrent
requests into one engine call.

* ``service``: the glossa side (glossaries, TM, pipeline, detection), no HTTP.
* ``batching``: collects concurrent requests per language pair into one pipeline run.
* ``limits``: API keys, per-key rate limits, request size limits.
* ``app``: the Starlette application (routes, parameters, errors).

The server stack (Starlette, uvicorn, python-multipart) is the optional extra ``serve``.
"""
