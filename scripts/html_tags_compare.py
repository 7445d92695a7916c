"""Which way of carrying inline HTML through the engine keeps more tags around the right
words: glossa's protected spans, or the engine carrying the markup itself?

    uv run python scripts/html_tags_compare.py [PAGE.html ...]

Default pages: the real pages in tests/data/formats/html/, every page of the libffi
manual in /usr/share/doc/libffi8/html/ and the Debian Python policy
(/usr/share/doc/python3/python-policy.html) where installed. Engine: the bundled
Bergamot en->pt model.

fxtranslate (the Bergamot binding glossa uses) exposes no HTML mode (its Translator has
``translate`` and ``translate_long`` only; bergamot-translator's alignment-based tag
placement is not in it), so "the engine carries the markup" means what it does when the
tags are left in the sentence as text: ``raw`` sends the block's sentences with their
tags as written; ``bare`` sends them with each tag cut down to ``<b>``/``</b>`` (no
attributes, fewer pieces for the model to copy) and puts the original tags back in order.
``glossa`` runs the real pipeline: tags are protected spans behind ``XT0X`` tokens.

For every inline element that has text in the source (``<em>calling convention</em>``)
it counts:

* intact: every tag of its block came back, in order, and the element is not empty;
* right words: intact, and at least half the words of the element's text translated on
  its own are inside the element in the output (or its text came through unchanged,
  as names like ``libffi`` do).

Shielded elements (``<code>``) are counted apart: kept when they come back verbatim.
"""

from __future__ import annotations

import argparse
import html as htmllib
import re
import sys
import time
from pathlib import Path

from glossa.api import make_options
from glossa.engines import get_engine
from glossa.formats import html as fmt
from glossa.pipeline import translate_documents
from glossa.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>")
_WORD = re.compile(r"[^\W\d_]{2,}")


def default_pages() -> list[Path]:
    pages = sorted((ROOT / "tests/data/formats/html").glob("*.html"))
    pages += sorted(Path("/usr/share/doc/libffi8/html").glob("*.html"))
    policy = Path("/usr/share/doc/python3/python-policy.html")
    return pages + ([policy] if policy.exists() else [])


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def plain(text: str) -> str:
    return htmllib.unescape(re.sub(r"<[^<>]*>", "", text))


def translate_sentences(engine, texts: list[str]) -> list[str]:
    """Each text cut into sentences, translated in one batch, put back together."""
    spans = [split_sentences(t) for t in texts]
    flat = [t[s.start:s.end] for t, ss in zip(texts, spans, strict=True) for s in ss]
    done = iter(r.text for r in engine.translate_batch(flat, "en", "pt")) if flat else iter(())
    out = []
    for text, ss in zip(texts, spans, strict=True):
        pieces, pos = [], 0
        for s in ss:
            pieces += [text[pos:s.start], next(done)]
            pos = s.end
        out.append("".join(pieces) + text[pos:])
    return out


def bare(text: str, block) -> tuple[str, list[str]]:
    """The segment text with each tag piece cut to <name>/</name>."""
    out, pos, originals = [], 0, []
    for piece in block.pieces:
        out.append(text[pos:piece.start])
        if piece.tag is not None:
            m = _TAG.match(piece.text)
            short = f"<{m.group(1)}{m.group(2)}>" if m else piece.text
            out.append(short)
            originals.append((short, piece.text))
        else:
            out.append(piece.text)
        pos = piece.end
    out.append(text[pos:])
    return "".join(out), originals


def unbare(output: str, originals: list[tuple[str, str]]) -> str:
    pos, out = 0, []
    for short, original in originals:
        at = output.find(short, pos)
        if at < 0:
            return output
        out += [output[pos:at], original]
        pos = at + len(short)
    return "".join(out) + output[pos:]


def score(block, source: str, output: str | None, references: dict[str, str],
          misses: list | None = None) -> dict:
    """Counts for one block's output (None: the block was not written)."""
    counts = {"elements": len(block.pairs), "intact": 0, "right": 0,
              "shielded": sum(1 for p in block.pieces if p.tag is None and p.seen
                              and p.text.startswith("<")), "shielded_kept": 0}
    if output is None:
        return counts
    counts["shielded_kept"] = sum(1 for p in block.pieces if p.tag is None and p.seen
                                  and p.text.startswith("<") and p.text in output)
    positions = fmt._locate(output, block.pieces)
    if positions is None:
        return counts
    for first, last in block.pairs:
        inside = output[positions[first][1]:positions[last][0]]
        if not plain(inside).strip():
            continue
        counts["intact"] += 1
        inner_source = plain(source[block.pieces[first].end:block.pieces[last].start])
        reference = words(references.get(inner_source, ""))
        found = set(words(plain(inside)))
        if plain(inside).strip() == inner_source.strip() or (
                reference and sum(w in found for w in reference) * 2 >= len(reference)):
            counts["right"] += 1
        elif misses is not None:
            misses.append((inner_source, references.get(inner_source, ""), plain(inside),
                           plain(output)))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print N of glossa's elements with the wrong words inside")
    args = parser.parse_args()
    pages = args.pages or default_pages()
    engine = get_engine("bergamot")
    totals = {name: {} for name in ("raw", "bare", "glossa")}
    seconds = {name: 0.0 for name in totals}
    blocks_seen = 0
    misses: list = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        doc = fmt.read(text, str(page))
        items = [(s, doc.meta["blocks"][s.context["block"]]) for s in doc.segments
                 if "block" in s.context and doc.meta["blocks"][s.context["block"]].pairs]
        if not items:
            continue
        blocks_seen += len(items)
        inner = sorted({plain(s.text[b.pieces[f].end:b.pieces[last].start])
                        for s, b in items for f, last in b.pairs})
        references = dict(zip(inner, translate_sentences(engine, inner), strict=True))
        started = time.perf_counter()
        raw = translate_sentences(engine, [s.text for s, _b in items])
        seconds["raw"] += time.perf_counter() - started
        started = time.perf_counter()
        shortened = [bare(s.text, b) for s, b in items]
        bare_out = [unbare(o, orig) for o, (_t, orig) in
                    zip(translate_sentences(engine, [t for t, _o in shortened]), shortened,
                        strict=True)]
        seconds["bare"] += time.perf_counter() - started
        started = time.perf_counter()
        translate_documents([doc], make_options("pt", "en", engine="bergamot"))
        seconds["glossa"] += time.perf_counter() - started
        for k, (segment, block) in enumerate(items):
            for name, output in (("raw", raw[k]), ("bare", bare_out[k]),
                                 ("glossa", segment.translation)):
                found = score(block, segment.text, output, references,
                              misses if name == "glossa" else None)
                for key, n in found.items():
                    totals[name][key] = totals[name].get(key, 0) + n
    print(f"pages={len(pages)} blocks_with_inline_elements={blocks_seen} "
          f"engine=bergamot en->pt")
    for name, t in totals.items():
        n = t.get("elements", 0) or 1
        s = t.get("shielded", 0) or 1
        print(f"{name:7s} elements={t.get('elements', 0)} "
              f"intact={t.get('intact', 0) / n:.3f} right_words={t.get('right', 0) / n:.3f} "
              f"shielded={t.get('shielded', 0)} shielded_kept={t.get('shielded_kept', 0) / s:.3f}"
              f" seconds={seconds[name]:.2f}")
    for source, alone, inside, sentence in misses[:args.show]:
        print(f"  {source!r} (alone: {alone!r}) came back as {inside!r} in {sentence[:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
