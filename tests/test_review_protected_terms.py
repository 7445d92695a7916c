"""Glossary terms inside placeholders, URLs and mailto: links are code, not prose: review
neither matches nor checks them, so they never raise the exit status."""

from __future__ import annotations

import json

from review_helpers import write

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt\\n"\n\n'

PO = (
    HEADER
    + """#, python-format
msgid "We sent a code to %(email)s."
msgstr "Enviamos um código para %(email)s."

msgid "Reply to {email} within a day."
msgstr "Responda a {email} em um dia."

#, python-format
msgid "<a href=\\"mailto:%(email)s\\">Contact</a> the team."
msgstr "<a href=\\"mailto:%(email)s\\">Contacte</a> a equipe."

msgid "See https://example.org/email/settings for details."
msgstr "Veja https://example.org/email/settings para detalhes."

msgid "Your email was verified."
msgstr "Seu endereço foi verificado."
"""
)

GLOSSARY = "en\tpt\tforbidden_pt\nemail\te-mail\temail\n"


def test_terms_inside_code_are_not_checked_and_do_not_fail_the_review(cli, tmp_path):
    po = write(tmp_path / "app.po", PO)
    g = write(tmp_path / "g.tsv", GLOSSARY)
    r = cli(["review", po, "-g", g, "--from", "en", "--json"])
    report = json.loads(r.out)
    terms = [[i["message"] for i in s["issues"] if i["kind"] == "term"] for s in report["segments"]]
    # only the prose "email" of the last entry is a real miss; the placeholders, the
    # mailto: link and the URL path hold the word "email" but are code
    assert terms[:4] == [[], [], [], []]
    assert terms[4] == ["'email' should be translated as 'e-mail'"]
    assert r.code == 1
    fixed = write(tmp_path / "fixed.po", PO.replace("Seu endereço", "Seu e-mail"))
    ok = cli(["review", fixed, "-g", g, "--from", "en", "--json"])
    assert ok.code == 0, ok.out
    assert json.loads(ok.out)["summary"]["by_kind"].get("term") is None
