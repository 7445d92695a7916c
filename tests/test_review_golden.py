"""Golden renders of the terminal review: each case is rendered on a fixed-width (100
columns), colourless rich Console and compared with a file in tests/data/golden/, so any
change to what a reviewer sees shows up as a diff of that file.

After an intended change, regenerate the files and review the diff before committing:

    GLOSSA_UPDATE_GOLDEN=1 uv run pytest tests/test_review_golden.py -n 0
    git diff tests/data/golden/
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from glossa.glossary import load_glossaries
from glossa.review import build_report, load_po, load_texts
from glossa.review.render import REVIEW_THEME, ReviewView

GOLDEN = Path(__file__).parent / "data" / "golden"
UPDATE = os.environ.get("GLOSSA_UPDATE_GOLDEN") == "1"


def render(view) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=100,
        theme=REVIEW_THEME,
        no_color=True,
        color_system=None,
        highlight=False,
        markup=False,
        legacy_windows=False,
        force_terminal=False,
        emoji=False,
    )
    console.print(view)
    # rich pads grid rows to their width; trailing spaces are not what a reviewer sees,
    # and editors strip them from the golden files
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _text_report(**_):
    g = load_glossaries(["glossary.tsv"])
    return build_report(load_texts("src.txt", "mt.txt", "rev.txt"), "pt", "en", g)


def _text_no_revision(**_):
    g = load_glossaries(["glossary.tsv"])
    return build_report(load_texts("src.txt", "mt.txt"), "pt", "en", g)


def _po_report(warn_fuzzy: bool = False, **_):
    g = load_glossaries(["app.glossary.tsv"])
    return build_report(load_po("app.po"), "en", "pt", g, warn_fuzzy=warn_fuzzy)


CASES = {  # golden file -> (report builder and its options, view options)
    "text_revised": (_text_report, {}, {}),
    "text_revised_only_issues": (_text_report, {}, {"only_issues": True}),
    "text_target": (_text_no_revision, {}, {}),
    "po_mt": (_po_report, {}, {}),
    "po_mt_fuzzy": (_po_report, {"warn_fuzzy": True}, {}),
    "po_only_issues": (_po_report, {}, {"only_issues": True}),
    "po_kind_number": (_po_report, {}, {"kinds": ("number",)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_review_render_matches_golden_file(name, monkeypatch):
    monkeypatch.chdir(GOLDEN)  # paths in the title are the relative names
    build, options, view = CASES[name]
    got = render(ReviewView(build(**options), **view))
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with GLOSSA_UPDATE_GOLDEN=1 to create it"
    assert got == path.read_text(encoding="utf-8"), (
        f"render of {name} differs from {path.name}; if intended, regenerate with "
        "GLOSSA_UPDATE_GOLDEN=1 and review the diff"
    )


def test_golden_renders_are_plain_and_fixed_width():
    """The goldens hold no colour codes and no line wider than the console."""
    files = sorted(GOLDEN.glob("*.txt"))
    names = {p.stem for p in files} - {"src", "mt", "rev"}
    assert names == set(CASES)
    for path in files:
        if path.stem in names:
            text = path.read_text(encoding="utf-8")
            assert "\x1b" not in text
            assert max(len(line) for line in text.splitlines()) <= 100
