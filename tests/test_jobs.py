"""--jobs: the default uses every usable core (memory allowing) and changes nothing in the
output; -j 1 translates in-process. Real Bergamot models, worker processes really used."""

from __future__ import annotations

import pytest

import glossa.engines
import glossa.engines.base as base
import glossa.engines.bergamot as bergamot
from glossa.cli import main

PARAGRAPHS = [
    "A biblioteca municipal abre às nove. Os leitores chegam cedo e procuram os jornais.",
    "No inverno, a sala de leitura fica cheia. Há quem venha só para se aquecer.\n"
    "A bibliotecária conhece todos pelo nome.",
    "O orçamento deste ano prevê novas estantes. Também haverá computadores para as "
    "crianças. A obra começa em março e termina antes do verão.",
    "Perguntámos ao diretor o que mudou. Ele respondeu que as pessoas leem menos livros, "
    "mas mais notícias.",
    "Aos sábados há contos para os mais pequenos. As mães ficam a conversar no jardim.",
]
PO_ENTRIES = [
    "Abrir ficheiro",
    "Guardar como...",
    "O ficheiro %s não existe.",
    "Tem a certeza de que quer sair?",
    "Definições de privacidade",
    "Procurar na página",
    "A ligação foi interrompida.",
    "Tentar novamente",
    "Mostrar palavras-passe guardadas",
    "Transferências concluídas: {count}",
]


def _po(entries: list[str]) -> str:
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return head + "".join(
        f'#: ui.c:{i}\nmsgid "{text}"\nmsgstr ""\n\n' for i, text in enumerate(entries)
    )


@pytest.fixture
def two_cores(monkeypatch):
    """Small jobs go to the workers too, and "every core" means 2 here."""
    monkeypatch.setattr(bergamot, "PARALLEL_MIN", 4)
    monkeypatch.setattr(base, "_usable_cores", lambda: 2)
    engine = glossa.engines.get_engine("bergamot")
    engine.close()  # workers an earlier test of this process left running
    yield engine
    engine.close()
    engine.jobs = 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("library.pt.txt", "\n\n".join(PARAGRAPHS) + "\n"),
        ("ui.po", _po(PO_ENTRIES)),
    ],
)
def test_default_jobs_and_two_workers_give_the_one_process_output(
    tmp_path, capsys, two_cores, name, text
):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    outputs = {}
    for label, jobs in (("one", ["-j", "1"]), ("two", ["-j", "2"]), ("default", [])):
        out = tmp_path / f"{label}-{name}"
        assert (
            main(
                [
                    "translate",
                    str(src),
                    "--from",
                    "pt",
                    "--to",
                    "en",
                    "--no-tm",
                    "-q",
                    "-o",
                    str(out),
                    *jobs,
                ]
            )
            == 0
        )
        if label == "one":
            assert two_cores._pool is None  # -j 1: in-process
        else:
            assert two_cores._pool is not None and two_cores.jobs == 2
        outputs[label] = out.read_text(encoding="utf-8")
    assert outputs["two"] == outputs["one"]
    assert outputs["default"] == outputs["one"]
    assert (
        outputs["one"].count('msgstr ""\n\n') == 0
        if name.endswith(".po")
        else outputs["one"].count("\n\n") == len(PARAGRAPHS) - 1
    )
    assert outputs["one"] != text  # translated, not copied


@pytest.mark.parametrize(
    ("cores", "free_mb", "expected"),
    [(2, 64_000, 2), (16, 64_000, 8), (4, 900, 2), (4, 100, 1), (1, 64_000, 1)],
)
def test_default_worker_count_is_usable_cores_capped_by_memory(
    monkeypatch, cores, free_mb, expected
):
    monkeypatch.setattr(base, "_usable_cores", lambda: cores)
    monkeypatch.setattr(base, "_available_mb", lambda: free_mb)
    assert base.worker_count(0) == expected
    assert base.worker_count(3) == 3  # asked for by number: as asked


def test_usable_cores_follow_the_affinity_mask(monkeypatch):
    monkeypatch.setattr(base.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert base._usable_cores() == 3


def test_next_part_is_prefetched_and_changes_nothing(tmp_path, monkeypatch, two_cores):
    """A job of several engine parts: the workers get each next part before the current
    one is checked (prefetch), and the output is the one-process output."""
    import glossa.pipeline as pipeline

    monkeypatch.setattr(pipeline, "ENGINE_CHUNK", 4)  # 10 entries: parts of 4, 4 and 2
    collected = []
    real_collect = bergamot.BergamotEngine._collect

    def counting(self, texts, source, target):
        collected.append(len(texts))
        return real_collect(self, texts, source, target)

    monkeypatch.setattr(bergamot.BergamotEngine, "_collect", counting)
    src = tmp_path / "ui.po"
    src.write_text(_po(PO_ENTRIES), encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.po"
        assert main(["translate", str(src), "--from", "pt", "--to", "en", "--no-tm", "-q",
                     "-o", str(out), "-j", jobs]) == 0
        outputs[jobs] = out.read_text(encoding="utf-8")
    assert collected[:2] == [4, 4]  # the first two parts came from the prefetch
    assert outputs["2"] == outputs["1"]


def test_a_prefetch_that_fails_is_only_a_lost_head_start():
    class Failing(base.EngineDefaults):
        def prefetch(self, texts, source, target):
            raise RuntimeError("no workers")

    base.prefetch_batch(Failing(), ["a"], "pt", "en")  # does not raise
    base.prefetch_batch(object(), ["a"], "pt", "en")  # an engine without the part
