"""The Apertium engine with the real Debian pairs: discovery, batching, placeholders,
unknown words, pivot routes, mixed-language documents, and crashed or hung pipelines.

The reference for what Apertium itself says is the `apertium` command (its own
deformatter and reformatter), run once per sentence here and compared with glossa's
batched, null-flushed pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossa.engines.apertium import ApertiumEngine, available, decode, encode

pytestmark = pytest.mark.skipif(not available(), reason="apertium is not installed "
                                "(apt-get install apertium apertium-eng-spa apertium-es-pt "
                                "apertium-eng-cat apertium-spa-cat apertium-en-gl "
                                "apertium-fr-es apertium-es-it)")

SPANISH = [
    "El gobierno aprobó ayer una nueva ley sobre la energía renovable.",
    "Los niños juegan en el parque cuando hace buen tiempo.",
    "¿Dónde está la estación de tren más cercana?",
    "La reunión empezará a las diez de la mañana.",
    "Termina con una barra invertida \\",
]


def reference(mode: str, text: str, unknown_marks: bool = False) -> str:
    """What the `apertium` command prints for one sentence."""
    args = ["apertium", mode] if unknown_marks else ["apertium", "-u", mode]
    return subprocess.run(args, input=text, capture_output=True, text=True, check=True,
                          timeout=60).stdout.strip()


@pytest.fixture(scope="module")
def engine():
    engine = ApertiumEngine()
    yield engine
    engine.close()


def test_modes_are_discovered_with_iso_639_1_codes_variants_and_dpkg_versions(engine):
    listed = subprocess.run(["apertium", "-l"], capture_output=True, text=True,
                            check=True).stdout.split()
    models = engine.models()
    names = {m.version.split()[0] for m in models}
    assert names <= set(listed)
    assert {"spa-eng", "es-pt", "cat-spa", "gl-en"} <= names
    pairs = {(m.source, m.target, m.variant) for m in models}
    assert {("es", "en", ""), ("es", "pt", ""), ("es", "pt", "BR"), ("ca", "es", ""),
            ("es", "ca", "valencia"), ("gl", "en", "")} <= pairs
    version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "apertium-es-pt"],
                             capture_output=True, text=True, check=True).stdout
    es_pt = next(m for m in models if m.pair == "es-pt" and not m.variant)
    assert es_pt.engine == "apertium" and version in es_pt.version
    assert engine.model_id("es", "pt") == f"apertium:es-pt:{version}:rule-based"
    assert not engine.supports("ru", "uk")


@pytest.mark.parametrize(("source", "target", "mode"), [
    ("es", "en", "spa-eng"), ("es", "pt", "es-pt"), ("ca", "es", "cat-spa"),
    ("gl", "en", "gl-en"), ("fr", "es", "fr-es"), ("it", "es", "ita-spa"),
])
def test_batch_matches_the_apertium_command_sentence_by_sentence(engine, source, target, mode):
    texts = {"es": SPANISH,
             "ca": ["El Govern ha aprovat una nova llei.", "Els nens juguen al parc."],
             "gl": ["A cidade ten moitos parques e museos.", "O goberno aprobou a lei."],
             "fr": ["Il pleut beaucoup à Paris aujourd'hui.", "Le chat dort sur le lit."],
             "it": ["Il gatto dorme sul letto.", "La città è molto bella."]}[source]
    batch = engine.translate_batch(texts, source, target)
    assert len(batch) == len(texts)
    # one `apertium` call, one paragraph per sentence (its deformatter keeps them apart)
    expected = reference(mode, "\n\n".join(texts)).split("\n\n")
    assert [out.text for out in batch] == [e.strip() for e in expected]
    assert all(out.error is None for out in batch)


def test_a_fragment_keeps_its_lower_case_start(engine):
    """Apertium starts every text as a sentence; a run cut from a sentence or a label
    that starts in lower case must not gain a capital ("and a map" -> "Y un mapa")."""
    texts = ["and a map of the city", "(required) fields", "The river is wide.", "USB cable"]
    out = [t.text for t in engine.translate_batch(texts, "en", "es")]
    assert out[0][0].islower() and out[1].startswith("(") and out[1][1].islower()
    assert out[2][0].isupper()  # a real sentence start stays
    assert "USB" in out[3]


def test_initial_case_follows_the_source_but_spares_acronyms_and_inner_capitals():
    from glossa.engines.apertium import initial_case_of

    assert initial_case_of("or later", "O más tarde") == "o más tarde"
    assert initial_case_of("(beta) build", "(Beta) construye") == "(beta) construye"
    assert initial_case_of("Open it", "Ábrelo") == "Ábrelo"
    assert initial_case_of("usb port", "USB puerto") == "USB puerto"
    assert initial_case_of("ipad case", "iPad caso") == "iPad caso"
    assert initial_case_of("3 files", "3 Archivos") == "3 archivos"


def test_sentences_without_final_punctuation_keep_their_last_word(engine):
    texts = ["El proyecto funciona muy bien", "Guardar los cambios", "Hola XT0X"]
    outputs = [o.text for o in engine.translate_batch(texts, "es", "en")]
    assert outputs[:2] == [reference("spa-eng", t) for t in texts[:2]]
    assert outputs[0].endswith("well") and not outputs[0].endswith(".")
    assert outputs[2].endswith("XT0X")


def test_a_whole_batch_is_one_pipeline_not_one_process_per_sentence(engine):
    texts = [f"El gato número {i} duerme en la casa." for i in range(300)]
    engine.translate_batch(texts[:1], "es", "pt")
    pipeline = engine._pipelines["es-pt"]
    pid = pipeline.process.pid
    outputs = engine.translate_batch(texts, "es", "pt")
    assert pipeline.process.pid == pid
    assert [o.text for o in outputs] == [f"O gato número {i} dorme na casa." for i in
                                         range(300)]


def test_unknown_words_are_stripped_and_reported(engine):
    text = "La señora Qwertzuva compró un xylofrobio en la tienda."
    marked = reference("spa-eng", text, unknown_marks=True)
    expected = [w.lstrip("*#@").strip(".,") for w in marked.split() if w[:1] in "*#@"]
    [out] = engine.translate_batch([text], "es", "en")
    assert out.text == reference("spa-eng", text)
    assert "*" not in out.text and "#" not in out.text
    assert list(out.unknown) == expected and "Qwertzuva" in expected


def test_literal_mark_characters_are_text_not_marks(engine):
    text = "Escribe *hola* y #etiqueta a @usuario ~ | +."
    [out] = engine.translate_batch([text], "es", "en")
    assert out.unknown == ()
    for piece in ("*", "#", "@", "~", "|", "+"):
        assert out.text.count(piece) == text.count(piece)


def test_stream_format_round_trips_masks_and_escapes():
    text = "a \\ b [c] ^d$ /e <f> {g} XT0X *h ZXQ12 #i @j"
    plain, unknown, sentinel = decode(encode(text, 7))
    assert (plain, unknown, sentinel) == (text, [], 7)


SHAPES = ["%s", "%(name)s", "{0}", "{name}", "<b>", "</b>", "%d", "%1$s", "${user}",
          "https://example.org/a?b=1", "&nbsp;", "XT0X"]
SENTENCES = {
    "es": "Haga clic en {} para guardar los archivos de la casa.",
    "ca": "Feu clic a {} per desar els fitxers de la casa.",
    "gl": "Preme {} para gardar os ficheiros da casa.",
    "fr": "Cliquez sur {} pour enregistrer les fichiers de la maison.",
}


@pytest.mark.parametrize(("source", "target"), [("es", "en"), ("es", "pt"), ("ca", "es"),
                                                ("ca", "pt"), ("gl", "en"), ("fr", "en")])
def test_every_placeholder_shape_survives_byte_identical(source, target):
    from glossa.api import translate_text

    for shape in SHAPES:
        text = SENTENCES[source].format(shape)
        out = translate_text(text, target, source)
        assert out.count(shape) == 1, (shape, out)
        assert out != text


def test_pivot_route_chains_apertium_and_bergamot(bergamot, tmp_path, cli):
    from glossa.engines.routes import find_route

    route = find_route("gl", "pt")
    assert [(h.engine.name, h.source, h.target) for h in route.hops] == [
        ("apertium", "gl", "en"), ("bergamot", "en", "pt")]
    assert route.model_id("gl", "pt").startswith("apertium:gl-en:")
    assert "bergamot:en-pt" in route.model_id("gl", "pt")
    direct = find_route("es", "pt")
    assert [h.engine.name for h in direct.hops] == ["apertium"]
    text = "O goberno aprobou onte unha nova lei sobre a enerxía."
    source = tmp_path / "gl.txt"
    source.write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "gl.pt.txt"
    result = cli(["translate", source, "--from", "gl", "--to", "pt", "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    english = reference("gl-en", text)
    [expected] = bergamot.translate_batch([english], "en", "pt")
    assert out.read_text(encoding="utf-8") == expected.text + "\n"
    assert "apertium:gl-en" in result.err and "bergamot:en-pt" in result.err


def test_glossary_terms_and_placeholders_survive_a_pivot(tmp_path, cli):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("gl\ten\tpt\nficheiro\tfile\tpasta\n", encoding="utf-8")
    source = tmp_path / "gl.txt"
    source.write_text("Garde o ficheiro %s antes de pechar a xanela.\n", encoding="utf-8")
    out = tmp_path / "gl.pt.txt"
    result = cli(["translate", source, "--from", "gl", "--to", "pt", "-g", glossary,
                  "-o", out, "--no-tm"])
    assert result.code == 0, result.err
    written = out.read_text(encoding="utf-8")
    assert "pasta" in written and written.count("%s") == 1 and "ficheiro" not in written


def test_tm_stores_the_end_to_end_pair_with_the_route_ids(tmp_path, cli):
    source = tmp_path / "gl.txt"
    source.write_text("A cidade ten moitos parques.\n", encoding="utf-8")
    out = tmp_path / "gl.pt.txt"
    first = cli(["translate", source, "--from", "gl", "--to", "pt", "-o", out])
    assert first.code == 0, first.err
    second = cli(["translate", source, "--from", "gl", "--to", "pt", "-o", out])
    assert "from TM" in second.err
    exported = cli(["tm", "export", tmp_path / "tm.tmx"])
    assert exported.code == 0, exported.err
    tmx = (tmp_path / "tm.tmx").read_text(encoding="utf-8")
    assert "apertium:gl-en" in tmx and "bergamot:en-pt" in tmx


MIXED = """# Travel notes

We arrived in Lisbon on Monday. A sign at the station said "A estação fecha às onze horas da noite." and we hurried.

In Madrid the guide told us: "El museo está cerrado los lunes por la tarde." We went to the park instead.

In Barcelona a poster read "Els veïns de la ciutat no estan gens contents amb aquesta decisió." and nobody could explain it.

The German tourist said "Das Wetter ist heute wirklich sehr schön und warm." and the guide answered "El tiempo cambia mucho en esta ciudad."
"""  # noqa: E501


def test_mixed_language_page_comes_out_english_and_a_run_without_route_is_kept(
        bergamot, tmp_path, cli):
    source = tmp_path / "notes.md"
    source.write_text(MIXED, encoding="utf-8")
    out = tmp_path / "notes.en.md"
    result = cli(["translate", source, "--to", "en", "-o", out, "--no-tm"])
    written = out.read_text(encoding="utf-8")
    for fragment, mode in [("El museo está cerrado los lunes por la tarde", "spa-eng"),
                           ("Els veïns de la ciutat no estan gens contents amb aquesta decisió",
                            "cat-eng"),
                           ("El tiempo cambia mucho en esta ciudad", "spa-eng")]:
        assert fragment not in written
        assert reference(mode, fragment) in written
    [pt] = bergamot.translate_batch(["A estação fecha às onze horas da noite"], "pt", "en")
    assert pt.text.rstrip(".") in written
    assert "Das Wetter ist heute wirklich sehr schön und warm." in written  # no de route
    assert result.code == 1
    assert "no-model" in result.err and "de->en" in result.err


FAKE_PROGRAM = """#!{python}
import sys, time
out = sys.stdout.buffer
buf = b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        break
    buf += chunk
    *requests, buf = buf.split(b"\\0")
    for request in requests:
        if b"HANG" in request:
            time.sleep(120)
        if b"CRASH" in request:
            sys.exit(3)
        out.write(request.replace(b"uno", b"one") + b"\\0")
        out.flush()
"""


@pytest.fixture
def fake_apertium(tmp_path, monkeypatch):
    """A data dir whose spa-eng mode runs a real program that hangs or crashes on cue."""
    program = tmp_path / "bin" / "fake-apertium-step"
    program.parent.mkdir()
    program.write_text(FAKE_PROGRAM.format(python=sys.executable), encoding="utf-8")
    program.chmod(0o755)
    modes = tmp_path / "data" / "modes"
    modes.mkdir(parents=True)
    (modes / "spa-eng.mode").write_text(
        f"{program} '/usr/share/apertium/apertium-fake/spa-eng.bin' $1\n", encoding="utf-8")
    monkeypatch.setenv("APERTIUM_DATADIR", str(tmp_path / "data"))
    monkeypatch.setenv("GLOSSA_APERTIUM_TIMEOUT", "1")
    return tmp_path


def test_a_hung_or_crashed_pipeline_fails_only_its_sentences(fake_apertium):
    engine = ApertiumEngine()
    started = time.monotonic()
    outputs = engine.translate_batch(["uno", "HANG dos", "uno tres", "CRASH", "uno cinco"],
                                     "es", "en")
    elapsed = time.monotonic() - started
    engine.close()
    assert [o.text for o in outputs] == ["one", "", "one tres", "", "one cinco"]
    assert [o.error is not None for o in outputs] == [False, True, False, True, False]
    assert "timed out" in outputs[1].error and "exit code 3" in outputs[3].error
    assert elapsed < 10


def test_cli_keeps_the_failed_units_and_translates_the_rest(fake_apertium):
    source = fake_apertium / "in.txt"
    source.write_text("uno\nHANG\nuno uno\n", encoding="utf-8")
    out = fake_apertium / "out.txt"
    result = subprocess.run([sys.executable, "-m", "glossa", "translate", str(source), "--from",
                             "es", "--to", "en", "--engine", "apertium", "-o", str(out),
                             "--no-tm"], capture_output=True, text=True, timeout=60,
                            env=os.environ.copy())
    assert result.returncode == 1, result.stderr
    assert out.read_text(encoding="utf-8") == "one\nHANG\none one\n"
    assert "timed out" in result.stderr


def test_missing_apertium_means_no_models_and_one_line_for_engine_apertium(tmp_path):
    source = tmp_path / "es.txt"
    source.write_text("Hola.\n", encoding="utf-8")
    env = os.environ | {"PATH": str(Path(sys.executable).parent)}
    pinned = subprocess.run([sys.executable, "-m", "glossa", "translate", str(source),
                             "--to", "en", "--engine", "apertium"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert pinned.returncode == 2
    assert pinned.stderr.count("\n") == 1 and "apt-get install apertium" in pinned.stderr
    listed = subprocess.run([sys.executable, "-m", "glossa", "models", "list", "--json"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert '"apertium"' not in listed.stdout and '"bergamot"' in listed.stdout


def test_models_list_routes_shows_direct_and_pivot_pairs(cli):
    result = cli(["models", "list", "--routes", "--json"])
    assert result.code == 0, result.err
    import json

    routes = {r["pair"]: r for r in json.loads(result.out)}
    assert not routes["es-pt"]["pivot"]
    assert [h["engine"] for h in routes["gl-pt"]["hops"]] == ["apertium", "bergamot"]
    assert routes["fr-en"]["pivot"] and routes["fr-en"]["hops"][0]["target"] == "es"
