"""Masking must not make Portuguese worse than no glossary: agreement after a restored
term, the place of an adjective the engine put before a masked term, and sentence case
for Title Case English labels (scripted engine outputs, as the real model writes them for
a token), then the real model end to end and the chrF measure of scripts/bench_glossary_chrf.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from glossa.glossary import loads
from glossa.lang.pt import inflect_adjective
from glossa.shield import prepare

GLOSSARY = loads(
    "en\tpt\tpos\n"
    "recovery code\tcódigo de recuperação\tnoun m\n"
    "mailbox\tcaixa de correio\tnoun f\n"
    "invoice\tfatura\tnoun f\n"
    "sign up\tcadastre-se\t\n",
    "tsv",
    "agreement.tsv",
)


def restored(source: str, engine_output: str) -> str:
    p = prepare(source, "en", "pt", glossary=GLOSSARY)
    assert "XT0X" in p.masked
    return p.restore(engine_output).text


@pytest.mark.parametrize(
    ("source", "output", "expected"),
    [
        # a participle right after the term agrees with it
        ("Mailbox archived", "XT0X arquivado", "Caixa de correio arquivada"),
        ("Invoices sent", "XT0X enviado", "Faturas enviadas"),
        ("Recovery code copied", "XT0X copiado", "Código de recuperação copiado"),
        ("Mailbox not found", "XT0X não encontrado", "Caixa de correio não encontrada"),
        ("Use your primary invoice.", "Use seu XT0X primário.", "Use sua fatura primária."),
        ("An incorrect invoice", "Um XT0X incorreto", "Uma fatura incorreta"),
        ("The old invoice was paid.", "O XT0X antigo foi pago.", "A fatura antiga foi paga."),
        # a copula then an adjective or participle, after a subject term
        ("The mailbox is full.", "O XT0X está cheio.", "A caixa de correio está cheia."),
        ("The invoices were paid.", "O XT0X foi pago.", "As faturas foram pagas."),
        ("The mailbox was emptied.", "O XT0X foi esvaziado.", "A caixa de correio foi esvaziada."),
        # an adjective alone before the term at the start of a label goes after it
        ("Invalid Recovery Code", "Inválido XT0X", "Código de recuperação inválido"),
        ("Shared Mailbox", "Compartilhado XT0X", "Caixa de correio compartilhada"),
        ("Recent invoices", "Recente XT0X", "Faturas recentes"),
        ("Previous Invoice", "Anterior XT0X", "Fatura anterior"),
        ("Mobile Mailbox", "Móvel XT0X", "Caixa de correio móvel"),
        ("English Invoices", "Inglês XT0X", "Faturas inglesas"),
        # determiners and adjectives that go first stay first, and agree
        ("New mailbox", "Novo XT0X", "Nova caixa de correio"),
        ("Open the mailbox", "Abra o XT0X", "Abra a caixa de correio"),
        # the article the engine adds before a token after a sentence's first possessive
        ("Your invoice has expired.", "O seu XT0X expirou.", "Sua fatura expirou."),
        ("Open your mailbox.", "Abra o seu XT0X.", "Abra a sua caixa de correio."),
        ("This is an invalid invoice.", "Este é um XT0X inválido.", "Esta é uma fatura inválida."),
        ("That was the old invoice.", "Aquele foi o XT0X antigo.", "Aquela foi a fatura antiga."),
        # adverbs, prepositions and interrogatives shaped like adjectives stay first
        ("Only invoices", "Somente XT0X", "Somente faturas"),
        ("During the invoice", "Durante XT0X", "Durante fatura"),
        ("Which invoice?", "Qual XT0X?", "Qual fatura?"),
        # verbs before the term are not adjectives
        ("Download Invoice", "Baixar XT0X", "Baixar fatura"),
        ("Create Mailbox", "Criar XT0X", "Criar caixa de correio"),
    ],
)
def test_masked_terms_agree_and_take_portuguese_order(source, output, expected):
    assert restored(source, output) == expected


def test_title_case_label_is_not_imposed_but_a_button_name_keeps_its_capital():
    assert restored("Export Your Invoice", "Exportar sua XT0X") == "Exportar sua fatura"
    # the engine's Title Case around the term goes too: determiners before it, the
    # adjective after it (which also takes the plural), an adjective after the first verb
    assert restored("Add New Mailbox", "Adicionar Novo XT0X") == "Adicionar nova caixa de correio"
    assert (
        restored("Manage Trusted Invoices", "Gerenciar XT0X Confiável")
        == "Gerenciar faturas confiáveis"
    )
    assert restored("Show Recent Invoices", "Mostrar recente XT0X") == "Mostrar faturas recentes"
    assert restored("Your Previous Invoice", "Sua Anterior XT0X") == "Sua fatura anterior"
    # not in a sentence: "Your previous invoice" is no label
    assert restored("Your previous invoice", "Sua anterior XT0X") == "Sua anterior fatura"
    # a capitalised term inside a sentence names a button: it keeps the capital
    p = prepare("Tap Sign up to continue.", "en", "pt", glossary=GLOSSARY)
    assert p.restore("Toque em XT0X para continuar.").text == "Toque em Cadastre-se para continuar."
    # into English, Title Case labels stay Title Case
    back = loads("pt\ten\nfatura\tinvoice\n", "tsv", "b.tsv")
    p = prepare("Baixar Fatura", "pt", "en", glossary=back)
    assert p.restore("Download XT0X").text == "Download Invoice"


@pytest.mark.parametrize(
    ("word", "gender", "plural", "expected"),
    [
        ("inválido", "f", False, "inválida"),
        ("atual", "f", True, "atuais"),
        ("recente", "m", True, "recentes"),
        ("padrão", "f", True, "padrão"),
        ("Automático", "f", False, "automática"),
        ("anteriores", "f", True, "anteriores"),
        ("inglês", "f", False, "inglesa"),
        ("inglês", "m", True, "ingleses"),
        ("inglesa", "f", True, "inglesas"),
        ("móvel", "m", True, "móveis"),
    ],
)
def test_inflect_adjective(word, gender, plural, expected):
    assert inflect_adjective(word, gender, plural) == expected


def test_nouns_and_adverbs_after_a_term_are_left_alone():
    assert (
        restored("The mailbox is now open.", "O XT0X está agora aberto.")
        == "A caixa de correio está agora aberto."
    )  # only the word right after the copula
    assert restored("Mailbox status", "XT0X estado") == "Caixa de correio estado"
    # an -a word after the term may be a verb: only the engine's masculine forms change
    assert (
        restored("The mailbox hides the list.", "O XT0X oculta a lista.")
        == "A caixa de correio oculta a lista."
    )
    assert (
        restored("The recovery code completes it.", "O XT0X completa-o.")
        == "O código de recuperação completa-o."
    )
    # a verb shaped like an -ante adjective is not pluralised as one
    assert (
        restored("The invoices guarantee it.", "As XT0X garante isso.")
        == "As faturas garante isso."
    )
    # after a copula, a noun is not an adjective
    assert (
        restored("The mailbox is a tool.", "O XT0X é ferramenta.")
        == "A caixa de correio é ferramenta."
    )
    # after "de": the participle may qualify the noun before the term
    assert (
        restored("The report of the mailbox sent today", "O relatório da XT0X enviado hoje")
        == "O relatório da caixa de correio enviado hoje"
    )


_BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench_glossary_chrf.py"
_spec = importlib.util.spec_from_file_location("bench_glossary_chrf", _BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_own_chrf_matches_sacrebleu():
    hyps = ["A caixa de correio está cheia.", "Fatura enviada", "abc", ""]
    refs = ["A caixa de correio ficou cheia.", "Faturas enviadas", "xyz", "nada"]
    assert bench.chrf(["igual"], ["igual"]) == pytest.approx(100.0)
    assert bench.chrf(["abc"], ["xyz"]) == 0.0
    sacrebleu = pytest.importorskip("sacrebleu")
    want = sacrebleu.metrics.CHRF().corpus_score(hyps, [refs]).score
    assert bench.chrf(hyps, refs) == pytest.approx(want, abs=0.01)


def test_bench_data_has_forty_strings_with_references():
    pairs = bench.read_pairs(bench.DATA / "strings.tsv")
    assert len(pairs) >= 40 and all(src.strip() and ref.strip() for src, ref in pairs)


def test_glossary_output_scores_no_lower_than_raw_with_the_real_model():
    """The real Bergamot model: the glossary's output is no worse than the raw output."""
    pairs = bench.read_pairs(bench.DATA / "strings.tsv")
    sources, refs = [s for s, _ in pairs], [r for _, r in pairs]
    raw = bench.translate(sources, None)
    with_glossary = bench.translate(sources, bench.DATA / "glossary.tsv")
    assert bench.corpus_chrf(with_glossary, refs) >= bench.corpus_chrf(raw, refs)
    row = dict(zip(sources, with_glossary, strict=True))
    assert row["Security key added"] == "Chave de segurança adicionada"
    assert row["Current Password"] == "Senha atual"


def test_bench_script_prints_its_figures_line():
    import re
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, str(_BENCH)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    m = re.fullmatch(
        r"bench glossary_chrf=(\d+\.\d\d) raw_chrf=(\d+\.\d\d) delta=([+-]\d+\.\d\d)", last
    )
    assert m, last
    assert float(m.group(3)) >= 0
