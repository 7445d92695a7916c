"""HTML and XHTML pages (.html, .htm, .xhtml).

The standard library's tolerant ``html.parser.HTMLParser`` cuts the page into tokens
(tags, text, comments, declarations); its ``getpos()`` gives each token's start, so
every token is a character range of the original and the file is never re-serialised:
writing splices translated text into the original, and markup, comments, whitespace,
entities and attribute quoting outside translated text come back byte for byte.

What is translated:

* the text of each block (``p``, ``li``, ``td``, ``h1``, ``title``, ``button``,
  ``option``, a ``div`` holding text directly, ...) as one segment. Inline elements
  inside it (``a``, ``b``, ``em``, ``span``, ``br``, ``sup``, ...) stay in the sentence:
  their tags are protected spans, so the engine translates the sentence whole and the
  tags come back around the translated words. After restore the tags must come back in
  their order, and an element that had text must not come back empty; otherwise the
  block is kept in the source language (with a note);
* attributes people see: ``alt``, ``title``, ``placeholder``, ``aria-label``, the
  ``value`` of input buttons, ``<meta name="description"|"keywords">`` and
  ``og:title``/``og:description`` contents, each as its own segment.

Never translated: ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp``, ``var``,
``template``, ``textarea``, ``svg``, ``math``, and any element with ``translate="no"``
or ``class="notranslate"`` (``translate="yes"`` inside turns it back on). Inside a
sentence such an element is shielded whole, so ``<code>libffi</code> can be used``
stays one sentence. URLs, ``{{ template }}`` placeholders and symbols are shielded too.

A run of sibling elements with only punctuation or short labels between them (a nav
bar, ``Next: <a>Types</a>, Up: <a>Basics</a>``) is one segment per element and label.
An inline element without letters (a ``¶`` anchor) is shielded whole. A block whose
translation changed only in the middle (a foreign phrase) keeps the bytes of its
unchanged beginning and end; otherwise it is re-broken into the source's line count.

Text is decoded for the engine (``&eacute;`` -> ``é``) and escaped again on the way
out: ``&``, ``<`` and ``>`` always, and a character the block spelled as an entity is
written with that entity again. A page declaring a non-UTF-8 charset gets non-ASCII
characters as numeric references. ``<html lang>`` (and ``<body lang>`` when present) is
set to the target language when anything was translated.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser

from glossa.document import Document, Segment, Span, splice
from glossa.errors import FormatError
from glossa.placeholders import find_placeholders, merge_adjacent

VOID = frozenset("area base br col embed hr img input keygen link meta param source track "
                 "wbr command basefont frame isindex".split())
# Phrasing elements that stay inside their sentence (tags protected, text translated).
INLINE = frozenset("a abbr acronym b bdi bdo big br cite code data del dfn em font i img "
                   "input ins kbd mark nobr q s samp small span strike strong sub sup time "
                   "tt u var wbr script style template svg math".split())
# Elements whose content is never translated (inline ones are shielded whole).
NEVER = frozenset("script style code pre kbd samp var template textarea svg math "
                  "xmp listing plaintext".split())
# Shielded elements a reader does not see in the sentence (may be trimmed off its ends).
_UNSEEN = frozenset("script style template".split())
_BUTTON_TYPES = frozenset({"button", "submit", "reset"})
_META_NAMES = frozenset({"description", "keywords", "og:title", "og:description",
                         "twitter:title", "twitter:description"})
_HEAD_ONLY = frozenset({"link", "meta", "style", "script", "base", "head", "html"})

# What closes an open element implicitly when another one starts (a subset of HTML's
# rules, enough to keep translate="no" regions from running on).
_BLOCK_CLOSES_P = frozenset("address article aside blockquote details div dl fieldset "
                            "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup "
                            "hr main menu nav ol p pre section table ul li dd dt".split())
_IMPLIED: dict[str, frozenset[str]] = {
    "li": frozenset({"li", "p"}), "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}), "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}), "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}), "optgroup": frozenset({"option", "optgroup"}),
    "thead": frozenset({"tbody", "tfoot", "tr", "td", "th"}),
    "tbody": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    "tfoot": frozenset({"thead", "tbody", "tr", "td", "th"}),
}

_WS = " \t\n\r\f"
_TEXT_PIECE = re.compile(r"[ \t\n\r\f]+|&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)"
                         r"|<|>|[^ \t\n\r\f&<>]+|&")
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][-.A-Za-z0-9]*;?)")
_ATTR = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAG_NAME = re.compile(r"</?([^\s/>]+)")
_CHARSET = re.compile(r"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_SNIFF = re.compile(r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                    r"(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                    re.IGNORECASE | re.DOTALL)
# (tags and entities are the format's own pieces; printf is not HTML: "100%o" is prose)
PROTECT_KINDS = ("code", "url", "path", "variable", "call", "option", "identifier", "brace",
                 "symbol")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACER = re.compile("[\u00a0\u2002\u2003\u2009]+")


def sniff(head: str) -> bool:
    """An HTML page: a doctype or <html>/<head>/<body> first (after comments, <?xml?>)."""
    return bool(_SNIFF.match(head.lstrip("\ufeff")))


# --- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Attr:
    name: str  # lower case
    value: str | None  # decoded
    start: int  # offsets of the raw value (inside the quotes) in the file
    end: int
    quote: str  # '"', "'" or "" (unquoted)


@dataclass
class _Token:
    kind: str  # "start" | "end" | "text" | "markup"
    start: int
    end: int
    name: str = ""
    attrs: list[_Attr] = field(default_factory=list)
    void: bool = False


class _Recorder(HTMLParser):
    """Notes where each token starts; its end is where the next one starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, tuple[int, int], str, int]] = []

    def _note(self, kind: str, name: str = "", length: int = -1) -> None:
        self.events.append((kind, self.getpos(), name, length))

    def handle_starttag(self, tag, attrs):
        self._note("start", tag, len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag, attrs):
        self._note("void", tag, len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        self._note("end", tag)

    def handle_data(self, data):
        self._note("text", "", len(data))

    def handle_entityref(self, name):
        self._note("text")

    def handle_charref(self, name):
        self._note("text")

    def handle_comment(self, data):
        self._note("markup")

    def handle_decl(self, decl):
        self._note("markup")

    def handle_pi(self, data):
        self._note("markup")

    def unknown_decl(self, data):
        self._note("markup")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _tokenize(text: str, begin: int, path: str | None) -> list[_Token]:
    """Contiguous tokens covering text[begin:]; text HTMLParser skipped becomes markup."""
    recorder = _Recorder()
    try:
        recorder.feed(text[begin:])
        recorder.close()
    except (AssertionError, ValueError, IndexError, RecursionError) as exc:
        raise FormatError(f"cannot tokenize this HTML ({type(exc).__name__}: {exc})",
                          path) from None
    lines = _line_starts(text[begin:])
    starts = [begin + lines[line - 1] + col for _kind, (line, col), _n, _l in recorder.events]
    tokens: list[_Token] = []
    for k, (kind, _pos, name, length) in enumerate(recorder.events):
        start, end = starts[k], starts[k + 1] if k + 1 < len(starts) else len(text)
        if end <= start:
            continue
        if kind == "text" and length < 0:  # an entity or character reference
            ref = _REFERENCE.match(text, start)
            length = ref.end() - start if ref else -1
        if kind == "text" and tokens and tokens[-1].kind == "text" and \
                tokens[-1].end == start:
            tokens[-1].end = start + length if 0 <= length < end - start else end
        else:
            cut = start + length if 0 <= length < end - start else end
            tokens.append(_token(kind, text, start, cut, name))
        if tokens[-1].end < end:  # something the parser dropped ("</>"): opaque markup
            tokens.append(_Token("markup", tokens[-1].end, end))
    if tokens and tokens[0].start > begin:
        tokens.insert(0, _Token("markup", begin, tokens[0].start))
    return tokens


def _token(kind: str, text: str, start: int, end: int, name: str) -> _Token:
    if kind in ("start", "void"):
        raw = text[start:end]
        tag = _TAG_NAME.match(raw)
        return _Token("start", start, end, name, _attributes(raw, start, tag.end() if tag
                                                             else 1),
                      void=kind == "void" or name in VOID)
    return _Token(kind, start, end, name)


def _attributes(raw: str, offset: int, pos: int) -> list[_Attr]:
    body_end = len(raw) - (2 if raw.endswith("/>") else 1)
    found = []
    for m in _ATTR.finditer(raw, pos, max(pos, body_end)):
        group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
        if group is None:
            found.append(_Attr(m.group(1).lower(), None, offset + m.end(), offset + m.end(), ""))
            continue
        quote = {2: '"', 3: "'", 4: ""}[group]
        found.append(_Attr(m.group(1).lower(), html.unescape(m.group(group)),
                           offset + m.start(group), offset + m.end(group), quote))
    return found


def _attr(token: _Token, name: str) -> _Attr | None:
    return next((a for a in token.attrs if a.name == name), None)


# --- reading ------------------------------------------------------------------------------


@dataclass
class _Item:
    """One thing inside a block: text, a tag kept in the sentence, or shielded markup."""

    kind: str  # "text" | "tag" | "shield"
    start: int
    end: int
    token: _Token | None = None
    closing: bool = False
    seen: bool = False  # shielded markup a reader sees (code, an image)


@dataclass
class _Piece:
    """A protected piece of a block's segment text and what it is in the file."""

    start: int  # in the segment text
    end: int
    text: str  # as it stands in the segment text
    raw: str  # what goes back into the file
    at: int  # where ``raw`` starts in the file
    tag: _Token | None = None  # a tag whose attributes may be translated
    seen: bool = True


@dataclass
class _Block:
    start: int
    end: int
    pieces: list[_Piece]
    pairs: list[tuple[int, int]]  # (open, close) piece indices of elements that had text
    breaks: list[tuple[int, str]]  # (position of a space in the segment text, raw separator)
    spelled: dict[str, str]  # character -> the entity the block wrote it with
    # (segment offset, file offset, segment length, file length, copied as is) per piece of
    # text put into the segment: where an unchanged prefix or suffix ends in the file
    anchors: list[tuple[int, int, int, int, bool]]


@dataclass
class _Open:
    name: str
    translate: bool
    shield_start: int | None = None  # a shielded element inside a sentence starts here


class _Reader:
    def __init__(self, text: str, path: str | None) -> None:
        self.text, self.path = text, path
        self.lines = _line_starts(text)
        self.segments: list[Segment] = []
        self.blocks: list[_Block] = []
        self.attrs: list[tuple[int, _Attr]] = []  # (segment index, attribute)
        self.stack: list[_Open] = []
        self.block_at: list[int] = []  # stack indices of the open non-inline elements
        self.open_count: dict[str, int] = {}
        self.run: list[_Item] = []
        self.shielding: int | None = None  # stack index of the element being shielded

    def line(self, offset: int) -> int:
        return bisect_right(self.lines, offset)

    # stack ------------------------------------------------------------------------------

    def translating(self) -> bool:
        return self.stack[-1].translate if self.stack else True

    def push(self, entry: _Open) -> None:
        if entry.name not in INLINE:
            self.block_at.append(len(self.stack))
        self.stack.append(entry)
        self.open_count[entry.name] = self.open_count.get(entry.name, 0) + 1

    def pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            gone = self.stack.pop()
            self.open_count[gone.name] -= 1
        while self.block_at and self.block_at[-1] >= index:
            self.block_at.pop()

    def find(self, name: str) -> int | None:
        if not self.open_count.get(name):
            return None
        return next(i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i].name == name)

    # walking ----------------------------------------------------------------------------

    def walk(self, tokens: list[_Token]) -> None:
        for token in tokens:
            if self.shielding is not None and self.inside_shield(token):
                continue
            if token.kind == "text":
                if self.translating():
                    self.run.append(_Item("text", token.start, token.end))
            elif token.kind == "markup":
                if self.run:
                    self.run.append(_Item("shield", token.start, token.end))
            elif token.kind == "start":
                self.start_tag(token)
            else:
                self.end_tag(token)
        if self.shielding is not None:
            self.finish_shield(len(self.text))
        self.flush()

    def inside_shield(self, token: _Token) -> bool:
        """Track nesting inside a shielded element; False once the token ends it."""
        if token.kind == "start" and not token.void:
            self.push(_Open(token.name, False))
        elif token.kind == "end":
            index = self.find(token.name)
            if index is not None and index <= self.shielding:
                if index == self.shielding:
                    self.finish_shield(token.end)
                    self.pop_to(index)
                    return True
                self.finish_shield(token.start)
                return False  # an ancestor's end tag: handled normally
            if index is not None:
                self.pop_to(index)
        return True

    def finish_shield(self, end: int) -> None:
        entry = self.stack[self.shielding]
        self.run.append(_Item("shield", entry.shield_start, end,
                              seen=entry.name not in _UNSEEN))
        self.pop_to(self.shielding)
        self.shielding = None

    def start_tag(self, token: _Token) -> None:
        name = token.name
        self.close_implied(name)
        parent = self.translating()
        translate = self.own_translate(token, parent)
        if translate:
            self.note_attributes(token)
        if name in INLINE and parent:
            if translate:
                self.run.append(_Item("tag", token.start, token.end, token))
                if not token.void:
                    self.push(_Open(name, True))
            elif token.void:
                self.run.append(_Item("shield", token.start, token.end, seen=True))
            else:
                self.push(_Open(name, False, token.start))
                self.shielding = len(self.stack) - 1
            return
        self.flush()
        if not token.void:
            self.push(_Open(name, translate))

    def close_implied(self, name: str) -> None:
        closes = _IMPLIED.get(name, frozenset({"p"}) if name in _BLOCK_CLOSES_P else None)
        if not closes:
            return
        block = self.block_at[-1] if self.block_at else None
        if block is not None and self.stack[block].name in closes:
            self.flush()
            self.pop_to(block)

    def own_translate(self, token: _Token, parent: bool) -> bool:
        if token.name in NEVER:
            return False
        flag = _attr(token, "translate")
        classes = (_attr(token, "class") or _Attr("", "", 0, 0, "")).value or ""
        if "notranslate" in classes.split():
            return False
        if flag is not None and (flag.value or "").strip().lower() == "no":
            return False
        if flag is not None and (flag.value or "").strip().lower() in ("yes", ""):
            return True
        return parent

    def end_tag(self, token: _Token) -> None:
        index = self.find(token.name)
        inline_above = index is None or not self.block_at or self.block_at[-1] <= index
        if token.name in INLINE and self.translating() and inline_above:
            self.run.append(_Item("tag", token.start, token.end, token, closing=True))
        else:
            self.flush()
        if index is not None:
            self.pop_to(index)

    # attributes -------------------------------------------------------------------------

    def note_attributes(self, token: _Token) -> None:
        for attr in _visible_attributes(token):
            if not attr.value or not any(ch.isalpha() for ch in attr.value):
                continue
            if re.fullmatch(r"\s*(?:[a-z][\w+.-]*:|www\.|/|#)\S*\s*", attr.value, re.I):
                continue  # a URL or a path
            index = len(self.segments)
            protected = merge_adjacent(find_placeholders(attr.value, PROTECT_KINDS),
                                       attr.value)
            self.segments.append(Segment(attr.value, attr.start, attr.end, protected,
                                         context={"line": self.line(attr.start),
                                                  "attribute": attr.name,
                                                  "element": token.name}))
            self.attrs.append((index, attr))

    # blocks -----------------------------------------------------------------------------

    def flush(self) -> None:
        run, self.run = _shield_letterless(self.run, self.text), []
        for part in _split_listing(run, self.text):
            self.block(part)

    def block(self, items: list[_Item]) -> None:
        content = [k for k, item in enumerate(items) if _is_content(item, self.text)]
        if not content:
            return
        first, last = _balanced_extent(items, content[0], content[-1])
        items = _inside_lone_element(items[first:last + 1], self.text)
        builder = _SegmentText(self.text)
        for k, item in enumerate(items):
            builder.add(item, first=k == 0, last=k == len(items) - 1)
        text = builder.text()
        protected = _protected(text, builder.pieces)
        if not _letters_outside(text, protected):
            return
        start, end = builder.bounds
        block = _Block(start, end, builder.pieces, _pairs(builder.pieces, text),
                       builder.breaks, builder.spelled, builder.anchors)
        self.segments.append(Segment(text, start, end, protected,
                                     context={"line": self.line(start),
                                              "block": len(self.blocks)}))
        self.blocks.append(block)


def _partners(items: list[_Item]) -> dict[int, int]:
    """Open tag index <-> close tag index for the inline elements of a run."""
    open_at: dict[str, list[int]] = {}
    partner: dict[int, int] = {}
    for k, item in enumerate(items):
        if item.kind != "tag" or item.token is None or item.token.void:
            continue
        if not item.closing:
            open_at.setdefault(item.token.name, []).append(k)
        elif open_at.get(item.token.name):
            opened = open_at[item.token.name].pop()
            partner[opened], partner[k] = k, opened
    return partner


def _balanced_extent(items: list[_Item], first: int, last: int) -> tuple[int, int]:
    """Grow [first, last] over tags around it whose partner is inside it, so
    ``<acronym>FFI</acronym> stands for`` keeps both tags in the segment; a pair
    wrapping the whole text (``<li><a>Home</a></li>``) stays outside."""
    partner = _partners(items)
    changed = True
    while changed:
        changed = False
        for k in range(first):
            if first <= partner.get(k, -1) <= last:
                first, changed = k, True
                break
        for k in range(len(items) - 1, last, -1):
            if first <= partner.get(k, len(items)) <= last:
                last, changed = k, True
                break
    return first, last


def _inside_lone_element(items: list[_Item], text: str) -> list[_Item]:
    """``<a>closures</a>:``: when one element holds every letter, its content is the
    segment (the punctuation outside stays where it is)."""
    while items and items[0].kind == "tag" and not items[0].closing:
        close = _partners(items).get(0)
        if close is None or any(_is_content(it, text) and it.kind != "text" or
                                it.kind == "text" and _has_alnum(text[it.start:it.end])
                                for it in items[close + 1:]):
            break
        inner = items[1:close]
        content = [k for k, it in enumerate(inner) if _is_content(it, text)]
        if not content:
            break
        first, last = _balanced_extent(inner, content[0], content[-1])
        items = inner[first:last + 1]
    return items


def _visible_attributes(token: _Token) -> list[_Attr]:
    name = token.name
    out = []
    for attr in token.attrs:
        if attr.name in ("alt", "placeholder", "aria-label", "aria-placeholder") or (
                attr.name == "title" and name not in _HEAD_ONLY):
            out.append(attr)
    if name == "input":
        kind = _attr(token, "type")
        if kind is not None and (kind.value or "").lower() in _BUTTON_TYPES:
            out += [a for a in token.attrs if a.name == "value"]
    if name == "meta":
        key = _attr(token, "name") or _attr(token, "property")
        if key is not None and (key.value or "").strip().lower() in _META_NAMES:
            out += [a for a in token.attrs if a.name == "content"]
    return out


def _is_content(item: _Item, text: str) -> bool:
    if item.kind == "text":
        return bool(text[item.start:item.end].strip(_WS))
    return item.kind == "shield" and item.seen


_LABEL = re.compile(r"(?:[^\W\d_][\w'’.-]*\s+){0,2}[^\W\d_][\w'’.-]*:")


def _split_listing(items: list[_Item], text: str) -> list[list[_Item]]:
    """A run made of sibling elements with only punctuation or short labels between them
    is one segment per element and per label, since they are separate strings, not one
    sentence: a nav bar ("<a>Home</a> | <a>About</a>") or "Next: <a>Types</a>, Up:
    <a>Using libffi</a>". The punctuation around the labels stays as it is."""
    depth, parts, current, labels = 0, [], [], []
    for item in items:
        if item.kind == "tag" and item.token is not None and not item.token.void:
            depth += -1 if item.closing else 1
            if depth < 0:
                return [items]
        if depth == 0 and not (item.kind == "tag" and item.closing):
            if item.kind == "shield" and item.seen:
                return [items]
            if item.kind == "text":
                label = _label(item, text)
                if label is False:
                    return [items]
                if label is not None:
                    labels.append([label])
            continue
        current.append(item)
        if depth == 0:
            parts.append(current)
            current = []
    if depth != 0 or len(parts) + len(labels) < 2 or not parts:
        return [items]
    return sorted(parts + labels, key=lambda part: part[0].start)


def _label(item: _Item, text: str) -> _Item | None | bool:
    """The label inside a text between elements (None: only punctuation; False: prose)."""
    raw = text[item.start:item.end]
    if not _has_alnum(raw):
        return None
    letters = [m for m in re.finditer(r"\w", raw)]
    found = _LABEL.search(raw)
    if found is None or found.start() > letters[0].start() or found.end() <= letters[-1].start():
        return False
    return _Item("text", item.start + found.start(), item.start + found.end())


def _has_alnum(raw: str) -> bool:
    return any(ch.isalnum() for ch in html.unescape(raw))


def _shield_letterless(items: list[_Item], text: str) -> list[_Item]:
    """An inline element with no letters or digits inside (a pilcrow link "<a>¶</a>", an
    empty anchor "<span id=x></span>") is shielded whole: nothing in it to translate, and
    one token is easier for the engine to place than two."""
    partner = _partners(items)
    out, k = [], 0
    while k < len(items):
        close = partner.get(k, -1)
        if close > k and not any(
                (it.kind == "text" and _has_alnum(text[it.start:it.end]))
                or (it.kind == "shield" and it.seen) for it in items[k + 1:close]):
            # not "seen": trimmed off the ends of a block like a bare tag
            out.append(_Item("shield", items[k].start, items[close].end))
            k = close + 1
            continue
        out.append(items[k])
        k += 1
    return out


class _SegmentText:
    """Builds a block's segment text: text decoded with spaces collapsed, tags verbatim."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.length = 0
        self.pieces: list[_Piece] = []
        self.breaks: list[tuple[int, str]] = []
        self.spelled: dict[str, str] = {}
        self.anchors: list[tuple[int, int, int, int, bool]] = []
        self.bounds = (0, 0)

    def text(self) -> str:
        return "".join(self.out)

    def _put(self, text: str, at: int, raw_length: int, exact: bool) -> None:
        self.anchors.append((self.length, at, len(text), raw_length, exact))
        self.out.append(text)
        self.length += len(text)

    def _protect(self, raw_text: str, raw: str, at: int, tag: _Token | None = None,
                 seen: bool = True, source_length: int | None = None) -> None:
        self.pieces.append(_Piece(self.length, self.length + len(raw_text), raw_text, raw, at,
                                  tag, seen))
        length = len(raw) if source_length is None else source_length
        self._put(raw_text, at, length, raw_text == raw and length == len(raw))

    def add(self, item: _Item, first: bool, last: bool) -> None:
        start, end = item.start, item.end
        raw = self.source[start:end]
        if item.kind == "text":
            if first:
                start += len(raw) - len(raw.lstrip(_WS))
            if last:
                end -= len(raw) - len(raw.rstrip(_WS))
            self.add_text(self.source[start:end], start)
        else:
            seen = item.kind == "shield" and item.seen
            self._protect(raw, raw, start, item.token if item.kind == "tag" else None, seen)
        self.bounds = (start if first else self.bounds[0], end)

    def add_text(self, raw: str, at: int) -> None:
        for m in _TEXT_PIECE.finditer(raw):
            piece, where = m.group(), at + m.start()
            if piece[0] in _WS:
                if "\n" in piece:
                    self.breaks.append((self.length, piece))
                self._put(" ", where, len(piece), piece == " ")
            elif piece == "<":  # written back as &lt; (a letter may follow it now)
                self._protect("<", "&lt;", where, source_length=1)
            elif piece == ">":
                self._protect(">", ">", where)
            elif piece[0] == "&" and len(piece) > 1:
                decoded = html.unescape(piece)
                if decoded in "<>":  # markup-like: the models drop or mangle them
                    self._protect(decoded, piece, where)
                    continue
                if decoded != piece and len(decoded) == 1:
                    self.spelled.setdefault(decoded, piece if piece.endswith(";")
                                            else html.escape(decoded) if decoded in "&<>"
                                            else piece + ";")
                self._put(decoded, where, len(piece), decoded == piece)
            else:
                self._put(piece, where, len(piece), True)


def _protected(text: str, pieces: list[_Piece]) -> list[Span]:
    spans = [Span(p.start, p.end) for p in pieces]
    found = [Span(f.start, f.end) for f in find_placeholders(text, PROTECT_KINDS)]
    found += [Span(*m.span()) for m in _EMAIL.finditer(text)]  # the models eat ".org"
    for m in _SPACER.finditer(text):  # "&nbsp; [": layout the models would drop
        a, b = m.span()
        if not (a and text[a - 1].isalnum() and b < len(text) and text[b].isalnum()):
            found.append(Span(a, b))
    for span in found:
        if all(span.end <= s.start or span.start >= s.end for s in spans):
            spans.append(span)
    return merge_adjacent(spans, text)


def _letters_outside(text: str, protected: list[Span]) -> bool:
    pos, outside = 0, []
    for span in protected:
        outside.append(text[pos:span.start])
        pos = span.end
    outside.append(text[pos:])
    return any(ch.isalpha() for piece in outside for ch in piece)


def _tag_name(piece: _Piece) -> tuple[str, bool] | None:
    if piece.tag is None or piece.tag.void:
        return None
    return piece.tag.name, piece.raw.startswith("</")


def _pairs(pieces: list[_Piece], text: str) -> list[tuple[int, int]]:
    """(open, close) piece indices of inline elements with visible content in the source."""
    open_at: dict[str, list[int]] = {}
    pairs = []
    for k, piece in enumerate(pieces):
        name = _tag_name(piece)
        if name is None:
            continue
        if not name[1]:
            open_at.setdefault(name[0], []).append(k)
        elif open_at.get(name[0]):
            first = open_at[name[0]].pop()
            if _has_content(text, pieces, first, k, pieces[first].end, piece.start):
                pairs.append((first, k))
    return pairs


def _has_content(text: str, pieces: list[_Piece], first: int, last: int,
                 start: int, end: int, positions: list[tuple[int, int]] | None = None) -> bool:
    """Something a reader sees between pieces ``first`` and ``last``."""
    pos = start
    for k in range(first + 1, last):
        a, b = positions[k] if positions else (pieces[k].start, pieces[k].end)
        if text[pos:a].strip() or pieces[k].seen and pieces[k].tag is None:
            return True
        pos = b
    return bool(text[pos:end].strip())


def read(text: str, path: str | None = None, **_options: object) -> Document:
    begin = 1 if text.startswith("\ufeff") else 0
    tokens = _tokenize(text, begin, path)
    reader = _Reader(text, path)
    reader.walk(tokens)
    tag_starts = [t.start for t in tokens if t.kind in ("start", "end")]
    for segment in reader.segments:  # the same in a translation: tags are never changed
        segment.context["anchor"] = bisect_left(tag_starts, segment.start or 0)
    charset = _CHARSET.search(text[:4096])
    ascii_only = bool(charset) and charset.group(1).lower() not in ("utf-8", "utf8")
    return Document(text, reader.segments, "html", path,
                    meta={"blocks": reader.blocks, "attrs": reader.attrs,
                          "lang": _lang_targets(tokens),
                          "ascii": ascii_only})


def _lang_targets(tokens: list[_Token]) -> list[tuple[str, int, list[_Attr]]]:
    """(element, end of its name, attributes) of the first <html> and <body> start tags."""
    found = {}
    for token in tokens:
        if token.kind == "start" and token.name in ("html", "body") and \
                token.name not in found:
            found[token.name] = (token.name, token.start + 1 + len(token.name), token.attrs)
    return list(found.values())


def review_text(doc: Document, segment: Segment) -> str:
    """A segment as a reader sees it, for ``glossa review``: tags dropped, shielded
    elements (``<code>x</code>``) as their text."""
    if "block" not in segment.context:
        return segment.text
    block: _Block = doc.meta["blocks"][segment.context["block"]]
    out, pos = [], 0
    for piece in block.pieces:
        out.append(segment.text[pos:piece.start])
        if piece.tag is None:
            out.append(html.unescape(re.sub(r"<[^<>]*>", "", piece.text)) if piece.seen
                       or piece.text == "<" else "")
        elif piece.tag.name == "br":
            out.append(" ")
        pos = piece.end
    out.append(segment.text[pos:])
    return re.sub(r" {2,}", " ", "".join(out)).strip()


# --- writing ------------------------------------------------------------------------------


def _escape(text: str, spelled: dict[str, str], ascii_only: bool) -> str:
    out = []
    for ch in text:
        if ch == "&":
            out.append(spelled.get(ch, "&amp;"))
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append(spelled.get(ch, "&gt;"))
        elif ch in spelled:
            out.append(spelled[ch])
        elif ascii_only and ord(ch) > 127:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def _escape_attribute(value: str, quote: str, ascii_only: bool) -> str:
    out = _escape(value, {}, ascii_only)
    if quote == '"' or not quote:
        out = out.replace('"', "&quot;")
    if quote == "'":
        out = out.replace("'", "&#39;")
    if not quote and (not out or re.search(r"[\s'=`]", out)):
        return f'"{out}"'
    return out


def _locate(translation: str, pieces: list[_Piece]) -> list[tuple[int, int]] | None:
    """Where each protected piece is in the translation, in the source's order."""
    found, pos = [], 0
    for piece in pieces:
        at = translation.find(piece.text, pos)
        if at < 0:
            return None
        found.append((at, at + len(piece.text)))
        pos = at + len(piece.text)
    return found


def _break_spaces(text: str, breaks: list[tuple[int, str]], length: int,
                  blocked: list[tuple[int, int]]) -> dict[int, str]:
    """Spaces of ``text`` to turn into the source's line breaks, spread like the source's."""
    if not breaks:
        return {}
    free = [True] * len(text)
    for a, b in blocked:
        free[max(a, 0):max(b, 0)] = [False] * (max(b, 0) - max(a, 0))
    spaces = [i for i, ch in enumerate(text) if ch == " " and free[i]]
    chosen: dict[int, str] = {}
    low = 0  # index into spaces of the first one still free to use
    for n, (pos, separator) in enumerate(breaks):
        left = len(breaks) - n - 1  # breaks still to place after this one
        top = len(spaces) - left
        if low >= top:
            break
        goal = len(text) * pos / max(length, 1)
        k = min(max(bisect_left(spaces, goal, low, top), low), top - 1)
        if k > low and abs(spaces[k - 1] - goal) <= abs(spaces[k] - goal):
            k -= 1
        chosen[spaces[k]] = separator
        low = k + 1
    return chosen


def _render(block: _Block, segment: Segment, attr_edits: list[tuple[int, int, str]],
            ascii_only: bool) -> tuple[int, int, str] | None:
    """The edit putting the block's translation into the file, or None (with a note) when
    the tags did not come back. Text the translation left as it was (everything but a
    foreign phrase, say) keeps its bytes: only the part between is written anew."""
    new = segment.translation or ""
    positions = _locate(new, block.pieces)
    if positions is None:
        segment.notes.append("kept in the source language: the inline markup did not come "
                             "back in its order")
        return None
    for first, last in block.pairs:
        if not _has_content(new, block.pieces, first, last, positions[first][1],
                            positions[last][0], positions):
            name = block.pieces[first].tag.name if block.pieces[first].tag else "?"
            segment.notes.append(f"kept in the source language: the <{name}> element came "
                                 "back empty")
            return None
    head, tail = _unchanged_ends(block, segment.text, new, positions)
    if head == len(segment.text) == len(new):
        return None  # nothing changed
    start, end = _file_offset(block, head), _file_offset(block, len(segment.text) - tail)
    if start is None or end is None:  # cannot happen: _unchanged_ends checked both
        start, end, head, tail = block.start, block.end, 0, 0
    stop = len(new) - tail
    source_stop = len(segment.text) - tail
    inner = [(pos - head, sep) for pos, sep in block.breaks if head <= pos < source_stop]
    breaks = {head + k: sep for k, sep in _break_spaces(
        new[head:stop], inner, source_stop - head,
        [(a - head, b - head) for a, b in positions]).items()}
    out, pos = [], head

    def text_part(a: int, b: int) -> None:
        last = a
        for k in range(a, b):
            if k in breaks:
                out.append(_escape(new[last:k], block.spelled, ascii_only))
                out.append(breaks[k])
                last = k + 1
        out.append(_escape(new[last:b], block.spelled, ascii_only))

    for piece, (a, b) in zip(block.pieces, positions, strict=True):
        if a >= head and b <= stop:
            text_part(pos, a)
            out.append(_with_attributes(piece, attr_edits))
            pos = b
    text_part(pos, stop)
    return start, end, "".join(out)


def _unchanged_ends(block: _Block, text: str, new: str,
                    positions: list[tuple[int, int]]) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of the source and translated segment text,
    cut back to places that map to the file and lie outside the protected pieces."""
    limit = min(len(text), len(new))
    head = 0
    while head < limit and text[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and text[-1 - tail] == new[-1 - tail]:
        tail += 1
    inside = [(p.start, p.end) for p in block.pieces]
    while head and (_file_offset(block, head) is None or _within(head, inside)
                    or _within(head, positions)):
        head -= 1
    while tail and (_file_offset(block, len(text) - tail) is None
                    or _within(len(text) - tail, inside) or _within(len(new) - tail, positions)):
        tail -= 1
    return head, tail


def _within(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def _file_offset(block: _Block, pos: int) -> int | None:
    """Where segment-text offset ``pos`` is in the file, if it maps to one place."""
    k = bisect_right(block.anchors, (pos, float("inf"))) - 1
    if k < 0:
        return block.start
    seg, at, length, raw_length, exact = block.anchors[k]
    if pos == seg:
        return at
    if pos == seg + length:
        return at + raw_length
    return at + pos - seg if exact and pos < seg + length else None


def _with_attributes(piece: _Piece, attr_edits: list[tuple[int, int, str]]) -> str:
    """The piece's markup with the translated attributes inside it (an <img alt>)."""
    end = piece.at + len(piece.raw)
    first = bisect_left(attr_edits, (piece.at, piece.at, ""))
    inside = []
    for start, stop, new in attr_edits[first:]:
        if start >= end:
            break
        if stop <= end:
            inside.append((start - piece.at, stop - piece.at, new))
    return splice(piece.raw, inside) if inside else piece.raw


def write(doc: Document) -> str:
    ascii_only = bool(doc.meta.get("ascii"))
    blocks: list[_Block] = doc.meta.get("blocks", [])
    attr_edits = sorted(
        (attr.start, attr.end, _escape_attribute(doc.segments[index].translation, attr.quote,
                                                 ascii_only))
        for index, attr in doc.meta.get("attrs", [])
        if doc.segments[index].translation is not None)
    edits: list[tuple[int, int, str]] = list(attr_edits)
    for segment in doc.segments:
        if "block" not in segment.context or segment.translation is None:
            continue
        block = blocks[segment.context["block"]]
        edit = _render(block, segment, attr_edits, ascii_only)
        if edit is not None:
            edits.append(edit)
    if edits and doc.meta.get("target"):
        from glossa.languages import bcp47  # lang="pt-BR" for --to pt_BR

        locale = doc.meta.get("locale") or doc.meta["target"]
        edits += _lang_edits(doc.meta.get("lang", []), bcp47(locale))
    return splice(doc.text, _outermost(edits))


def _outermost(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Attribute edits inside a block already rendered with them are dropped."""
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits, key=lambda e: (e[0], -e[1])):
        if kept and edit[0] < kept[-1][1]:
            continue
        kept.append(edit)
    return kept


def _lang_edits(targets: list[tuple[str, int, list[_Attr]]], lang: str) -> list:
    edits = []
    for name, name_end, attrs in targets:
        present = [a for a in attrs if a.name in ("lang", "xml:lang") and a.value is not None]
        for attr in present:
            edits.append((attr.start, attr.end, lang))
        if not present and name == "html":
            quote = next((a.quote for a in attrs if a.quote), '"')
            edits.append((name_end, name_end, f" lang={quote}{lang}{quote}"))
    return edits
