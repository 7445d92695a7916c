"""chrF and speed of every Apertium pair and of pivot routes, on a real parallel sample.

The sample: Django's own PO catalogues (django is a dev dependency), every app's
``locale/<lang>/LC_MESSAGES/django.po``, aligned across two languages by (file, msgctxt,
msgid). English references are the msgids. Only translated, non-fuzzy, single-form
entries of three words or more are used; a fixed, evenly spread sample of at most
--limit entries per pair. Each pair runs through glossa's whole pipeline (placeholder
shielding included), in one run of one document, as `glossa translate` would.

    uv run python scripts/eval_apertium.py [--limit 300] [--pairs es-en,gl-pt]

Prints one markdown row per pair and route: route, sentences, chrF (sacrebleu), sentences/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DIRECT = ["es-en", "en-es", "es-pt", "pt-es", "es-ca", "ca-es", "ca-en", "en-ca", "gl-en",
          "en-gl", "fr-es", "es-fr", "it-es", "es-it"]
PIVOTS = ["gl-pt", "ca-pt", "fr-en", "it-en", "fr-pt", "it-pt", "pt-ca", "pt-fr"]
FORCED = {"es-pt": [("apertium", "es", "en"), ("bergamot", "en", "pt")],  # pivot vs direct
          "pt-es": [("bergamot", "pt", "en"), ("apertium", "en", "es")]}
DJANGO_CODES = {"pt": "pt", "es": "es", "ca": "ca", "gl": "gl", "fr": "fr", "it": "it"}


def catalogue(lang: str) -> dict[tuple[str, str, str], str]:
    """(file, msgctxt, msgid) -> msgstr of every Django catalogue in one language."""
    import django
    import polib

    root = Path(django.__file__).parent
    found: dict[tuple[str, str, str], str] = {}
    for po_file in sorted(root.glob(f"**/locale/{DJANGO_CODES[lang]}/LC_MESSAGES/django.po")):
        app = str(po_file.relative_to(root)).split("/locale/")[0]
        for entry in polib.pofile(str(po_file)):
            if entry.msgid_plural or entry.fuzzy or entry.obsolete or not entry.msgstr:
                continue
            found[(app, entry.msgctxt or "", entry.msgid)] = entry.msgstr
    return found


def english(keys) -> dict[tuple[str, str, str], str]:
    return {key: key[2] for key in keys}


def sample(source: str, target: str, limit: int) -> tuple[list[str], list[str]]:
    src = catalogue(source) if source != "en" else None
    tgt = catalogue(target) if target != "en" else None
    if src is None:
        src = english(tgt)
    if tgt is None:
        tgt = english(src)
    keys = sorted(k for k in src.keys() & tgt.keys()
                  if len(src[k].split()) >= 3 and "\n" not in src[k] + tgt[k])
    step = max(1, len(keys) // limit)
    keys = keys[::step][:limit]
    return [src[k] for k in keys], [tgt[k] for k in keys]


def forced_route(hops):
    from glossa.engines import get_engine
    from glossa.engines.routes import Hop, Route

    return Route([Hop(get_engine(name), s, t) for name, s, t in hops])


def run(source: str, target: str, texts: list[str], route=None) -> tuple[list[str], float, str]:
    """Translations through glossa's pipeline, seconds, and the route's description."""
    import glossa.engines
    from glossa.engines.routes import select_route
    from glossa.formats import get_format
    from glossa.pipeline import TranslateOptions, translate_documents

    chosen = route or select_route(source, target)
    original = glossa.engines.select_engine
    glossa.engines.select_engine = lambda *args: chosen
    try:
        doc = get_format("txt").read("\n".join(texts) + "\n", None)
        started = time.perf_counter()
        translate_documents([doc], TranslateOptions(target=target, source=source))
        seconds = time.perf_counter() - started
    finally:
        glossa.engines.select_engine = original
    outputs = [s.translation if s.translation is not None else s.text for s in doc.segments]
    return outputs, seconds, chosen.describe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="entries per pair")
    parser.add_argument("--pairs", help="comma-separated pairs (default: all)")
    args = parser.parse_args()
    import sacrebleu

    from glossa.engines.apertium import available
    from glossa.engines.routes import find_route

    if not available():
        print("apertium is not installed", file=sys.stderr)
        return 2
    pairs = args.pairs.split(",") if args.pairs else DIRECT + PIVOTS
    print("| pair | route | sentences | chrF | sentences/s |")
    print("|---|---|---:|---:|---:|")
    for pair in pairs:
        source, target = pair.split("-")
        if find_route(source, target) is None:
            print(f"| {pair} | no route | | | |")
            continue
        texts, refs = sample(source, target, args.limit)
        routes = [None] + ([forced_route(FORCED[pair])] if pair in FORCED else [])
        for route in routes:
            run(source, target, texts[:5], route)  # warm-up: pipelines started, models loaded
            outputs, seconds, how = run(source, target, texts, route)
            chrf = sacrebleu.corpus_chrf(outputs, [refs]).score
            print(f"| {pair} | {how} | {len(texts)} | {chrf:.1f} | {len(texts) / seconds:.0f} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
