"""QA checks: each kind flags the defects translators care about and stays quiet on
correct translations written in another locale's style."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossa.qa import CHECKS, ERROR_KINDS, Issue, SegmentContext, load_checks, run_checks
from glossa.qa.base import register
from review_helpers import glossary


def kinds(src_lang, tgt_lang, source, target, g=None) -> set[str]:
    return {i.kind for i in run_checks(SegmentContext(source, target, src_lang, tgt_lang, g))}


def errors(src_lang, tgt_lang, source, target, g=None) -> set[str]:
    return {i.kind for i in run_checks(SegmentContext(source, target, src_lang, tgt_lang, g))
            if i.severity == "error"}


CLEAN = [
    ("pt", "en", "O evento reuniu mais de 2 mil pessoas.",
     "The event brought together more than 2,000 people."),
    ("pt", "en", "A inflação foi de 0,5% em maio.", "Inflation was 0.5% in May."),
    ("pt", "en", "As vendas somaram US$ 2.340,7 milhões.", "Sales totalled US$2,340.7 million."),
    ("pt", "en", "O iPhone 15 Pro custa R$ 7.299.", "The iPhone 15 Pro costs R$7,299."),
    ("pt", "en", "Há 5 anos a empresa abriu o capital.", "Five years ago the company went public."),
    ("pt", "en", "Cinco pessoas ficaram feridas.", "5 people were injured."),
    ("pt", "en", "A área é de 30 m² no total.", "The area totals 30 m²."),
    ("pt", "en", "Versão 2.1.3 disponível.", "Version 2.1.3 available."),
    ("pt", "en", "Ele tem 1,80 m de altura.", "He is 1.80 m tall."),
    ("pt", "en", "A dívida chegou a R$ 1,5 bi.", "The debt reached R$1.5 billion."),
    ("en", "fr", "The price is 1,299.99 dollars.", "Le prix est de 1 299,99 dollars."),
    ("en", "ru", "The company sold 12,500 cars.", "Компания продала 12 500 автомобилей."),
    ("en", "de", "Revenue rose to 3.5 million euros.", "Der Umsatz stieg auf 3,5 Millionen Euro."),
    ("pt", "en", "Você tem %d mensagens de %s.", "You have %d messages from %s."),
    ("pt", "en", "Olá {{ user.name }}, bem-vindo!", "Hello {{user.name}}, welcome!"),
    ("pt", "en", 'Veja <a href="https://exemplo.com.br">os termos</a>.',
     'See <a href="https://example.com">the terms</a>.'),
    ("pt", "en", "O desconto é de 50% de desconto.", "You get a 50% discount."),
    ("pt", "en", "Toque em &Salvar para continuar.", "Tap &Save to continue."),
    ("pt", "en", "Google Maps", "Google Maps"),
    ("pt", "en", "O Flamengo venceu o Palmeiras no Maracanã.",
     "Flamengo beat Palmeiras at the Maracanã."),
    ("en", "pt", "The meeting with Vladimir Putin and Xi Jinping lasted two hours.",
     "A reunião com Vladimir Putin e Xi Jinping durou duas horas."),
    ("en", "es", "Do you want to save changes?", "¿Desea guardar los cambios?"),
    ("en", "fr", "Are you sure?", "Êtes-vous sûr ?"),
    ("en", "ja", "Save the file.", "ファイルを保存します。"),
    ("pt", "en", "A partida será às 21h45 pela TV Globo.",
     "The match will be at 9:45 p.m. on TV Globo."),
    ("pt", "en", "O Palmeiras venceu o Corinthians por 2 a 1 no Allianz Parque.",
     "Palmeiras beat Corinthians 2-1 at Allianz Parque."),
    ("pt", "en", "Ele tem 2 filhos e mora em Brasília desde 1998.",
     "He has two children and has lived in Brasília since 1998."),
    ("pt", "es", "O tempo de entrega depende da região.",
     "El tiempo de entrega depende de la región."),  # close languages share words
    ("pt", "en", "", ""),
    # clocks: a.m./p.m., "da manhã", o'clock, noon; 24-hour "h" times are exact
    ("pt", "en", "O show começa às 21h e os portões abrem às 19h.",
     "The show begins at 21h and the gates open at 7:00 p.m."),
    ("pt", "en", "O voo pousou às 11h40.", "The flight landed at 11.40 a.m."),
    ("en", "pt", "The store opens at 9 a.m. and closes at 6 p.m.",
     "A loja abre às 9 da manhã e fecha às 18:00."),
    ("pt", "en", "Começa às 9h.", "It starts at 9 o'clock."),
    ("pt", "en", "A cerimônia será às 12h.", "The ceremony will be at noon."),
    ("pt", "en", "O atendimento funciona 24h por dia.", "Service runs 24 hours a day."),
    ("pt", "en", "O maratonista fez 2:05:30.", "The marathon runner ran 2:05:30."),
    # clock times in words and numerals: "às 10 horas", "ao meio-dia", "dez horas"
    ("en", "pt", "The meeting is at 10 a.m.", "A reunião é às 10 horas."),
    ("en", "pt", "It starts at 10 o'clock.", "Começa às 10 horas."),
    ("en", "pt", "It starts at 10 o'clock.", "Começa às dez horas."),
    ("en", "pt", "It starts at 10 a.m.", "Começa às dez da manhã."),
    ("en", "pt", "Lunch is at 12 noon.", "O almoço é ao meio-dia."),
    ("pt", "en", "Começa às 10h.", "It starts at ten o'clock."),
    ("en", "pt", "He waited 10 hours.", "Ele esperou 10 horas."),
    ("en", "pt", "The shop closes at 10 p.m.", "A loja fecha às 22:00."),
    ("pt", "en", "A loja fecha às 22:00.", "The shop closes at 10 p.m."),
    ("en", "pt", "Lunch is served at noon.", "O almoço é servido ao meio-dia."),
    ("en", "pt", "Doors open at 10 a.m.", "As portas abrem às 10h."),
    ("pt", "en", "As portas abrem às 10 horas.", "Doors open at 10 o'clock."),
    # times said with "e meia", "em ponto", "half past", "quarter to", "sharp"
    ("en", "pt", "The ferry sails at 4:30.", "O ferry parte às 4 e meia."),
    ("pt", "en", "O ferry parte às 4 e meia.", "The ferry sails at half past 4."),
    ("en", "pt", "The ferry sails at 7 o'clock sharp.", "O ferry parte às 7 em ponto."),
    ("en", "pt", "The ferry sails at a quarter to 9 p.m.", "O ferry parte às 20h45."),
    ("en", "pt", "The ferry sails at quarter past 3.", "O ferry parte às 3 e um quarto."),
    ("en", "pt", "Boil 3.5 litres of water.", "Ferva 3 e meia litros de água."),
    # number words: counts said another way, compounds, ordinals, names, "segundo"
    ("pt", "en", "Toque duas vezes para ampliar.", "Tap twice to zoom in."),
    ("pt", "en", "Os dois países assinaram o acordo.", "Both countries signed the agreement."),
    ("en", "pt", "Twenty-five people came.", "Vieram 25 pessoas."),
    ("pt", "en", "Vieram vinte e cinco pessoas.", "25 people came."),
    ("pt", "en", "Segundo o IBGE, a cidade cresceu.", "According to IBGE, the city grew."),
    ("en", "pt", "Two-factor authentication is on.", "A autenticação de dois fatores está ativa."),
    ("en", "pt", "The Two Towers opens today.", "O filme As Duas Torres estreia hoje."),
    ("pt", "en", "A Lei 14.133 entrou em vigor em 2021.", "Law 14.133 came into force in 2021."),
    # a few words shared with the source are not an untranslated part
    ("en", "pt", "Export the report as PDF or CSV.", "Exportar o relatório como PDF ou CSV."),
    ("pt", "en", "O filme Cidade de Deus ganhou prêmios.", "The film Cidade de Deus won awards."),
]


@pytest.mark.parametrize(("src", "tgt", "source", "target"), CLEAN)
def test_correct_translations_have_no_errors(src, tgt, source, target):
    assert errors(src, tgt, source, target) == set()


DEFECTS = [
    ("number", "pt", "en", "A agência informou que 340 pessoas saíram.",
     "The agency said 430 people left."),
    ("number", "pt", "en", "Pagamento de R$ 0,85 por ação.", "Payment of R$0.58 per share."),
    ("number", "pt", "en", "Alta de 12,5% no ano.", "Up 1.25% in the year."),
    ("number", "pt", "en", "Mais de 1.200 lojas.", "More than 1.2 stores."),
    ("number", "pt", "en", "O projeto custou R$ 3,2 milhões.", "The project cost R$3.2 billion."),
    ("number", "pt", "en", "Em relação a 2022.", "Compared with last year."),
    ("placeholder", "pt", "en", "Erro ao salvar %s.", "Error saving %d."),
    ("placeholder", "pt", "en", "Olá, {name}!", "Hello, {nome}!"),
    ("placeholder", "pt", "en", "O arquivo <i>%(f)s</i> é grande.", "The file %(f)s is big."),
    ("placeholder", "pt", "en", "%s de %d", "%d of %s"),
    ("placeholder", "pt", "en", "Arquivo %1$s salvo em %2$s.", "File %1$s saved."),
    ("untranslated", "pt", "en", "Não foi possível carregar a página.",
     "Não foi possível carregar a página."),
    ("untranslated", "pt", "en", "Nenhum resultado encontrado para a sua pesquisa.",
     "Nenhum resultado foi encontrado para a sua pesquisa."),
    ("untranslated", "en", "pt", "Your changes have been saved successfully.",
     "Your changes have been saved."),
    ("untranslated", "pt", "en", "Tente novamente mais tarde.", "Tente novamente mais tarde!"),
    ("untranslated", "pt", "en", "Clique no botão azul para enviar o formulário.",
     "Click no botão azul para enviar o formulário."),
    ("number", "pt", "en", "A partida será às 21h45.", "The match will be at 8:45 p.m."),
    ("empty", "pt", "en", "Sua sessão expirou.", "   "),
    ("number", "pt", "en", "O voo partiu às 8h15.", "The flight departed at 8:15 p.m."),
    ("number", "en", "pt", "It starts at 10 a.m.", "Começa às 11 horas."),
    ("number", "en", "pt", "It starts at 10 a.m.", "Começa às dez da noite."),
    ("number", "en", "pt", "Lunch is at 12 noon.", "O almoço é à meia-noite."),
    ("number", "en", "pt", "Doors open at 10 a.m.", "As portas abrem às 22h."),
    ("number", "pt", "en", "A loja fecha às 22:00.", "The shop closes at 10 a.m."),
    ("number", "en", "pt", "The ferry sails at 4:30.", "O ferry parte às 5 e meia."),
    ("number", "en", "pt", "The ferry sails at half past 4.", "O ferry parte às 5h30."),
    ("number", "en", "pt", "The ferry sails at 7 sharp.", "O ferry parte às 8 em ponto."),
    ("number", "en", "pt", "The ferry sails at a quarter to 9.", "O ferry parte às 9h15."),
    ("number", "en", "pt", "Police officers arrested two suspects.",
     "Policiais prenderam três suspeitos."),
    ("number", "pt", "en", "Quatro em cada dez brasileiros usam ônibus.",
     "Four out of five Brazilians use buses."),
    ("untranslated", "en", "pt", "Turn on notifications to get alerts about new comments.",
     "Ativar notificações to get alerts about new comments."),
    ("untranslated", "en", "pt", "The battery is low. Connect your charger.",
     "The battery is low. Conecte o seu carregador."),
    ("untranslated", "pt", "en", "A empresa demitiu 150 funcionários nesta terça-feira.",
     "The company demitiu 150 funcionários nesta terça-feira."),
]


@pytest.mark.parametrize(("kind", "src", "tgt", "source", "target"), DEFECTS)
def test_defects_are_flagged_with_their_kind(kind, src, tgt, source, target):
    assert errors(src, tgt, source, target) == {kind}


@pytest.mark.parametrize(("kind", "source", "target"), [
    ("doubled", "Clique para continuar.", "Click to to continue."),
    ("whitespace", "Salvar ", "Save"),
    ("whitespace", "Nome: João", "Name:  João"),
    ("punctuation", "Deseja sair?", "Do you want to leave."),
    ("brackets", "Salvar (recomendado)", "Save (recommended"),
    ("length", "Os itens excluídos ficam na Lixeira por muito tempo.", "Items."),
    ("identical", "Hotel", "Hotel"),
])
def test_warnings_are_warnings(kind, source, target):
    issues = run_checks(SegmentContext(source, target, "pt", "en"))
    assert kind in {i.kind for i in issues}
    assert all(i.severity == "warning" for i in issues)


@pytest.mark.parametrize(("source", "target"), [
    ("Tchau tchau!", "Bye bye!"),  # doubled in the source too
    ("Frase normal.", "Normal sentence!"),  # . and ! both end a statement
    ("Ele disse: «olá».", "He said: “hello”."),
])
def test_warning_checks_accept_fine_variation(source, target):
    assert kinds("pt", "en", source, target) == set()


def test_term_missing_and_forbidden(tmp_path):
    g = glossary(tmp_path)
    issues = run_checks(SegmentContext("Combatentes da Frente Sul deixaram a cidade.",
                                       "Fighters from the South Front left the city.",
                                       "pt", "en", g))
    assert [(i.kind, i.severity, i.where) for i in issues] == [("term", "error", "source")]
    assert "Southern Front" in issues[0].message
    source = "Combatentes da Frente Sul deixaram a cidade."
    assert issues[0].span and source[issues[0].span.start:issues[0].span.end] == "Frente Sul"
    ok = "Fighters from the Southern Front left the city."
    assert errors("pt", "en", source, ok, g) == set()
    g.entries[0].forbidden = {"en": ["South Front"]}
    g._invalidate()
    issues = run_checks(SegmentContext(source, "The South Front and the Southern Front.",
                                       "pt", "en", g))
    assert [i.kind for i in issues] == ["term"] and "forbidden" in issues[0].message


def test_term_works_in_both_directions_and_with_inflection(tmp_path):
    g = glossary(tmp_path)
    assert errors("en", "pt", "Our market share grew.", "Nossa participação de mercado cresceu.",
                  g) == set()
    assert errors("en", "pt", "Our market shares grew.", "Nossas participações de mercado "
                  "cresceram.", g) == set()
    assert errors("en", "pt", "Empty the Recycle Bin.", "Esvazie o Lixo.", g) == {"term"}


@pytest.mark.parametrize(("src", "tgt", "entry", "source", "target", "flagged"), [
    ("en", "pt", "renewable energy\tenergia renovável",
     "Investments in renewable energy doubled.",
     "Os investimentos em energias renováveis duplicaram.", False),
    ("en", "pt", "police officer\tpolicial", "Police officers arrested him.",
     "Os policiais o prenderam.", False),
    ("en", "pt", "health worker\tprofissional de saúde", "Health workers went on strike.",
     "Os profissionais da saúde entraram em greve.", False),
    ("pt", "en", "Frente Sul\tSouthern Front", "A Frente Sul avançou.",
     "The South Front advanced.", True),  # derivation, not inflection
    ("en", "pt", "city council\tcâmara municipal", "The city council met.",
     "O conselho municipal se reuniu.", True),
])
def test_term_accepts_irregular_inflection_only(tmp_path, src, tgt, entry, source, target,
                                                 flagged):
    from glossa.glossary import load_glossaries

    path = tmp_path / "g.tsv"
    path.write_text(f"{src}\t{tgt}\n{entry}\n", encoding="utf-8")
    g = load_glossaries([path])
    assert (errors(src, tgt, source, target, g) == {"term"}) is flagged


def test_keep_verbatim_names_do_not_make_identical_text_untranslated(tmp_path):
    g = glossary(tmp_path)
    assert errors("pt", "en", "Reuters", "Reuters", g) == set()
    assert errors("pt", "en", "https://example.com/a_b", "https://example.com/a_b") == set()
    assert errors("pt", "en", "12.500", "12,500") == set()


def test_a_failing_check_becomes_a_warning_not_a_crash():
    @register("test-boom", "warning")
    def boom(ctx):
        raise RuntimeError("bug")

    try:
        issues = run_checks(SegmentContext("a", "b", "pt", "en"), ["test-boom", "empty"])
        assert [(i.kind, i.severity) for i in issues] == [("qa-failure", "warning")]
        assert "bug" in issues[0].message
    finally:
        del CHECKS["test-boom"]


def test_registry_has_every_kind_and_errors_come_first():
    registry = load_checks()
    assert set(ERROR_KINDS) <= set(registry)
    issues = run_checks(SegmentContext("Salvar %s ", "Save to to %d", "pt", "en"))
    severities = [i.severity for i in issues]
    assert severities == sorted(severities, key=["error", "warning"].index)
    assert Issue("x", "error", "m").to_json() == {"kind": "x", "severity": "error",
                                                   "message": "m"}


def _fmt(value: Decimal, decimal: str, group: str) -> str:
    whole, _, frac = f"{value:,.2f}".partition(".")
    return whole.replace(",", group) + decimal + frac


def number_issues(lang, source, target) -> list[Issue]:
    return run_checks(SegmentContext(source, target, lang, "en"), ["number"])


@settings(deadline=None)
@given(st.decimals(min_value=1, max_value=10**9, places=2, allow_nan=False),
       st.sampled_from([("pt", ",", "."), ("fr", ",", "\u202f"), ("de", ",", "."),
                        ("ru", ",", "\u00a0")]))
def test_number_written_in_each_locale_matches(value, locale):
    lang, decimal, group = locale
    source = f"O valor é {_fmt(value, decimal, group)} hoje."
    target = f"The value is {_fmt(value, '.', ',')} today."
    assert number_issues(lang, source, target) == []
    other = value + Decimal("1.01")
    assert number_issues(lang, source, f"The value is {_fmt(other, '.', ',')} today.")


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        ("Impor_t Photos", "_Importar fotos", False),  # GTK mid-word key, moved: fine
        ("Sa_ve Draft", "Guardar _rascunho", False),
        ("&Print Preview", "Pré-visualização de &impressão", False),
        ("Re_name Folder", "Mudar o nome da pasta", True),  # the key is lost
        ("Show Hidden Files", "Mostrar _ficheiros ocultos", True),  # a key the source lacks
        ("Open &Recent", "Abrir _recentes", True),  # another toolkit's marker
        ("Copy file_name to the clipboard", "Copiar file_name para a área", False),
    ],
)
def test_accelerators_compare_by_marker_not_by_letter(source, target, flagged):
    assert ("placeholder" in kinds("en", "pt", source, target)) is flagged
