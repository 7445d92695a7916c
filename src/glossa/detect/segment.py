"""Label every word with a language by a Viterbi search over word-level evidence.

Each word gets a cost per language from lingua's confidence for that word alone,
weighted by how much a word of its shape says about language (a capitalised word
mid-sentence is probably a name and says little; a word in another script says a
lot).  Switching language between two words costs more the weaker the boundary
between them (a line break is cheap, a bare space is dear), and every word outside
the dominant language pays a small toll, so only a run with real evidence becomes
foreign.  Runs are then checked as a whole: name-like runs go back to the host
language and close languages are settled by lingua on the run plus spelling rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from glossa.detect.lexicon import FLOOR
from glossa.detect.model import LanguageModel
from glossa.detect.prior import odds
from glossa.detect.rules import is_determiner, marked, outside_alphabet, refine
from glossa.detect.scripts import LATIN, OTHER, language_script
from glossa.detect.tokens import Gap, Word


@dataclass(frozen=True)
class Params:
    """Costs in nats; see the module docstring."""

    switch: tuple[float, ...] = (1.0, 1.2, 1.5, 2.0, 2.5)  # by Gap: LINE..SPACE
    switch_before_title: float = 2.0   # bare space, then a capitalised word mid-sentence
    foreign_toll: float = 0.3          # per word outside the host language
    prior_toll: float = 0.1            # without a host: per word, times the log prior odds
    cap: float = 4.0                   # most one same-script word can say against a language
    script_penalty: float = 12.0       # a word in a script the language is not written in
    hint_bonus: float = 1.5            # "German: ..." labels the rest of the line
    ngram_share: float = 0.5           # weight of lingua next to a frequency list
    weights: dict[str, float] = field(default_factory=lambda: {
        "lower": 1.0, "none": 1.0, "title_initial": 0.6, "title": 0.15, "upper": 0.1,
        "mixed": 0.1})
    short_weight: float = 0.5          # words of one or two letters


PARAMS = Params()
LN10 = math.log(10)
SHORT_TEXT = 8  # words; a text this short gives every language it suggests a state
_FAR = 1e6


@dataclass
class Run:
    """Consecutive words [first, last] labelled ``lang``."""

    first: int
    last: int
    lang: str
    confidence: float = 0.0


def word_weight(word: Word, params: Params) -> float:
    case = word.case
    if case == "title" and word.gap_before <= Gap.PUNCT:
        case = "title_initial"
    weight = params.weights[case]
    if word.letters <= 2:
        weight *= params.short_weight
    return weight


def word_evidence(word: Word, conf: dict[str, float], freqs: dict[str, float] | None,
                  states: Sequence[str], scripts: Sequence[str], params: Params
                  ) -> dict[str, float]:
    """How much the word alone speaks against each same-script state (0 for the best one).

    Frequency lists decide for words they know; lingua's n-gram confidence adds
    the shape of the word, and alone decides for words no list knows.
    """
    same = [s for s, sc in zip(states, scripts, strict=True) if sc == word.script]
    if not same:
        return {}
    best_conf = max((conf.get(s, 0.0) for s in same), default=0.0)
    ngram = {s: (min(math.log(best_conf / conf[s]), params.cap) if conf.get(s, 0.0) > 0
                 else params.cap) if best_conf > 0 else 0.0 for s in same}
    if freqs is None:
        evidence = ngram
    else:
        top = max(freqs.get(s, FLOOR) for s in same)
        evidence = {s: min(LN10 * (top - freqs.get(s, FLOOR)) + params.ngram_share * ngram[s],
                           params.cap) for s in same}
    for s in same:  # a letter the language never writes says the most a word can
        if outside_alphabet(word.key, s):
            evidence[s] = params.cap
    return evidence


def emissions(words: Sequence[Word], confs: Sequence[dict[str, float]], states: Sequence[str],
              host: str | None, kept: Sequence[bool], hints: Sequence[str | None],
              params: Params, lex: Sequence[dict[str, float] | None]) -> list[list[float]]:
    """Cost of each word in each state (evidence computed once per distinct word)."""
    scripts = [language_script(s) for s in states]
    index = {s: i for i, s in enumerate(states)}
    if host is not None:
        toll = [params.foreign_toll if s != host else 0.0 for s in states]
    else:  # ambiguous words lean to the most used language of their script
        toll = [params.prior_toll * odds(s, states) for s in states]
    forced = [0.0 if s == host else _FAR for s in states]
    cache: dict[tuple[str, str], list[float | None]] = {}
    out: list[list[float]] = []
    for word, conf, keep, hint, freqs in zip(words, confs, kept, hints, lex, strict=True):
        if keep or hint == LABEL:
            out.append(forced)
            continue
        base = cache.get((word.key, word.script))
        if base is None:
            evidence = word_evidence(word, conf, freqs, states, scripts, params)
            base = [None if sc != word.script and word.script != OTHER else evidence.get(s, 0.0)
                    for s, sc in zip(states, scripts, strict=True)]
            cache[(word.key, word.script)] = base
        weight = word_weight(word, params)
        if host is not None and weight < 1.0 and \
                outside_alphabet(word.key, host):
            # a letter the host never writes ("Беріть" in Russian text): a capital
            # mid-sentence makes it less of a word, but it is no host name either
            weight = 1.0
        penalty = params.script_penalty
        row = [penalty + t if b is None else weight * b + t for b, t in zip(base, toll,
                                                                             strict=True)]
        if hint is not None and hint in index:
            row[index[hint]] -= params.hint_bonus
        out.append(row)
    return out


def switch_cost(word: Word, params: Params) -> float:
    if word.gap_before == Gap.SPACE and word.case == "title":
        return params.switch_before_title
    return params.switch[word.gap_before]


def viterbi(words: Sequence[Word], emit: Sequence[Sequence[float]], states: Sequence[str],
            host: str | None, params: Params) -> list[str]:
    """Cheapest labelling; with a host, starting or ending outside it costs a line switch."""
    n_states = len(states)
    edge = params.switch[Gap.LINE]
    start = [0.0 if host is None or s == host else edge for s in states]
    cost = [a + b for a, b in zip(start, emit[0], strict=True)]
    back: list[list[int]] = []
    for i in range(1, len(words)):
        sw = switch_cost(words[i], params)
        best_prev = min(range(n_states), key=cost.__getitem__)
        move = cost[best_prev] + sw
        row_e = emit[i]
        new, bp = [], []
        for s in range(n_states):
            stay = cost[s]
            if stay <= move:
                new.append(stay + row_e[s])
                bp.append(s)
            else:
                new.append(move + row_e[s])
                bp.append(best_prev)
        cost = new
        back.append(bp)
    if host is not None:
        cost = [c + (0.0 if s == host else edge) for c, s in zip(cost, states, strict=True)]
    state = min(range(n_states), key=cost.__getitem__)
    path = [state]
    for bp in reversed(back):
        state = bp[state]
        path.append(state)
    path.reverse()
    return [states[s] for s in path]


def active_states(words: Sequence[Word], confs: Sequence[dict[str, float]],
                  lex: Sequence[dict[str, float] | None], hints: Sequence[str | None],
                  candidates: Sequence[str], host: str | None) -> list[str]:
    """Languages worth a Viterbi state: the host, hinted languages, and those that are the
    best guess for two words or more (or for one word outside the Latin script, or,
    before the host is known, for any word of a short text).

    A language that is the best guess for a single Latin word could not win a run
    against the switching costs anyway; leaving it out keeps long texts fast.
    """
    counts: dict[str, int] = {}
    # a Latin word counts double outside a Latin-script host ("Descale now" in Russian)
    cheap = LATIN if host is None or language_script(host) == LATIN else None
    for word, conf, freqs in zip(words, confs, lex, strict=True):
        table = freqs or conf
        if table:
            best = max(table, key=table.__getitem__)
            counts[best] = counts.get(best, 0) + (1 if word.script == cheap else 2)
    # without a host, every best guess of a short text gets a state: it may be the best
    # guess of one word only ("Política de privacidade": es, es, pt)
    need = 1 if host is None and len(words) <= SHORT_TEXT else 2
    wanted = {lang for lang, n in counts.items() if n >= need} | {h for h in hints if h}
    wanted.discard(LABEL)
    states = [c for c in candidates if c in wanted]
    if host is not None and host not in states:
        states.insert(0, host)
    return states or list(candidates[:1])


LABEL = "<label>"  # hint for the words of a "German:" label itself: they are host text
_LABEL_LINE = re.compile(r"^[ \t]*([^\n:]{1,40}?)[ \t]*:[ \t]*\S", re.MULTILINE)
_INVERTED = re.compile(r"[¡¿][^!?¡¿\n]{1,300}[!?]")


def language_hints(text: str, words: Sequence[Word],
                   candidates: Collection[str]) -> list[str | None]:
    """Per word, the language a "Label: value" line names in its label, if any.

    Words of the label itself get ``LABEL``.
    Localisation listings write "German: Abmelden", "fr-FR: Se déconnecter" or, in the
    host's own language, "Inglês: Checkout" (``names.language_named``); the label
    says what the (often one-word) value is, which no statistics can tell reliably.
    """
    from glossa.detect.names import language_named
    from glossa.languages import LANGUAGES

    hints: list[tuple[int, int, str]] = []
    for match in _LABEL_LINE.finditer(text):
        label = match.group(1)
        tokens = re.findall(r"[^\W\d_]+", label.lower())
        if not tokens or len(tokens) > 4:
            continue
        code = None
        if len(tokens) <= 2 and tokens[0] in LANGUAGES and len(label.strip()) <= 6:
            code = tokens[0]
        else:
            found = {language_named(t) for t in tokens} - {None}
            code = found.pop() if len(found) == 1 else None
        if code in candidates:
            line_end = text.find("\n", match.end())
            hints.append((match.start(1), match.end() - 1,
                          len(text) if line_end < 0 else line_end, code))
    if "es" in candidates:  # Spanish alone opens questions and exclamations with ¿ ¡
        for match in _INVERTED.finditer(text):
            hints.append((match.start(), match.start(), match.end(), "es"))
    out: list[str | None] = [None] * len(words)
    for i, word in enumerate(words):
        for label_start, start, end, code in hints:
            if label_start <= word.start < start:
                out[i] = LABEL
            elif start <= word.start < end:
                out[i] = code
    return out


def label_words(words: Sequence[Word], confs: Sequence[dict[str, float]],
                lex: Sequence[dict[str, float] | None],
                candidates: Sequence[str], host: str | None, kept: Sequence[bool],
                hints: Sequence[str | None], params: Params = PARAMS) -> list[str]:
    if not words:
        return []
    states = active_states(words, confs, lex, hints, candidates, host)
    if host is None:  # no host yet: a label's own words cannot be forced into it
        hints = [None if h == LABEL else h for h in hints]
    emit = emissions(words, confs, states, host, kept, hints, params, lex)
    return viterbi(words, emit, states, host, params)


def letters_by_language(labelled: Sequence[tuple[Sequence[Word], Sequence[str],
                                                 Sequence[str | None]]],
                        decay: float = 4.0, floor: float = 0.25) -> dict[str, float]:
    """Letters per language, the earlier ones weighing more (up to 4x the last ones).

    A document opens in its own language; replies, quotations and translations of
    it come after, and may even be longer (an e-mail answering a quoted message).
    Words a hint assigns to a language ("German: ...", "¡...!") are what the
    document quotes, so they count a third.
    """
    total = sum(w.letters for words, _, _ in labelled for w in words) or 1
    counts: dict[str, float] = {}
    seen = 0
    for words, labels, hints in labelled:
        for word, lang, hint in zip(words, labels, hints, strict=True):
            weight = floor + (1 - floor) * math.exp(-decay * seen / total)
            if hint is not None and hint != LABEL:
                weight /= 3
            counts[lang] = counts.get(lang, 0.0) + weight * word.letters
            seen += word.letters
    return counts


def _name_like(words: Sequence[Word]) -> bool:
    """Capitalised words with at most short lower-case particles between them: "Vitória de
    Guimarães".  A name does not end in a particle: "Canção do mar" is a title."""
    return all(w.case != "lower" or w.letters <= 3 for w in words) and \
        words[-1].case != "lower"


def _whole_unit(words: Sequence[Word], run: Run) -> bool:
    """The run fills everything between strong boundaries (line, sentence, colon, quote)."""
    starts = words[run.first].gap_before <= Gap.PUNCT
    ends = run.last + 1 >= len(words) or words[run.last + 1].gap_before <= Gap.PUNCT
    return starts and ends


def _loan_phrase(words: Sequence[Word], run: Run) -> bool:
    """A short lower-case run straight after a host word ("a certain déjà vu", "the
    encore"): a borrowing the host language uses, not a quotation."""
    first = words[run.first]
    letters = sum(w.letters for w in words[run.first:run.last + 1])
    return (run.first > 0 and first.gap_before == Gap.SPACE and first.case == "lower"
            and run.last - run.first < 3 and letters <= 18)


def runs_of(labels: Sequence[str], host: str, words: Sequence[Word]) -> list[Run]:
    """Runs of consecutive non-host labels, one per line at most: each line of a UI block
    or listing is judged on its own, as when a file reaches detection line by line."""
    runs: list[Run] = []
    for i, lang in enumerate(labels):
        if lang == host:
            continue
        if runs and runs[-1].lang == lang and runs[-1].last == i - 1 and \
                words[i].gap_before != Gap.LINE:
            runs[-1].last = i
        else:
            runs.append(Run(i, i, lang))
    return runs


@dataclass
class Context:
    """What run checks need besides the runs: the text, its words and their evidence."""

    text: str
    words: Sequence[Word]
    lex: Sequence[dict[str, float] | None]
    hints: Sequence[str | None]
    host: str
    model: LanguageModel
    kept: Sequence[bool] = ()
    settled: set[int] = field(default_factory=set)  # words ``ui`` put abroad by their shape

    def __post_init__(self):
        if not self.kept:
            self.kept = [False] * len(self.words)

    @property
    def host_script(self) -> str:
        return language_script(self.host)

    def hinted(self, a: int, b: int, lang: str) -> bool:
        return all(self.hints[i] == lang for i in range(a, b + 1))

    def host_plausible(self, i: int, lang: str) -> bool:
        """The word is a common host word too (at most ten times rarer than in ``lang``)."""
        freqs = self.lex[i]
        if freqs is None or freqs.get(self.host, FLOOR) <= FLOOR:
            return False
        return freqs[self.host] >= freqs.get(lang, FLOOR) - 1.0


COMMON = -4.0  # log10 frequency from which a word is common in a language


def _name_run(ctx: Context, run: Run) -> bool:
    """The run is a name, possibly followed by common host words the labelling swept
    along ("Banque de France | met in"), or cut short before the name's last capital
    ("Ciudad del | Este")."""
    words, after = ctx.words, run.last + 1
    if after < len(words) and words[after].gap_before == Gap.SPACE and \
            words[after].case == "title" and words[run.last].case == "lower":
        return _name_like([*words[run.first:after + 1]])
    last = run.last
    while last > run.first and ctx.words[last].case == "lower" and \
            ctx.lex[last] is not None and ctx.lex[last].get(ctx.host, FLOOR) >= COMMON:
        last -= 1
    return _name_like(ctx.words[run.first:last + 1])


def _droppable(ctx: Context, piece: tuple[int, int], cut: int, lang: str) -> bool:
    """An edge piece that is a name cut off by a strong boundary, or one common host word.

    ``cut`` is the index of the word just after the boundary between piece and run.
    """
    a, b = piece
    words = ctx.words
    if ctx.hinted(a, b, lang) or words[a].script != ctx.host_script or \
            ctx.settled.issuperset(range(a, b + 1)):
        return False
    if words[cut].gap_before <= Gap.PUNCT and _name_like(words[a:b + 1]):
        return True
    return a == b and ctx.host_plausible(a, lang)


def _trim(ctx: Context, runs: list[Run]) -> list[Run]:
    """Cut names and ordinary host words off the ends of runs.

    "Giulia: Ciao a tutti" loses "Giulia" (a name before a colon); "a different
    chant, Allez, allez" loses "chant" (as English as it is French).  Pieces are
    split at strong boundaries for names, and at commas too for single words.
    """
    words = ctx.words
    out: list[Run] = []
    for run in runs:
        cuts = [i for i in range(run.first + 1, run.last + 1) if words[i].gap_before <= Gap.COMMA]
        bounds = [run.first, *cuts, run.last + 1]
        pieces = [(a, b - 1) for a, b in zip(bounds, bounds[1:], strict=False)]

        while len(pieces) > 1 and _droppable(ctx, pieces[0], pieces[1][0], run.lang):
            pieces.pop(0)
        a, b = pieces[0]
        if b > a and words[a + 1].gap_before == Gap.SPACE and words[a + 1].case == "title" \
                and _droppable(ctx, (a, a), a + 1, run.lang):
            # "Dice | Qui la pizza...": a host verb, then a capital starts the quotation
            pieces[0] = (a + 1, b)
        while len(pieces) > 1 and _droppable(ctx, pieces[-1], pieces[-1][0], run.lang):
            pieces.pop()
        out.append(Run(pieces[0][0], pieces[-1][1], run.lang))
    return out


def _smooth(ctx: Context, runs: list[Run]) -> list[Run]:
    """A short run wedged against a longer foreign run on the same line takes its
    language: "è una cosa seria" is one Italian phrase, not Italian + "seria" Portuguese."""
    words = ctx.words
    changed = True
    while changed and len(runs) > 1:
        changed = False
        for k in range(len(runs) - 1):
            a, b = runs[k], runs[k + 1]
            if a.lang == b.lang or a.last + 1 != b.first or words[b.first].gap_before == Gap.LINE:
                continue
            size_a = sum(w.letters for w in words[a.first:a.last + 1])
            size_b = sum(w.letters for w in words[b.first:b.last + 1])
            short, long_ = (a, b) if size_a < size_b else (b, a)
            if min(size_a, size_b) <= 8 and words[short.first].script == words[long_.first].script:
                runs[k:k + 2] = [Run(a.first, b.last, long_.lang)]
                changed = True
                break
    return runs


def _split_at_host_words(ctx: Context, runs: list[Run]) -> list[Run]:
    """Split a run at a short host word that joins two capitalised items: "Card number
    e Expiry date" in Portuguese text is two English strings and the host's "e"."""
    words, out = ctx.words, []
    for run in runs:
        first = run.first
        for i in range(run.first + 1, run.last):
            word, freqs = words[i], ctx.lex[i]
            if word.case == "lower" and word.letters <= 3 and freqs is not None and \
                    words[i + 1].case == "title" and i > first and \
                    freqs.get(ctx.host, FLOOR) >= -3.0 and \
                    freqs.get(ctx.host, FLOOR) - freqs.get(run.lang, FLOOR) >= 2.0:
                out.append(Run(first, i - 1, run.lang))
                first = i + 1
        out.append(Run(first, run.last, run.lang))
    return out


def _complete_articles(ctx: Context, runs: list[Run]) -> list[Run]:
    """A run that ends in an article takes the noun after it when the noun is an ordinary
    word of the run's language: "Le goût de la | tradition" ("tradition" is English
    too, but an article does not end a phrase)."""
    words = ctx.words
    starts = {run.first for run in runs}
    for run in runs:
        nxt = run.last + 1
        if nxt >= len(words) or nxt in starts or not is_determiner(words[run.last].key, run.lang):
            continue
        word, freqs = words[nxt], ctx.lex[nxt]
        if word.gap_before != Gap.SPACE or word.case != "lower" or ctx.kept[nxt] or \
                freqs is None or freqs.get(run.lang, FLOOR) < max(freqs.values()) - 1.0:
            continue
        run.last = nxt
    return runs


def _best_language(ctx: Context, run: Run, conf: dict[str, float], script: str) -> str:
    """Among foreign languages of the run's script: word frequencies plus lingua on the run."""
    options = [lang for lang in ctx.model.candidates
               if lang != ctx.host and language_script(lang) == script]
    if not options:
        return run.lang

    def score(lang: str) -> float:
        total = math.log10(conf.get(lang, 0.0) + 1e-3)
        for i in range(run.first, run.last + 1):
            freqs = ctx.lex[i]
            if freqs is not None:
                total += freqs.get(lang, FLOOR) - max(freqs.values())
        return total

    return max(options, key=score)


def _lettered(words: Sequence[Word], host: str, lang: str) -> bool:
    """A word of the run has a letter the host never writes and ``lang`` does ("ś" in
    "Jesteśmy z wami" for Portuguese): lingua's word for the host on a short run yields
    to that."""
    from glossa.detect.rules import foreign_letters, writes_letters

    return any(foreign_letters(w.key, host) and writes_letters(w.key, lang) for w in words)


def check_runs(ctx: Context, runs: list[Run]) -> list[Run]:
    """Drop name-like and borrowed runs, settle each run's language as a whole.

    Runs the word lists settle (``strong.is_strong``) are neither names nor borrowings.
    """
    from glossa.detect.strong import is_strong

    words, host = ctx.words, ctx.host
    kept: list[Run] = []
    runs = _complete_articles(ctx, _split_at_host_words(ctx, _smooth(ctx, runs)))
    for run in _trim(ctx, runs):
        run_words = words[run.first:run.last + 1]
        hinted = ctx.hinted(run.first, run.last, run.lang) or \
            ctx.settled.issuperset(range(run.first, run.last + 1))
        script = run_words[0].script
        same = script == ctx.host_script
        name = _name_run(ctx, run) and (same or not _whole_unit(words, run))
        if not hinted and (name or (same and _loan_phrase(words, run))) and \
                not (same and is_strong(ctx, run.first, run.last)):
            continue
        chunk = ctx.text[run_words[0].start:run_words[-1].end]
        conf = {lang: v for lang, v in ctx.model.confidences(chunk).items()
                if language_script(lang) == script}
        # lingua's word for the host yields to letters the host does not have (і in ru text)
        if same and not hinted and conf.get(host, 0.0) > 0.5 and \
                marked(chunk, run.lang, ctx.model.candidates) in (None, host) and \
                not _lettered(run_words, host, run.lang):
            continue
        if not hinted:
            run.lang = _best_language(ctx, run, conf, script)
        run.lang = refine(chunk, run.lang, ctx.model.candidates)
        if run.lang == host:
            continue
        run.confidence = round(conf.get(run.lang, 0.0), 3) if conf else 0.5
        kept.append(run)
    return _take_addressee(ctx, kept)


def _ends_unit(ctx: Context, i: int) -> bool:
    """Word ``i`` ends a unit: last word, or a line, sentence, colon or quote follows it."""
    words = ctx.words
    return i + 1 >= len(words) or words[i + 1].gap_before <= Gap.PUNCT or \
        bool(_CLOSING.match(ctx.text, words[i].end))


_CLOSING = re.compile(r"[!?…]")


def _take_addressee(ctx: Context, runs: list[Run]) -> list[Run]:
    """A foreign run followed by ", Name" takes the name in: "Obrigado por tudo, Abel" is
    said to Abel.  The name (one or two capitalised words) must end the unit, be a word
    the host does not write at all ("Merci pour tout, Sandrine dirigido à..."), or come
    after a phrase of two words or more and before a lower-case word ("Thank you so
    much, Rio e voltou").  A title after the comma comes before the name ("Bom dia,
    senhora Marta")."""
    words, starts = ctx.words, {run.first for run in runs}
    for run in runs:
        a = run.last + 1
        # "Obrigado, professora | Helena": a title after the comma, then the name
        titled = words[run.last].case == "lower" and words[run.last].gap_before == Gap.COMMA
        gaps = (Gap.COMMA, Gap.SPACE) if titled else (Gap.COMMA,)
        if a >= len(words) or a in starts or words[a].gap_before not in gaps or \
                words[a].case != "title" or words[a].script != words[run.last].script or \
                ctx.kept[a] or ctx.hints[a] == LABEL:
            continue
        b = a + 1 if a + 1 < len(words) and a + 1 not in starts and \
            words[a + 1].gap_before == Gap.SPACE and words[a + 1].case == "title" else a
        if not _ends_unit(ctx, b):
            b = a
        unknown = ctx.lex[a] is None or ctx.lex[a].get(ctx.host, FLOOR) <= FLOOR
        said_to = run.last > run.first and b + 1 < len(words) and words[b + 1].case == "lower"
        if _ends_unit(ctx, b) or unknown or said_to:
            run.last = b
    return runs
