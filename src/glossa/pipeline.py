"""The translation pipeline.

Document -> Segments -> language runs -> translation units (sentences or foreign
runs) -> shielding (format placeholders, glossary terms) -> one engine batch per
language pair -> restore -> glossary verification -> translations put back on
the Segments, ready for the format to write.

Everything a run touches goes through as few engine calls as possible: units
from all documents are pooled per language pair and de-duplicated first.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from glossa.document import Document, Segment, Span
from glossa.errors import ModelMissing
from glossa.sentences import cap_length, split_sentences

ProgressCallback = Callable[[int, int], None]  # (units done, units total)

ENGINE_CHUNK = 256  # units per engine call: large enough to batch well, small enough for progress


@dataclass
class TranslateOptions:
    """What to translate into, from what, with which engine and glossary."""

    target: str
    source: str = "auto"
    engine: str = "auto"
    glossary: Any = None  # glossa.glossary.Glossary
    languages: Sequence[str] | None = None  # candidate languages for detection
    tm: Any = None  # glossa.tm.TranslationMemory
    jobs: int = 0  # worker processes for engines that use them (0 = one per usable core)
    cluster: str | None = None  # Ray address ("ray://host:10001", "auto", "local"); see cluster.py
    cluster_cpus: float = 1  # CPUs per Ray actor
    locale: str = ""  # the target with its region as asked (pt_BR); target is its language
    tm_only: bool = False  # pre-translate from the TM alone: no engine is loaded
    fuzzy_threshold: float | None = None  # --tm-only: lowest fuzzy score used (default 75)


@dataclass
class SegmentProblem:
    """A segment that could not be (fully) translated, or whose terms did not come through."""

    document: str
    segment: int
    kind: str  # "failed" | "no-model" | "kept" (format kept the source) | "term" | "unknown"
    message: str
    text: str = ""
    line: int | None = None  # 1-based line in the file, where the format knows it

    @property
    def where(self) -> str:
        if self.line is not None:
            return f"{self.document}:{self.line}"
        return f"{self.document} segment {self.segment + 1}"


@dataclass
class TranslateReport:
    """What a run did, for the summary line and the exit code."""

    documents: int = 0
    segments: int = 0
    units: int = 0
    translated: int = 0  # segments written with a translation (copied, unchanged included)
    unchanged: int = 0  # of those, segments whose translation is the source as it was
    copied: int = 0  # of those, segments wholly from the TM or the catalogue's own entries
    kept: int = 0  # segments to fill left in the source language (failed, no route)
    left: int = 0  # segments left empty on purpose (--only excluded them, no TM match)
    from_tm: int = 0  # units (sentences) from the TM or the catalogue
    engines: set[str] = field(default_factory=set)
    variants: dict[str, str] = field(default_factory=dict)  # model id -> variant (pt_BR)
    problems: list[SegmentProblem] = field(default_factory=list)
    seconds: float = 0.0
    not_written: dict[str, str] = field(default_factory=dict)  # document -> why (no model)

    def counts(self) -> dict[str, int | float]:
        """The summary's counts (segments, unless named otherwise): ``copied`` and
        ``unchanged`` are part of ``translated``; ``kept`` stayed in the source language
        (failed or no route), ``left`` was left empty on purpose; ``failed`` counts
        segments with a failure (some of their sentences may still be translated)."""
        return {"documents": self.documents, "segments": self.segments,
                "sentences": self.units, "translated": self.translated,
                "unchanged": self.unchanged, "copied": self.copied, "kept": self.kept,
                "left": self.left, "failed": len({(p.document, p.segment) for p in self.failed}),
                "warnings": len(self.warnings), "term_misses": len(self.term_misses),
                "from_tm": self.from_tm, "seconds": round(self.seconds, 3)}

    @property
    def failed(self) -> list[SegmentProblem]:
        return [p for p in self.problems if p.kind in ("failed", "no-model", "kept")]

    @property
    def term_misses(self) -> list[SegmentProblem]:
        return [p for p in self.problems if p.kind == "term"]

    @property
    def warnings(self) -> list[SegmentProblem]:
        """Written, but suspicious (see glossa.verify.warnings): for a translator to check."""
        return [p for p in self.problems if p.kind == "warning"]

    def grouped_problems(self) -> list[tuple[str, str]]:
        """(where, message) lines for the problem list: the no-model problems of one file and
        one message (a whole subtitle file with no model for its pair) collapse into the
        first one plus a count, so the real findings are not buried under hundreds of copies."""
        lines: list[tuple[str, str]] = []
        seen: dict[tuple[str, str], int] = {}
        counts: dict[int, int] = {}
        for problem in self.problems:
            if problem.document in self.not_written:
                continue  # said in one line by the caller, with the reason
            key = (problem.document, problem.message)
            if problem.kind == "no-model" and key in seen:
                counts[seen[key]] += 1
                continue
            if problem.kind == "no-model":
                seen[key] = len(lines)
                counts[len(lines)] = 0
            lines.append((problem.where, f"{problem.kind}: {problem.message}"))
        for index, more in counts.items():
            if more:
                where, message = lines[index]
                lines[index] = (where, f"{message} (and {_count(more, 'more segment')} "
                                       "of this file)")
        return lines
    @property
    def exit_code(self) -> int:
        """1 when a segment is missing from the output; term misses are reported, not fatal.

        A translated segment whose glossary term did not come through is still a
        translation (listed in the summary for review); failing the whole run for it
        would throw away every good segment of the job in scripts and pipelines.
        """
        return 1 if self.failed else 0


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class Unit:
    """A piece of one segment sent to the engine as one sentence."""

    doc_index: int
    seg_index: int
    start: int
    end: int
    source: str
    protected: list[Span]
    prepared: Any = None
    output: str | None = None
    error: str | None = None
    error_kind: str = "failed"  # or "no-model", or "engine" (crashed/hung: only this unit kept)
    unknown: list[str] = field(default_factory=list)  # words the (rule-based) engine did not know
    model: str = ""  # the model id that translated it (TM hits keep the pair's model id)
    context: str = ""  # the segment's context (PO msgctxt): part of every TM key
    origin: str = ""  # "engine", "tm" (machine TM), "human" (human TM, catalogue), "fuzzy"
    caution: str = ""  # a warning the way it was translated calls for (written, to check)
    # verify.warnings of (prepared, output) as the second try checked them: not redone
    checked: tuple[Any, str, list[str]] | None = None


# --- planning -------------------------------------------------------------------------------


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_QUOTES = "\"'“”‘’«»„"


def _trim_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """A run cut out of a quotation (``says: "The '`` before a kept ``bin``) without the
    quote marks at its edges that have no partner inside it: they stay in the text as they
    are, and the engine is not given a quote to mangle ("'bin'" -> "'bin\"")."""
    while start < end:
        if _lone_quote(text[start:end], 0):
            start = _trim(text, start + 1, end)[0]
        elif _lone_quote(text[start:end], -1):
            end = _trim(text, start, end - 1)[1]
        else:
            break
    return start, end


def _lone_quote(piece: str, at: int) -> bool:
    """Whether the edge character ``piece[at]`` is a quote mark without a partner in
    ``piece`` (an apostrophe only when a space parts it from the words: "'bin ' UID")."""
    mark = piece[at]
    if mark not in _QUOTES or piece.count(mark) % 2 == 0:
        return False
    if mark in "'’":
        beside = piece[1:2] if at == 0 else piece[-2:-1]
        return beside.isspace()
    return True


def _clip_protected(protected: Sequence[Span], start: int, end: int) -> list[Span]:
    return [replace(p, start=p.start - start, end=p.end - start) for p in protected
            if p.start >= start and p.end <= end]


def _runs(length: int, dominant: str, spans: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Cover [0, length) with (start, end, lang) runs: detected spans, dominant elsewhere."""
    runs: list[tuple[int, int, str]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > pos:
            runs.append((pos, span.start, dominant))
        runs.append((max(span.start, pos), span.end, span.lang))
        pos = max(pos, span.end)
    if pos < length:
        runs.append((pos, length, dominant))
    return runs


def _plan_sentence(
    segment: Segment, sentence: Span, runs: Sequence[tuple[int, int, str]], target: str
) -> list[tuple[int, int, str, list[Span]]]:
    """Units for one sentence: (start, end, source language, extra protected spans)."""
    text = segment.text
    inside = [(max(s, sentence.start), min(e, sentence.end), lang) for s, e, lang in runs
              if s < sentence.end and e > sentence.start]
    letters: dict[str, int] = defaultdict(int)
    for s, e, lang in inside:
        letters[lang] += _letters(text[s:e])
    foreign = {lang: n for lang, n in letters.items() if lang != target and n}
    if not foreign:
        return []
    if len(foreign) > 1 or letters.get(target, 0) * 2 > sum(letters.values()):
        # Mostly in the target language, or several foreign languages (each has its own
        # route, and one without a route must not take the others down): run by run.
        units = []
        for s, e, lang in inside:
            s, e = _trim_quotes(text, *_trim(text, s, e))
            if lang != target and _letters(text[s:e]):
                units.append((s, e, lang, []))
        return units
    # Mostly foreign: translate the sentence, shielding what is already in the target language.
    main = max(foreign, key=foreign.get)
    keep = [Span(s, e) for s, e, lang in inside if lang == target and _letters(text[s:e])]
    keep = [Span(*_trim(text, k.start, k.end)) for k in keep]
    return [(sentence.start, sentence.end, main, keep)]


def _plan_segment(
    segment: Segment, spans: Sequence[Any] | None, dominant: str, options: TranslateOptions
) -> list[tuple[int, int, str, list[Span]]]:
    text = segment.text
    lang = options.source if spans is None else dominant  # for its abbreviations
    sentences = cap_length(text, split_sentences(text, segment.protected, lang),
                           segment.protected)
    if spans is None:  # explicit source language: every sentence with letters is a unit
        return [(s.start, s.end, options.source, []) for s in sentences
                if _letters(text[s.start:s.end])]
    runs = _runs(len(text), dominant, _snapped(spans, segment.protected))
    return [u for s in sentences for u in _plan_sentence(segment, s, runs, options.target)]


def _snapped(spans: Sequence[Any], protected: Sequence[Span]) -> list[Any]:
    """Detected spans widened so that none starts or ends inside a protected span: a unit
    that cut a link or URL in two would send half of it to the engine unshielded."""
    out = []
    for span in spans:
        start, end = span.start, span.end
        for guard in protected:
            if guard.start < start < guard.end:
                start = guard.start
            if guard.start < end < guard.end:
                end = guard.end
        out.append(span if (start, end) == (span.start, span.end)
                   else replace(span, start=start, end=end))
    return out


_COLUMN = re.compile(r"(\S[^\n]{0,39}?)(?: {2,}|\t+)(?=[^\W\d_])")


def _past_column(text: str, start: int, end: int, protected: Sequence[Span]) -> int:
    """Start of a unit past a first column of placeholders or options ("%a   weekday
    name", "-b   same as -t o1"): the column stays as it is, aligned, and the engine,
    which moves a token it is given ("Nome do dia %a"), only gets the description."""
    match = _COLUMN.match(text, start, end)
    if not match:
        return start
    column = list(text[match.start(1):match.end(1)])
    for span in protected:
        for at in range(max(span.start, start), min(span.end, match.end(1))):
            column[at - start] = " "
    return match.end() if not any(ch.isalnum() for ch in column) else start


_TRAILING_MARKS = re.compile(r"\s*(?:…|\.\.\.|:)$")


def _without_trailing_marks(text: str, start: int, end: int) -> int:
    """End of a unit without its trailing "…" or ":", which stay as they are: the tiny
    models turn "Download…" into nonsense but translate "Download" well."""
    match = _TRAILING_MARKS.search(text, start, end)
    if match and _letters(text[start:match.start()]):
        return match.start()
    return end


def _detect(documents: Sequence[Document], options: TranslateOptions):
    """Dominant language and foreign spans for every segment of every document."""
    from glossa.detect import default_candidates, detect_segments

    keep = options.glossary.keep_verbatim_terms() if options.glossary is not None else ()
    candidates = options.languages or default_candidates()  # once per run, not per file
    # protected spans (links, code, URLs) are not text to judge: "[lscpu](…)" is not German
    return [detect_segments([_blanked(s.text, s.protected) for s in doc.segments], candidates,
                            keep)
            for doc in documents]


def plan_units(documents: Sequence[Document], options: TranslateOptions) -> list[Unit]:
    """Cut every segment into the units that need translating."""
    auto = options.source == "auto"
    detections = _detect(documents, options) if auto else None
    planned: list[tuple[int, int, tuple[int, int, str, list[Span]]]] = []
    for d, doc in enumerate(documents):
        dominant = detections[d][0] if detections else options.source
        for i, segment in enumerate(doc.segments):
            if not auto and options.source == options.target:
                continue
            spans = detections[d][1][i] if detections else None
            planned += [(d, i, p) for p in _plan_segment(segment, spans, dominant, options)]
    if not auto:
        planned = _drop_target_language(documents, planned, options)
    units: list[Unit] = []
    for d, i, (start, end, lang, keep) in planned:
        segment = documents[d].segments[i]
        end = _without_trailing_marks(segment.text, start, end)
        start = _past_column(segment.text, start, end, segment.protected)
        protected = _clip_protected([*segment.protected, *keep], start, end)
        units.append(Unit(d, i, start, end, lang, protected,
                          context=segment.context.get("tm_context", "")))
    return units


TARGET_MIN_WORDS = 4  # shorter sentences are too often shared by two languages ("Menu", "Hotel")
TARGET_SHARE = 0.9  # of a sentence's letters detected as the target language


def _drop_target_language(documents: Sequence[Document], planned: list, options: TranslateOptions
                          ) -> list:
    """With an explicit source language, sentences detected confidently as the target
    language (a catalogue entry already translated in its msgid, an English quotation in
    an English-bound text) are left as they are: the engine would only damage them."""
    def text_of(item) -> str:
        d, i, (start, end, _lang, _keep) = item
        return documents[d].segments[i].text[start:end]

    candidates = [i for i, item in enumerate(planned)
                  if len(text_of(item).split()) >= TARGET_MIN_WORDS
                  and _may_be_in(text_of(item), options.target, options.source)]
    if not candidates:
        return planned
    from glossa.detect import default_candidates, detect_segments
    from glossa.detect.model import supported

    if len(supported([options.source, options.target])) < 2:
        return planned  # (a language detection does not know, gl: nothing to be sure of)
    languages = supported(list(dict.fromkeys([*(options.languages or default_candidates()),
                                              options.source, options.target])))
    texts = [text_of(planned[i]) for i in candidates]
    _, spans = detect_segments(texts, languages, dominant=options.source)
    drop = set()
    for index, text, found in zip(candidates, texts, spans, strict=True):
        target = sum(_letters(text[s.start:s.end]) for s in found if s.lang == options.target)
        if target >= TARGET_SHARE * _letters(text):
            drop.add(index)
    return [item for i, item in enumerate(planned) if i not in drop]


_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _may_be_in(text: str, target: str, source: str) -> bool:
    """A cheap first look before detection: a sentence can be in ``target`` only if it has
    more of the target's most frequent words than of the source's. Languages without such
    a list (no language module) always go on to detection."""
    from glossa.lang import language

    wanted, other = language(target).function_words, language(source).function_words
    if not wanted:
        return True
    words = [w.casefold() for w in _WORDS.findall(text)]
    hits = sum(w in wanted for w in words)
    return hits > 0 and hits > sum(w in other for w in words)


# --- running --------------------------------------------------------------------------------


def _prepare(units: Sequence[Unit], options: TranslateOptions,
             documents: Sequence[Document]) -> None:
    from glossa.shield import prepare

    termbase = None
    if options.glossary is not None:  # compiled once per run; shielding and checks share it
        from glossa.glossary.termbase import Termbase

        termbase = Termbase.compile(options.glossary, [options.target])
    for unit in units:
        text = documents[unit.doc_index].segments[unit.seg_index].text[unit.start:unit.end]
        unit.prepared = prepare(text, unit.source, options.target, unit.protected, termbase)


def _translate_texts(engine: Any, texts: list[str], source: str, target: str,
                     tick: Callable[[int], None]) -> list[Any]:
    """Translate unique texts in large chunks; returns Translations in input order.

    An engine that raises fails the sentences of its chunk (Translation.error), so one
    crashed or hung engine process, or a bug in an engine plug-in, never aborts the run.
    """
    from glossa.engines.base import Translation, engine_error
    from glossa.errors import GlossaError

    counts = Counter(texts)
    unique = list(counts)
    done: dict[str, Any] = {}
    for i in range(0, len(unique), ENGINE_CHUNK):
        chunk = unique[i:i + ENGINE_CHUNK]
        try:
            outputs = list(engine.translate_batch(chunk, source, target))
            if len(outputs) != len(chunk):
                raise GlossaError(f"the engine returned {len(outputs)} translations "
                                  f"for {len(chunk)} sentences")
        except Exception as exc:  # any engine failure fails these units, not the run
            outputs = [Translation("", error=engine_error(exc))] * len(chunk)
        for text, out in zip(chunk, outputs, strict=True):
            done[text] = out
        tick(sum(counts[t] for t in chunk))
    return [done[t] for t in texts]


def _problem(unit: Unit, restored: Any) -> str | None:
    """Why an engine output cannot be used, or None when it can (see glossa.verify)."""
    from glossa.verify import fatal

    if restored.lost:
        return f"placeholders lost by the engine: {', '.join(restored.lost)}"
    if not restored.text.strip() and _letters(unit.prepared.source):
        return "the engine returned an empty translation"
    problems = fatal(unit.prepared.source, restored.text)
    return "; ".join(problems) if problems else None


def _run_pair(engine: Any, units: list[Unit], source: str, target: str,
              tick: Callable[[int], None]) -> None:
    """Translate, restore, and give each failed unit one second try with its fallback."""
    pending, first_try = units, True
    while pending:
        outputs = _translate_texts(engine, [u.prepared.masked for u in pending], source, target,
                                   tick if first_try else lambda n: None)
        retry: list[Unit] = []
        for unit, out in zip(pending, outputs, strict=True):
            if out.error:  # the engine failed this sentence: keep it, report it
                unit.error, unit.error_kind = out.error, "engine"
                continue
            written = {w for s in unit.prepared.slots if s.written for w in s.written.split()}
            unit.unknown = [w for w in out.unknown if w not in written]  # not glossary terms
            restored = unit.prepared.restore(out.text.strip())
            problem = _problem(unit, restored)
            if problem is None:
                unit.output = restored.text
                continue
            second = unit.prepared.fallback() if first_try else None
            if second is None:
                unit.error = problem
            else:
                unit.prepared = second
                retry.append(unit)
        pending, first_try = retry, False
    _inline_retry(engine, units, source, target)
    _second_opinion(engine, units, source, target)


def _tag_name(text: str, element: Any) -> str:
    return re.match(r"<([\w:.-]+)", text[element.start:element.inner_start]).group(1)


def _inline_retry(engine: Any, units: list[Unit], source: str, target: str) -> None:
    """A unit that failed verification and has inline elements (``<em>``, ``<a …>``) gets
    a last try with each element's text translated on its own and put back inside its
    tags (glossa.inline); the result is verified like any output."""
    from glossa import inline
    from glossa.shield import prepare

    plans = []
    for unit in units:
        if unit.output is not None or unit.error is None or unit.error_kind != "failed":
            continue
        text, base = unit.prepared.source, unit.prepared
        found = inline.elements(text, unit.protected)
        if not found:
            continue
        outer = prepare(text, base.src, base.tgt, inline.outer_protected(unit.protected, found),
                        base.glossary)
        pieces = [inline.inner_text(text, unit.protected, e) for e in found]
        inners = [prepare(piece, base.src, base.tgt, spans, base.glossary)
                  for piece, spans in pieces]
        plans.append((unit, found, outer, inners))
    if not plans:
        return
    texts = [p.masked for _, _, outer, inners in plans for p in (outer, *inners)]
    outputs = iter(_translate_texts(engine, texts, source, target, lambda n: None))
    for unit, found, outer, inners in plans:
        results = [next(outputs) for _ in range(1 + len(inners))]
        if any(r.error for r in results):
            continue
        restored = [p.restore(r.text.strip()) for p, r in zip((outer, *inners), results,
                                                             strict=True)]
        if any(r.lost or not r.text.strip() for r in restored):
            continue
        joined = inline.rejoin(unit.prepared.source, restored[0].text, found,
                               [r.text for r in restored[1:]])
        if joined is not None and _problem(unit, type(restored[0])(joined)) is None:
            unit.prepared, unit.output, unit.error = outer, joined, None
            names = ", ".join(dict.fromkeys(f"<{_tag_name(unit.prepared.source, e)}>"
                                            for e in found))
            unit.caution = (f"the text of {names} was translated apart from its sentence "
                            "(the engine moved it out of its tags): check agreement around it")


def _second_opinion(engine: Any, units: list[Unit], source: str, target: str) -> None:
    """One more try, with another shielding, for outputs verify.warnings finds odd: the
    tiny models invent parentheticals and non-words ("Hint" -> "Hint (em"), double words
    ("Logging" -> "Log log") and drop or replace names. A lost name is shielded; otherwise
    the sentence goes without its capital first letter, or without its end punctuation
    (both put back). The new output is kept only when it is clean."""
    from glossa.verify import fatal

    done = [u for u in units if u.output is not None]
    _prefetch_names(done)
    unknown = _unknown_words([u.output or "" for u in done], target)
    tries = [(u, v) for u in done if _odd(u, u.output or "", unknown)
             for v in [_variant(u, target)] if v is not None]
    if not tries:
        return
    outputs = _translate_texts(engine, [v[1] for _, v in tries], source, target,
                               lambda n: None)
    texts = {}
    for (unit, (prepared, _masked, fix)), result in zip(tries, outputs, strict=True):
        if result.error:
            continue
        restored = prepared.restore(fix(result.text.strip()))
        if not restored.lost and restored.text.strip() and \
                not fatal(unit.prepared.source, restored.text):
            texts[id(unit)] = (prepared, restored.text)
    unknown = _unknown_words([t for _, t in texts.values()], target)
    for unit, _ in tries:
        prepared, text = texts.get(id(unit), (None, None))
        if text is not None and not _odd(unit, text, unknown):
            unit.prepared, unit.output = prepared, text


def _variant(unit: Unit, target: str) -> tuple[Any, str, Callable[[str], str]] | None:
    """(prepared sentence, text for the engine, fix for its output) of the second try."""
    from glossa.shield import prepare
    from glossa.verify import lost_names

    prepared, masked = unit.prepared, unit.prepared.masked
    source = prepared.source
    names = lost_names(source, unit.output or "", _not_names(unit))
    if names:  # shield the names the first output lost
        spans = [Span(m.start(), m.end()) for name in names
                 for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", source)]
        shielded = prepare(source, unit.source, target, [*unit.protected, *spans],
                           prepared.glossary)
        return shielded, shielded.masked, lambda out: out
    if masked[:1].isupper() and not re.match(r"XT\d+X|ZXQ\d+", masked):
        return prepared, masked[0].lower() + masked[1:], lambda out: out[:1].upper() + out[1:]
    if masked[-1:] in ".!?" and _letters(masked[-2:]):
        end = masked[-1]
        return prepared, masked[:-1], lambda out: out if out[-1:] in ".!?" else out + end
    return None


def _odd(unit: Unit, text: str, unknown: frozenset[str]) -> bool:
    """Whether ``text`` draws warnings (kept on the unit for the report, see _warn)."""
    return text.strip() != unit.prepared.source.strip() and bool(
        _warnings_of(unit, text, lambda: unknown))


def _warnings_of(unit: Unit, text: str, unknown: Callable[[], frozenset[str]]) -> list[str]:
    """verify.warnings of ``text`` for the unit as prepared now, computed once: the
    second try checks every output and the report needs the same answer. (``unknown``
    holds at least the lexicon's verdict on every word of ``text``.)"""
    from glossa.verify import warnings

    if unit.checked is not None and unit.checked[0] is unit.prepared \
            and unit.checked[1] == text:
        return unit.checked[2]
    lacking = unknown()  # (first: it looks the unit's words up in one batch)
    found = warnings(unit.prepared.source, text, _not_names(unit), lacking)
    unit.checked = (unit.prepared, text, found)
    return found


def _prefetch_names(units: Sequence[Unit]) -> None:
    """Look the capitalised words of every unit up at once (see _ordinary_words)."""
    from glossa.detect.lexicon import prefetch
    from glossa.verify import capitalised_words

    by_lang: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        by_lang[unit.source].update(w.lower() for w in capitalised_words(unit.prepared.source))
    for lang, found in by_lang.items():
        prefetch(found, (lang,))


def _unknown_words(texts: Sequence[str], lang: str) -> frozenset[str]:
    """Words of ``texts`` the lexicon of ``lang`` lacks, looked up in one batch."""
    from glossa.detect.lexicon import unknown_words
    from glossa.verify import words

    found = unknown_words({w for text in texts for w in words(text)}, lang)
    return frozenset(found or ())


def run_units(units: list[Unit], options: TranslateOptions, report: TranslateReport,
              progress: ProgressCallback | None = None) -> None:
    """Send units to the engines, one stream per language pair, each along its route;
    human TM matches first (they need no engine), and with ``tm_only`` nothing else."""
    from glossa.engines.routes import check_engine_installed

    total, done = len(units), 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total), total)

    by_pair: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_pair[unit.source].append(unit)
    if by_pair and not options.tm_only:
        check_engine_installed(options.engine, next(iter(by_pair)), options.target)
    for source, pair_units in by_pair.items():
        pending = _from_tm(pair_units, source, None, options, report, tick)
        if options.tm_only:
            _from_tm_fuzzy(pending, source, options, report)
            tick(len(pending))
        elif pending:
            _run_engine(pending, source, options, report, tick)


def _run_engine(units: list[Unit], source: str, options: TranslateOptions,
                report: TranslateReport, tick: Callable[[int], None]) -> None:
    """Machine TM matches of this model, then the engine for the rest (stored in the TM)."""
    from glossa.engines import select_engine
    from glossa.engines.base import model_variant, prefetch_batch

    try:
        engine = select_engine(source, options.target, options.engine)
    except ModelMissing as exc:
        if options.source != "auto":
            raise
        for unit in units:
            unit.error, unit.error_kind = str(exc), "no-model"
        tick(len(units))
        return
    if options.cluster:
        from glossa.cluster import cluster_engine

        engine = cluster_engine(engine, options.cluster, options.cluster_cpus)
    model = engine.model_id(source, options.target)
    report.engines.add(model)
    report.variants[model] = model_variant(engine, source, options.target)
    for unit in units:
        unit.model = model
    _keep_unreadable(engine, units, source, options)
    engine.configure(jobs=options.jobs)
    pending = _from_tm(units, source, model, options, report, tick)
    parts = list(_slices(pending))
    if pending:
        _ready_checks(pending, options.target)
    for i, part in enumerate(parts):
        # the workers start on the next part while this one is checked (and on the
        # first part before the second, so they take them in order)
        for ahead in parts[i:i + 2] if i == 0 else parts[i + 1:i + 2]:
            prefetch_batch(engine, list(dict.fromkeys(u.prepared.masked for u in ahead)),
                           source, options.target)
        _run_pair(engine, part, source, options.target, tick)
        for unit in part:
            unit.origin = "engine"
        _to_tm(part, source, model, options)  # per chunk, so an interrupted run resumes


def _ready_checks(units: list[Unit], target: str) -> None:
    """What checking the outputs needs (the verifier, the word lists of both languages),
    loaded before the first engine call: while a model loads early in another process
    (glossa.engines.early) this costs no time at all."""
    import glossa.verify  # noqa: F401
    from glossa.detect.lexicon import load

    load(target)
    _prefetch_names(units)


def _keep_unreadable(engine: Any, units: list[Unit], source: str,
                     options: TranslateOptions) -> None:
    """Protect what the model cannot read (Müller, Русский, 日本語 for a Latin-only
    vocabulary): models drop such characters or the words around them."""
    from glossa.placeholders import merge_adjacent
    from glossa.shield import prepare

    found = engine.unencodable([_blanked(u.prepared.source, u.protected) for u in units],
                               source, options.target)
    for unit, spans in zip(units, found, strict=True):
        if spans:
            unit.protected = merge_adjacent([*unit.protected, *spans])
            unit.prepared = prepare(unit.prepared.source, unit.source, options.target,
                                    unit.protected, unit.prepared.glossary)  # the run's Termbase


def _blanked(text: str, protected: Sequence[Span]) -> str:
    """``text`` with its protected spans blanked out (same offsets): they are shielded
    already, whatever characters they hold."""
    if not protected:
        return text
    pieces, pos = [], 0
    for span in sorted(protected, key=lambda sp: sp.start):
        start = max(span.start, pos)
        if span.end > start:
            pieces += [text[pos:start], " " * (span.end - start)]
            pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _slices(units: list[Unit]) -> Iterator[list[Unit]]:
    """Units in groups of at most ENGINE_CHUNK distinct masked texts (duplicates together)."""
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        groups[unit.prepared.masked].append(unit)
    keys = list(groups)
    for i in range(0, len(keys), ENGINE_CHUNK):
        yield [u for key in keys[i:i + ENGINE_CHUNK] for u in groups[key]]


def _fingerprint(options: TranslateOptions) -> str:
    return options.glossary.fingerprint() if options.glossary is not None else ""


def _from_tm(units: list[Unit], source: str, model: str | None, options: TranslateOptions,
             report: TranslateReport, tick: Callable[[int], None]) -> list[Unit]:
    """Fill units from the TM's exact matches of (sentence, context); return the rest.

    ``model=None`` asks for human matches only (no engine chosen yet), except with
    ``tm_only``, where a machine match of any model will do (no engine is in use).
    """
    if options.tm is None or not units:
        return units
    human_only = model is None and not options.tm_only
    found = options.tm.lookup_keyed([(u.prepared.source, u.context) for u in units], source,
                                    options.target, model, _fingerprint(options), human_only)
    pending = []
    for unit in units:
        hit = found.get((unit.prepared.source, unit.context))
        if hit is None:
            pending.append(unit)
            continue
        unit.output = hit.target  # machine entries are reused only for this model
        unit.origin = "human" if hit.origin == "human" else "tm"
        if hit.origin != "human":
            unit.model = hit.model_id
        report.from_tm += 1
    tick(len(units) - len(pending))
    return pending


def _from_tm_fuzzy(units: list[Unit], source: str, options: TranslateOptions,
                   report: TranslateReport) -> None:
    """--tm-only: the best fuzzy match at or above the threshold (same context first),
    when it keeps the unit's placeholders; marked fuzzy in the file."""
    if options.tm is None:
        return
    threshold = options.fuzzy_threshold
    for unit in units:
        matches = options.tm.fuzzy_matches(unit.prepared.source, source, options.target,
                                           limit=5, threshold=threshold)
        matches.sort(key=lambda m: (-m.score, m.context != unit.context))
        usable = next((m for m in matches if _keeps_placeholders(unit, m.target)), None)
        if usable is not None:
            unit.output, unit.origin = usable.target, "fuzzy"
            unit.model = usable.model_id
            report.from_tm += 1


_CODE_KINDS = ("printf", "brace", "html", "variable")


def _keeps_placeholders(unit: Unit, text: str) -> bool:
    """A fuzzy match usable for the unit: its protected pieces (placeholders, tags) all
    there, and the same printf/brace/markup placeholders as the source, no more."""
    from glossa.placeholders import find_placeholders
    from glossa.verify import fatal

    source = unit.prepared.source
    pieces = Counter(source[p.start:p.end] for p in unit.protected)
    if any(text.count(piece) < n for piece, n in pieces.items()) or fatal(source, text):
        return False

    def codes(value: str) -> Counter[str]:
        return Counter(value[p.start:p.end] for p in find_placeholders(value, _CODE_KINDS))

    return codes(source) == codes(text)


def _to_tm(units: list[Unit], source: str, model: str, options: TranslateOptions) -> None:
    if options.tm is None:
        return
    done = [u for u in units if u.output is not None]
    options.tm.store_many([(u.prepared.source, u.output) for u in done], source,
                          options.target, model, _fingerprint(options),
                          contexts=[u.context for u in done])


def _from_catalogues(documents: Sequence[Document], units: Sequence[Unit],
                     report: TranslateReport) -> None:
    """Units a document's own finished entries already translate (a format puts
    ``(sentence, context) -> translation`` in ``meta["memory"]``): copied, so a
    catalogue stays consistent with itself."""
    indexes = [_memory_index(doc.meta.get("memory") or {}) for doc in documents]
    for unit in units:
        hit = indexes[unit.doc_index].get((unit.prepared.source, unit.context))
        if hit is not None:
            unit.output, unit.origin = hit, "human"
            report.from_tm += 1


def _memory_index(memory: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The memory plus its pairs without a trailing "…" or ":" both sides share, as
    units are cut (see _without_trailing_marks)."""
    index = dict(memory)
    for (source, context), target in memory.items():
        mark, other = _TRAILING_MARKS.search(source), _TRAILING_MARKS.search(target)
        if mark and other and mark.group().strip() == other.group().strip():
            index.setdefault((source[:mark.start()], context), target[:other.start()])
    return index


# --- assembling -----------------------------------------------------------------------------


def _assemble(documents: Sequence[Document], units: Sequence[Unit], options: TranslateOptions,
              report: TranslateReport) -> None:
    by_segment: dict[tuple[int, int], list[Unit]] = defaultdict(list)
    for unit in units:
        by_segment[(unit.doc_index, unit.seg_index)].append(unit)
    found_unknown: list[frozenset[str]] = []

    def unknown() -> frozenset[str]:  # only for outputs the second try did not check
        if not found_unknown:
            _prefetch_names([u for u in units if u.output is not None])
            found_unknown.append(_unknown_words([u.output for u in units if u.output is not None],
                                                options.target))
        return found_unknown[0]

    for (d, i), seg_units in by_segment.items():
        doc, segment = documents[d], documents[d].segments[i]
        name = doc.path or "<input>"
        line = segment_line(doc, segment)
        errors = [u for u in seg_units if u.error]
        if errors:
            # A lost placeholder keeps the whole segment; a run without a route or whose
            # engine crashed keeps only itself, and the other runs are still translated.
            kind = "failed" if any(u.error_kind != "no-model" for u in errors) else "no-model"
            report.problems.append(SegmentProblem(name, i, kind, errors[0].error or "",
                                                  segment.text, line))
            if any(u.error_kind == "failed" for u in errors):
                segment.notes.append(errors[0].error or "")
                report.kept += 1
                continue  # never write a segment whose placeholders did not come back
        _report_unknown(name, i, line, seg_units, report)
        done = [u for u in seg_units if u.output is not None]
        if not done:
            if errors:
                report.kept += 1
            else:
                report.left += 1  # --tm-only without a match: left for the translator
            continue
        text = segment.text
        pieces, pos = [], 0
        for unit in sorted(done, key=lambda u: u.start):
            pieces += [text[pos:unit.start], unit.output]
            pos = unit.end
        pieces.append(text[pos:])
        segment.translation = "".join(pieces)
        segment.source_lang = _main_language(done)
        segment.provenance = ", ".join(dict.fromkeys(u.model for u in done
                                                     if u.model and u.origin in MACHINE))
        segment.origin = _origin(done)
        report.translated += 1
        report.copied += all(u.origin in COPIED for u in done)
        report.unchanged += segment.translation.strip() == text.strip()
        _verify_terms(name, i, line, done, options, report)
        _warn(name, i, line, done, report, unknown)


MACHINE = ("engine", "tm")  # origins that are machine translation
COPIED = ("tm", "human", "fuzzy")  # origins that are copies of stored translations


def _origin(units: Sequence[Unit]) -> str:
    """What the file should say of a segment: "fuzzy" when a fuzzy TM match is in it,
    "mt" for any machine translation, "human" when all of it is human translation."""
    origins = {u.origin for u in units}
    if "fuzzy" in origins:
        return "fuzzy"
    return "mt" if origins & set(MACHINE) or "" in origins else "human"


def _main_language(units: Sequence[Unit]) -> str:
    """The source language covering most of the units' text (one pass: a segment may hold
    thousands of units)."""
    sizes: Counter[str] = Counter()
    for unit in units:
        sizes[unit.source] += unit.end - unit.start
    return max(sizes, key=sizes.__getitem__)


def _report_unknown(name: str, index: int, line: int | None, units: Sequence[Unit],
                    report: TranslateReport) -> None:
    """Words a rule-based engine did not know, as a warning per segment (not a failure)."""
    words = list(dict.fromkeys(w for u in units if u.output is not None for w in u.unknown))
    if words:
        report.problems.append(SegmentProblem(name, index, "unknown",
                                              f"unknown words kept as written: {', '.join(words)}",
                                              "", line))


def segment_line(doc: Document, segment: Segment) -> int | None:
    """The segment's line in the file: from the format's context, else from its offset."""
    if "line" in segment.context:
        return segment.context["line"]
    if segment.start is not None:
        return doc.text.count("\n", 0, segment.start) + 1
    return None


def _warn(name: str, index: int, line: int | None, units: Sequence[Unit],
          report: TranslateReport, unknown: Callable[[], frozenset[str]]) -> None:
    """Report suspicious outputs (written, to be checked); unchanged units are fine."""
    for unit in units:
        source, output = unit.prepared.source, unit.output or ""
        if output.strip() == source.strip():
            continue
        found = _warnings_of(unit, output, unknown)
        for message in [*found, *([unit.caution] if unit.caution else [])]:
            report.problems.append(SegmentProblem(name, index, "warning", message, source, line))


def _not_names(unit: Unit) -> frozenset[str]:
    """Capitalised words of a unit that are not names to check: ordinary words of its
    language, and words of glossary terms (the glossary says what they become)."""
    source = unit.prepared.source
    terms = {w.lower() for slot in unit.prepared.slots if slot.kind != "protected"
             for w in re.findall(r"[^\W\d_][\w'’-]*", slot.source)}
    return _ordinary_words(source, unit.source) | terms


def _ordinary_words(text: str, lang: str) -> frozenset[str]:
    """Capitalised words of ``text`` that are common words of ``lang`` (not names)."""
    from glossa.detect.lexicon import log_frequencies
    from glossa.verify import capitalised_words

    words = {w.lower() for w in capitalised_words(text)}
    return frozenset(w for w in words if log_frequencies(w, (lang,)) is not None)


def _verify_terms(name: str, index: int, line: int | None, units: Sequence[Unit],
                  options: TranslateOptions, report: TranslateReport) -> None:
    if options.glossary is None:
        return
    for unit in units:
        termbase = unit.prepared.glossary  # the run's Termbase (see _prepare)
        for miss in termbase.verify(unit.prepared.source, unit.output, unit.source,
                                    options.target, unit.protected):
            report.problems.append(SegmentProblem(name, index, "term", str(miss),
                                                  unit.prepared.source, line))


def translate_documents(
    documents: Sequence[Document],
    options: TranslateOptions,
    progress: ProgressCallback | None = None,
) -> TranslateReport:
    """Translate every document in place (Segment.translation) and report what happened."""
    started = time.perf_counter()
    report = TranslateReport(documents=len(documents),
                             segments=sum(len(d.segments) for d in documents))
    units = plan_units(documents, options)
    report.units = len(units)
    report.left = sum(doc.meta.get("left", 0) for doc in documents)
    _prepare(units, options, documents)
    _from_catalogues(documents, units, report)
    run_units([u for u in units if u.output is None], options, report, progress)
    _assemble(documents, units, options, report)
    for doc in documents:
        doc.meta.setdefault("target", options.target)
        doc.meta.setdefault("locale", options.locale or options.target)
    report.seconds = time.perf_counter() - started
    return report
