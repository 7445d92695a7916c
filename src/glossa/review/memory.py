"""The review and the translation memory.

Two directions, as in a CAT tool:

* **suggestions**: similar earlier translations (rapidfuzz fuzzy matches) are offered
  under each segment, never applied; they are not QA issues and never change the
  exit status;
* **confirmation**: what the reviewer changed is stored as a *human* translation, so
  the next ``glossa translate`` reuses it (human entries outrank machine ones).

Storing modes (``--tm-store``): ``changed`` (default) stores the segments the reviewer
edited; ``all`` also confirms untouched segments without error-severity issues (for a
PO file, its approved entries); ``none`` only reads the TM. Entries that are still
fuzzy in the final PO are never stored: nobody approved them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossa.sentences import split_sentences

if TYPE_CHECKING:
    from glossa.review.report import Report, ReviewedSegment
    from glossa.tm import FuzzyMatch, TMEntry, TranslationMemory

STORE_MODES = ("changed", "all", "none")
NOTE = "glossa review"
_EXTRA = 8  # matches asked for beyond the limit, since some are dropped as noise


@dataclass(frozen=True)
class StoreResult:
    """What a review wrote to the TM."""

    segments: int  # segments stored as human translations
    changed: int  # of which the reviewer edited
    written: int  # TM rows new or changed (whole segments and their sentences)


def _queries(source: str) -> list[str]:
    """The whole segment, and its sentences when it has several: glossa's TM holds
    sentences, so a long line is matched sentence by sentence as well."""
    whole = source.strip()
    if not whole:
        return []
    spans = split_sentences(source)
    sentences = [source[s.start:s.end] for s in spans] if len(spans) > 1 else []
    return [whole, *sentences]


def segment_suggestions(seg: ReviewedSegment, tm: TranslationMemory, src: str, tgt: str,
                        threshold: float, limit: int) -> list[FuzzyMatch]:
    """Best TM matches for one segment's source (or its sentences), best first.

    Left out as noise: a match whose translation already appears in the MT or the
    revision (it only repeats what the reviewer sees, e.g. the MT glossa itself stored),
    and a machine translation of a sentence the TM also has a human translation of
    (the human one supersedes it, as in ``glossa translate``).
    """
    if limit <= 0:
        return []
    s = seg.segment
    shown = [t for t in (s.target, s.revised) if t]
    best: dict[tuple[str, str], FuzzyMatch] = {}
    for query in _queries(s.source):
        for match in tm.fuzzy_matches(query, src, tgt, limit + _EXTRA, threshold):
            key = (match.source, match.target)
            if key not in best or match.score > best[key].score:
                best[key] = match
    human = {m.source for m in best.values() if m.origin == "human"}
    kept = [m for m in best.values()
            if (m.origin == "human" or m.source not in human)
            and not any(m.target.strip() in text for text in shown)]
    ranked = sorted(kept, key=lambda m: (-m.score, m.origin != "human"))
    return ranked[:limit]


def add_suggestions(report: Report, tm: TranslationMemory, threshold: float,
                    limit: int) -> int:
    """Attach suggestions to every segment; returns how many segments got some."""
    for seg in report.segments:
        seg.suggestions = segment_suggestions(seg, tm, report.src_lang, report.tgt_lang,
                                              threshold, limit)
    return sum(1 for seg in report.segments if seg.suggestions)


def _confirmed(seg: ReviewedSegment, mode: str) -> bool:
    """Whether the shipped text of ``seg`` counts as a human translation to store."""
    s = seg.segment
    if mode == "none" or (s.plural or 0) > 1:  # PO plural forms beyond [1]: no own source
        return False
    still_fuzzy = s.revised_fuzzy if s.revised is not None else s.fuzzy
    if still_fuzzy or not s.source.strip() or not seg.final.strip():
        return False
    if seg.changed:
        return True
    return mode == "all" and not any(i.severity == "error" for i in seg.issues)


def revision_entries(report: Report, mode: str = "changed") -> tuple[list[TMEntry], int, int]:
    """Human TM entries for the confirmed segments: (entries, segments, edited segments).

    Each segment gives its whole (stripped) pair and, when source and translation have
    the same number of sentences, each sentence pair, since glossa translates and looks
    up sentences.
    """
    from glossa.tm.bilingual import sentence_pairs
    from glossa.tm.store import TMEntry, now

    stamp = now()
    entries: list[TMEntry] = []
    segments = edited = 0
    for seg in report.segments:
        if not _confirmed(seg, mode):
            continue
        segments += 1
        edited += seg.changed
        context = seg.segment.context
        note = f"{NOTE}; msgctxt: {context}" if context else NOTE
        entries += [TMEntry(source, target, report.src_lang, report.tgt_lang, "human", "", "",
                            stamp, stamp, note, context or "")
                    for source, target in sentence_pairs(seg.segment.source, seg.final)]
    return entries, segments, edited


def store_revisions(report: Report, tm: TranslationMemory, mode: str = "changed") -> StoreResult:
    """Write the confirmed segments to the TM in one transaction."""
    entries, segments, edited = revision_entries(report, mode)
    written = tm.add_entries(entries) if entries else 0
    return StoreResult(segments, edited, written)
