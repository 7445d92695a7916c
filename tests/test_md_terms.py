"""A glossary term inside Markdown emphasis or a link is checked where it is translated
(the nested segment), not in the paragraph that carries it as a protected span: when the
output has the term, no miss is reported (issue 15)."""

from __future__ import annotations

import engine_helpers
from glossa import api

GLOSSARY = (
    "en\tpt\tforbidden_pt\nsecurity key\tchave de segurança\t\n"
    "dashboard\tpainel\t\nlamp\tluminária\tcandeeiro\n"
)

PAGE = """# Signing in

Insert your *security key* before you sign in.

Open the [dashboard](https://example.org/dash) to see your devices.

- The **dashboard** lists every device.
- Keep the _security key_ and the [`dashboard`](x.md) link.

Turn on the *light*.
"""


def _run(tmp_path, monkeypatch):
    engine = engine_helpers.register(monkeypatch)
    (tmp_path / "terms.tsv").write_text(GLOSSARY, "utf-8")
    (tmp_path / "page.md").write_text(PAGE, "utf-8")
    out = tmp_path / "page.pt.md"
    report = api.translate_file(
        tmp_path / "page.md", "pt", "en", output=out, glossary=tmp_path / "terms.tsv", engine=engine
    )
    return report, out.read_text("utf-8")


def test_terms_in_emphasis_and_links_are_not_missed_when_the_output_has_them(tmp_path, monkeypatch):
    report, text = _run(tmp_path, monkeypatch)
    assert "*chave de segurança*" in text and "_chave de segurança_" in text
    assert "[painel](https://example.org/dash)" in text and "**painel**" in text
    assert "[`dashboard`](x.md)" in text  # code is not prose: kept, and not a miss
    misses = [(p.where, p.message) for p in report.term_misses]
    assert not [m for m in misses if "chave" in m[1] or "painel" in m[1]], misses


def test_a_forbidden_variant_inside_emphasis_is_reported_once_at_its_line(tmp_path, monkeypatch):
    report, text = _run(tmp_path, monkeypatch)
    assert "*candeeiro*" in text  # the engine's word, inside the emphasis
    page = tmp_path / "page.md"
    assert [(p.where, p.kind) for p in report.term_misses] == [(f"{page}:10", "term")]
    assert "candeeiro" in report.term_misses[0].message
