"""Build small but real Argos Translate packages (.argosmodel) for tests and benchmarks.

A package is a zip of one folder holding ``metadata.json``, a CTranslate2 model in
``model/`` and a ``sentencepiece.model``. The SentencePiece model is trained here on
a corpus generated from a fixed seed; the Transformer gets random weights through
CTranslate2's model spec API. Random weights give junk output, but every code path
(tokenise, batch, beam search, target prefix, decode, pivot) runs for real.

Output length is controlled by a bias on the ``</s>`` logit in the decoder's output
projection: with a peaked output distribution (large projection weights) the chance
that ``</s>`` wins a step is roughly constant, so the mean output length follows it.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ctranslate2
import numpy as np
import pytest
import sentencepiece as spm

SYLLABLES = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "gu", "be", "fi",
    "ho", "ja", "ku", "le", "mo", "nu", "po", "ri", "se", "ta", "ul", "ve", "wa", "yo",
    "an", "el", "in", "or", "ust", "tra", "ple", "gro", "sto", "kri", "bla", "fen",
]

# Words with characters the decoder must not mangle ("_" is the classic victim).
SPECIAL_WORDS = ["snake_case", "file_name.txt", "__init__", "C++", "e-mail", "50%"]


def make_vocabulary(size: int, seed: int = 0) -> list[str]:
    """Distinct pseudo-words built from syllables, for a corpus with a Zipf-like spread."""
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def make_sentences(count: int, *, words: int = 12, vocabulary: list[str] | None = None,
                   seed: int = 0, special_every: int = 7) -> list[str]:
    """Sentences of pseudo-words (one final period, no inner sentence breaks)."""
    rng = random.Random(seed)
    vocab = vocabulary or make_vocabulary(400, seed)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    sentences = []
    for i in range(count):
        n = max(3, int(rng.gauss(words, words / 4)))
        chosen = rng.choices(vocab, weights=weights, k=n)
        if special_every and i % special_every == 0:
            chosen[rng.randrange(n)] = rng.choice(SPECIAL_WORDS)
        sentence = " ".join(chosen)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return sentences


def train_sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    """Train a unigram SentencePiece model in memory and return its bytes."""
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=out,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        byte_fallback=False,
        num_threads=2,
        minloglevel=2,
    )
    return out.getvalue()


@dataclass
class ModelShape:
    """Transformer size: tests use a tiny one, the benchmark a realistic one."""

    layers: tuple[int, int] = (2, 2)
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab_size: int = 400
    projection_scale: float = 6.0  # std of the output logits: higher = peakier
    length_ratio: float = 1.0  # output length / source length (roughly)
    eos_slope: float = 1.0  # "</s>" logit change per decoding step (before layer norm)
    eos_bias: float = 0.0
    source_weight: float = 0.25  # cross-attention output scale: how much the source matters
    quantization: str | None = None  # e.g. "int8", as real Argos packages ship
    seed: int = 0


@dataclass
class PackageSpec:
    source: str = "xx"
    target: str = "yy"
    version: str = "1.0"
    target_prefix: str = ""
    folder: str | None = None  # top-level folder name inside the zip
    corpus: list[str] = field(default_factory=list)
    shape: ModelShape = field(default_factory=ModelShape)
    spacy_sbd: bool = False  # add a blank spaCy pipeline in spacy/ (for argostranslate)
    sentencepiece: bytes | None = None  # a trained model to reuse instead of the corpus


def sinusoidal(length: int, d: int) -> np.ndarray:
    """Standard Transformer position encodings (sin half, cos half)."""
    steps = np.arange(length, dtype=np.float64)[:, None]
    timescales = np.exp(-np.log(10000.0) * np.arange(d // 2) / max(d // 2 - 1, 1))
    return np.concatenate([np.sin(steps * timescales), np.cos(steps * timescales)], axis=1)


# Two residual-stream dimensions are reserved for length control: RAMP carries the
# position (t * RAMP_STEP, exactly, since no layer writes to it) and SRC_LEN carries the
# mean source position, copied by a uniform cross-attention in decoder layer 0. The
# "</s>" logit reads RAMP + SRC_LEN, so it crosses the other logits once t is about
# length_ratio * source length: output lengths follow input lengths, as in real MT.
RAMP, SRC_LEN = 0, 1
RAMP_STEP = 1 / 64
MAX_POSITIONS = 1024
# Layers write small updates, so the residual stream (and the layer-norm scale the
# length signal goes through) stays dominated by embeddings and positions.
WRITER_SCALE = 0.25


def _fill_transformer(spec, d: int, ffn: int, v_src: int, v_tgt: int, shape: ModelShape):
    rng = np.random.default_rng(shape.seed)
    reserved = [RAMP, SRC_LEN]

    def mat(rows: int, cols: int, std: float | None = None) -> np.ndarray:
        std = std if std is not None else 1 / np.sqrt(cols)
        return rng.normal(0, std, (rows, cols)).astype(np.float32)

    def vec(n: int, std: float = 0.02) -> np.ndarray:
        return rng.normal(0, std, n).astype(np.float32)

    def norm(ln) -> None:
        ln.gamma = np.ones(d, np.float32)
        ln.beta = np.zeros(d, np.float32)

    def writer(lin, rows: int, cols: int, scale: float = WRITER_SCALE) -> None:
        """A linear layer that writes to the residual stream: never to reserved dims."""
        lin.weight = mat(rows, cols, scale / np.sqrt(cols))
        lin.bias = vec(rows)
        lin.weight[reserved] = 0
        lin.bias[reserved] = 0

    def reader(lin, rows: int, cols: int) -> None:
        lin.weight = mat(rows, cols)
        lin.bias = vec(rows)

    def ffn_block(block) -> None:
        norm(block.layer_norm)
        reader(block.linear_0, ffn, d)
        writer(block.linear_1, d, ffn)

    def embeddings(rows: int) -> np.ndarray:
        weight = mat(rows, d, 1 / np.sqrt(d))
        weight[:, reserved] = 0
        return weight

    positions = sinusoidal(MAX_POSITIONS, d)
    positions[:, RAMP] = np.arange(MAX_POSITIONS) * RAMP_STEP
    positions[:, SRC_LEN] = 0
    positions = positions.astype(np.float32)

    spec.encoder.embeddings[0].weight = embeddings(v_src)
    spec.encoder.position_encodings.encodings = positions
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        reader(layer.self_attention.linear[0], 3 * d, d)
        writer(layer.self_attention.linear[1], d, d)
        ffn_block(layer.ffn)
    spec.decoder.embeddings.weight = embeddings(v_tgt)
    spec.decoder.position_encodings.encodings = positions
    norm(spec.decoder.layer_norm)
    for i, layer in enumerate(spec.decoder.layer):
        norm(layer.self_attention.layer_norm)
        reader(layer.self_attention.linear[0], 3 * d, d)
        writer(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        reader(layer.attention.linear[0], d, d)
        reader(layer.attention.linear[1], 2 * d, d)
        writer(layer.attention.linear[2], d, d, shape.source_weight)
        if i == 0:
            # Zero queries: uniform attention over the source. Value row d + RAMP picks
            # the encoder's position ramp; the output row SRC_LEN stores minus twice its
            # mean, i.e. minus the source length (in ramp units).
            layer.attention.linear[0].weight[:] = 0
            layer.attention.linear[0].bias[:] = 0
            kv = layer.attention.linear[1]
            kv.weight[d + RAMP] = 0
            kv.weight[d + RAMP, RAMP] = 1
            kv.bias[d + RAMP] = 0
            out = layer.attention.linear[2]
            out.weight[SRC_LEN, RAMP] = -2 * shape.length_ratio
        ffn_block(layer.ffn)
    projection = mat(v_tgt, d, shape.projection_scale / np.sqrt(d))
    projection[:, reserved] = 0
    bias = np.zeros(v_tgt, np.float32)
    # "</s>" (id 2 in SentencePiece's default vocabulary): a steep function of
    # t - length_ratio * source_length, crossing the other logits near zero.
    slope = shape.eos_slope / RAMP_STEP
    projection[2] = 0
    projection[2, RAMP] = slope
    projection[2, SRC_LEN] = slope
    bias[2] = shape.eos_bias
    bias[v_src:] = -100  # extra target tokens (a target prefix) are never generated
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = bias


def write_ctranslate2_model(out_dir: Path, tokens: list[str], target_tokens: list[str],
                            shape: ModelShape) -> None:
    """Write a random-weight Transformer with the given vocabularies to out_dir."""
    spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
    _fill_transformer(spec, shape.d_model, shape.ffn, len(tokens), len(target_tokens), shape)
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(target_tokens)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    spec.save(str(out_dir))


def _blank_spacy(out_dir: Path) -> None:
    import spacy  # only in an environment with argostranslate's full dependencies

    spacy.blank("xx").to_disk(out_dir)


def build_package_dir(root: Path, pkg: PackageSpec) -> Path:
    """Build an unpacked package folder under root and return it."""
    folder = root / (pkg.folder or f"translate-{pkg.source}_{pkg.target}-"
                     f"{pkg.version.replace('.', '_')}")
    (folder / "model").mkdir(parents=True)
    sp_bytes = pkg.sentencepiece or train_sentencepiece(
        pkg.corpus or make_sentences(300, seed=pkg.shape.seed), pkg.shape.vocab_size)
    (folder / "sentencepiece.model").write_bytes(sp_bytes)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    tokens = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    target_tokens = tokens + ([pkg.target_prefix] if pkg.target_prefix else [])
    write_ctranslate2_model(folder / "model", tokens, target_tokens, pkg.shape)
    metadata = {
        "package_version": pkg.version,
        "argos_version": "1.9",
        "from_code": pkg.source,
        "from_name": pkg.source.upper(),
        "to_code": pkg.target,
        "to_name": pkg.target.upper(),
        "type": "translate",
    }
    if pkg.target_prefix:
        metadata["target_prefix"] = pkg.target_prefix
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (folder / "README.md").write_text(f"Test package {pkg.source}->{pkg.target}\n")
    if pkg.spacy_sbd:
        _blank_spacy(folder / "spacy")
    return folder


def zip_folder(folder: Path, archive: Path) -> Path:
    """Zip a package folder the way Argos packages are zipped (one top-level folder)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())
    return archive


def build_package(out_dir: Path, pkg: PackageSpec) -> Path:
    """Build ``<out_dir>/<folder>.argosmodel`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / ".staging"
    folder = build_package_dir(staging, pkg)
    return zip_folder(folder, out_dir / f"{folder.name}.argosmodel")


def write_zip(archive: Path, entries: dict[str, bytes], symlinks: dict[str, str] | None = None
              ) -> Path:
    """Write an arbitrary zip (for malicious/broken archive tests)."""
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, target)
    return archive


# --- pytest fixtures (import them into a test module to use them) -------------------

PACKAGES = {
    # name: spec; de-fr has a target prefix, it-en + en-nl make a pivot route it->nl
    "de-fr": PackageSpec("de", "fr", target_prefix="__fr__", shape=ModelShape(seed=1)),
    "de-fr-1.1": PackageSpec("de", "fr", version="1.1", target_prefix="__fr__",
                             shape=ModelShape(seed=2)),
    "it-en": PackageSpec("it", "en", shape=ModelShape(seed=3)),
    "en-nl": PackageSpec("en", "nl", shape=ModelShape(seed=4)),
}


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory) -> dict[str, Path]:
    """The .argosmodel files of PACKAGES, built once per test session (~1 s)."""
    out = tmp_path_factory.mktemp("argos-archives")
    return {name: build_package(out / name, spec) for name, spec in PACKAGES.items()}


@dataclass
class ArgosEnv:
    packages: Path  # ARGOS_PACKAGES_DIR
    cache: Path  # XDG_CACHE_HOME (argostranslate's downloads cache lives below)
    data: Path  # XDG_DATA_HOME (argostranslate's local index.json lives below)

    @property
    def downloads(self) -> Path:
        return self.cache / "argos-translate" / "downloads"

    def snapshot(self) -> dict[str, bytes | None]:
        """Every path under the package folder with file contents: to prove it unchanged."""
        return {str(p.relative_to(self.packages)): p.read_bytes() if p.is_file() else None
                for p in sorted(self.packages.rglob("*"))}


@pytest.fixture
def argos_env(tmp_path, monkeypatch) -> ArgosEnv:
    """Private Argos package, cache and data folders (never the user's)."""
    env = ArgosEnv(tmp_path / "argos-packages", tmp_path / "xdg-cache", tmp_path / "xdg-data")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(env.packages))
    monkeypatch.setenv("XDG_CACHE_HOME", str(env.cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(env.data))
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return env


@dataclass
class IndexServer:
    url: str  # folder URL, as ARGOS_PACKAGE_INDEX expects
    root: Path
    requests: list[str]

    def publish(self, archives: list[Path], links: dict[str, str] | None = None) -> None:
        """Write index.json listing archives (metadata read from each) and copy them."""
        import shutil

        index = []
        for archive in archives:
            with zipfile.ZipFile(archive) as zf:
                top = zf.namelist()[0].split("/")[0]
                meta = json.loads(zf.read(f"{top}/metadata.json"))
            shutil.copy(archive, self.root / archive.name)
            meta["links"] = [(links or {}).get(archive.name, self.url + archive.name)]
            index.append(meta)
        (self.root / "index.json").write_text(json.dumps(index), encoding="utf-8")


@pytest.fixture
def index_server(argos_env, tmp_path, monkeypatch) -> Iterator[IndexServer]:
    """An Argos package index served over HTTP on 127.0.0.1 (ARGOS_PACKAGE_INDEX set)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = tmp_path / "index"
    root.mkdir()
    requests: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            requests.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
    try:
        yield IndexServer(url, root, requests)
    finally:
        server.shutdown()
        server.server_close()
