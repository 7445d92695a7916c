"""Which file goes where: the jobs of a translate run, planned by the library.

The CLI parses options and prints; the policy is here, so that a script calling
``glossa.api`` gets the same answers: which files a directory holds, where each output
goes, what ``--in-place`` may update, and that no output is a file the run reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossa.errors import InputError, UsageError

Job = tuple[Path, Path]  # (input, output); Path("-") is stdin or stdout


@dataclass
class Plan:
    """The (input, output) pairs of a run and the files left out, with the reason why."""

    jobs: list[Job]
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def plan_jobs(
    inputs: Sequence[str],
    target: str,
    *,
    output: str | None = None,
    out_dir: str | None = None,
    in_place: bool = False,
    fmt: str = "auto",
    json: bool = False,
) -> Plan:
    """The jobs for ``inputs`` (files, directories, "-") translated into ``target``.

    Raises:
        InputError: an input does not exist, or the directories hold nothing glossa reads.
        UsageError: the options cannot go together (-o with several inputs, --json with
            the translation on stdout, --in-place on a monolingual file or a template).
    """
    if in_place:
        return _in_place(inputs, target, output, out_dir, fmt)
    from glossa.api import output_path

    found = collect_inputs(inputs)
    if json and (output == "-" or (output is None and out_dir is None and str(found[0][0]) == "-")):
        raise UsageError(
            "--json prints the report on stdout: write the translation to a "
            "file (-o FILE or --out-dir DIR)"
        )
    if output is not None:
        if len(found) != 1:
            raise UsageError("-o/--output takes one input; use --out-dir for several")
        return Plan([(found[0][0], Path(output))])
    if str(found[0][0]) == "-" and out_dir is None:
        return Plan([(found[0][0], Path("-"))])
    return Plan([(src, output_path(src, target, out_dir, root)) for src, root in found])


def collect_inputs(inputs: Sequence[str]) -> list[tuple[Path, Path | None]]:
    """(file, root) pairs; directories are walked for files of known formats."""
    from glossa.formats import EXTENSIONS

    found: list[tuple[Path, Path | None]] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
                and _wanted_in_walk(f)
            )
            found += [(f, path) for f in files]
        elif item != "-" and not path.exists():
            raise InputError(f"{item}: no such file")
        else:
            found.append((path, None))
    if not found:  # only directories, with nothing glossa reads in them
        where = "this directory" if len(inputs) == 1 else "these directories"
        raise InputError(
            f"{', '.join(inputs)}: no file to translate in {where} (glossa "
            f"translates {' '.join(EXTENSIONS)} files)"
        )
    return found


def _wanted_in_walk(path: Path) -> bool:
    """JSON/YAML files in a walked directory only when they look like i18n catalogues."""
    if path.suffix.lower() not in (".json", ".yml", ".yaml"):
        return True
    from glossa.formats.catalog import looks_like_catalogue

    return looks_like_catalogue(path)


def _in_place(
    inputs: Sequence[str], target: str, output: str | None, out_dir: str | None, fmt: str
) -> Plan:
    """(catalogue, catalogue) for --in-place: explicit files must be bilingual (PO, XLIFF);
    a walked tree gives its PO and XLIFF files, templates (.pot) and catalogues under
    another language's ``xx/LC_MESSAGES`` folder skipped with a reason each."""
    from glossa.formats import BILINGUAL, format_for

    if output is not None or out_dir is not None:
        raise UsageError("--in-place writes into the inputs; drop -o/--out-dir (or --in-place)")
    plan = Plan([])
    for src, root in collect_inputs(inputs):
        if str(src) == "-":
            raise UsageError("--in-place needs files, not stdin")
        name = format_for(src, fmt)
        if name not in BILINGUAL:
            if root is not None:
                continue  # a README beside the catalogues: not one to update
            raise UsageError(
                f"{src}: --in-place updates bilingual files (PO, XLIFF), not "
                f"{name}; use -o or --out-dir"
            )
        if src.suffix.lower() == ".pot":
            if root is None:
                raise UsageError(
                    f"{src}: a template is not translated in place; use -o or "
                    "--out-dir to make a PO file from it"
                )
            plan.skipped.append((src, "a template (.pot) is not translated in place"))
            continue
        folder = _locale_folder(src)
        if folder is not None and _base(folder) != _base(target):
            plan.skipped.append((src, f"it is in the {folder} folder, not {target}"))
            continue
        plan.jobs.append((src, src))
    return plan


def _base(code: str) -> str:
    """pt_BR, pt-BR, sr@latin -> pt, pt, sr."""
    return code.replace("-", "_").split("@")[0].split("_")[0].lower()


def _locale_folder(path: Path) -> str | None:
    """The language a gettext tree files the catalogue under (``fr`` in
    ``locale/fr/LC_MESSAGES/app.po``), if it is in one."""
    parts = path.parts
    if "LC_MESSAGES" in parts[1:-1]:
        return parts[parts.index("LC_MESSAGES") - 1]
    return None


def check_jobs(jobs: Sequence[Job], reads: Sequence[str | Path], in_place: bool = False) -> None:
    """No output may be a file the run reads (``reads``: glossaries, TM, config; the
    inputs too unless ``in_place``), nor shared by two inputs; symlinks, hard links and
    devices are judged by the file they reach (see ``fileio.check_outputs``)."""
    from glossa.fileio import check_outputs

    sources = [src for src, _ in jobs]
    check_outputs(([] if in_place else sources) + list(reads), [out for _, out in jobs], sources)
