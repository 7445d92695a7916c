"""One check for the promise every reader makes: a broken file names its file and line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def raises_at(exc_type: type[Exception], file: str, line: int | None, message: str) -> Iterator:
    """Expect ``exc_type`` with ``.file``/``.line`` set and a ``FILE:LINE: message`` text."""
    with pytest.raises(exc_type) as info:
        yield info
    assert (info.value.file, info.value.line) == (file, line)
    assert message in str(info.value)
    if line is not None:
        assert str(info.value).startswith(f"{file}:{line}: ")
