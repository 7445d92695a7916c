"""The library plans a run's jobs (inputs -> outputs, --in-place, the overwrite guard), so
a script calling glossa.api gets the CLI's answers without the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossa.api import Plan, check_jobs, plan_jobs
from glossa.errors import InputError, UsageError

PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Pear"\nmsgstr ""\n'
)


def test_a_directory_gives_one_job_per_known_file_beside_it(tmp_path):
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "guide" / "setup.md").write_text("# Setup\n", "utf-8")
    (tmp_path / "docs" / "notes.txt").write_text("Feed the cat.\n", "utf-8")
    (tmp_path / "docs" / "logo.svg").write_text("<svg/>\n", "utf-8")
    plan = plan_jobs([str(tmp_path / "docs")], "pt", out_dir=str(tmp_path / "out"))
    assert plan.jobs == [
        (tmp_path / "docs" / "guide" / "setup.md", tmp_path / "out" / "guide" / "setup.pt.md"),
        (tmp_path / "docs" / "notes.txt", tmp_path / "out" / "notes.pt.txt"),
    ]


def test_one_output_for_two_inputs_is_refused(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Feed the cat.\n", "utf-8")
    with pytest.raises(UsageError, match="-o/--output takes one input"):
        plan_jobs(
            [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], "pt", output=str(tmp_path / "c.txt")
        )
    with pytest.raises(InputError, match="missing.txt: no such file"):
        plan_jobs([str(tmp_path / "missing.txt")], "pt")


def test_in_place_skips_are_returned_not_printed(tmp_path, capsys):
    for lang in ("pt", "fr"):
        folder = tmp_path / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "shop.po").write_text(PO, "utf-8")
    (tmp_path / "locale" / "shop.pot").write_text(PO, "utf-8")
    plan = plan_jobs([str(tmp_path / "locale")], "pt", in_place=True)
    pt = tmp_path / "locale" / "pt" / "LC_MESSAGES" / "shop.po"
    assert plan == Plan(
        [(pt, pt)],
        [
            (
                tmp_path / "locale" / "fr" / "LC_MESSAGES" / "shop.po",
                "it is in the fr folder, not pt",
            ),
            (tmp_path / "locale" / "shop.pot", "a template (.pot) is not translated in place"),
        ],
    )
    assert capsys.readouterr() == ("", "")


def test_check_jobs_follows_a_symlinked_output_to_the_input(tmp_path):
    src = tmp_path / "recipe.txt"
    src.write_text("Boil the eggs.\n", "utf-8")
    link = tmp_path / "recipe.pt.txt"
    link.symlink_to(src)
    with pytest.raises(UsageError, match="refusing to overwrite"):
        check_jobs([(src, link)], [])
    check_jobs([(src, Path("/dev/null"))], [])  # a device is not a file to protect
    assert src.read_text("utf-8") == "Boil the eggs.\n"


def test_in_place_may_write_its_input_but_not_a_glossary(tmp_path):
    po = tmp_path / "shop.po"
    po.write_text(PO, "utf-8")
    check_jobs([(po, po)], [], in_place=True)
    with pytest.raises(UsageError, match="refusing to overwrite"):
        check_jobs([(po, po)], [po])
