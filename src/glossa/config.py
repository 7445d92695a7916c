"""User configuration: a small TOML file under the user's config dir (or GLOSSA_CONFIG)."""

from __future__ import annotations

import os
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
    import tomllib  # only when there is a file (its import is ~5 ms of every start-up)

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: bad config file: {exc}") from exc


def translator_fields(translator: str | None = None, team: str | None = None
                      ) -> dict[str, str]:
    """Who translates, for catalogue headers: ``--translator``/``--team`` when given, else
    the config file's ``translator`` and ``team`` keys ("Name <mail>"); one line each."""
    from glossa.errors import UsageError

    config = load_config()
    found = {"translator": translator or config.get("translator"),
             "team": team or config.get("team")}
    for key, value in found.items():
        if value is not None and (not isinstance(value, str) or not value.strip()
                                  or any(ch in value for ch in "\r\n\0")):
            raise UsageError(f"{key} must be one line such as 'Ana Silva <ana@example.org>', "
                             f"not {value!r}")
    return {k: v.strip() for k, v in found.items() if v}
