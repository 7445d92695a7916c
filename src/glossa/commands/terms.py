"""`glossa terms`: list every glossary term occurrence in a file (the translator's matcher)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "terms",
        help="list glossary term occurrences in a file",
        description="Find every glossary term in FILE, inflected forms included, with the "
        "same matcher `glossa translate` uses. Spans are code-point offsets into the file.",
    )
    p.add_argument("file", metavar="FILE", help="text file to scan ('-' reads stdin)")
    p.add_argument("-g", "--glossary", action="append", required=True, metavar="G",
                   help="glossary (TSV/CSV/TBX/PO); repeatable, later files win")
    p.add_argument("--lang", metavar="XX",
                   help="language of FILE (default: the glossary language with most matches)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from glossa.errors import UsageError
    from glossa.fileio import read_text
    from glossa.glossary import load_glossaries
    from glossa.languages import normalize_code

    glossary = load_glossaries(args.glossary)
    text = read_text(args.file)
    if args.lang:
        lang = normalize_code(args.lang)
        if lang not in glossary.languages:
            raise UsageError(f"the glossary has no {lang!r} column (it has "
                             f"{', '.join(glossary.languages)})")
        matches = glossary.find(text, lang)
    else:
        found = [(len(glossary.find(text, lang)), -i, lang)
                 for i, lang in enumerate(glossary.languages)]
        lang = max(found)[2] if found else ""
        matches = glossary.find(text, lang) if lang else []
    if args.json:
        json.dump({"file": args.file, "lang": lang,
                   "matches": [_with_position(m.to_json(), text) for m in matches]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    from glossa.glossary.render import TermTable, console

    console().print(TermTable(args.file, text, lang, matches))
    return 0


def _with_position(data: dict, text: str) -> dict:
    start = data["start"]
    data["line"] = text.count("\n", 0, start) + 1
    data["column"] = start - (text.rfind("\n", 0, start) + 1) + 1
    return data
