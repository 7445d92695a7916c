"""A small en<->pt news/UI set written for measuring glossary enforcement (not from the
shared dev files), and the measurement itself:

    uv run python tests/shield_helpers.py            # chrF vs raw model, misses, fallbacks

chrF (sacrebleu) compares the glossary output with the raw model output of the same
sentence: how much of the sentence enforcement changes beyond the terms.
"""

# ruff: noqa: E501  (the sentences are kept one a line)
from __future__ import annotations

import sys

EVAL_TSV = (
    'en\tpt\tnote\n'
    'Southern Front\tFrente Sul\torg\n'
    'Security Council\tConselho de Segurança\torg\n'
    'Alexander Lavrentyev\tAlexander Lavrentyev\tperson\n'
    'Sergei Lavrov\tSerguei Lavrov\tperson\n'
    'Vladimir Putin\tVladimir Putin\tperson\n'
    'Emmanuel Macron\tEmmanuel Macron\tperson\n'
    'Olaf Scholz\tOlaf Scholz\tperson\n'
    'Maria Fernanda Costa\tMaria Fernanda Costa\tperson\n'
    'Xi Jinping\tXi Jinping\tperson\n'
    'Luiz Inácio Lula da Silva\tLuiz Inácio Lula da Silva\tperson\n'
    'Bashar al-Assad\tBashar al-Assad\tperson\n'
    'Lisbon\tLisboa\tcity\n'
    'Beijing\tPequim\tcity\n'
    'London\tLondres\tcity\n'
    'Amman\tAmã\tcity\n'
    'Ankara\tAncara\tcity\n'
    'Geneva\tGenebra\tcity\n'
    'Moscow\tMoscou\tcity\n'
    'Brasília\tBrasília\tcity\n'
    'NATO\tOTAN\torg\n'
    'Kremlin\tKremlin\torg\n'
    'International Monetary Fund\tFundo Monetário Internacional\torg\n'
    'Federal Police\tPolícia Federal\torg\n'
    'World Bank\tBanco Mundial\torg\n'
    'Red Cross\tCruz Vermelha\torg\n'
    'European Union\tUnião Europeia\torg\n'
    'Supreme Court\tSupremo Tribunal Federal\torg\n'
    'Reuters\tReuters\tagency\n'
    'Mercosur\tMercosul\tbloc\n'
    'Settings\tConfigurações\tUI\n'
    'Recycle Bin\tLixeira\tUI\n'
    'Task Manager\tGerenciador de Tarefas\tUI\n'
    'Control Center\tCentral de Controle\tUI\n'
    'dark mode\tmodo escuro\tUI\n'
    'security update\tatualização de segurança\tUI\n'
    'Notifications\tNotificações\tUI\n'
    'Google Drive\tGoogle Drive\tproduct\n'
)

EN = """The commanders of the Southern Front rejected the plan presented by Alexander Lavrentyev in Amman.
Vladimir Putin met Sergei Lavrov in Moscow on Tuesday.
The report was sent to Alexander Lavrentyev and to the Security Council.
Talks with Sergei Lavrov took place in Ankara last week.
Emmanuel Macron and Olaf Scholz will travel to Beijing next month.
The proposal from Xi Jinping was welcomed by the European Union.
According to Maria Fernanda Costa, the Federal Police opened an investigation.
Luiz Inácio Lula da Silva returned to Brasília after the summit in London.
The International Monetary Fund lent money to the government, Reuters reported.
A spokesman for Bashar al-Assad denied the claims made in Geneva.
The Kremlin said the meeting between Vladimir Putin and Xi Jinping was productive.
NATO warned that the Southern Front could lose control of the city.
The Supreme Court ruled against Olaf Scholz's former adviser.
The World Bank and the International Monetary Fund met in Lisbon.
Delegates from Mercosur and the European Union signed the agreement in Brasília.
The Red Cross sent aid to Amman after a request from the Security Council.
Reporters asked Emmanuel Macron about NATO.
The letter from Sergei Lavrov reached Geneva on Friday.
Maria Fernanda Costa criticised the Kremlin.
He flew from London to Moscow to meet Alexander Lavrentyev.
The decision by the Security Council surprised Emmanuel Macron.
Officials in Beijing praised the World Bank.
The Federal Police arrested a suspect in Lisbon.
Olaf Scholz spoke with Luiz Inácio Lula da Silva by phone.
Open Settings and turn on dark mode.
Security updates are installed automatically from Settings.
To restore a file, open the Recycle Bin.
Press Ctrl+Shift+Esc to open Task Manager.
Swipe down to open the Control Center.
You can change Notifications in Settings.
Files in the Recycle Bin are deleted after 30 days.
The security update was installed by Task Manager.
Save the document to Google Drive before you close it.
Dark mode is available in Control Center.
A new security update is available for your device.
Turn off Notifications for Google Drive.""".splitlines()
PT = """Os comandantes da Frente Sul rejeitaram o plano apresentado por Alexander Lavrentyev em Amã.
Vladimir Putin encontrou Serguei Lavrov em Moscou na terça-feira.
O relatório foi enviado a Alexander Lavrentyev e ao Conselho de Segurança.
As conversas com Serguei Lavrov aconteceram em Ancara na semana passada.
Emmanuel Macron e Olaf Scholz vão viajar a Pequim no próximo mês.
A proposta de Xi Jinping foi bem recebida pela União Europeia.
Segundo Maria Fernanda Costa, a Polícia Federal abriu uma investigação.
Luiz Inácio Lula da Silva voltou a Brasília depois da cúpula em Londres.
O Fundo Monetário Internacional emprestou dinheiro ao governo, informou a Reuters.
Um porta-voz de Bashar al-Assad negou as acusações feitas em Genebra.
O Kremlin disse que o encontro entre Vladimir Putin e Xi Jinping foi produtivo.
A OTAN alertou que a Frente Sul pode perder o controle da cidade.
O Supremo Tribunal Federal decidiu contra um ex-assessor de Olaf Scholz.
O Banco Mundial e o Fundo Monetário Internacional se reuniram em Lisboa.
Delegados do Mercosul e da União Europeia assinaram o acordo em Brasília.
A Cruz Vermelha enviou ajuda a Amã após um pedido do Conselho de Segurança.
Os jornalistas perguntaram a Emmanuel Macron sobre a OTAN.
A carta de Serguei Lavrov chegou a Genebra na sexta-feira.
Maria Fernanda Costa criticou o Kremlin.
Ele voou de Londres para Moscou para se encontrar com Alexander Lavrentyev.
A decisão do Conselho de Segurança surpreendeu Emmanuel Macron.
Autoridades em Pequim elogiaram o Banco Mundial.
A Polícia Federal prendeu um suspeito em Lisboa.
Olaf Scholz falou por telefone com Luiz Inácio Lula da Silva.
Abra Configurações e ative o modo escuro.
As atualizações de segurança são instaladas automaticamente a partir de Configurações.
Para restaurar um arquivo, abra a Lixeira.
Pressione Ctrl+Shift+Esc para abrir o Gerenciador de Tarefas.
Deslize para baixo para abrir a Central de Controle.
Você pode alterar as Notificações em Configurações.
Os arquivos na Lixeira são excluídos após 30 dias.
A atualização de segurança foi instalada pelo Gerenciador de Tarefas.
Salve o documento no Google Drive antes de fechá-lo.
O modo escuro está disponível na Central de Controle.
Uma nova atualização de segurança está disponível para o seu dispositivo.
Desative as Notificações do Google Drive.""".splitlines()


def _translate(engine, prepared, src: str, tgt: str) -> tuple[str, bool]:
    """Restore like the pipeline does: retry with the fallback when something is lost."""
    out = prepared.restore(engine.translate_batch([prepared.masked], src, tgt)[0].text.strip())
    if not out.lost:
        return out.text, False
    retry = prepared.fallback()
    out = retry.restore(engine.translate_batch([retry.masked], src, tgt)[0].text.strip())
    return out.text, True


def measure() -> None:
    from sacrebleu.metrics import CHRF

    from glossa.engines import get_engine
    from glossa.glossary import loads
    from glossa.shield import prepare

    engine, glossary = get_engine("bergamot"), loads(EVAL_TSV)
    for src, tgt, texts in (("en", "pt", EN), ("pt", "en", PT)):
        raw = [t.text for t in engine.translate_batch(texts, src, tgt)]
        done = [_translate(engine, prepare(t, src, tgt, glossary=glossary), src, tgt)
                for t in texts]
        outputs = [d[0] for d in done]
        misses = sum(len(glossary.verify(t, o, src, tgt)) for t, o in zip(texts, outputs, strict=True))
        chrf = CHRF().corpus_score(outputs, [raw]).score
        print(f"{src}->{tgt}: chrF={chrf:.1f} misses={misses} "
              f"fallbacks={sum(d[1] for d in done)} n={len(texts)}")
        if "-v" in sys.argv:
            for t, r, o in zip(texts, raw, outputs, strict=True):
                print(f"  {t}\n  raw: {r}\n  out: {o}")


if __name__ == "__main__":
    measure()
