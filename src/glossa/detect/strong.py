"""Foreign runs that word lists alone settle, where the Viterbi costs are too cautious.

The labelling keeps single capitalised words and short lower-case phrases in the
host language unless the evidence is overwhelming: most are names ("Erdoğan",
"Müller") or borrowings ("déjà vu", "per se", "ad hoc").  Two shapes are foreign
all the same, and word lists can tell them apart from names and borrowings:

- a line whose only word is a word of a foreign list that the host's list lacks, in
  its own spelling and with its accents stripped, and that carries a letter the
  foreign language writes and the host does not ("Comentários" under "Chats" and
  "Sign in": Portuguese list only, "á" is not English);
- two or more words in a row, one of them lower-case, that are all words of one foreign
  list (1 in a million or commoner) and all missing from the host's list
  ("said Entrada proibida and left").

A borrowing keeps at least one word the host's list knows ("vu", "se", "hoc",
"versa", "de", "prix"), and a name keeps capitals throughout or a letter of neither
language, so both stay host.  These runs still go through ``check_runs`` (lingua
must not prefer the host for the run as a whole).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from glossa.detect.lexicon import FLOOR, log_frequencies, rare_in
from glossa.detect.rules import foreign_letters, is_determiner, writes_letters
from glossa.detect.tokens import Gap

STRONG_FREQ = -6.0  # log10 frequency from which a foreign list really has a word
RATIO = 3.0         # orders of magnitude rarer in the host: a word the host does not use


def foreign_langs(ctx, i: int) -> dict[str, float]:
    """Foreign languages whose list has word ``i`` (frequency at least STRONG_FREQ) while
    the host's small list lacks it or has it RATIO orders of magnitude rarer ("für"),
    with the word's log10 frequency in each."""
    freqs = ctx.lex[i]
    if freqs is None or ctx.kept[i] or ctx.hints[i]:
        return {}
    host = freqs.get(ctx.host, FLOOR)
    return {lang: f for lang, f in freqs.items() if lang != ctx.host and f >= STRONG_FREQ
            and (host <= FLOOR or host <= f - RATIO)}


def _unused_by_host(ctx, i: int, langs: dict[str, float]) -> bool:
    """The host's large list says the host language barely uses word ``i`` (1000 times
    rarer than in the foreign list): not a name or borrowing written in host text."""
    return rare_in(ctx.words[i].key, ctx.host, max(langs.values()), RATIO)


def _folded_in_host(ctx, key: str) -> bool:
    """The word with its accents stripped is a host word ("zurich", "erdogan", "cafe")."""
    folded = "".join(c for c in unicodedata.normalize("NFD", key)
                     if not unicodedata.combining(c))
    if folded == key:
        return False
    freqs = log_frequencies(folded, (ctx.host,))
    return freqs is not None and freqs.get(ctx.host, FLOOR) > FLOOR


UI_WORD_FREQ = -5.2  # a lone word without foreign letters must be this common abroad


def lone_word_lang(ctx, i: int) -> str | None:
    """The foreign language of word ``i`` when it is alone on its line and strongly
    foreign by lists and letters (see the module docstring), else None.

    A word without a letter the host lacks ("Painel", "Sair", "Ajuda": scraped UI
    strings) counts when it is a common word abroad (1 in 160,000) that the host's large
    list barely has; names ("Lisboa", "Maria") are used in the host's texts too."""
    words = ctx.words
    word = words[i]
    alone = word.gap_before == Gap.LINE and (i + 1 == len(words)
                                             or words[i + 1].gap_before == Gap.LINE)
    if not alone or word.script != ctx.host_script:
        return None
    marked = foreign_letters(word.key, ctx.host)
    langs = {lang: f for lang, f in foreign_langs(ctx, i).items()
             if writes_letters(word.key, lang) and (marked or f >= UI_WORD_FREQ)}
    if not langs or _folded_in_host(ctx, word.key) or not _unused_by_host(ctx, i, langs):
        return None
    return max(langs, key=langs.__getitem__)


def phrase_lang(ctx, first: int, last: int) -> str | None:
    """The foreign language all words first..last are strongly in, when they form one
    phrase (no boundary stronger than a comma) with a lower-case word, else None."""
    words = ctx.words
    if last <= first or not any(w.case == "lower" for w in words[first:last + 1]):
        return None
    if first > 0 and words[first].gap_before == Gap.SPACE and \
            is_determiner(words[first - 1].key, ctx.host):
        return None  # "a crème brûlée": a borrowed noun of the host sentence
    if any(words[k].gap_before < Gap.COMMA for k in range(first + 1, last + 1)):
        return None
    common: dict[str, float] | None = None
    for k in range(first, last + 1):
        langs = foreign_langs(ctx, k)
        if words[k].script != ctx.host_script or not langs:
            return None
        common = langs if common is None else \
            {lang: common[lang] + f for lang, f in langs.items() if lang in common}
        if not common:
            return None
    if not all(_unused_by_host(ctx, k, foreign_langs(ctx, k)) for k in range(first, last + 1)):
        return None
    return max(common, key=common.__getitem__) if common else None


def _hinted_values(ctx, out: list[str]) -> None:
    """Relabel a labelled value ("Francês: Déconnexion") the labelling left in the host
    when each of its words is at least as common in the named language as in the host:
    the label says what the value is, and a one-word value cannot pay for the switch."""
    words, hints, n = ctx.words, ctx.hints, len(out)
    i = 0
    while i < n:
        lang = hints[i]
        if lang is None or lang == ctx.host or lang.startswith("<") or out[i] != ctx.host:
            i += 1
            continue
        j = i
        while j + 1 < n and hints[j + 1] == lang and out[j + 1] == ctx.host and \
                words[j + 1].gap_before != Gap.LINE:
            j += 1
        if all(words[k].script == ctx.host_script and ctx.lex[k] is not None and
               ctx.lex[k].get(lang, FLOOR) > max(ctx.lex[k].get(ctx.host, FLOOR), FLOOR)
               for k in range(i, j + 1)):
            out[i:j + 1] = [lang] * (j - i + 1)
        i = j + 1


def promote(ctx, labels: Sequence[str]) -> list[str]:
    """``labels`` with lone foreign words, strongly foreign phrases and labelled values
    relabelled."""
    from glossa.detect.ui import exclamations, ui_lists, ui_strings, vocatives

    out = list(labels)
    _hinted_values(ctx, out)
    ui_lists(ctx, out)
    exclamations(ctx, out)
    ui_strings(ctx, out)
    vocatives(ctx, out)
    n = len(out)
    i = 0
    while i < n:
        if out[i] != ctx.host or not foreign_langs(ctx, i):
            i += 1
            continue
        j = i  # the longest phrase of listed-foreign host-labelled words from i
        while j + 1 < n and out[j + 1] == ctx.host and foreign_langs(ctx, j + 1) and \
                ctx.words[j + 1].gap_before >= Gap.COMMA:
            j += 1
        lang = phrase_lang(ctx, i, j) if j > i else lone_word_lang(ctx, i)
        if lang is not None:
            out[i:j + 1] = [lang] * (j - i + 1)
        i = j + 1
    return out


def is_strong(ctx, first: int, last: int) -> bool:
    """The run is one that word lists settle: exempt from the name and borrowing checks."""
    if all(k in ctx.settled for k in range(first, last + 1)):
        return True
    if first == last:
        return lone_word_lang(ctx, first) is not None
    return phrase_lang(ctx, first, last) is not None
