"""Narrow exception classes; the CLI turns each into one clear line and an exit code."""

from __future__ import annotations


class GlossaError(Exception):
    """Base for every error glossa reports to a user (exit code 2 unless stated)."""

    exit_code = 2


class UsageError(GlossaError):
    """Bad options or arguments: unknown language code, conflicting flags."""


class InputError(GlossaError):
    """An input file that cannot be read: missing, binary, not UTF-8, too large."""


class FormatError(InputError):
    """A file whose syntax is broken; names the file and line so it can be fixed."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.file, self.line, self.detail = file, line, message
        where = file or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class EngineError(GlossaError):
    """A translation engine failed while running."""


class ModelMissing(EngineError):
    """No installed model covers the language pair; the message says how to install one."""


class GlossaryError(FormatError):
    """A glossary file that cannot be loaded (bad header, bad row, broken TBX)."""


class ModelPackageError(GlossaError):
    """A model package archive that is unsafe or not an Argos package."""


class OutputError(GlossaError):
    """An output that cannot be written (read-only folder, full disk, no permission), or
    that would replace a file the same command reads."""
