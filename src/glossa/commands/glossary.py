"""`glossa glossary ...` (and scripts/glossary_editor.py): maintain termbases safely.

Term values are given as ``--LANG TERM`` for any language code (``--en``, ``--ru``,
``--pt-BR``); these options are not declared but picked out of the unknown arguments.
"""

from __future__ import annotations

import argparse
import re
import sys

ACTIONS = ["add", "edit", "rm", "list", "search", "validate", "import", "export", "merge",
           "open"]
_LANG_OPTION = re.compile(r"^--([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?)(?:=(.*))?$", re.S)
_TERMS_HELP = ("terms are given as --LANG TERM for any language code, e.g. --en 'Southern "
               "Front' --ru 'Южный фронт'; a new language adds a column")


class TermParser(argparse.ArgumentParser):
    """An argparse parser that turns unknown ``--xx VALUE`` options into language terms
    (``args.terms``, a list of (code, value)) when created with ``term_options=True``."""

    def __init__(self, *args, term_options: bool = False, **kwargs):
        kwargs.setdefault("allow_abbrev", False)  # "--no" must not mean "--note"
        super().__init__(*args, **kwargs)
        self.term_options = term_options

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if not self.term_options:
            return namespace, extras
        from glossa.errors import UsageError
        from glossa.languages import normalize_code

        terms, rest, i = list(getattr(namespace, "terms", None) or []), [], 0
        while i < len(extras):
            match = _LANG_OPTION.match(extras[i])
            if not match:
                rest.append(extras[i])
                i += 1
                continue
            code, value = match.group(1), match.group(2)
            if value is None:
                if i + 1 >= len(extras):
                    self.error(f"--{code} needs a term (use --{code} '' to remove it)")
                value, i = extras[i + 1], i + 1
            try:
                normalize_code(code)
            except UsageError as exc:
                self.error(str(exc))
            terms.append((code, value))
            i += 1
        namespace.terms = terms
        return namespace, rest


def _entry_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--note", help="a note for translators (not used for matching)")
    p.add_argument("--case", choices=["auto", "sensitive", "insensitive"],
                   help="case rule (auto: capitals written in the glossary are required)")
    p.add_argument("--pos", help="part of speech")
    p.add_argument("--forbidden", action="append", metavar="VARIANT",
                   help="a variant that must not appear in translations, 'pt:VARIANT' for "
                   "one language (repeatable; on edit it replaces the old list, '' clears)")
    p.add_argument("--force", action="store_true",
                   help="keep a duplicate or conflicting entry anyway")


def add_actions(sub: argparse._SubParsersAction) -> None:
    """The glossary actions, shared by `glossa glossary` and scripts/glossary_editor.py."""
    gloss = {"metavar": "GLOSSARY", "help": "glossary file (.tsv, .csv, .tbx, .po)"}
    p = sub.add_parser("add", help="add an entry", term_options=True, epilog=_TERMS_HELP,
                       description="Add an entry. The file is created if it does not exist.")
    p.add_argument("glossary", **gloss)
    _entry_options(p)
    p.add_argument("--json", action="store_true", help="print the new entry as JSON")

    p = sub.add_parser("edit", help="change an entry's terms or note", term_options=True,
                       epilog=_TERMS_HELP + "; --LANG '' removes that language's term")
    p.add_argument("glossary", **gloss)
    p.add_argument("ref", metavar="ID|TERM", help="entry id (see `list`) or one of its terms")
    _entry_options(p)
    p.add_argument("--json", action="store_true", help="print the changed entry as JSON")

    p = sub.add_parser("rm", help="remove entries")
    p.add_argument("glossary", **gloss)
    p.add_argument("refs", nargs="+", metavar="ID|TERM",
                   help="entries to remove, by id or by any of their terms")

    p = sub.add_parser("list", help="list entries")
    p.add_argument("glossary", **gloss)
    p.add_argument("--lang", action="append", metavar="LANG",
                   help="only these languages (repeatable or comma-separated); entries "
                   "without a term in them are left out")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("search", help="fuzzy search, including inflected Russian forms")
    p.add_argument("glossary", **gloss)
    p.add_argument("text", metavar="TEXT",
                   help="text to look for (exact, inflected or fuzzy)")
    p.add_argument("--lang", metavar="LANG", help="search only this language's terms")
    p.add_argument("--limit", type=int, default=20,
                   help="show at most N matches (default 20)", metavar="N")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("validate", help="report duplicates, conflicts, empty rows, unknown "
                       "language columns, near-verbatim rows; exit 1 when any")
    p.add_argument("glossary", **gloss)
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("import", help="merge entries from a TBX/CSV/TSV/PO file into GLOSSARY")
    p.add_argument("glossary", **gloss)
    p.add_argument("file", metavar="FILE",
                   help="termbase to merge in: TBX, CSV, TSV or PO")
    p.add_argument("--prefer", choices=["ours", "theirs"],
                   help="how to settle conflicts; without it conflicts abort the import")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument("--src", metavar="LANG", help="PO: language of msgid")
    p.add_argument("--tgt", metavar="LANG", help="PO: language of msgstr")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("export", help="write the glossary as TBX, CSV, TSV or PO")
    p.add_argument("glossary", **gloss)
    p.add_argument("out", metavar="OUT", help="output file; the extension picks the format")
    p.add_argument("--src", metavar="LANG", help="PO: language of msgid (default: first)")
    p.add_argument("--tgt", metavar="LANG", help="PO: language of msgstr (default: second)")

    p = sub.add_parser("merge", help="merge two glossaries into a third")
    p.add_argument("a", metavar="A", help="first glossary (ours)")
    p.add_argument("b", metavar="B", help="second glossary (theirs)")
    p.add_argument("-o", "--output", required=True, metavar="C",
                   help="where to write the merged glossary")
    p.add_argument("--prefer", choices=["ours", "theirs"],
                   help="which of A (ours) or B (theirs) wins conflicts")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("open", help="interactive terminal editor")
    p.add_argument("glossary", **gloss)
    p.add_argument("--langs", metavar="LIST",
                   help="languages of a new glossary, e.g. en,ru (when the file is missing)")

    for action in ACTIONS:
        sub.choices[action].set_defaults(run=run)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "glossary", help="maintain glossaries: add, edit, rm, list, search, validate, "
        "import, export, merge, open (interactive)",
        description="Maintain glossary files safely: atomic saves with a GLOSSARY~ backup, "
        "refusing to overwrite a file changed since it was read.")
    p.set_defaults(run=lambda _args: _print_help(p))
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=TermParser)
    add_actions(sub)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def build_parser(prog: str = "glossary_editor.py") -> argparse.ArgumentParser:
    """The standalone parser of scripts/glossary_editor.py."""
    parser = argparse.ArgumentParser(
        prog=prog, description="Edit glossaries safely. With only GLOSSARY, opens the "
        "interactive editor.", allow_abbrev=False)
    sub = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=TermParser)
    add_actions(sub)
    return parser


def script_main(argv: list[str] | None = None, prog: str = "glossary_editor.py") -> int:
    """Entry of scripts/glossary_editor.py: ``GLOSSARY`` alone means ``open GLOSSARY``."""
    from glossa.cli import run_parsed

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in ACTIONS and not argv[0].startswith("-"):
        argv.insert(0, "open")
    return run_parsed(build_parser(prog), argv, prog)


def run(args: argparse.Namespace) -> int:
    from glossa.glossary_editor import cli

    return cli.ACTIONS[args.action](args)
