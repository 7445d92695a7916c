"""User configuration: a small TOML file under the user's config dir (or GLOSSA_CONFIG)."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

from glossa.errors import InputError


def config_path() -> Path:
    env = os.environ.get("GLOSSA_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("glossa")) / "config.toml"


def data_dir() -> Path:
    """Where glossa keeps its own state (translation memory)."""
    env = os.environ.get("GLOSSA_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("glossa"))


@cache
def load_config() -> dict:
    path = config_path()
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: bad config file: {exc}") from exc
