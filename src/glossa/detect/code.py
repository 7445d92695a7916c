"""Code in running text: inline `code` spans, JSON pairs and shell commands are no language.

"execute npm install --save ..." or "выполните sudo apt-get update" hold English-looking
words that are program and subcommand names; a page quoting them is not quoting
English.  Their words are kept in the host language like keep-verbatim terms.
"""

from __future__ import annotations

import re

# Programs whose name is no ordinary word: a command starts at one of these.
PROGRAMS = frozenset(
    "sudo apt apt-get aptitude dnf yum pacman brew pip pip3 pipx npm npx yarn pnpm git "
    "cmake python python3 node docker docker-compose kubectl systemctl journalctl nginx "
    "cargo rustc gcc clang curl wget ssh scp rsync chmod chown mkdir uv poetry conda gem "
    "composer dotnet mvn gradle helm terraform ansible psql mysql redis-cli make".split()
)
# a program named by its path ("./gradlew", "bin/serve.sh") starts a command too
_START = re.compile(
    r"(?<![\w./-])(?:"
    + "|".join(re.escape(p) for p in sorted(PROGRAMS, key=len, reverse=True))
    + r"|\.{0,2}/?(?:[\w-]+/)*[\w-]+\.(?:sh|py|js)|\.{1,2}/(?:[\w-]+/)*[\w.-]+)(?=[ \t])"
)
_TOKEN = re.compile(r"[ \t]+(\S+)")
_FLAG = re.compile(r"-{1,2}[\w][\w=.:/-]*")
_CODEY = re.compile(r".*[./@=:~_\\$*<>0-9]")
_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
_INLINE = re.compile(r"(`{1,2})[^`\n]+?\1")
# "theme": "dark", "port": 5174 (JSON), and a word right before an option ("app --reload")
_PAIR = re.compile(r'"[\w.-]+"\s*:\s*(?:"[^"\n]*"|[\w.-]+)')
_BEFORE_OPTION = re.compile(r"(?<![\w./-])[a-z][\w-]*(?=[ \t]--?[a-z])")
MAX_TOKENS = 8  # arguments looked at after a program name
MAX_PLAIN = 3  # plain lower-case arguments ("pull origin main")


def code_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) of inline code spans and shell commands in ``text``, in order."""
    ranges = [(m.start(), m.end()) for pattern in (_INLINE, _PAIR) for m in pattern.finditer(text)]
    for pattern in (_START, _BEFORE_OPTION):
        ranges += [(m.start(), _command_end(text, m.end())) for m in pattern.finditer(text)]
    return sorted(ranges)


def _command_end(text: str, pos: int) -> int:
    """Where the arguments of a command that ends its name at ``pos`` end: plain words
    (a subcommand, a package name) come before any option or path."""
    plain, options = 0, False
    for _ in range(MAX_TOKENS):
        token = _TOKEN.match(text, pos)
        if token is None:
            break
        arg = token.group(1).rstrip(",;")
        word = arg.rstrip(".")
        if _PLAIN.fullmatch(word):
            if options or plain == MAX_PLAIN or len(word) < 3:
                break
            plain += 1
        elif _FLAG.fullmatch(arg) or _CODEY.match(arg):
            options = True
        else:
            break
        pos = token.start(1) + len(arg)
        if arg != token.group(1):
            break
    return pos
