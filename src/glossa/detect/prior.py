"""The dominant language when a text's own words barely tell: a prior by global usage.

A short text made of names and words two languages share ("Alexander Lavrentyev met
Recep Erdoğan in Ankara.": "met" is common Dutch and ordinary English, "in" is
both) leans to whichever language its few words favour.  A reader would say
English: English is by far the likeliest language of a text nobody has told us
about, and nothing here says otherwise.  So the first labelling's winner must beat
the most used language of its script by the prior odds between the two, plus a
margin, counting only evidence that means something:

- names carry none: capitalised words inside a sentence, acronyms and CamelCase
  count zero (a capital at the start of a line or sentence is grammar, not a name);
- a word that is ordinary in the favoured language ("met", "in", "real", "die",
  frequency at least 1 in 30,000) counts at most ``SHARED_CAP`` against it, however
  much commoner the other language's list says it is, and only once however often it
  recurs (an English text about meetings says "met" again and again);
- a word of the winner's list that the favoured language's list lacks altogether
  ("Abmelden", "Mijn") says at least what one word can in a labelling (``Params.cap``)
  and more the commoner it is (up to twice that): a list's floor frequency understates
  how rare such a word is in the other language;
- a word with a letter the winner never writes ("Erdoğan" for German) says nothing
  for it.

Evidence is what the labelling itself uses (``segment.word_evidence``), so one
unambiguous word ("Comentários": Portuguese list only, a letter English never
writes) still settles a one-word text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from glossa.detect.lexicon import FLOOR
from glossa.detect.rules import foreign_letters
from glossa.detect.scripts import language_script
from glossa.detect.tokens import Gap, Word

if TYPE_CHECKING:
    from glossa.detect.segment import Params

LN10 = math.log(10)

# Approximate share (%) of web content by language (W3Techs, 2024, rounded); only the
# ratio between two languages of one script is used.  Unlisted languages get DEFAULT,
# which makes them equals: CJK and Arabic-script languages are told apart by their
# own letters (kana, hangul, Persian letters), not by a prior.
SHARES: dict[str, float] = {
    "en": 49.0, "es": 6.0, "de": 5.6, "fr": 4.4, "ru": 4.0, "pt": 3.8, "it": 2.6,
    "nl": 1.8, "tr": 1.8, "pl": 1.7, "vi": 1.0, "cs": 0.9, "id": 0.8, "uk": 0.6,
    "sv": 0.6, "hu": 0.5, "ro": 0.5, "da": 0.4, "fi": 0.3, "sk": 0.3, "bg": 0.2,
}
DEFAULT_SHARE = 0.2
MARGIN = 0.5        # nats beyond the prior odds before leaving the favoured language
SHARED_FREQ = -4.5  # log10 frequency from which a word is ordinary in a language
SHARED_CAP = 1.5    # most such a word says against that language


def share(lang: str) -> float:
    return SHARES.get(lang, DEFAULT_SHARE)


def favoured(winner: str, candidates: Sequence[str]) -> str:
    """The most used candidate written in ``winner``'s script (``winner`` on ties)."""
    script = language_script(winner)
    best = winner
    for lang in candidates:
        if language_script(lang) == script and share(lang) > share(best):
            best = lang
    return best


def odds(lang: str, candidates: Sequence[str]) -> float:
    """log prior odds of the favoured language of ``lang``'s script against ``lang``."""
    return math.log(share(favoured(lang, candidates)) / share(lang))


def prior_weight(word: Word, params: Params) -> float:
    """How much a word's evidence counts here: nothing for name-like shapes."""
    if word.case in ("upper", "mixed") or (word.case == "title" and word.gap_before > Gap.PUNCT):
        return 0.0
    return params.short_weight if word.letters <= 2 else 1.0


def evidence_for(winner: str, other: str, docs, params: Params) -> float:
    """Nats by which the words labelled ``winner`` favour it over ``other``.

    ``docs`` holds (words, labels, confs, lex) per text.
    """
    states = (winner, other)
    scripts = (language_script(winner), language_script(other))
    total = 0.0
    seen: dict[str, tuple[float, bool]] = {}
    counted: set[str] = set()
    for words, labels, confs, lex in docs:
        for word, label, conf, freqs in zip(words, labels, confs, lex, strict=True):
            if label != winner or word.script != scripts[1]:
                continue
            weight = prior_weight(word, params)
            if weight == 0.0:
                continue
            if word.key not in seen:
                seen[word.key] = _word_margin(word, conf, freqs, states, scripts, params)
            d, shared = seen[word.key]
            if shared:  # a homograph says no more for being repeated ("met" ... "met")
                if word.key in counted:
                    continue
                counted.add(word.key)
            total += weight * d
    return total


def _word_margin(word, conf, freqs, states, scripts, params) -> tuple[float, bool]:
    """One word's evidence for ``states[0]`` over ``states[1]``, and whether the word is
    an ordinary word of ``states[1]`` too."""
    from glossa.detect.segment import word_evidence

    winner, other = states
    ev = word_evidence(word, conf, freqs, states, scripts, params)
    d = ev.get(other, 0.0) - ev.get(winner, 0.0)
    shared = freqs is not None and freqs.get(other, FLOOR) >= SHARED_FREQ
    if shared:
        d = min(d, SHARED_CAP)
    elif freqs is not None and freqs.get(other, FLOOR) <= FLOOR < freqs.get(winner, FLOOR):
        # in the winner's list, not in the other's at all
        d = min(max(params.cap, LN10 * (freqs[winner] - FLOOR)), 2 * params.cap)
    if foreign_letters(word.key, winner):
        d = min(d, 0.0)  # "Erdoğan" is no German word, whatever the list says
    return d, shared


def settle_dominant(winner: str, candidates: Sequence[str], docs,
                    params: Params | None = None) -> str:
    """``winner`` if its words beat the favoured language by the prior odds, else that one."""
    from glossa.detect.segment import PARAMS

    params = params or PARAMS
    other = favoured(winner, candidates)
    if other == winner:
        return winner
    needed = math.log(share(other) / share(winner)) + MARGIN
    return winner if evidence_for(winner, other, docs, params) >= needed else other
