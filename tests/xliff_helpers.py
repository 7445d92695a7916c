"""Helpers for the XLIFF tests: generated files, what must stay byte for byte, readers."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

DATA = Path(__file__).parent / "data" / "formats" / "xliff"

_WORDS = st.sampled_from(["Open", "the", "file", "now", "Olá", "é", "%s", "{0}", "&amp;",
                          "&lt;b&gt;", "&#8212;", "<![CDATA[a<b]]>", "<!-- c -->", "  ", "\n",
                          "\r\n", "\t", "日本"])


def _words(draw, min_size: int = 1) -> str:
    return " ".join(draw(st.lists(_WORDS, min_size=min_size, max_size=6)))


def _inline_12(draw, depth: int = 0) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "g", "x", "ph", "bpt", "mrk"]))
        if kind == "text" or depth > 1 and kind in ("g", "mrk"):
            pieces.append(_words(draw))
        elif kind == "g":
            pieces.append(f'<g id="{draw(st.integers(1, 9))}">{_inline_12(draw, depth + 1)}</g>')
        elif kind == "mrk":
            pieces.append(f'<mrk mtype="term">{_inline_12(draw, depth + 1)}</mrk>')
        elif kind == "x":
            pieces.append(draw(st.sampled_from(['<x id="2"/>', "<x id='3' ctype=\"lb\" />"])))
        elif kind == "ph":
            pieces.append('<ph id="4">&lt;br/&gt;</ph>')
        else:
            pieces.append('<bpt id="5">&lt;b&gt;</bpt>bold<ept id="5">&lt;/b&gt;</ept>')
    return "".join(pieces)


@st.composite
def xliff12_files(draw) -> str:
    """A well-formed XLIFF 1.2 file with assorted units, whitespace and inline markup."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    ind = draw(st.sampled_from(["", "  ", "\t"]))
    target_lang = draw(st.sampled_from(["", ' target-language=""', ' target-language="de"',
                                        ' target-language="pt-BR"']))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
             f'{ind}<file original="a.txt" source-language="en"{target_lang} datatype="plaintext">',
             f"{ind * 2}<body>"]
    for n in range(draw(st.integers(0, 5))):
        attrs = draw(st.sampled_from(["", ' translate="no"', ' approved="yes"',
                                      ' resname="k"', " xml:space='preserve'"]))
        lines.append(f'{ind * 3}<trans-unit id="u{n}"{attrs}>')
        source = _inline_12(draw)
        lines.append(f"{ind * 4}<source>{source}</source>")
        if draw(st.booleans()):
            lines.append(f'{ind * 4}<seg-source><mrk mtype="seg" mid="1">{_words(draw)}</mrk> '
                         f'<mrk mtype="seg" mid="2">{_words(draw)}</mrk></seg-source>')
        target = draw(st.sampled_from([None, "<target/>", "<target></target>",
                                       '<target state="translated">Aberto</target>']))
        if target:
            lines.append(f"{ind * 4}{target}")
        if draw(st.booleans()):
            lines.append(f"{ind * 4}<note>Note &amp; more</note>")
        lines.append(f"{ind * 3}</trans-unit>")
    lines += [f"{ind * 2}</body>", f"{ind}</file>", "</xliff>"]
    text = nl.join(lines) + (nl if draw(st.booleans()) else "")
    return ("\ufeff" + text) if draw(st.booleans()) else text


def _inline_2(draw, depth: int = 0) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "pc", "ph", "sc", "mrk", "cp"]))
        if kind == "text" or depth > 1 and kind in ("pc", "mrk"):
            pieces.append(_words(draw))
        elif kind == "pc":
            pieces.append(f'<pc id="p{depth}" dispStart="&lt;b&gt;">{_inline_2(draw, depth + 1)}'
                          "</pc>")
        elif kind == "mrk":
            pieces.append(f'<mrk id="m{depth}" translate="no">ACME</mrk>')
        elif kind == "ph":
            pieces.append('<ph id="1" disp="{{ n }}"/>')
        elif kind == "cp":
            pieces.append('<cp hex="0007"/>')
        else:
            pieces.append('<sc id="s1"/>bold<ec startRef="s1"/>')
    return "".join(pieces)


@st.composite
def xliff2_files(draw) -> str:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    trg = draw(st.sampled_from(["", ' trgLang="pt"', ' trgLang="fr"']))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"'
             f"{trg}>", '  <file id="f1">']
    for n in range(draw(st.integers(0, 4))):
        attrs = draw(st.sampled_from(["", ' translate="no"', ' name="key"']))
        lines.append(f'    <unit id="u{n}"{attrs}>')
        if draw(st.booleans()):
            lines.append("      <notes><note>A note</note></notes>")
        for k in range(draw(st.integers(1, 2))):
            state = draw(st.sampled_from(["", ' state="final"', ' state="initial"']))
            lines.append(f'      <segment id="s{k}"{state}>')
            lines.append(f"        <source>{_inline_2(draw)}</source>")
            target = draw(st.sampled_from([None, "<target/>", "<target>Pronto</target>"]))
            if target:
                lines.append(f"        {target}")
            lines.append("      </segment>")
            if draw(st.booleans()):
                lines.append("      <ignorable><source> </source></ignorable>")
        lines.append("    </unit>")
    lines += ["  </file>", "</xliff>"]
    return nl.join(lines) + (nl if draw(st.booleans()) else "")


def outside_targets(text: str) -> str:
    """The text with every target element and the attributes glossa may set taken out:
    what must be byte-identical between an input and its translation."""
    text = re.sub(r"[ \t]*(\r?\n)?[ \t]*<target\b[^>]*/>", "", text)
    text = re.sub(r"[ \t]*(\r?\n)?[ \t]*<target\b[^>]*>.*?</target>", "", text, flags=re.DOTALL)
    return re.sub(r""" (?:state|state-qualifier|subState|trgLang|target-language)"""
                  r"""=("[^"]*"|'[^']*')""", "", text)
