"""Markdown (CommonMark + GFM tables and strikethrough, YAML/TOML front matter).

markdown-it-py finds the blocks; each inline run (paragraph, heading, list item, table
cell, blockquote paragraph) becomes a segment, located character-exactly in the source
from the token's line map. Everything else — code blocks, HTML blocks, front matter,
reference definitions, blank lines, list markers, ``>`` prefixes — is never touched.

Inside a run, markup is shielded so the sentence is translated as one piece while the
markup comes back exactly: inline code, inline HTML, autolinks and bare URLs,
entities, backslash escapes, emphasis delimiters (``**``, ``_``, ``~~``), and link
syntax (``[`` ``](url "title")``, ``][ref]``); link and image text is translated.
Shortcut reference links (``[Label]`` with a ``[label]: url`` definition) are kept whole,
since translating the label would break the link.

A paragraph spread over several source lines is translated as one text and re-wrapped
into the same number of lines (never starting a line with something that would begin a
new block, such as ``- `` or ``#``); hard line breaks split it into separate segments.
"""

from __future__ import annotations

import bisect
import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from glossa.document import Document, Segment, Span, splice
from glossa.errors import FormatError
from glossa.formats.srt import balance
from glossa.placeholders import find_placeholders, merge_adjacent

_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<\?.*?\?>", re.DOTALL)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{|}~-]+@"
                       r"[\w-]+(?:\.[\w-]+)+>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]|www\.[\w-]+\.[^\s<>()]+")
_DELIM = re.compile(r"\*+|_+|~~")
_ATTRS = re.compile(r"\{[#.][^{}]*\}\s*$")
_BLOCK_START = re.compile(r"^(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|=+\s*$|"
                          r"-+\s*$|`{3}|~{3}|\||<[A-Za-z/!?])")

_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = (MarkdownIt("commonmark").enable(["table", "strikethrough"])
                   .use(front_matter_plugin))
    return _PARSER


# --- inline markup ------------------------------------------------------------------------


def _code_spans(text: str) -> list[Span]:
    """Code spans: a backtick run up to the next run of the same length (CommonMark).

    All maximal runs are found in one pass and each opener is paired by a lookup in the
    runs of its length, so many unclosed runs of different lengths stay linear. A
    backslash escapes the first backtick of an opener, not of a closer.
    """
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[Span] = []
    pos = 0  # text before pos is already inside a span
    for index, (start, end) in enumerate(runs):
        if start > 0 and text[start - 1] == "\\":
            start += 1  # an escaped backtick is literal
        if start < pos or start == end:
            continue
        same = by_length.get(end - start, [])
        later = bisect_right(same, index)
        closer = runs[same[later]] if later < len(same) else None
        if closer is None:
            spans.append(Span(start, end))  # literal backticks
            pos = end
        else:
            spans.append(Span(start, closer[1]))
            pos = closer[1]
    return spans


class _Cover:
    """Is offset i inside any of these (possibly overlapping) spans? O(log n) per query."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach: list[int] = []
        best = -1
        for span in ordered:
            best = max(best, span.end)
            self.reach.append(best)

    def __contains__(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.reach[k] > i

    def end_at(self, i: int) -> int:
        """The end of the covered stretch holding i (i itself if not covered)."""
        k = bisect.bisect_right(self.starts, i) - 1
        return self.reach[k] if k >= 0 and self.reach[k] > i else i


#: Brackets nested deeper than this are not prose; the file is refused as absurd.
MAX_NESTING = 64


def _bracket_pairs(text: str, skip: list[Span]) -> dict[int, int]:
    """opening index -> closing index for [] and (), in one pass (escapes, code skipped).

    Each bracket kind nests on its own, as a depth count from the opener would see it.
    """
    cover = _Cover(skip)
    pairs: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"[": [], "(": []}
    closers = {"]": "[", ")": "("}
    j = 0
    while j < len(text):
        if j in cover:
            j = cover.end_at(j)
            continue
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch in stacks:
            stacks[ch].append(j)
        elif ch in closers and stacks[closers[ch]]:
            pairs[stacks[closers[ch]].pop()] = j
        j += 1
    return pairs


def _check_nesting(text: str, pairs: dict[int, int], path: str | None) -> None:
    """Refuse bracket nesting no writer produces (it would only feed a runaway parse)."""
    ends: list[int] = []
    for start in sorted(pairs):
        while ends and ends[-1] < start:
            ends.pop()
        ends.append(pairs[start])
        if len(ends) > MAX_NESTING:
            line = text.count("\n", 0, start) + 1
            raise FormatError(f"brackets nested more than {MAX_NESTING} deep; "
                              "this is not a Markdown document glossa can translate", path, line)


def _normal_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _links(text: str, skip: list[Span], references: set[str]):
    """(outer, inner) for links and images whose text is translated, plus atomic spans
    (shortcut/collapsed references, footnotes) that must stay whole."""
    elements: list[tuple[Span, Span]] = []
    atomic: list[Span] = []
    pairs = _bracket_pairs(text, skip)
    pending = [(s.start, s.end) for s in skip]  # blocked spans not yet reached
    heapq.heapify(pending)
    reach = -1  # blocked spans start at or after the current "[", so one sweep suffices

    def block(span: Span) -> None:
        heapq.heappush(pending, (span.start, span.end))

    for m in re.finditer(r"(?<!\\)!?\[", text):
        i = m.end() - 1
        while pending and pending[0][0] <= i:
            reach = max(reach, heapq.heappop(pending)[1])
        if reach > i:
            continue
        j = pairs.get(i, -1)
        if j < 0:
            continue
        start, after = m.start(), text[j + 1:j + 2]
        if text[i + 1:i + 2] == "^":  # footnote reference
            atomic.append(Span(start, j + 1))
        elif after == "(":
            k = pairs.get(j + 1, -1)
            if k > 0:
                elements.append((Span(start, k + 1), Span(i + 1, j)))
                block(Span(j, k + 1))
        elif after == "[" and text.find("]", j + 1) > 0:
            k = text.find("]", j + 1)
            if k == j + 2:  # collapsed [text][]: the text is the label
                atomic.append(Span(start, k + 1))
            else:
                elements.append((Span(start, k + 1), Span(i + 1, j)))
                block(Span(j, k + 1))
        elif _normal_label(text[i + 1:j]) in references:
            atomic.append(Span(start, j + 1))  # shortcut reference: keep the label
        if atomic and atomic[-1].start == start:
            block(atomic[-1])
    return elements, atomic


def _is_punct(ch: str) -> bool:
    return bool(ch) and not ch.isalnum() and not ch.isspace()


def _delimiter_runs(text: str, skip: list[Span]):
    """(span, char, can_open, can_close) for emphasis delimiter runs (CommonMark flanking)."""
    runs = []
    cover = _Cover(skip)
    for m in _DELIM.finditer(text):
        if (m.start() > 0 and text[m.start() - 1] == "\\") or m.start() in cover:
            continue
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        left = not after.isspace() and (not _is_punct(after) or before.isspace()
                                        or _is_punct(before))
        right = not before.isspace() and (not _is_punct(before) or after.isspace()
                                          or _is_punct(after))
        char = m.group()[0]
        if char == "_":
            can_open = left and (not right or _is_punct(before))
            can_close = right and (not left or _is_punct(after))
        else:
            can_open, can_close = left, right
        if can_open or can_close:
            runs.append((Span(m.start(), m.end()), char, can_open, can_close))
    return runs


def _emphasis(text: str, skip: list[Span]) -> tuple[list[tuple[Span, Span]], list[Span]]:
    """Matched emphasis pairs as (outer, inner); unmatched flanking runs as plain spans."""
    stack: list[tuple[Span, str]] = []
    by_kind: dict[tuple[str, int], list[int]] = {}  # (char, run length) -> stack positions
    pairs: list[tuple[Span, Span]] = []
    loose: list[Span] = []
    for span, char, can_open, can_close in _delimiter_runs(text, skip):
        length = span.end - span.start
        if can_close and by_kind.get((char, length)):
            match = by_kind[(char, length)][-1]
            opener = stack[match][0]
            for dropped, kind in reversed(stack[match:]):
                by_kind[(kind, dropped.end - dropped.start)].pop()
            loose += [s for s, _ in stack[match + 1:]]
            del stack[match:]
            pairs.append((Span(opener.start, span.end), Span(opener.end, span.start)))
            continue
        if can_open:
            by_kind.setdefault((char, length), []).append(len(stack))
            stack.append((span, char))
        else:
            loose.append(span)
    loose += [s for s, _ in stack]
    return pairs, loose


def _atoms(text: str) -> list[Span]:
    """Code spans, HTML, autolinks, URLs, entities, escapes: shielded whole, never split."""
    found = _code_spans(text)
    for pattern in (_AUTOLINK, _HTML, _ENTITY, _ESCAPE, _URL, _ATTRS):
        found += [Span(m.start(), m.end()) for m in pattern.finditer(text)]
    found += [Span(p.start, p.end)
              for p in find_placeholders(text, ("brace", "email", "path", "variable", "option",
                                               "identifier", "symbol"))]
    return _disjoint(found)


def _disjoint(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end > span.start and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


def inline_protected(text: str, references: set[str] = frozenset()) -> list[Span]:
    """Flat view: every piece of inline markup in ``text`` as its own protected span
    (delimiters and link brackets separately, the text between them translatable)."""
    atoms = _atoms(text)
    links, atomic = _links(text, atoms, set(references))
    dests = [Span(inner.end, outer.end) for outer, inner in links]
    pairs, loose = _emphasis(text, atoms + dests)
    found = atoms + atomic + loose
    for outer, inner in links + pairs:
        found += [Span(outer.start, inner.start), Span(inner.end, outer.end)]
    return merge_adjacent(_disjoint(found), text)


@dataclass
class _Node:
    """A run of inline text: its protected spans and the nested elements (link text,
    emphasis) translated as separate segments and put back inside their markup."""

    text: str
    protected: list[Span]
    children: list[tuple[Span, Span, _Node]] = field(default_factory=list)
    segment: int | None = None  # index in Document.segments, if it has text to translate


def _analyse(text: str, references: set[str], depth: int = 0) -> _Node:
    atoms = _atoms(text)
    links, atomic = _links(text, atoms, references)
    dests = [Span(inner.end, outer.end) for outer, inner in links]
    pairs, loose = _emphasis(text, atoms + dests)
    elements = sorted(links + pairs, key=lambda e: (e[0].start, -e[0].end))
    top: list[tuple[Span, Span]] = []
    for outer, inner in elements:
        if top and outer.start < top[-1][0].end:
            continue  # nested inside a top-level element: handled in its child node
        top.append((outer, inner))

    def inside_top(span: Span) -> bool:
        return any(o.start <= span.start and span.end <= o.end for o, _ in top)

    protected = [o for o, _ in top] + [s for s in atoms + atomic + loose if not inside_top(s)]
    node = _Node(text, merge_adjacent(_disjoint(protected), text))
    if depth < 8:
        for outer, inner in top:
            child = _analyse(text[inner.start:inner.end], references, depth + 1)
            node.children.append((outer, inner, child))
    return node


def _structure_count(text: str, references: set[str]) -> tuple[int, int]:
    """(links + images, emphasis pairs) as _analyse sees them, over all nesting levels."""
    atoms = _atoms(text)
    links, atomic = _links(text, atoms, references)
    dests = [Span(inner.end, outer.end) for outer, inner in links]
    pairs, _ = _emphasis(text, atoms + dests)
    return len(links) + len([a for a in atomic if not text[a.start:].startswith("[^")]), \
        len(pairs)


def _expected_count(children) -> tuple[int, int]:
    links = emphasis = 0
    for child in children or ():
        if child.type == "image" or (child.type == "link_open" and child.markup != "autolink"
                                     and child.info != "auto"):
            links += 1
        elif child.type in ("em_open", "strong_open", "s_open"):
            emphasis += 1
        if child.children:
            more = _expected_count(child.children)
            links, emphasis = links + more[0], emphasis + more[1]
    return links, emphasis


# --- reading ------------------------------------------------------------------------------


def _line_table(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, raw[:-1] if raw.endswith("\r") else raw))
        pos += len(raw) + 1
    return out


def _locate(token, lines, cursors: dict[int, int]) -> list[tuple[int, int, str]] | None:
    """(start, end, content line) in the source for each line of an inline token."""
    found = []
    for k, raw in enumerate(token.content.split("\n")):
        number = token.map[0] + k
        if number >= len(lines):
            return None
        offset, line = lines[number]
        content = raw.strip()
        if not content:
            return None
        at = line.find(content, cursors.get(number, 0))
        if at < 0 and "|" in content:  # table cell with escaped pipes
            content = content.replace("|", "\\|")
            at = line.find(content, cursors.get(number, 0))
        if at < 0:
            return None
        cursors[number] = at + len(content)
        found.append((offset + at, offset + at + len(content), raw))
    return found


def _groups(located: list[tuple[int, int, str]]) -> list[list[tuple[int, int]]]:
    """Split a run's lines at hard breaks; drop the break markers from the ranges."""
    groups: list[list[tuple[int, int]]] = [[]]
    for n, (start, end, content) in enumerate(located):
        last = n == len(located) - 1
        brk = None if last else _HARD_BREAK.search(content)
        if brk and content.endswith("\\"):
            end -= 1
        groups[-1].append((start, end))
        if brk:
            groups.append([])
    return [g for g in groups if g]


def _parse(text: str, path: str | None = None):
    """Block tokens and env (references) of ``text``, BOM and TOML front matter aside."""
    env: dict = {}
    source = text.lstrip("\ufeff")
    skip_lines = _toml_front_matter(_line_table(source))
    if skip_lines:  # blank it out for the parser, keeping line numbers
        parts = source.split("\n", skip_lines)
        source = "\n" * skip_lines + (parts[skip_lines] if len(parts) > skip_lines else "")
    if not source.endswith("\n"):
        # markdown-it-py indexes past the end of a text that stops on a blockquote's empty
        # last line (">- <!--\n>"; its issues #190, #415); a final newline changes no token
        source += "\n"
    try:
        return _parser().parse(source, env), env
    except (IndexError, KeyError, ValueError) as exc:  # any other such port slip
        raise FormatError(f"the Markdown parser failed on this file ({type(exc).__name__}: "
                          f"{exc}); please report it", path) from None


def _shape(tokens) -> list[tuple[str, str, tuple[int, int] | None]]:
    """What the block parser made of a text: every token's type, tag and lines."""
    return [(t.type, t.tag, tuple(t.map) if t.map else None) for t in tokens]


def read(text: str, path: str | None = None, **_options: object) -> Document:
    lines = _line_table(text)
    if lines and lines[0][1].startswith("\ufeff"):
        lines[0] = (lines[0][0] + 1, lines[0][1][1:])
    _check_nesting(text, _bracket_pairs(text, []), path)
    tokens, env = _parse(text, path)
    starts = [offset for offset, _line in lines]
    references = {_normal_label(k) for k in env.get("references", {})}
    segments: list[Segment] = []
    runs: list[tuple[list[tuple[int, int]], _Node]] = []
    cursors: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.content.strip():
            continue
        located = _locate(token, lines, cursors)
        if located is None:
            continue  # could not place it exactly: leave it untranslated
        groups = [_trimmed(text, g) for g in _groups(located)]
        groups = [g for g in groups if g]
        joined = [" ".join(text[s:e] for s, e in g) for g in groups]
        counts = [_structure_count(j, references) for j in joined]
        nested = tuple(map(sum, zip(*counts, strict=False))) == _expected_count(token.children)
        block = tokens[index - 1].type if index else ""
        for ranges, run in zip(groups, joined, strict=True):
            node = (_analyse(run, references) if nested
                    else _Node(run, inline_protected(run, references)))
            _collect(node, segments, {"block": block}, _LineOf(ranges, starts))
            runs.append((ranges, node))
    return Document(text, segments, "md", path,
                    meta={"references": sorted(references), "runs": runs,
                          "shape": _shape(tokens)})


def _toml_front_matter(lines: list[tuple[int, str]]) -> int:
    """Number of lines of a TOML front matter block (+++ ... +++) at the top, else 0
    (YAML front matter is the markdown-it plugin's)."""
    if not lines or lines[0][1].rstrip() != "+++":
        return 0
    for number, (_offset, line) in enumerate(lines[1:], start=1):
        if line.rstrip() == "+++":
            return number + 1
    return 0


def _trimmed(text: str, group: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in group:
        e = s + len(text[s:e].rstrip())
        if e > s:
            out.append((s, e))
    return out


def _has_text(node: _Node) -> bool:
    """Letters outside the protected spans: something for the engine to translate."""
    pos, outside = 0, []
    for span in node.protected:
        outside.append(node.text[pos:span.start])
        pos = span.end
    outside.append(node.text[pos:])
    return any(ch.isalpha() for piece in outside for ch in piece)


@dataclass
class _LineOf:
    """File line of an offset into a run (the run's pieces were joined with spaces)."""

    ranges: list[tuple[int, int]]
    line_starts: list[int]  # offset of every line of the file

    def __call__(self, offset: int) -> int:
        for start, end in self.ranges:
            if offset <= end - start:
                return bisect_right(self.line_starts, start + offset)
            offset -= end - start + 1
        return bisect_right(self.line_starts, self.ranges[-1][1])


def _collect(node: _Node, segments: list[Segment], context: dict, line_of: _LineOf,
             base: int = 0) -> None:
    if _has_text(node):
        node.segment = len(segments)
        segments.append(Segment(node.text, protected=list(node.protected),
                                context={**context, "line": line_of(base)}))
    for _outer, inner, child in node.children:
        _collect(child, segments, {**context, "nested": True}, line_of, base + inner.start)


# --- writing ------------------------------------------------------------------------------


def _compose(node: _Node, segments: list[Segment]) -> str | None:
    """The node's translation with its children's translations put back inside their
    markup; None when nothing in it was translated."""
    if node.segment is not None:
        base = segments[node.segment].translation
        if base is None:
            return None  # untranslated (or failed): keep the whole run as it is
    else:
        base = node.text
    edits: list[tuple[int, int, str]] = []
    changed = node.segment is not None
    for outer, inner, child in node.children:
        new = _compose(child, segments)
        if new is None:
            continue
        new = _fit_fragment(child.text, new)
        original = node.text[outer.start:outer.end]
        pos = _free_find(base, original, edits)
        if pos < 0:
            continue
        markup = (node.text[outer.start:inner.start] + new + node.text[inner.end:outer.end])
        edits.append((pos, pos + len(original), markup))
        changed = True
    if not changed:
        return None
    return splice(base, edits)


def _fit_fragment(source: str, new: str) -> str:
    """A phrase translated on its own (link text, emphasis) comes back like a sentence:
    capitalised, sometimes with a full stop. Undo both when the source phrase had neither."""
    if source[:1].islower() and new[:1].isupper() and not new[1:2].isupper():
        new = new[0].lower() + new[1:]
    if new.endswith(".") and not source.rstrip().endswith((".", "!", "?", "…")):
        new = new[:-1]
    return new


def _free_find(text: str, needle: str, taken: list[tuple[int, int, str]]) -> int:
    pos = text.find(needle)
    while pos >= 0 and any(pos < e and s < pos + len(needle) for s, e, _ in taken):
        pos = text.find(needle, pos + 1)
    return pos


#: srt.balance weighs every space for every break (quadratic); longer paragraphs are
#: wrapped by _wrap_linear instead.
_BALANCED_LINES = 40


def _wrap_linear(text: str, lengths: list[int], protected: list[Span]) -> list[str]:
    """Break at the free space nearest to where the original line lengths put each break."""
    cover = _Cover(protected)
    spaces = [m.start() for m in re.finditer(" ", text) if m.start() not in cover]
    total = sum(lengths) or 1
    out, prev, done = [], 0, 0
    for k in range(1, len(lengths)):
        done += lengths[k - 1]
        goal = len(text) * done / total
        at = bisect_left(spaces, goal)
        options = [s for s in spaces[max(at - 1, 0):at + 1] if s > prev]
        if not options:
            continue
        cut = min(options, key=lambda s: abs(s - goal))
        out.append(text[prev:cut].rstrip())
        prev = cut + 1
    out.append(text[prev:].lstrip())
    return out


def _rewrap(translation: str, ranges: list[tuple[int, int]], text: str,
            references: set[str], guard: bool = True) -> tuple[str, int]:
    """The translation spread over the original lines, joined by the original separators;
    and how many of those lines it fills (a line that would start a new block is joined to
    the one before, so it may be fewer)."""
    if len(ranges) == 1:
        return translation, 1
    protected = inline_protected(translation, references)
    lengths = [e - s for s, e in ranges]
    lines = balance(translation, lengths, protected) if len(ranges) <= _BALANCED_LINES \
        else _wrap_linear(translation, lengths, protected)
    merged: list[str] = []
    for line in lines:
        if merged and guard and _BLOCK_START.match(line):
            merged[-1] += " " + line  # never let a wrapped line start a new block
        else:
            merged.append(line)
    seps = [text[ranges[i][1]:ranges[i + 1][0]] for i in range(len(ranges) - 1)]
    out = merged[0]
    for i, line in enumerate(merged[1:]):
        out += seps[i] + line
    return out, len(merged)


_LEADING_MARK = re.compile(r"^(?:[-+*](?=\s)|#{1,6}(?=\s)|>|\d{1,9}(?=[.)]\s))")


def _no_new_block(source: str, new: str) -> str:
    """The models sometimes start a translation with "- " (for a dropped symbol, say);
    at the start of a run that would open a list. Drop a bullet the source did not have,
    escape any other block marker."""
    mark = _LEADING_MARK.match(new)
    if not mark or _LEADING_MARK.match(source):
        return new
    if mark.group()[0] in "-+*":
        return new[mark.end():].lstrip() or new
    if mark.group()[0].isdigit():
        return new[:mark.end()] + "\\" + new[mark.end():]
    return "\\" + new


# How a run's translation is laid out, tried in this order until the block structure of
# the output is the source's: spread over the source lines (a line that looks like a block
# start joined to the one before); spread, each line after the source line's own prefix
# (an indented "<div>" or "- " continues a paragraph); all on the first line; not at all
# (the run stays in the source language). Re-wrapping can change what a line means to
# the block parser -- a wrapped line that is a lazy continuation inside a blockquote or
# list, the first line of a paragraph that now reads as a reference definition
# (``[x]: /u``), a setext underline, a table row -- so the output is re-parsed, not trusted.
_SPREAD, _SPREAD_ANY, _ONE_LINE, _SOURCE = range(4)


def write(doc: Document) -> str:
    runs = doc.meta.get("runs", ())
    references = set(doc.meta.get("references", ()))
    texts = [_run_text(node, doc.segments) for _ranges, node in runs]
    layout = [_SPREAD if new is not None else _SOURCE for new in texts]
    starts = [offset for offset, _line in _line_table(doc.text)]
    shape = doc.meta.get("shape")
    for _attempt in range(_SOURCE * len(runs) + 1):
        edits, removed = [], []
        for k, (ranges, _node) in enumerate(runs):
            if layout[k] == _SOURCE:
                continue
            new, used = _rewrap(texts[k], ranges[:1] if layout[k] == _ONE_LINE else ranges,
                                doc.text, references, guard=layout[k] == _SPREAD)
            edits.append((ranges[0][0], ranges[-1][1], new))
            removed += [bisect_right(starts, s) - 1 for s, _e in ranges[used:]]
        out = splice(doc.text, edits)
        bad = None
        if shape is not None and edits:
            try:
                bad = _first_difference(shape, _shape(_parse(out)[0]), sorted(removed))
            except FormatError:  # the parser itself failed on the output (at its end so far)
                bad = len(starts) - 1
        if bad is None or not _fall_back(bad, runs, layout, starts):
            break
    _note_kept(runs, texts, layout, doc.segments)
    return out


def _note_kept(runs, texts, layout: list[int], segments: list[Segment]) -> None:
    """Say why a translated run was written in the source language after all."""
    note = "kept in the source language: the translation would change the Markdown block " \
           "structure"
    for (_ranges, node), new, how in zip(runs, texts, layout, strict=True):
        if new is not None and how == _SOURCE and node.segment is not None:
            notes = segments[node.segment].notes
            if note not in notes:
                notes.append(note)


def _run_text(node: _Node, segments: list[Segment]) -> str | None:
    new = _compose(node, segments)
    return None if new is None else _no_new_block(node.text, new)


def _first_difference(shape, out_shape, removed: list[int]) -> int | None:
    """Source line where the output's block structure first departs from the source's
    (token lines shifted by the lines the layout removed), or None if they agree."""
    def moved(line: int) -> int:
        return line - bisect_left(removed, line)

    last = 0
    for k, (kind, tag, lines) in enumerate(shape):
        if lines:
            last = lines[0]
        expected = (kind, tag, (moved(lines[0]), moved(lines[1])) if lines else None)
        if k >= len(out_shape):
            return last
        got = out_shape[k]
        if got == expected:
            continue
        if got[:2] == expected[:2] and lines and got[2] and got[2][0] == expected[2][0]:
            # same block, ending elsewhere: it departs at the line where it first ends
            end = min(got[2][1], expected[2][1])
            return next(line for line in range(lines[0], lines[1] + 1) if moved(line) >= end)
        return last
    return None if len(out_shape) == len(shape) else last


def _fall_back(bad: int, runs, layout: list[int], starts: list[int]) -> bool:
    """Move the runs that can have changed how source line ``bad`` parses one layout down:
    those on that line or the next (a setext underline, a table delimiter row, a line that
    ends a paragraph decide what the line before is), else the nearest run before it."""
    def lines_of(ranges) -> tuple[int, int]:
        return (bisect_right(starts, ranges[0][0]) - 1, bisect_right(starts, ranges[-1][0]) - 1)

    open_runs = [k for k in range(len(runs)) if layout[k] < _SOURCE]
    chosen = [k for k in open_runs
              if lines_of(runs[k][0])[0] <= bad + 1 and bad <= lines_of(runs[k][0])[1]]
    if not chosen:
        before = [k for k in open_runs if lines_of(runs[k][0])[0] <= bad]
        chosen = before[-1:] or open_runs[:1]
    for k in chosen:  # a one-line run has no other layout than its own
        layout[k] = layout[k] + 1 if len(runs[k][0]) > 1 else _SOURCE
    return bool(chosen)


_SNIFF_STRONG = re.compile(r"^(?:#{1,6} \S|```|~~~|\[[^\]\n]+\]:\s*\S)", re.MULTILINE)
_SNIFF_WEAK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|^\s{0,3}[-*+] \S|\*\*\S[^*\n]*\*\*|`[^`\n]+`|"
                         r"^(?:=+|-{3,})\s*$", re.MULTILINE)


def sniff(head: str) -> bool:
    """Markdown: a heading, fence or link definition, or two kinds of inline markup."""
    if _SNIFF_STRONG.search(head):
        return True
    return len({m.group()[:2] for m in _SNIFF_WEAK.finditer(head)}) >= 2
