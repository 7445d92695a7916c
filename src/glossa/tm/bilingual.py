"""Import the finished translations of a bilingual file (PO, XLIFF) into the TM as
human entries.

Only units a translator has finished count: translated or approved, not fuzzy, not
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


def sentence_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """The whole (stripped) pair, plus its sentences when both sides have as many."""
    pairs = [(source.strip(), target.strip())]
    src_spans, tgt_spans = split_sentences(source), split_sentences(target)
    if len(src_spans) > 1 and len(src_spans) == len(tgt_spans):
        pairs += [(source[s.start:s.end], target[t.start:t.end])
                  for s, t in zip(src_spans, tgt_spans, strict=True)]
    return [(s, t) for s, t in pairs if s and t]


def read_units(path: str | Path, src: str | None = None, tgt: str | None = None,
               origin: str | None = None) -> list[TMEntry]:
    """TM entries from a bilingual file (PO, XLIFF), through its format's ``units()``:
    the same strict reading as ``glossa translate``, so a malformed file is refused with
    the same line and nothing is stored. Languages come from --from/--to, else the file."""
    from glossa.api import read_document
    from glossa.formats import format_for, get_format

    name = "<stdin>" if str(path) == "-" else str(path)
    fmt = format_for(path)
    units = get_format(fmt).units(read_document(path, fmt))
    if not units:
        return []
    target = tgt or _file_lang(units, "target_lang", name, "--to")
    source = src or _file_lang(units, "source_lang", name, "--from")
    stamp = now()
    entries: list[TMEntry] = []
    for unit in units:
        if unit.state not in ("translated", "approved") or (unit.plural or 0) > 1:
            continue
        context = unit.context if fmt == "po" else ""  # msgctxt: part of the TM key
        note = f"msgctxt: {context}" if context else ""
        for s, t in sentence_pairs(unit.source, unit.target):
            entries.append(TMEntry(s, t, source, target, origin or "human", "", "", stamp,
                                   stamp, note, context))
    return entries


def _file_lang(units: list, attr: str, name: str, flag: str) -> str:
    """The language the file declares (PO: the Language / X-Source-Language header)."""
    side = "target" if attr == "target_lang" else "source"
    value = next((getattr(u, attr) for u in units if getattr(u, attr)), None)
    if value is None:
        raise UsageError(f"{name}: the file does not say its {side} language; pass {flag} LANG")
    try:
        return normalize_code(value)
    except UsageError:
        raise FormatError(f"the file's {side} language {value!r} is not a language code; "
                          f"pass {flag} LANG", name) from None
