"""Real-world fidelity check: third-party files on this machine through `glossa translate`.

The files are other projects' own: gettext catalogues of Debian packages (GTK, GLib, apt,
dpkg, grep, bash…, decompiled from /usr/share/locale/pt with ``msgunfmt`` and their msgstrs
cleared; coreutils, sed, tar, wget, systemd, Linux-PAM… from /usr/share/locale/pt_BR),
LibreOffice's ScriptForge template, Markdown and plain-text READMEs from /usr/share/doc,
Python packages' READMEs as PyPI shows them (the Markdown description in their METADATA),
HTML manuals (base-passwd's guide, libffi's Texinfo pages), and chardet's subtitle test
files (UTF-8 BOM, UTF-16, UTF-32). Each goes through the CLI, as a user would run it, into
``--to pt`` (or ``--to``). No XLIFF file of another project is on this machine.

glossa's own verification is not trusted here: an independent check compares each
translated unit (a PO entry; a paragraph of a text file; a run between two block tags of
an HTML page, whose block tags must all come through) with its source for what must come
through unchanged (printf and brace placeholders, tags and entities, URLs, e-mail
addresses, paths, ``--options``, code spans, CamelCase identifiers, codes such as MP3 or
tpm2-tools, non-Latin runs, numbers of two digits or more), for leftover masks, unpaired
double quotes, brackets the source lacks and capitals broken ("iBM"). A unit glossa wrote
with a warning on it counts as ``warned``, not ``wrong``. A unit glossa kept in the source
language must be reported on stderr. ``msgfmt -c`` must pass on every PO output. The last
line is

    fidelity files=N units=N translated=N kept=N unreported_kept=0 warned=N wrong=0
             msgfmt_failures=0

    uv run python scripts/fidelity_realworld.py [--to pt] [--limit 120] [--keep DIR] [--quick]
                                                [--only NAME]
"""

from __future__ import annotations

import argparse
import gzip
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

LOCALE = Path("/usr/share/locale/pt/LC_MESSAGES")
CATALOGUES = ["gtk30", "glib20", "apt", "dpkg", "grep", "bash", "gawk", "findutils",
              "diffutils", "gettext-tools", "PackageKit", "appstream"]
LOCALE_BR = Path("/usr/share/locale/pt_BR/LC_MESSAGES")
# Brazilian catalogues of other packages (the header says pt_BR, as the model writes)
CATALOGUES_BR = ["coreutils", "sed", "tar", "wget", "make", "systemd", "Linux-PAM", "shadow",
                 "gstreamer-1.0", "polkit-1", "libsecret", "xdg-user-dirs"]
SCRIPTFORGE = Path("/usr/lib/libreoffice/share/basic/ScriptForge/po/ScriptForge.pot")
DOCS = Path("/usr/share/doc")
MARKDOWN = ["zstd/README.md.gz", "python3-httplib2/README.md", "libsodium23/README.markdown",
            "libffi8/README.md.gz", "libgnutls30/README.md.gz"]
TEXT = ["libmpfr6/README", "libnettle8/README", "base-passwd/README", "gpg-agent/README.Debian",
        "chromium/README.Debian"]
SITE = Path(polib.__file__).parent  # Python packages' own READMEs, as PyPI shows them
METADATA = ["httpx-*.dist-info", "click-*.dist-info", "attrs-*.dist-info",
            "platformdirs-*.dist-info", "markdown_it_py-*.dist-info", "pydantic-*.dist-info"]
HTML = ["base-passwd/users-and-groups.html", "libffi8/html/Introduction.html",
        "libffi8/html/The-Basics.html", "libffi8/html/Simple-Example.html",
        "libffi8/html/The-Closure-API.html", "libffi8/html/Thread-Safety.html"]
CHARDET = Path("/usr/lib/google-cloud-sdk/platform/gsutil/third_party/chardet/tests")
SUBTITLES = ["utf-8-sig/bom-utf-8.srt", "UTF-16/bom-utf-16-le.srt", "UTF-32/bom-utf-32-be.srt"]

# What must come through a translation unchanged, written independently of glossa's shielding.
MUST_SURVIVE = re.compile(
    r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]"  # python named printf
    r"|%%"  # a literal percent sign, before it can start a printf
    r"|%(?:\d+\$)?[-+#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsp]"
    r"|%\d+"  # LibreOffice %1
    r"|\{[\w.]*\}"  # brace placeholders
    r"|</?[a-zA-Z][^<>\n]*>"  # tags
    r"|&[a-zA-Z]+;|&#\d+;"  # entities
    r"|\b(?:https?|ftp)://[^\s<>()\"'`]+[^\s<>()\"'`.,;:!?]"  # URLs
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # e-mail addresses
    r"|(?<![\w/.~-])~?/(?:[\w.+-]+/)+[\w.+*-]*"  # absolute and home paths
    r"|(?<![\w-])--[a-zA-Z][\w-]*"  # long options
    r"|`[^`'\s][^`'\n]*'(?!\w)"  # GNU quotes (`%s', `-v'), before code spans
    r"|(`+)[^`\n]+?\1(?!`)"  # code spans
    r"|\b[A-Z][a-z]+[A-Z][A-Za-z]*\b"  # CamelCase identifiers (GtkWidget, PackageKit)
    r"|\b(?:(?=[\w.-]*\d)(?=[\w.-]*[A-Z])|(?=[a-zA-Z]+\d))[A-Za-z0-9]+(?:[-._][A-Za-z0-9]+)*"
    # codes: MP3, UTF-8, p11-kit, Array_2D
    r"|[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+"
)
BROKEN_CAPS = re.compile(r"\b[a-z][A-Z]{2,}\b")  # "iBM" for "IBM"
DIGITS = re.compile(r"\d{2,}")  # one digit may be spelled out ("3rd-party" -> "terceiros")
DIGIT_GROUPING = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d)")  # 1,250 / 1.250 / 2.5 / 2,5
LEFTOVER_MASK = re.compile(r"__T\d+__|XT\d+X|</s>|<unk>|\u2581")
PROBLEM_LINE = re.compile(r"^! (?P<file>.+?):(?P<line>\d+): (?P<kind>[\w-]+): ")
KEPT_KINDS = ("failed", "no-model", "kept", "unknown")


@dataclass
class Tally:
    files: int = 0
    units: int = 0
    translated: int = 0
    kept: int = 0
    unreported_kept: int = 0
    wrong: int = 0
    warned: int = 0  # suspicious units glossa wrote and reported as warnings
    msgfmt_failures: int = 0
    examples: list[str] = field(default_factory=list)

    def bad(self, where: str, source: str, output: str, why: str) -> None:
        self.wrong += 1
        if len(self.examples) < 20:
            self.examples.append(f"{where}: {why}\n    src: {source[:160]!r}\n"
                                 f"    out: {output[:160]!r}")


def survivors(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in MUST_SURVIVE.finditer(text))


def numbers(text: str) -> Counter[str]:
    return Counter(DIGITS.findall(DIGIT_GROUPING.sub("", text)))


def _double_quotes(text: str) -> int:
    return sum(text.count(ch) for ch in "\"“”„«»")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block between blank lines."""
    blocks, start, lines = [], 1, []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            start = number if not lines else start
            lines.append(line)
        elif lines:
            blocks.append((start, "\n".join(lines)))
            lines = []
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


def compare(tally: Tally, where: str, source: str, output: str, warned: bool = False) -> None:
    """One translated unit: everything that must survive is there, as often, and no mask.

    A unit glossa wrote with a warning on it counts as ``warned``, not ``wrong``.
    """
    lost = survivors(source) - survivors(output)
    gained = survivors(output) - survivors(source)
    if lost or gained:
        why = "; ".join(part for part in (
            f"lost {sorted(lost)}" if lost else "", f"gained {sorted(gained)}" if gained else "")
            if part)
    elif LEFTOVER_MASK.search(output) and not LEFTOVER_MASK.search(source):
        why = "leftover mask"
    elif (_double_quotes(output) - _double_quotes(source)) % 2:  # one without its partner
        why = f"double quotes {_double_quotes(source)} -> {_double_quotes(output)}"
    elif gained_brackets := [ch for ch in "()[]" if output.count(ch) > source.count(ch)]:
        why = f"gained {' '.join(gained_brackets)} (an invented aside)"
    elif broken := sorted(set(BROKEN_CAPS.findall(output)) - set(BROKEN_CAPS.findall(source))):
        why = f"capitals broken: {broken}"
    elif numbers(source) - numbers(output):  # ("dez" -> "10" adds one: not a loss)
        why = f"numbers {sorted(numbers(source) - numbers(output))} lost or changed"
    else:
        return
    if warned:
        tally.warned += 1
    else:
        tally.bad(where, source, output, why)


def run_glossa(source: Path, output: Path, target: str) -> tuple[int, dict[int, str], str]:
    """The CLI as a user runs it; returns exit code, {line: problem kind}, stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "glossa", "translate", str(source), "--to", target, "--no-tm",
         "-o", str(output)], capture_output=True, text=True, check=False)
    lines = {int(m["line"]): m["kind"] for m in map(PROBLEM_LINE.match, proc.stderr.splitlines())
             if m and (m["kind"] in KEPT_KINDS or m["kind"] == "warning")}
    return proc.returncode, lines, proc.stderr


def cleared_catalogue(mo: Path, target: Path, limit: int, language: str = "pt") -> bool:
    """A Debian package's catalogue as a translator receives it: msgids, no msgstrs."""
    proc = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return False
    catalogue = polib.pofile(proc.stdout)
    kept = [entry for entry in catalogue if entry.msgid][:limit]
    fresh = polib.POFile(wrapwidth=79)
    fresh.metadata = dict(catalogue.metadata)
    fresh.metadata["Language"] = language
    for entry in kept:
        entry.msgstr = ""
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(sorted(entry.msgstr_plural) or [0, 1], "")
        fresh.append(entry)
    fresh.save(str(target))
    return True


def check_po(tally: Tally, source: Path, output: Path, reported: dict[int, str]) -> None:
    if not output.exists():  # glossa wrote nothing (and said why, or this counts it)
        tally.units += 1
        tally.kept += 1
        tally.unreported_kept += not reported
        return
    tally.msgfmt_failures += subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(output)], capture_output=True,
        check=False).returncode != 0
    # glossa reports the line of the entry in its input; the output has comments added
    lines = {(e.msgctxt, e.msgid): e.linenum for e in polib.pofile(str(source))}
    for entry in polib.pofile(str(output)):
        if entry.obsolete or not entry.msgid:
            continue
        tally.units += 1
        line = lines.get((entry.msgctxt, entry.msgid), entry.linenum)
        where = f"{source.name}:{line}"
        pairs = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else [
            (entry.msgid if n == 0 else entry.msgid_plural, text)
            for n, text in sorted(entry.msgstr_plural.items())]
        near = {kind for at, kind in reported.items() if abs(at - line) <= 2}
        if all(not text for _, text in pairs):
            tally.kept += 1
            if not (near & set(KEPT_KINDS)) and not _untranslatable(entry.msgid):
                tally.unreported_kept += 1
                if len(tally.examples) < 20:
                    tally.examples.append(f"{where}: kept and not reported\n"
                                          f"    src: {entry.msgid[:160]!r}")
            continue
        tally.translated += 1
        for msgid, text in pairs:
            compare(tally, where, msgid, text, "warning" in near)


def _untranslatable(msgid: str) -> bool:
    """A msgid with no words to translate (a lone placeholder, a symbol) may stay empty."""
    return not re.search(r"[^\W\d_]{2,}", MUST_SURVIVE.sub("", msgid))


def check_text(tally: Tally, source: Path, output: Path, reported: dict[int, str],
               code: int) -> None:
    """Text formats, paragraph by paragraph: glossa keeps the blank lines, and a paragraph
    it re-wraps (``--wrap auto``) may change its line count but stays one paragraph."""
    if not output.exists():
        tally.units += 1
        tally.kept += 1
        tally.unreported_kept += code == 0
        return
    before, after = paragraphs(_decode(source.read_bytes())), paragraphs(_decode(
        output.read_bytes()))
    if len(before) != len(after):
        tally.units += 1
        tally.bad(source.name, "", "", "paragraph structure changed")
        return
    ends = [line for line, _ in before[1:]] + [10**9]
    for (line, src), (_, out), end in zip(before, after, ends, strict=True):
        tally.units += 1
        kinds = {kind for at, kind in reported.items() if line <= at < end}
        if out == src:  # code blocks, tables of figures, names: nothing to translate
            tally.kept += 1
            continue
        tally.translated += 1
        compare(tally, f"{source.name}:{line}", src, out, "warning" in kinds)


# Block-level tags cut an HTML page into units; inline tags stay inside their unit.
BLOCK_TAG = re.compile(
    r"<(?:!DOCTYPE[^>]*|!--.*?--|/?(?:html|head|body|title|meta|link|script|style|p|div|h[1-6]"
    r"|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|pre|blockquote|hr|br|form|nav|header"
    r"|footer|section|article|address|caption)\b[^>]*)>", re.IGNORECASE | re.DOTALL)
# Attributes a translator may translate; every other attribute must come through as it was.
TRANSLATABLE_ATTR = re.compile(
    r"""\s(?:title|alt|placeholder|aria-label|content|lang|xml:lang)=(?:"[^"]*"|'[^']*')""",
    re.IGNORECASE)


def _html_units(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """(block tags in order, (line, text) of each run between two block tags)."""
    tags, units, at = [], [], 0
    for match in BLOCK_TAG.finditer(text):
        tags.append(TRANSLATABLE_ATTR.sub("", match.group()))
        units.append((text.count("\n", 0, at) + 1, text[at:match.start()]))
        at = match.end()
    units.append((text.count("\n", 0, at) + 1, text[at:]))
    return tags, units


def check_html(tally: Tally, source: Path, output: Path, reported: dict[int, str],
               code: int) -> None:
    """HTML, run by run between block tags: the block tags (and every attribute but the
    translatable ones) must be the same, in the same order; each run is then a unit."""
    if not output.exists():
        tally.units += 1
        tally.kept += 1
        tally.unreported_kept += code == 0
        return
    (tags_in, before), (tags_out, after) = (_html_units(_decode(path.read_bytes()))
                                            for path in (source, output))
    if tags_in != tags_out:
        tally.units += 1
        first = next((a, b) for a, b in zip(tags_in + [""], tags_out + [""], strict=False)
                     if a != b)
        tally.bad(source.name, first[0], first[1], "block tags or their attributes changed")
        return
    script = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
    ends = [line for line, _ in before[1:]] + [10**9]
    for index, ((line, src), (_, out), end) in enumerate(zip(before, after, ends, strict=True)):
        src, out = (_text_entities(TRANSLATABLE_ATTR.sub("", piece)).strip()
                    for piece in (src, out))
        if not re.search(r"[^\W\d_]{2}", re.sub(r"<[^>]*>|&\w+;", "", src)):
            if src != out:  # no words: nothing to translate, must come through as it was
                tally.units += 1
                tally.bad(f"{source.name}:{line}", src, out, "a run with no words changed")
            continue
        tally.units += 1
        if index and script.match(tags_in[index - 1]) and src != out:
            tally.bad(f"{source.name}:{line}", src, out, "script or style changed")
            continue
        kinds = {kind for at, kind in reported.items() if line <= at <= end}
        if out == src:
            tally.kept += 1
            continue
        tally.translated += 1
        compare(tally, f"{source.name}:{line}", src, out, "warning" in kinds)


def _text_entities(text: str) -> str:
    """HTML text with its character references decoded (``&rsquo;`` is an apostrophe a
    translation may drop), except ``&lt;``/``&gt;``, which stand for markup characters."""
    return re.sub(r"&(?!lt;|gt;)(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);",
                  lambda m: html.unescape(m.group()), text)


def _decode(data: bytes) -> str:
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
                       (b"\xef\xbb\xbf", "utf-8-sig")):
        if data.startswith(bom):
            return data.decode(codec)
    return data.decode("utf-8")


def gather(work: Path, limit: int, quick: bool, lang: str = "pt") -> list[tuple[str, Path]]:
    """(kind, path) of every third-party file found on this machine, copied into ``work``;
    the catalogues' headers name ``lang`` (the Brazilian ones pt_BR when it is pt)."""
    found: list[tuple[str, Path]] = []
    language, language_br = lang, "pt_BR" if lang == "pt" else lang
    for name in CATALOGUES[:2] if quick else CATALOGUES:
        target = work / f"{name}.po"
        if (LOCALE / f"{name}.mo").exists() and cleared_catalogue(LOCALE / f"{name}.mo",
                                                                 target, limit, language):
            found.append(("po", target))
    for name in [] if quick else CATALOGUES_BR:
        target = work / f"{name}.pt_BR.po"
        if (LOCALE_BR / f"{name}.mo").exists() and cleared_catalogue(
                LOCALE_BR / f"{name}.mo", target, limit, language_br):
            found.append(("po", target))
    if SCRIPTFORGE.exists() and not quick:
        shutil.copy(SCRIPTFORGE, work / "ScriptForge.pot")
        found.append(("po", work / "ScriptForge.pot"))
    for kind, names, root in (("md", MARKDOWN, DOCS), ("txt", TEXT, DOCS),
                              ("srt", SUBTITLES, CHARDET)):
        for name in names[:1] if quick else names:
            path = root / name
            if not path.exists():
                continue
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            stem = path.name.removesuffix(".gz")
            suffix = {"md": ".md", "txt": ".txt", "srt": ".srt"}[kind]
            target = work / f"{path.parent.name}-{Path(stem).stem}{suffix}"
            target.write_bytes(data)
            found.append((kind, target))
    for pattern in [] if quick else METADATA:
        for meta in sorted(SITE.glob(f"{pattern}/METADATA"))[:1]:
            head, _, body = meta.read_text(encoding="utf-8").partition("\n\n")
            if "text/markdown" in head and body.strip():
                target = work / f"{meta.parent.name.split('-')[0]}-pypi.md"
                target.write_text(body, encoding="utf-8")
                found.append(("md", target))
    for name in HTML[:1] if quick else HTML:
        path = DOCS / name
        if path.exists():
            target = work / f"{path.parent.name}-{path.name}"
            target.write_bytes(path.read_bytes())
            found.append(("html", target))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--to", default="pt")
    parser.add_argument("--limit", type=int, default=120, help="entries per catalogue")
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in DIR")
    parser.add_argument("--quick", action="store_true", help="a few files (for the tests)")
    parser.add_argument("--only", help="only the files whose name contains this")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="glossa-fidelity-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    for kind, source in gather(work, args.limit, args.quick, args.to):
        if args.only and args.only not in source.name:
            continue
        tally.files += 1
        suffix = ".po" if kind == "po" else source.suffix
        output = source.with_name(f"{source.stem}.out.{args.to}{suffix}")
        code, reported, err = run_glossa(source, output, args.to)
        if code == 2:
            print(f"{source.name}: glossa refused it: {err.strip().splitlines()[-1]}")
            continue
        before = (tally.translated, tally.kept, tally.wrong)
        if kind == "po":
            check_po(tally, source, output, reported)
        elif kind == "html":
            check_html(tally, source, output, reported, code)
        else:
            check_text(tally, source, output, reported, code)
        print(f"{source.name}: translated +{tally.translated - before[0]} kept "
              f"+{tally.kept - before[1]} wrong +{tally.wrong - before[2]} "
              f"(glossa reported {len(reported)} lines)")
    for example in tally.examples:
        print(example)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    print(f"fidelity files={tally.files} units={tally.units} translated={tally.translated} "
          f"kept={tally.kept} unreported_kept={tally.unreported_kept} warned={tally.warned} "
          f"wrong={tally.wrong} "
          f"msgfmt_failures={tally.msgfmt_failures}")
    return 1 if tally.wrong or tally.unreported_kept or tally.msgfmt_failures else 0


if __name__ == "__main__":
    sys.exit(main())
