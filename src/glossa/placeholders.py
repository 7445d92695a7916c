"""Detect placeholders in UI strings: the parts of a message a translation must keep verbatim.

Used by the formats (PO, SRT) to mark protected spans the pipeline shields from the
engine, and by QA to check that a translation kept every placeholder of its source.

Kinds:
    printf       ``%s``, ``%d``, ``%(name)s``, ``%1$s``, ``%.2f``, ``%%``, Qt ``%1``
    brace        ``{0}``, ``{count}``, ``{0:.2f}``, ``{{ var }}``, ``${var}``, ``{\\an8}``
    html         tags ``<b>``, ``</a>``, ``<br/>``, comments, entities ``&amp;`` ``&#160;``
    url          ``https://…``, ``www.…``, ``mailto:…``
    escape       control characters (newline, tab) and literal backslash escapes ``\\n``
    accelerator  the marker of a keyboard accelerator: ``&`` in ``&File``, ``_`` in ``_File``
    symbol       runs of symbols and emoji (``♪``, ``✓``, ``🐍``, ``→``): the pt<->en models
                 drop them or turn them into "- "
    angle        bracketed tokens the models break apart: ``<https://…>``, ``<mailto:…>``,
                 ``<%s>``, ``<<original entry>>``
    path         file paths and globs: ``/var/spool/cron``, ``~/.gnupg/*``, ``./run.sh``,
                 ``*.conf``, ``**/*.py``, ``C:\\Users``
    variable     environment variables: ``$HOME``, ``%APPDATA%``, ``%artists%``, polkit's and
                 make's ``$(user.display)``
    code         inline code in backticks: ``\\`make\\```, ````\\`\\`sphinx.ext\\`\\`````
    call         empty calls and bracketed option words: ``name()``, ``[options]``
    identifier   words with a capital inside: ``JavaScript``, ``PackageKit``, ``iPhone`` (names
                 of things; Apertium rewrites ``JavaScript`` as ``Javascript``, the tiny
                 models add "(O FreeMiNT)"), and codes with a digit after a letter or a
                 capital: ``MP3``, ``ISO-8859-1``, ``H.264``, ``tpm2-tools``, ``x86_64``
    email        e-mail addresses: ``help@example.org`` (the models translate their words)
    option       command-line options: ``--strict``, ``--fast=3``, ``-n`` (the models
                 translate the word: ``--estrito``)

A space flag in printf (``% d``) is not recognised on purpose: "50% discount" is prose.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossa.document import Span

KINDS = ("printf", "brace", "html", "url", "escape", "accelerator", "symbol", "angle", "path",
         "variable", "code", "call", "option", "email", "identifier")

#: Kinds a plain-text sentence protects (prose: no accelerators, no backslash escapes).
TEXT_KINDS = ("code", "angle", "printf", "brace", "html", "url", "email", "path", "variable",
              "call", "option", "identifier", "symbol")


@dataclass(frozen=True)
class Placeholder(Span):
    """A protected span that also says what kind of placeholder it is."""

    kind: str = ""


_PRINTF = (
    r"%(?:\d+\$)?(?:\([^()\s]{1,64}\))?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcrspn@%]"
    r"|%[1-9]\d?(?![\d$])"  # Qt / .NET-style positional %1
)
_BRACE = (
    r"\{\{.{0,200}?\}\}"  # Jinja / Handlebars / Angular
    r"|\$\{[^{}\n]{1,100}\}"  # shell / JS template
    r"|\{[\w\\.\[\]!:<>^=+\-#,*]{0,100}\}"  # {0} {count} {0:.2f} {name!r} {\an8} {}
)
_HTML = (
    r"<!--.*?-->"
    r"|</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_EMAIL = r"(?<![\w.+%-])[\w.+%-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_URL = r"(?:https?|ftp)://[^\s<>\"']+|www\.[\w-]+\.[^\s<>\"']+|mailto:[^\s<>\"']+"
_ESCAPE = r"\\[nrtabfv0\\\"']|[\n\t\r\x0b\x0c]"

_ANGLE = (r"<<[^<>\n]{1,80}>>"
          r"|<(?:(?:https?|ftp)://|mailto:)[^\s<>]+>"
          r"|<%[^<>\s]{1,20}>")
_PATH_PART = r"[\w.*?~+@-]"
_PATH = (r"(?<![\w/.~\\])(?:~|\.{1,2})?/" + _PATH_PART + r"+(?:/" + _PATH_PART + r"*)*"
         r"|(?<![\w/])~(?=/)"
         r"|(?<![\w*])\*{1,2}(?:/\*)?\.[A-Za-z0-9]{1,10}\b"
         r"|\b[A-Za-z]:\\[^\s\\\"'<>|]+(?:\\[^\s\\\"'<>|]+)*")
_VARIABLE = r"(?<![\w$])\$\([A-Za-z_][\w.]{0,60}\)|(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]*\b" \
    r"|(?<![\w%])%[A-Za-z_][A-Za-z0-9_]+%(?![\w%])"
# GNU/TeX quotes (`make check') first: their lone backtick must not pair with the next one.
_CODE = r"(?<!`)`[^`'\s][^`'\n]{0,60}'(?!\w)|(?<!`)(`{1,3})(?!`)[^`\n]{1,200}?(?<!`)\1(?!`)"
# --long[=value] anywhere; a short -x / -rf only as a word of its own, before a space or stop
_OPTION = (r"(?<![\w-])--[A-Za-z][\w-]*(?:=[\w.,:/#%+-]*[\w#%])?"
           r"|(?<![\w-])(?<![^\s(\[\"'])-[A-Za-z]{1,3}(?=[\s,;:)\]\"']|\.(?:\s|$)|$)")
_IDENTIFIER = (r"(?<![\w'’-])[A-Za-z0-9]*(?:[a-z][A-Z]|[A-Z]{2}[a-z]{2})[A-Za-z0-9]*"
               r"(?![\w'’-])"
               # codes: a capital and a digit (MP3, ISO-8859-1, H.264, Array_2D), or letters
               # then a digit (tpm2-tools, p11-kit, x86_64); Apertium writes "Mp3",
               # "Variedad_2D", "tpm2-Herramientas". "2nd", "10px" start with the digit.
               r"|(?<![\w'’.-])(?:(?=[\w.-]*\d)(?=[\w.-]*[A-Z])|(?=[A-Za-z]+\d))"
               r"[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*(?![\w'’-])")
_CALL = r"\b[A-Za-z_][\w.]*\(\)|(?<![\w\[])\[[a-z][a-z0-9_-]{1,30}(?:\.\.\.)?\](?![(\[:])"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "code": re.compile(_CODE),
    "angle": re.compile(_ANGLE),
    "variable": re.compile(_VARIABLE),
    "path": re.compile(_PATH),
    "call": re.compile(_CALL),
    "option": re.compile(_OPTION),
    "identifier": re.compile(_IDENTIFIER),
    "escape": re.compile(_ESCAPE),
    "html": re.compile(_HTML, re.DOTALL),
    "url": re.compile(_URL),
    "email": re.compile(_EMAIL),
    "printf": re.compile(_PRINTF),
    "brace": re.compile(_BRACE, re.DOTALL),
}
_URL_TRAILING = ".,;:!?)]}'\""

# An accelerator marker: & or _ right before a letter, not an entity, not in "R&D" / "AT&T",
# and _ only at the start of a word (snake_case is not an accelerator).
_AMP_ACCEL = re.compile(r"&(?=[^\W_])(?![A-Za-z][A-Za-z0-9]*;|#)")
_UNDERSCORE_ACCEL = re.compile(r"(?:(?<=\s)|^)_(?=[^\W\d_])")


def _url_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    end = match.end()
    while end > match.start() and text[end - 1] in _URL_TRAILING:
        # keep a closing bracket that has its opening partner inside the URL
        ch = text[end - 1]
        pair = {")": "(", "]": "[", "}": "{"}.get(ch)
        if pair and text[match.start():end].count(pair) >= text[match.start():end].count(ch):
            break
        end -= 1
    return match.start(), end


_SYMBOL_GLUE = {"\ufe0f", "\ufe0e", "\u200d", "\u20e3"}


def _is_symbol(ch: str) -> bool:
    return (unicodedata.category(ch) == "So" or ch in _SYMBOL_GLUE
            or "\U0001f3fb" <= ch <= "\U0001f3ff" or "\u2190" <= ch <= "\u21ff")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _symbol_runs(text: str) -> list[tuple[int, int]]:
    """Runs of symbols and emoji (with their joiners and modifiers): every such character
    is outside ASCII, so only those characters are looked at."""
    runs: list[tuple[int, int]] = []
    if text.isascii():
        return runs
    for match in _NON_ASCII.finditer(text):
        i = match.start()
        if not _is_symbol(text[i]):
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def find_accelerator(text: str, taken: Sequence[Span] = ()) -> Placeholder | None:
    """The accelerator marker of ``text``, if it has exactly one candidate."""
    found: list[int] = []
    for pattern in (_AMP_ACCEL, _UNDERSCORE_ACCEL):
        for m in pattern.finditer(text):
            pos = m.start()
            if any(s.start <= pos < s.end for s in taken):
                continue
            if text[pos] == "&" and pos > 0 and text[pos - 1].isalnum() and text[pos + 1].isupper():
                continue  # R&D, AT&T
            found.append(pos)
    if len(found) != 1:
        return None
    return Placeholder(found[0], found[0] + 1, "accelerator")


def find_placeholders(text: str, kinds: Iterable[str] | None = None) -> list[Placeholder]:
    """Non-overlapping placeholders of ``text`` in order, earlier kinds in KINDS winning ties.

    ``kinds`` limits detection (default: every kind in KINDS). Overlaps resolve by
    priority order code > angle > html > url > email > variable > printf > brace > option >
    path > call > identifier > escape, then symbols and accelerators fill in.
    """
    wanted = set(KINDS if kinds is None else kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown placeholder kinds: {', '.join(sorted(unknown))}")
    spans: list[Placeholder] = []
    starts: list[int] = []  # of the spans taken, sorted (they never overlap): bisect, not scan
    ends: list[int] = []

    def free(start: int, end: int) -> bool:
        at = bisect.bisect_right(starts, start)
        return (at == 0 or ends[at - 1] <= start) and (at == len(starts) or end <= starts[at])

    def take(span: Placeholder) -> None:
        at = bisect.bisect_right(starts, span.start)
        starts.insert(at, span.start)
        ends.insert(at, span.end)
        spans.append(span)

    for kind in ("code", "angle", "html", "url", "email", "variable", "printf", "brace", "option",
                 "path", "call", "identifier", "escape"):
        if kind not in wanted:
            continue
        for m in _PATTERNS[kind].finditer(text):
            start, end = _url_span(text, m) if kind in ("url", "path") else m.span()
            if end > start and free(start, end):
                take(Placeholder(start, end, kind))
    if "symbol" in wanted:
        for start, end in _symbol_runs(text):
            if free(start, end):
                take(Placeholder(start, end, "symbol"))
    if "accelerator" in wanted:
        accel = find_accelerator(text, spans)
        if accel is not None:
            spans.append(accel)
    return sorted(spans, key=lambda s: s.start)


def merge_adjacent(spans: Sequence[Span], text: str = "", gap: str = "") -> list[Span]:
    """Merge spans that touch (or are separated only by characters in ``gap``), so a run
    like ``</b><i>`` becomes one shield token instead of two glued ones."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged:
            last = merged[-1]
            between = text[last.end:span.start] if text else ""
            if span.start <= last.end or (
                span.start > last.end and between and all(ch in gap for ch in between)
            ):
                merged[-1] = Span(last.start, max(last.end, span.end))
                continue
        merged.append(Span(span.start, span.end))
    return merged


_QUOTE_PAIRS = {"“": "”", "‘": "’", "«": "»", "„": "“", '"': '"', "'": "'", "`": "'",
                "‹": "›", "「": "」"}


def widen_quoted(spans: Sequence[Span], text: str) -> list[Span]:
    """Grow each span that sits right inside a pair of quotes over the quotes.

    The pt<->en models drop or mangle curly quotes around a lone token (“XT0X”), so a
    quoted placeholder such as “{obj}” is shielded as one piece, quotes included.
    """
    out: list[Span] = []
    for span in spans:
        before = text[span.start - 1] if span.start > 0 else ""
        after = text[span.end] if span.end < len(text) else ""
        if before and _QUOTE_PAIRS.get(before) == after:
            out.append(Span(span.start - 1, span.end + 1))
        else:
            out.append(Span(span.start, span.end))
    return out


def placeholder_texts(text: str, kinds: Iterable[str] | None = None) -> list[str]:
    """The placeholder strings of ``text`` in order (for QA comparisons)."""
    return [text[p.start:p.end] for p in find_placeholders(text, kinds)]
