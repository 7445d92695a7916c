"""What the key/value catalogue formats (JSON, ARB, YAML) share.

A catalogue value becomes segments the same way in every format: ICU messages are split
into their text runs (glossa.formats.icu), other values are one run; each run is split at
newlines and trimmed, and its placeholders are protected spans. Plural keys (i18next
``key_one``/``key_other``, Rails ``one:``/``other:``) are filled for the CLDR plural
categories of the target language.
"""

from __future__ import annotations

import re
from functools import cache

from glossa.document import Segment, Span, splice
from glossa.formats import icu
from glossa.placeholders import find_placeholders, merge_adjacent, widen_quoted

# as in PO: a catalogue string carries code spans, paths and options the models break
PROTECT_KINDS = ("code", "angle", "printf", "brace", "html", "url", "email", "path", "variable",
                 "call", "option", "identifier", "escape", "symbol")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# Placeholders of catalogue ecosystems that glossa.placeholders does not know:
# Chrome ``$NAME$`` / ``$1``, i18next nesting ``$t(key)``, Rails ``%{count}`` and
# ``%<count>d``, Angular ``{$INTERPOLATION}``, react-i18next ``<Trans>`` tags ``<1>…</1>``,
# Symfony ``%name%``.
_EXTRA_RE = re.compile(
    r"\$t\([^()\n]{0,200}\)|\$[A-Za-z_][\w@]{0,63}\$|\$\d{1,2}(?!\d)|%\{[^{}\s]{1,64}\}"
    r"|\{\$[\w.]{1,64}\}|%<[^<>\s]{1,64}>[-+ 0#]*\d*(?:\.\d+)?[a-zA-Z]|</?\d{1,3}\s*/?>"
    r"|%[A-Za-z_][\w.]{0,63}%"
)
# Punctuation between two placeholders (``%{first}–%{last}``) is shielded with them:
# the engine drops it when it sits between two tokens.
_GLUE = "–—-/:·|"


def placeholder_spans(text: str) -> list[Span]:
    """Protected spans of a plain (non-ICU) catalogue value."""
    return _with_placeholders(text, [], PROTECT_KINDS)


def _with_placeholders(text: str, taken: list[Span], kinds: tuple[str, ...]) -> list[Span]:
    """``taken`` plus the catalogue and glossa placeholders of ``text`` that do not overlap."""
    spans = list(taken)
    for match in _EXTRA_RE.finditer(text):
        if all(match.end() <= s.start or match.start() >= s.end for s in spans):
            spans.append(Span(match.start(), match.end()))
    for found in find_placeholders(text, kinds):
        if all(found.end <= s.start or found.start >= s.end for s in spans):
            spans.append(Span(found.start, found.end))
    spans.sort(key=lambda s: s.start)
    return merge_adjacent(widen_quoted(spans, text), text, _GLUE)


def value_segments(value: str, use_icu: bool | None = None) -> list[Segment]:
    """Segments of one catalogue value; context holds their [start, end) in the value.

    ``use_icu`` None: parse as ICU only when the value has a plural/select argument.
    A value that looks like ICU but does not parse yields no segments (left as it is).
    """
    if use_icu is None:
        use_icu = icu.looks_like_icu(value)
    if use_icu:
        try:
            runs = icu.text_runs(value)
        except icu.IcuError:
            return []
    else:
        runs = [icu.Run(0, len(value), [])]
    segments: list[Segment] = []
    for run in runs:
        segments += _run_segments(value, run, use_icu)
    return segments


def _run_segments(value: str, run: icu.Run, use_icu: bool) -> list[Segment]:
    segments = []
    pos = run.start
    for line in value[run.start:run.end].split("\n"):
        start = pos + len(line) - len(line.lstrip())
        end = pos + len(line.rstrip())
        pos += len(line) + 1
        if end <= start:
            continue
        text = value[start:end]
        if use_icu:
            inner = [Span(s.start - start, s.end - start) for s in run.protected
                     if s.start >= start and s.end <= end]
            spans = _with_placeholders(text, inner, ("printf", "html", "url", "symbol"))
        else:
            spans = placeholder_spans(text)
        if _has_words(text, spans):
            segments.append(Segment(text, protected=spans,
                                    context={"value_start": start, "value_end": end}))
    return segments


def _has_words(text: str, spans: list[Span]) -> bool:
    pos = 0
    for span in spans:
        if any(ch.isalpha() for ch in text[pos:span.start]):
            return True
        pos = span.end
    return any(ch.isalpha() for ch in text[pos:])


def segments_by_value(doc) -> dict[int, list[Segment]]:
    """A catalogue document's segments grouped by the value they came from."""
    by_value: dict[int, list[Segment]] = {}
    for segment in doc.segments:
        by_value.setdefault(segment.context["value"], []).append(segment)
    return by_value


def translated_value(value: str, segments: list[Segment]) -> str | None:
    """``value`` with its segments' translations put in, or None when none was translated."""
    edits = [(s.context["value_start"], s.context["value_end"], s.translation)
             for s in segments if s.translation is not None]
    return splice(value, edits) if edits else None


def icu_intact(source: str, new: str) -> bool:
    """A translated ICU message must parse to the same structure: the same text outside
    its runs (argument names, keywords, selectors) as the source."""
    try:
        return icu.skeleton(new) == icu.skeleton(source)
    except icu.IcuError:
        return False


@cache
def plural_categories(lang: str, ordinal: bool = False) -> tuple[str, ...]:
    """The CLDR plural categories of ``lang`` (CATEGORIES order), from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ("one", "other")
    form = locale.ordinal_form if ordinal else locale.plural_form
    tags = set(form.tags) | {"other"}
    return tuple(c for c in CATEGORIES if c in tags)


def pair_units(source: list[tuple[str, str, int, str]], target: list[tuple[str, str, int, str]],
               source_lang: str | None = None, target_lang: str | None = None) -> list:
    """Bilingual units of a source catalogue and its translation, matched by key path.

    Each list holds (key, text, line, note) per value. A key missing from the target is
    an untranslated unit; a value equal to its source is untranslated too.
    """
    from glossa.formats.base import BilingualUnit

    translated = {key: text for key, text, _line, _note in target}
    units = []
    for key, text, line, note in source:
        found = translated.get(key, "")
        state = "translated" if found and found != text else "untranslated"
        units.append(BilingualUnit(text, found if state == "translated" else "", line, key, key,
                                   [note] if note else [], state, source_lang=source_lang,
                                   target_lang=target_lang))
    return units


_LOCALE_DIRS = {"locale", "locales", "i18n", "l10n", "lang", "langs", "languages",
                "translations", "_locales", "messages", "intl"}
_LANG_PART_RE = re.compile(r"(?:^|[._-])([a-z]{2,3})(?:[-_][A-Za-z]{2,4})?$")


def looks_like_catalogue(path) -> bool:
    """For directory walks: a .json/.yml file counts as a catalogue only when its name or a
    folder says it is one (``locales/en/common.json``, ``en.yml``, ``app_en.arb``), so
    ``package.json`` or a CI workflow in the same tree is not translated."""
    from pathlib import Path

    from glossa.languages import LANGUAGES

    path = Path(path)
    if path.suffix.lower() == ".arb":
        return True
    match = _LANG_PART_RE.search(path.stem)
    if match and match.group(1) in LANGUAGES:
        return True
    return any(part.lower() in _LOCALE_DIRS or part in LANGUAGES for part in path.parent.parts)
