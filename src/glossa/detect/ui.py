"""Short foreign strings that only their surroundings tell apart: UI lists and exclamations.

Word by word, "Noticias", "Settings" or "Connexion" cannot pay for a language switch:
each is one capitalised word that the host's own texts write now and then.  Two
shapes make them foreign all the same:

- a *UI list*: two or more consecutive short lines (one to three words each, nothing
  else on the line), as a scraped menu at a page's start or end.  When at least two of
  its lines lean to one foreign language (their words are ten times commoner in its
  word list than in the host's, or lingua prefers it for a word no list knows) and
  more of them lean there than to the host, every line leaning there is in that
  language, and so is every other line when no line leans to the host
  ("Início / Páginas / Definições": "Páginas" is Spanish as much as Portuguese;
  "Quartos / Reservar": "Reservar" is a shade commoner in Spanish);
- an *exclamation*: one to four words straight before "!", none of them a host word,
  at least one leaning to a foreign language ("shouted Que maravilha!").  Capitalised
  words inside it are names of the exclamation, not of the host text ("Allez, Julien!").

Words these rules relabel are *settled* (``Context.settled``): the run checks do not
send them back to the host as names or borrowings.  A list of names ("Lisboa / Maria /
Paris") leans nowhere as a block, so it stays host.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossa.detect.lexicon import FLOOR, _large_table, list_key
from glossa.detect.tokens import Gap

LEAN = 1.0  # log10 margin over the host from which a word leans to a language
HOST_LEAN = 0.5  # log10 margin from which it leans to the host
UNLISTED_HOST = -6.5  # a word no small list has leans abroad only if the host's large list
#                       has it rarer than this (1 in 3 million)
UI_MAX_WORDS = 3
COMMON = -4.0  # log10 frequency of a common word
EXCLAMATION_WORDS = 4
UNLISTED = 0.99  # margin of a lingua-only lean: short of a vote in a UI list
_UI_LINE_REST = re.compile(r"[\s\-–—'’&/.…!?]*")
_BANG = re.compile(r"[\"”»’']?[ \u00a0\u202f]?[!?]")  # "Encore ?" in French typography


def word_lean(
    ctx, i: int, names_neutral: bool = False, short: bool = False, margin: float = LEAN
) -> dict[str, float] | None:
    """Foreign languages word ``i`` leans to, with their margins; None when it leans to
    the host (or must stay host); {} when it is neutral.  Words of one or two letters
    are neutral unless ``short``."""
    word = ctx.words[i]
    if ctx.kept[i] or (ctx.hints[i] is not None and ctx.hints[i] != ctx.host):
        return None
    if (word.letters <= 2 and not short) or word.script != ctx.host_script:
        return {}
    freqs = ctx.lex[i]
    if freqs is None:
        if names_neutral and word.case != "lower" and word.gap_before > Gap.PUNCT:
            return {}
        return _unlisted_lean(ctx, word)
    host = freqs.get(ctx.host, FLOOR)
    foreign = {lang: f for lang, f in freqs.items() if lang != ctx.host}
    if host > FLOOR and host >= max(foreign.values(), default=FLOOR) + HOST_LEAN:
        return None
    if host <= FLOOR:  # the small list stops at 1 in 3 million: ask the large one
        host = _large_freq(ctx.host, word.key)
    return {lang: f - host for lang, f in foreign.items() if f - host >= margin}


def _large_freq(lang: str, key: str) -> float:
    """log10 frequency of ``key`` in ``lang``'s large list (FLOOR when there is none)."""
    table = _large_table(lang)
    return FLOOR if table is None else table.get(list_key(key), FLOOR - 3)


def _unlisted_lean(ctx, word) -> dict[str, float] | None:
    """A word no small list knows: lingua's best guess, when the host's large list
    barely has the word."""
    conf = ctx.model.word_confidences([word.key])[0]
    same = {lang: v for lang, v in conf.items() if ctx.model.scripts.get(lang) == word.script}
    if not same:
        return {}
    best = max(same, key=same.__getitem__)
    if best == ctx.host:
        return None
    if _large_freq(ctx.host, word.key) > UNLISTED_HOST:
        return {}
    return {best: UNLISTED}


def _lines(ctx) -> list[tuple[int, int]]:
    """(first, last) word indices of each line that holds one to three words and nothing
    else but spaces and light punctuation."""
    words, text = ctx.words, ctx.text
    out, first = [], 0
    for i in range(1, len(words) + 1):
        if i < len(words) and words[i].gap_before != Gap.LINE:
            continue
        last = i - 1
        start = text.rfind("\n", 0, words[first].start) + 1
        end = text.find("\n", words[last].end)
        end = len(text) if end < 0 else end
        rest = "".join(text[words[k].end : words[k + 1].start] for k in range(first, last))
        if (
            last - first < UI_MAX_WORDS
            and not text[start : words[first].start].strip()
            and _UI_LINE_REST.fullmatch(rest + text[words[last].end : end])
        ):
            out.append((first, last))
        first = i
    return out


def _blocks(ctx, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of two or more UI lines with nothing but blank lines between them, not
    followed by a line that goes on in lower case (a hard-wrapped sentence)."""
    blocks: list[list[tuple[int, int]]] = []
    for line in lines:
        prev = blocks[-1][-1] if blocks else None
        if (
            prev
            and prev[1] + 1 == line[0]
            and not ctx.text[ctx.words[prev[1]].end : ctx.words[line[0]].start].strip()
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    words = ctx.words
    return [
        b
        for b in blocks
        if len(b) >= 2 and not (b[-1][1] + 1 < len(words) and words[b[-1][1] + 1].case == "lower")
    ]


def _line_lean(ctx, labels: Sequence[str], first: int, last: int) -> dict[str, float] | None:
    """Languages the whole line leans to (None: to the host; {}: neutral)."""
    current = {labels[k] for k in range(first, last + 1)}
    if len(current) == 1 and ctx.host not in current:
        # the labelling put the line abroad: in another script that says enough; in
        # the host's, only the word lists can vote ("Amélie" is a name)
        lang = current.pop()
        if ctx.words[first].script != ctx.host_script:
            return {lang: LEAN}
        return _words_lean(ctx, first, last) or {lang: UNLISTED}
    return _words_lean(ctx, first, last)


def _words_lean(ctx, first: int, last: int) -> dict[str, float] | None:
    common: dict[str, float] | None = None
    for k in range(first, last + 1):
        lean = word_lean(ctx, k)
        if lean is None:
            return None
        if not lean:
            continue
        common = (
            lean
            if common is None
            else {lang: common[lang] + m for lang, m in lean.items() if lang in common}
        )
    return common or {}


def ui_lists(ctx, labels: list[str]) -> None:
    """Relabel the lines of UI lists that lean abroad as a block (module docstring); in a
    list mixing host lines and foreign ones ("Most read / Log in / Português / Sair"),
    each stretch of lines between host lines is a block of its own too, whose neutral
    lines stay host ("Recipes / Tips / Recetas": "Tips" is as English as Spanish)."""
    for block in _blocks(ctx, _lines(ctx)):
        leans = [_line_lean(ctx, labels, a, b) for a, b in block]
        _settle(ctx, labels, block, leans)
        if any(lean is None for lean in leans):
            stretch: list[int] = []
            for k, lean in enumerate([*leans, None]):
                if lean is not None:
                    stretch.append(k)
                    continue
                if len(stretch) >= 2:
                    _settle(
                        ctx,
                        labels,
                        [block[k] for k in stretch],
                        [leans[k] for k in stretch],
                        absorb=False,
                    )
                stretch = []


def _settle(
    ctx,
    labels: list[str],
    block: list[tuple[int, int]],
    leans: list[dict[str, float] | None],
    absorb: bool = True,
) -> None:
    """Relabel the block's lines that lean to its commonest foreign language, and (when
    ``absorb`` and no line leans to the host) its neutral lines too."""
    host_lines = sum(lean is None for lean in leans)
    votes: dict[str, tuple[int, float]] = {}
    for lean in leans:
        for lang, margin in (lean or {}).items():
            n, total = votes.get(lang, (0, 0.0))
            # a guess of lingua's alone ("Amélie", a name) does not make a list foreign
            votes[lang] = (n + (margin >= LEAN), total + margin)
    if not votes:
        return
    lang = max(votes, key=votes.__getitem__)
    if votes[lang][0] < 2 or votes[lang][0] <= host_lines:
        return
    for (a, b), lean in zip(block, leans, strict=True):
        other = all(labels[k] not in (ctx.host, lang) for k in range(a, b + 1))
        if lean is not None and not other and (lang in lean or (absorb and not host_lines)):
            labels[a : b + 1] = [lang] * (b - a + 1)
            ctx.settled.update(range(a, b + 1))


def exclamations(ctx, labels: list[str]) -> None:
    """Relabel one to four non-host words before "!" or "?" that lean to one foreign
    language ("Que maravilha!", "Wo ist der Bahnhof?")."""
    words, text = ctx.words, ctx.text
    for j, word in enumerate(words):
        if not _BANG.match(text, word.end):
            continue
        first = j
        while (
            first > 0 and j - first + 1 < EXCLAMATION_WORDS and words[first].gap_before >= Gap.COMMA
        ):
            if _not_host(ctx, labels, first - 1):
                first -= 1
            elif _short_between(ctx, labels, first - 1) and j - first + 2 < EXCLAMATION_WORDS:
                first -= 2  # "Берите, не пожалеете!": "не" is Ukrainian too
            else:
                break
        lang = _exclamation_lang(ctx, labels, first, j)
        if lang is not None:
            labels[first : j + 1] = [lang] * (j - first + 1)
            ctx.settled.update(range(first, j + 1))


def _short_between(ctx, labels: Sequence[str], k: int) -> bool:
    """Word ``k`` is a short lower-case word after a word that leans abroad."""
    words = ctx.words
    return (
        k > 0
        and words[k].case == "lower"
        and words[k].letters <= 3
        and words[k].gap_before >= Gap.COMMA
        and labels[k] == ctx.host
        and bool(word_lean(ctx, k - 1, short=True) or labels[k - 1] != ctx.host)
    )


def _not_host(ctx, labels: Sequence[str], k: int) -> bool:
    """Word ``k`` may open the exclamation: labelled abroad, or neither a lower-case word
    the host writes ("shouted", "of") nor one leaning to the host."""
    if labels[k] != ctx.host:
        return True
    freqs = ctx.lex[k]
    word = ctx.words[k]
    if word.case == "lower":
        return not (
            freqs is not None and FLOOR < freqs.get(ctx.host, FLOOR) >= max(freqs.values()) - 1.0
        ) and bool(word_lean(ctx, k, short=True))
    # a capital before the exclamation is the host's name ("the Alpen Que lindo!"),
    # unless it leans abroad, is an interjection ("Oh", "Ay") or a comma follows it
    if word.script != ctx.host_script:
        return bool(script_lean(ctx, k))
    lean = word_lean(ctx, k, short=True)
    return lean is not None and (
        bool(lean) or word.letters <= 2 or ctx.words[k + 1].gap_before == Gap.COMMA
    )


def _exclamation_lang(ctx, labels: Sequence[str], first: int, last: int) -> str | None:
    """The foreign language words first..last all lean to (names aside), if any."""
    common: dict[str, float] | None = None
    for k in range(first, last + 1):
        word = ctx.words[k]
        if k > first and word.case == "title":
            continue  # the one the exclamation is addressed to: "Allez, Julien!"
        if labels[k] != ctx.host:
            lean: dict[str, float] | None = {labels[k]: LEAN}
        elif word.script != ctx.host_script:
            lean = script_lean(ctx, k)
        else:
            lean = word_lean(ctx, k, names_neutral=True, short=True)
        if lean is None:
            return None
        if lean:
            common = (
                lean
                if common is None
                else {lang: common[lang] + m for lang, m in lean.items() if lang in common}
            )
            if not common:
                return None
    return pick(ctx, common, first, last) if common else None


def pick(ctx, common: dict[str, float], first: int, last: int) -> str:
    """The best of the languages a phrase leans to; lingua on the phrase decides between
    those within a factor of three of the best ("Finalmente": it, pt and es alike)."""
    best = max(common.values())
    close = [lang for lang, m in common.items() if m >= best - 0.5]
    if len(close) == 1:
        return close[0]
    words = ctx.words
    conf = ctx.model.confidences(ctx.text[words[first].start : words[last].end])
    return max(close, key=lambda lang: (conf.get(lang, 0.0), common[lang]))


def script_lean(ctx, k: int) -> dict[str, float]:
    """Languages of its own script a word outside the host's script leans to: those
    whose lists have it within ten times the commonest, else lingua's best guess."""
    freqs = ctx.lex[k]
    if freqs:
        best = max(freqs.values())
        return {lang: LEAN + f - best for lang, f in freqs.items() if f > FLOOR and f >= best - 1}
    conf = ctx.model.word_confidences([ctx.words[k].key])[0]
    same = [lang for lang in conf if ctx.model.scripts.get(lang) == ctx.words[k].script]
    return {max(same, key=conf.__getitem__): LEAN} if same else {}


def ui_strings(ctx, labels: list[str]) -> None:
    """Relabel a capitalised phrase inside a sentence that ends in a lower-case word and
    leans to one foreign language: a UI string quoted in running text ("os botões Sign up
    e ...", "der Button Book now ist ...").  A name ends in a capital ("New York Times"),
    and a host word after it ends the phrase ("Suwałki corridor")."""
    words, n = ctx.words, len(ctx.words)
    i = 0
    while i < n:
        word = words[i]
        if (
            word.case != "title"
            or word.gap_before not in (Gap.PUNCT, Gap.SPACE)
            or labels[i] != ctx.host
            or word.script != ctx.host_script
        ):
            i += 1
            continue
        common, last, end = word_lean(ctx, i, short=True), i, i
        while common and end + 1 < n and end + 1 - i < EXCLAMATION_WORDS:
            step = _continue(ctx, labels, end + 1, common)
            if step is None:
                break
            end, joint = step
            if joint:
                common, last = joint, end
        followed = (
            last + 1 < n
            and words[last + 1].gap_before == Gap.SPACE
            and words[last + 1].case == "title"
        )  # "Ciudad del | Este": a name
        if common and last > i and not followed:
            lang = pick(ctx, common, i, last)
            labels[i : last + 1] = [lang] * (last - i + 1)
            ctx.settled.update(range(i, last + 1))
        i = last + 1


def _continue(
    ctx, labels: Sequence[str], k: int, common: dict[str, float]
) -> tuple[int, dict[str, float]] | None:
    """How a quoted phrase goes on at word ``k``: (its new last word, the languages it
    still leans to, empty after a neutral word), or None where it stops."""
    words = ctx.words
    if words[k].gap_before < Gap.COMMA or words[k].case != "lower" or labels[k] != ctx.host:
        return None
    if ctx.lex[k] is None and not ctx.kept[k] and _large_freq(ctx.host, words[k].key) < FLOOR - 2:
        return k, dict(common)  # a word no list knows, that the host never writes
    # a word as common in the phrase's language as in the host's goes with the phrase
    lean = word_lean(ctx, k, short=True, margin=0.0)
    if lean is None or _host_common(ctx, k):
        # a short host word inside the phrase: "Benvenuti a tutti"
        after = _joint(ctx, labels, k + 1, common, LEAN)
        return (k + 1, after) if words[k].letters <= 3 and after else None
    return k, {lang: common[lang] + m for lang, m in lean.items() if lang in common}


def _host_common(ctx, k: int) -> bool:
    """Word ``k`` is a common host word (1 in 10,000) and not ten times commoner abroad."""
    freqs = ctx.lex[k]
    host = FLOOR if freqs is None else freqs.get(ctx.host, FLOOR)
    return host >= COMMON and host >= max(freqs.values()) - 1.0


def _joint(
    ctx, labels: Sequence[str], k: int, common: dict[str, float], margin: float = 0.0
) -> dict[str, float]:
    """``common`` narrowed to the languages lower-case host-labelled word ``k`` leans to."""
    words = ctx.words
    if (
        k >= len(words)
        or words[k].gap_before < Gap.COMMA
        or words[k].case != "lower"
        or labels[k] != ctx.host
        or _host_common(ctx, k)
    ):
        return {}
    lean = word_lean(ctx, k, short=True, margin=margin) or {}
    return {lang: common[lang] + m for lang, m in lean.items() if lang in common}


# Greetings and thanks that open a vocative ("Bonjour, Monsieur Lefèvre"): a closed class,
# unlike the names after them, which word lists cannot judge.
GREETINGS: dict[str, frozenset[str]] = {
    lang: frozenset(w.replace("_", " ") for w in words.split())
    for lang, words in {
        "pt": "olá oi obrigado obrigada bom_dia boa_tarde boa_noite tchau adeus parabéns valeu "
        "bem-vindo bem-vinda bem-vindos até_logo até_amanhã até_sempre",
        "es": "hola gracias buenos_días buenas_tardes buenas_noches adiós hasta_luego "
        "hasta_mañana bienvenido bienvenida bienvenidos felicidades tranquilo perdón",
        "fr": "bonjour bonsoir salut merci au_revoir bienvenue félicitations",
        "it": "ciao grazie buongiorno buonasera buonanotte arrivederci benvenuto benvenuta "
        "benvenuti complimenti auguri salve",
        "de": "hallo danke guten_morgen guten_tag guten_abend tschüss willkommen servus moin",
        "en": "hello thanks thank_you good_morning good_evening good_night goodbye welcome cheers",
        "pl": "cześć dziękuję dzień_dobry witaj witajcie dobranoc",
        "ru": "привет спасибо здравствуйте до_свидания добро_пожаловать доброе_утро добрый_вечер",
        "uk": "привіт дякую вітаю добрий_день доброго_ранку до_побачення ласкаво_просимо бувай",
    }.items()
}
_NAME_WORDS = 3


def vocatives(ctx, labels: list[str]) -> None:
    """Relabel a foreign greeting and the name it is addressed to ("Bonjour, Monsieur
    Lefèvre", "Bom dia, senhora Marta"); the name is part of what is said."""
    words, n = ctx.words, len(ctx.words)
    for i in range(n):
        if labels[i] != ctx.host and i in ctx.settled:
            continue
        found = _greeting(ctx, i)
        if found is None:
            continue
        lang, last = found
        k = last + 1
        if (
            k < n
            and words[k].gap_before in (Gap.COMMA, Gap.SPACE)
            and words[k].case == "lower"
            and (words[k].letters <= 3 or not _host_common(ctx, k))
            and k + 1 < n
            and words[k + 1].case == "title"
            and words[k + 1].gap_before == Gap.SPACE
        ):
            k += 1  # "senhora Marta", "don Manuel", "Bem-vindo a Lisboa"
        end = k
        while (
            end < n
            and end - k < _NAME_WORDS
            and words[end].case == "title"
            and words[end].gap_before
            in ((Gap.COMMA, Gap.SPACE) if end == last + 1 else (Gap.SPACE,))
            and not ctx.kept[end]
        ):
            end += 1
        if end == k or (
            end < n and words[end].gap_before == Gap.SPACE and words[end].case == "title"
        ):
            continue
        labels[i:end] = [lang] * (end - i)
        ctx.settled.update(range(i, end))


def _greeting(ctx, i: int) -> tuple[str, int] | None:
    """(language, last word) of a foreign greeting starting at word ``i``, if any."""
    words = ctx.words
    keys = [(words[i].key, i)]
    if i + 1 < len(words) and words[i + 1].gap_before == Gap.SPACE:
        keys.insert(0, (f"{words[i].key} {words[i + 1].key}", i + 1))
    for key, last in keys:
        langs = [
            lang
            for lang, table in GREETINGS.items()
            if key in table and lang in ctx.model.candidates
        ]
        if ctx.host in langs or not langs:
            continue
        freqs = ctx.lex[i] or {}
        return max(langs, key=lambda lang: freqs.get(lang, FLOOR)), last
    return None
