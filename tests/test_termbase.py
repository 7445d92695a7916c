"""The compiled Termbase: the same matches as the editable Glossary, protected text never
matched or checked, indexes that do not scan every entry, one compile per run."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine_helpers
from glossa.document import Span
from glossa.glossary import Entry, Glossary, Termbase, loads
from glossa.glossary.morph import norm
from glossa.shield import TERM, prepare
from glossary_helpers import sample

EMAIL = loads("en\tpt\tforbidden_pt\nemail\te-mail\temeio\nsecurity update\tatualização de "
              "segurança\t\nSave\tSalvar\t\n")


@pytest.mark.parametrize("text, lang", [
    ("Os comandantes da Frente Sul rejeitaram.", "pt"),
    ("Представители Южного фронта и Южному фронту", "ru"),
    ("Instale as atualizações de segurança.", "pt"),
    ("Security updates are installed. Tap Log in, then log in again.", "en"),
    ("THE SECURITY COUNCIL MET with apple pay and Apple Pay", "en"),
])
def test_compiled_termbase_finds_what_the_glossary_finds(text, lang):
    glossary = sample()
    termbase = Termbase.compile(glossary)
    assert termbase.find(text, lang) == glossary.find(text, lang)
    assert termbase.find(text, lang)  # every example has a term
    assert Termbase.compile(termbase) is termbase


@pytest.mark.parametrize("text, expected", [
    ("Send it to %(email)s now.", []),
    ("Send it to {email} now.", []),
    ("Write to mailto:%(email)s today.", []),
    ("Open https://example.org/email/save and <a href=\"email\">x</a>", []),
    ("Your email is %(email)s.", ["email"]),
    ("Save {Save} and %(save)s", ["Save"]),
])
def test_terms_inside_placeholders_urls_and_markup_are_not_matched(text, expected):
    assert [m.form for m in EMAIL.compile().find(text, "en")] == expected


def test_protected_spans_given_by_the_caller_are_skipped():
    text = "Run `email` to read your email."
    code = Span(4, 11)
    assert [m.start for m in EMAIL.compile().find(text, "en", [code])] == [25]


@pytest.mark.parametrize("source, output, misses", [
    # the term sits inside a placeholder: nothing to enforce, nothing missing
    ("Sent to %(email)s.", "Enviado para %(email)s.", []),
    ("Reply to {email} or mailto:%(email)s.", "Responda a {email} ou mailto:%(email)s.", []),
    # the same sentence with the term in prose is still checked
    ("Sent by email to %(email)s.", "Enviado para %(email)s.", ["missing"]),
    ("Sent by email to %(email)s.", "Enviado por e-mail para %(email)s.", []),
    # a forbidden variant inside a placeholder of the output is not a violation...
    ("Sent to %(email)s.", "Enviado para %(emeio)s.", []),
    # ...but in prose it is
    ("Sent by email.", "Enviado por e-mail (emeio).", ["forbidden"]),
])
def test_verification_skips_protected_text(source, output, misses):
    found = EMAIL.compile().verify(source, output, "en", "pt")
    assert [m.kind for m in found] == misses


def test_verification_skips_the_callers_protected_spans_on_both_sides():
    source, output = "Type `email` here.", "Digite `email` aqui (emeio)."
    code = [Span(5, 12)]
    found = EMAIL.compile().verify(source, output, "en", "pt", code)
    assert [m.kind for m in found] == ["forbidden"]  # "emeio" outside the code, only
    assert EMAIL.compile().verify(source, "Digite `email` aqui.", "en", "pt", code) == []


def test_shield_leaves_terms_inside_placeholders_alone():
    text = "Send the security update to %(email)s."
    p = prepare(text, "en", "pt", glossary=EMAIL.compile())  # no protected spans given
    assert [s.source for s in p.slots if s.kind == TERM] == ["security update"]
    assert "%(email)s" in p.masked


_WORDS = st.sampled_from(["login", "log in", "e-mail", "sign-in", "the", "Login", "ok",
                          ".NET", "C++", "café", "Café", "x"])


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=3), min_size=1, max_size=8),
       st.lists(_WORDS, max_size=12))
def test_forbidden_index_finds_what_a_scan_of_every_variant_finds(variants, words):
    entries = [Entry({"en": f"term{i}", "pt": f"termo{i}"}, forbidden={"pt": v}, id=i + 1)
               for i, v in enumerate(variants)]
    output = " ".join(words)
    indexed = [(m.entry.id, m.found) for m in Termbase(entries).verify("", output, "en", "pt")]
    folded = norm(output)
    scanned = [(e.id, v) for e in entries for v in e.forbidden_for("pt")
               if norm(v) and re.search(rf"(?<!\w){re.escape(norm(v))}(?!\w)", folded)]
    assert indexed == scanned


def test_lookup_goes_through_the_entries_of_its_first_two_words_only():
    rows = "".join(f"security topic{i}\ttópico{i}\n" for i in range(3000))
    rows += "".join(f"word{i}\tpalavra{i}\n" for i in range(3000))
    termbase = loads("en\tpt\n" + rows + "security update\tatualização de segurança\n").compile()
    matcher = termbase.matcher("en")
    from glossa.glossary.match import tokenize

    tokens = tokenize("security update")
    candidates = matcher._candidates(tokens, 0)
    assert [c.words for c in candidates] == [("security", "update")]
    assert [m.form for m in termbase.find("Install the security update.", "en")] == [
        "security update"]


def test_glossary_recompiles_after_an_edit_in_place():
    glossary = loads("en\tpt\nemail\te-mail\n")
    assert glossary.verify("an email", "um correio", "en", "pt")
    entry = glossary.entries[0]
    entry.terms["pt"] = "correio"
    assert glossary.verify("an email", "um correio", "en", "pt") == []
    entry.forbidden["pt"] = ["correio"]
    assert [m.kind for m in glossary.verify("an email", "um correio", "en", "pt")] == [
        "forbidden"]
    glossary.add(Entry({"en": "inbox", "pt": "caixa de entrada"}))
    assert [m.form for m in glossary.find("my inbox", "en")] == ["inbox"]


def test_compiled_termbase_is_a_snapshot():
    glossary = loads("en\tpt\nemail\te-mail\n")
    termbase = glossary.compile(["en", "pt"])
    glossary.add(Entry({"en": "inbox", "pt": "caixa de entrada"}))
    assert termbase.find("my inbox", "en") == []
    assert len(termbase) == 1 and isinstance(glossary, Glossary)
    assert termbase.fingerprint() == loads("en\tpt\nemail\te-mail\n").fingerprint()
    assert termbase.keep_verbatim_terms() == frozenset()


def test_a_run_compiles_once_and_reports_no_miss_for_a_term_in_a_placeholder(
        tmp_path, cli, monkeypatch):
    from glossa.glossary import termbase as module

    compiled = []
    original = module.Termbase.compile.__func__

    def counting(cls, glossary, languages=()):
        compiled.append(glossary)
        return original(cls, glossary, languages)

    monkeypatch.setattr(module.Termbase, "compile", classmethod(counting))
    glossary = tmp_path / "g.tsv"
    glossary.write_text("en\tpt\nemail\te-mail\nreport\trelatório\n", encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text("Send the report to {email} today.\nThe report is ready.\n",
                      encoding="utf-8")
    result = cli(["translate", source, "--from", "en", "--to", "pt", "--glossary", glossary,
                  "--no-tm"])
    assert result.code == 0, result.err
    assert len(compiled) == 1
    assert "email" not in result.err + result.out
    out = (tmp_path / "in.pt.txt").read_text(encoding="utf-8")
    assert "{email}" in out and out.count("relatório") == 2


class UnreadableTable(engine_helpers.TableEngine):
    """The table engine, with a vocabulary that cannot read "Østby"."""

    name = "table-unreadable"

    def unencodable(self, texts, source, target):
        return [[Span(m.start(), m.end()) for m in re.finditer("Østby", t)] for t in texts]


def test_reshielding_unreadable_text_keeps_the_runs_termbase(monkeypatch):
    """A unit re-shielded for characters the model cannot read (Müller, Русский) keeps
    the run's compiled Termbase: the editable Glossary's lookups check every entry for
    edits first, which would bring back lookups that grow with the glossary."""
    from glossa.api import make_options
    from glossa.engines import ENGINES
    from glossa.formats import get_format
    from glossa.pipeline import translate_documents

    monkeypatch.setitem(ENGINES, "table-unreadable", f"{__name__}:UnreadableTable")
    monkeypatch.setattr(Glossary, "termbase", lambda self: pytest.fail(
        "a run looked a term up in the editable Glossary, not its Termbase"))
    options = make_options("pt", "en", loads("en\tpt\nfile\tarquivo\n"), "table-unreadable")
    doc = get_format("txt").read("Save the file for Østby.\n", None)
    report = translate_documents([doc], options)
    assert report.failed == [] and report.term_misses == []
    assert doc.segments[0].translation == "Salve o arquivo for Østby."
