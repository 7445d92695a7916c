"""Helpers for the format tests: fake translations, generated files, real catalogues."""

from __future__ import annotations

import re
import shutil
import sysconfig
from collections.abc import Callable
from pathlib import Path

import polib
from hypothesis import strategies as st

from glossa.document import Document

MSGFMT = shutil.which("msgfmt")


def django_catalogues() -> list[Path]:
    """Real PO files shipped with Django (a dev dependency), sorted."""
    root = Path(sysconfig.get_paths()["purelib"]) / "django"
    return sorted(root.rglob("*.po")) if root.exists() else []


def django_catalogue(lang: str, domain: str = "conf") -> Path | None:
    root = Path(sysconfig.get_paths()["purelib"]) / "django"
    base = root / "conf" if domain == "conf" else root / "contrib" / domain
    path = base / "locale" / lang / "LC_MESSAGES" / "django.po"
    return path if path.exists() else None


def fake_translate(doc: Document, fn: Callable[[str], str] = str.upper,
                   target: str = "pt") -> Document:
    """Fill every segment as if an engine had translated it (protected spans kept)."""
    for segment in doc.segments:
        pieces, pos = [], 0
        for span in sorted(segment.protected, key=lambda s: s.start):
            pieces += [fn(segment.text[pos:span.start]), segment.text[span.start:span.end]]
            pos = span.end
        pieces.append(fn(segment.text[pos:]))
        segment.translation = "".join(pieces)
    doc.meta["target"] = target
    return doc


def tr(text: str) -> str:
    """A recognisable fake translation that keeps length roughly: swap case of letters."""
    return text.swapcase()


# --- generated PO files ---------------------------------------------------------------------

_WORDS = st.sampled_from(["File", "open", "the", "%s", "%(name)s", "{0}", "<b>", "</b>",
                          "&amp;", "\\", '"', "\t", "\n", "Olá", "日本", "  ", "x", "%d",
                          "é", "&Save", "https://x.org/a?b=1"])
_MESSAGE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join).filter(
    lambda s: s.strip() != "")


def _field(keyword: str, value: str, prefix: str = "", wrap: bool = False) -> list[str]:
    escaped = polib.escape(value)
    if wrap and len(escaped) > 10:
        cut = len(escaped) // 2
        while cut < len(escaped) and escaped[cut - 1] == "\\":
            cut += 1  # never split an escape sequence
        return [f'{prefix}{keyword} ""', f'{prefix}"{escaped[:cut]}"', f'{prefix}"{escaped[cut:]}"']
    return [f'{prefix}{keyword} "{escaped}"']


@st.composite
def po_files(draw, header: bool = True) -> tuple[str, list[dict]]:
    """A syntactically valid PO file (as text) and what its active entries hold."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    lines: list[str] = []
    if header:
        lines += ["# Generated catalogue", 'msgid ""', 'msgstr ""',
                  '"Project-Id-Version: test 1.0\\n"',
                  '"Content-Type: text/plain; charset=UTF-8\\n"']
        if draw(st.booleans()):
            lines.append('"Language: pt\\n"')
        if draw(st.booleans()):
            lines.append('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
        lines.append("")
    entries: list[dict] = []
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(0, 6))):
        msgid = draw(_MESSAGE)
        ctxt = draw(st.none() | st.sampled_from(["menu", "button"]))
        if (ctxt, msgid) in seen:
            continue
        seen.add((ctxt, msgid))
        plural = draw(st.none() | _MESSAGE)
        filled = draw(st.booleans())
        flags = draw(st.sampled_from([[], ["python-format"], ["fuzzy"], ["c-format", "no-wrap"]]))
        wrap = draw(st.booleans())
        if draw(st.booleans()):
            lines.append("# translator comment")
        lines.append("#: src/app.py:12")
        if flags:
            lines.append("#, " + ", ".join(flags))
        if draw(st.booleans()):
            lines.append('#| msgid "old text"')
        if ctxt:
            lines.append(f'msgctxt "{ctxt}"')
        lines += _field("msgid", msgid, wrap=wrap)
        if plural is not None:
            lines += _field("msgid_plural", plural)
            lines += _field("msgstr[0]", "um" if filled else "")
            lines += _field("msgstr[1]", "uns" if filled else "")
        else:
            lines += _field("msgstr", "traduzido" if filled else "", wrap=wrap)
        entries.append({"msgid": msgid, "msgctxt": ctxt, "plural": plural, "filled": filled,
                        "flags": flags})
        if draw(st.booleans()):
            lines.append("")
    if draw(st.booleans()):
        lines += ['#~ msgid "gone"', '#~ msgstr "ido"']
    text = nl.join(lines) + (nl if draw(st.booleans()) or not lines else "")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, entries


def untouched_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines that are not msgstr / flags lines, from both texts, for byte comparison
    (nor ``#|`` previous strings and glossa's own comments, which go with an old msgstr)."""
    def keep(text: str) -> list[str]:
        out, in_msgstr = [], False
        for line in re.split(r"(?<=\n)", text):
            stripped = line.strip()
            if stripped.startswith("msgstr"):
                in_msgstr = True
                continue
            if stripped.startswith('"') and in_msgstr:
                continue
            in_msgstr = False
            if stripped.startswith(("#,", "#|", "# glossa: ")):
                continue
            out.append(line)
        return out

    return keep(before), keep(after)
