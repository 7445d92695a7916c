"""Import the finished translations of a PO file into the TM as human entries.

Only entries a translator has approved count: translated, not fuzzy, not
obsolete. glossa translates sentence by sentence, so besides the whole entry,
an entry whose msgid and msgstr split into the same number of sentences is
also stored sentence by sentence (the same alignment OmegaT's sentence
segmentation relies on).
"""

from __future__ import annotations

from pathlib import Path

from glossa.errors import FormatError, UsageError
from glossa.languages import normalize_code
from glossa.sentences import split_sentences
from glossa.tm.store import TMEntry, now


def _header_lang(value: str | None, name: str, header: str) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return normalize_code(value)
    except UsageError:
        raise FormatError(f"bad PO header {header}: unknown language {value!r}", name) from None


def sentence_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """The whole (stripped) pair, plus its sentences when both sides have as many."""
    pairs = [(source.strip(), target.strip())]
    src_spans, tgt_spans = split_sentences(source), split_sentences(target)
    if len(src_spans) > 1 and len(src_spans) == len(tgt_spans):
        pairs += [(source[s.start:s.end], target[t.start:t.end])
                  for s, t in zip(src_spans, tgt_spans, strict=True)]
    return [(s, t) for s, t in pairs if s and t]


def read_po(path: str | Path, src: str | None = None, tgt: str | None = None) -> list[TMEntry]:
    """Human TM entries from a PO file; languages from --from/--to or the PO header."""
    from glossa.formats.po import load_catalogue

    name = str(path)
    po = load_catalogue(path)  # the strict reader: a malformed file stores nothing
    target = tgt or _header_lang(po.metadata.get("Language"), name, "Language")
    source = src or _header_lang(po.metadata.get("X-Source-Language"), name,
                                 "X-Source-Language")
    if target is None:
        raise UsageError(f"{name}: the PO header has no Language; pass --to LANG")
    if source is None:
        raise UsageError(f"{name}: a PO file does not say its source language; pass --from LANG")
    stamp = now()
    entries: list[TMEntry] = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.translated():
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            candidates = [(entry.msgid, forms.get(0, "")), (entry.msgid_plural, forms.get(1, ""))]
        else:
            candidates = [(entry.msgid, entry.msgstr)]
        note = f"msgctxt: {entry.msgctxt}" if entry.msgctxt else ""
        for msgid, msgstr in candidates:
            for s, t in sentence_pairs(msgid, msgstr):
                entries.append(TMEntry(s, t, source, target, "human", "", "", stamp, stamp,
                                       note, entry.msgctxt or ""))
    return entries
