"""``number``: every number of the source must appear in the translation and vice versa,
whatever the locale writes it like (1,000.5 / 1.000,5 / 1 000,5; 15% / 15 %).

A written number can be read several ways ("1.200" is 1200 in Portuguese, 1.2 in
English); each language's own convention wins when it gives a reading, otherwise any
syntactically valid reading counts. Two numbers match when their readings intersect.
Scale words ("1,5 mil" = 1500, "2.3 million", "$5M") and small numbers written as words
("dois" = 2) are understood, and an hour may be written on a 12- or 24-hour clock;
all of this for the languages listed in the tables below.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from glossa.qa.base import Issue, SegmentContext, flag, register
from glossa.qa.text import EMAIL, URL, is_blank, mask, words

# languages writing 1.5 with a decimal point; every other language uses a decimal comma
_POINT_LANGS = {"en", "zh", "zt", "ja", "ko", "he", "th", "hi", "bn", "gu", "mr", "pa", "ta",
                "te", "ur", "ms", "tl", "sw", "ga", "cy", "ar", "fa", "yo", "zu", "mn"}
_SPACES = "\u00a0\u202f\u2009 "
_RUN = re.compile(rf"\d+(?:[.,'’{_SPACES}]\d+)*")

def _count(names: str, **extra: int) -> dict[str, int]:
    """Number words in counting order from zero, plus ``extra`` ones."""
    return {name: value for value, name in enumerate(names.split())} | extra


_TENS = (30, 40, 50, 60, 70, 80, 90, 100)


def _tens(names: str) -> dict[str, int]:
    return dict(zip(names.split(), _TENS, strict=True))


_UNITS: dict[str, dict[str, int]] = {
    "en": _count("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
                 dozen=12, first=1, second=2, third=3)
    | _tens("thirty forty fifty sixty seventy eighty ninety hundred"),
    "pt": _count("zero um dois três quatro cinco seis sete oito nove dez onze doze treze "
                 "catorze quinze dezesseis dezessete dezoito dezenove vinte",
                 uma=1, duas=2, quatorze=14, dezasseis=16, dezassete=17, dezanove=19, cem=100,
                 dúzia=12, primeiro=1, primeira=1, segundo=2, segunda=2, terceiro=3,
                 terceira=3)
    | _tens("trinta quarenta cinquenta sessenta setenta oitenta noventa cento"),
    "es": _count("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece "
                 "catorce quince dieciséis diecisiete dieciocho diecinueve veinte",
                 un=1, una=1, cien=100, docena=12, primero=1, primera=1, segundo=2, tercero=3)
    | _tens("treinta cuarenta cincuenta sesenta setenta ochenta noventa ciento"),
    "fr": _count("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize "
                 "quatorze quinze seize dix-sept dix-huit dix-neuf vingt",
                 une=1, douzaine=12, premier=1, première=1, deuxième=2, troisième=3)
    | _tens("trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix "
            "cent"),
    "de": _count("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
                 "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
                 ein=1, eine=1, einen=1, einem=1, einer=1, dutzend=12)
    | _tens("dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert"),
    "it": _count("zero uno due tre quattro cinque sei sette otto nove dieci undici dodici "
                 "tredici quattordici quindici sedici diciassette diciotto diciannove venti",
                 un=1, una=1, dozzina=12)
    | _tens("trenta quaranta cinquanta sessanta settanta ottanta novanta cento"),
    "nl": _count("nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                 "veertien vijftien zestien zeventien achttien negentien twintig", één=1)
    | _tens("dertig veertig vijftig zestig zeventig tachtig negentig honderd"),
    "ru": _count("ноль один два три четыре пять шесть семь восемь девять десять одиннадцать "
                 "двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
                 "восемнадцать девятнадцать двадцать", одна=1, одно=1, две=2)
    | _tens("тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто сто"),
}

# words that mean a count but are often rendered otherwise ("both" = "tanto ... quanto"):
# they match the other side's numbers but are never required to appear there
_COUNT_WORDS: dict[str, dict[str, int]] = {
    "en": {"both": 2, "twice": 2, "thrice": 3, "couple": 2, "pair": 2, "half": Decimal("0.5")},
    "pt": {"ambos": 2, "ambas": 2, "metade": Decimal("0.5"), "par": 2},
    "es": {"ambos": 2, "ambas": 2, "mitad": Decimal("0.5")},
}

_SCALES: dict[str, int] = {  # scale words after a number, any case, maybe a space between
    "thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9,
    "billions": 10**9, "trillion": 10**12, "trillions": 10**12,
    "mil": 10**3, "milhão": 10**6, "milhões": 10**6, "bilhão": 10**9, "bilhões": 10**9,
    "trilhão": 10**12, "trilhões": 10**12, "mi": 10**6, "bi": 10**9, "tri": 10**12,
    "millón": 10**6, "millones": 10**6, "mille": 10**3, "mila": 10**3,
    "milliard": 10**9, "milliards": 10**9, "milione": 10**6, "milioni": 10**6,
    "miliardo": 10**9, "miliardi": 10**9, "tausend": 10**3, "mio": 10**6,
    "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9,
    "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "млн": 10**6,
    "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9,
    "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
}
_SCALE_ABBR: dict[str, int] = {"K": 10**3, "k": 10**3, "M": 10**6, "B": 10**9, "bn": 10**9,
                               "mn": 10**6}  # only glued to the number: "$5M", "1.2bn"
_SCALE_AFTER = re.compile(r"([\s\u00a0]?)([^\W\d_]+)\.?(?:[\s\u00a0]([^\W\d_]+))?")


# a clock time: "21h", "8h15", "14:30", "2:30 p.m.", "11.40 am", "9pm"
_HALF_DAY = {"manhã": "a", "madrugada": "a", "tarde": "p", "noite": "p", "mañana": "a",
             "noche": "p", "morning": "a", "afternoon": "p", "evening": "p", "night": "p"}
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2})(?:([:.h])(\d\d))?"
                    r"(?:\s?([ap])\.?\s?m\b\.?"
                    r"|(?:\s?h)?\s(?:da|de\sla|in\sthe|at)\s(manhã|madrugada|tarde|noite|mañana"
                    r"|noche|morning|afternoon|evening|night)\b"
                    r"|(\s?h(?:rs)?\b)|(\s?o['’]clock(?:\ssharp)?\b|\sem\sponto\b|\ssharp\b"
                    r"|\sen\spunto\b)|(\s(?:horas?|heures?|uhr)\b)"
                    r"|\s(noon|midnight|meio-dia|meia-noite)\b"
                    r"|\s(?:e|y)\s(meia|media|um\squarto|quarto|cuarto)\b|)(?![\d:])",
                    re.IGNORECASE)
# "às 10 e meia" is 10:30 (or 10.5 of something), "às 8 em ponto" 8 o'clock
_FRACTION = {"meia": 30, "media": 30, "um quarto": 15, "quarto": 15, "cuarto": 15}
# English hours said from the next or last one: "half past 10", "quarter to 7"
_PAST = re.compile(r"\b(half|(?:a\s)?quarter)\s(past|to)\s(\d{1,2})(?![\d:.,]\d)\b",
                   re.IGNORECASE)
# after a number word, words making it a time of day: "dez horas", "ten o'clock"
_WORD_CLOCK = re.compile(r"\s(?:horas?|heures?|uhr|o['’]clock|(?:da|de\sla|in\sthe)\s"
                         r"(manhã|madrugada|tarde|noite|mañana|noche|morning|afternoon|evening"
                         r"|night))\b", re.IGNORECASE)
_CLOCK_WORDS = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0, "meio-dia": 12 * 60,
                "meia-noite": 0, "mediodía": 12 * 60, "medianoche": 0, "midi": 12 * 60,
                "minuit": 0, "mittag": 12 * 60, "mitternacht": 0, "mezzogiorno": 12 * 60,
                "mezzanotte": 0, "полдень": 12 * 60, "полночь": 0}
# number words that also mean something else, never read as numbers on their own
_NOT_ALONE = {"hundred", "cento", "ciento", "cent", "hundert", "honderd", "sei", "neuf",
              "dos", "een"}
_ORDINALS = {"first", "second", "third", "primeiro", "primeira", "segundo", "segunda",
             "terceiro", "terceira", "primero", "primera", "tercero", "premier", "première",
             "deuxième", "troisième"}
_JOINERS = {"and", "e", "y", "et", "und", "ed", "en", "и"}


def _scale(text: str, end: int) -> tuple[int, int] | None:
    """(factor, end) of the scale word(s) right after a number ending at ``end``."""
    m = _SCALE_AFTER.match(text, end)
    if not m:
        return None
    space, first, second = m.groups()
    if not space and first in _SCALE_ABBR:
        return _SCALE_ABBR[first], m.end(2)
    factor = _SCALES.get(first.casefold())
    if not factor:
        return None
    if second and _SCALES.get(second.casefold()):
        return factor * _SCALES[second.casefold()], m.end(3)  # "mil milhões"
    return factor, m.end(2)


def _digits(text: str) -> str:
    return "".join(str(d) if (d := unicodedata.decimal(c, None)) is not None else c for c in text)


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def _grouped(groups: list[str], sep: str | None) -> bool:
    return len(groups) == 1 or (sep is not None and 1 <= len(groups[0]) <= 3
                                and all(len(g) == 3 for g in groups[1:]))


def _readings(token: str) -> list[tuple[Decimal, str | None, str | None]]:
    """(value, decimal mark, group mark) for each valid reading of a digits run."""
    parts = re.split(rf"([.,'’{_SPACES}])", token)
    groups, seps = parts[0::2], parts[1::2]
    out = []
    if len(set(seps)) <= 1 and _grouped(groups, seps[0] if seps else None):
        out.append((_dec("".join(groups)), None, seps[0] if seps else None))
    if seps and seps[-1] in ".,":
        head, head_seps = groups[:-1], seps[:-1]
        if len(set(head_seps)) <= 1 and (not head_seps or head_seps[0] != seps[-1]) \
                and _grouped(head, head_seps[0] if head_seps else None):
            value = _dec("".join(head) + "." + groups[-1])
            out.append((value, seps[-1], head_seps[0] if head_seps else None))
    return [r for r in out if r[0] is not None]


def _preferred(readings, lang: str | None) -> set[Decimal]:
    if lang:
        point = lang in _POINT_LANGS
        mark, group = (".", ",") if point else (",", ".")
        own = {v for v, d, g in readings
               if d in (None, mark) and (g is None or g == group or g in _SPACES + "'’")}
        if own:
            return own
    return {v for v, _, _ in readings}


def extract(text: str, lang: str | None) -> list[tuple[str, set[Decimal]]]:
    """Numbers of ``text`` as (as written, possible values), skipping URLs and placeholders."""
    from glossa.qa.placeholder import find_placeholders
    from glossa.qa.text import Span

    hide = [Span(m.start(), m.end()) for rx in (URL, EMAIL) for m in rx.finditer(text)]
    hide += [p.span for p in find_placeholders(text)]
    clean = _digits(mask(text, hide))
    found: list[tuple[int, str, set]] = []
    clocks = []
    for m in _PAST.finditer(clean):
        values = _past_values(m)
        if values:
            found.append((m.start(), text[m.start():m.end()], values))
            clocks.append(Span(m.start(), m.end()))
    clean = mask(clean, clocks)
    for m in _CLOCK.finditer(clean):
        values = _clock_values(m)
        if values:
            found.append((m.start(), text[m.start():m.end()].strip(), values))
            clocks.append(Span(m.start(), m.end()))
    clean = mask(clean, clocks)
    for m in _RUN.finditer(clean):
        for token, end in _split_unreadable(m.group(), m.end()):
            values = _preferred(_readings(token), lang)
            scale = _scale(clean, end)
            if scale:  # "3,2 milhões" is 3200000 only: million vs billion is a real error
                values = {(v * scale[0]).normalize() for v in values}
                token = token + text[end:scale[1]]
            found.append((end - len(token), token, values))
    return [(written, values) for _, written, values in sorted(found, key=lambda f: f[0])]


def _clock_values(m: re.Match[str]) -> set | None:
    """Possible times of day (as ("time", minutes)) of a _CLOCK match, None if it is no
    time. An a.m./p.m. time is exact; "21h"/"8h15" is a 24-hour time ("24h" may also be
    a duration, so its bare number counts too); "9:45" may be either half of the day."""
    hour, sep, minute, half, half_words, h_suffix, oclock, hours_word, named, part = m.groups()
    h, mins = int(hour), int(minute or 0)
    if mins > 59 or h > 24:
        return None
    if part:
        if minute or sep:
            return None
        extra = _FRACTION[" ".join(part.lower().split())]
        return _either_half(h, extra) | {Decimal(h) + Decimal(extra) / 60}
    if named:  # "12 noon", "12 meia-noite": the word says which 12
        return {("time", _CLOCK_WORDS[named.lower()])} if h == 12 and not minute else None
    if hours_word:  # "às 10 horas" is a time, "10 horas" may be a duration too
        return _either_half(h, mins) | ({Decimal(h)} if not minute else set())
    if half_words:  # "9 da manhã", "7 in the evening"; "12 da tarde" is noon
        half = _HALF_DAY[half_words.lower()]
        if half == "p" and h > 12:
            half = None
            h_suffix = "h"
    if half:
        if not 1 <= h <= 12:
            return None
        return {("time", (h % 12 + (12 if half.lower() == "p" else 0)) * 60 + mins)}
    if sep == "h" or h_suffix:
        return {("time", h % 24 * 60 + mins)} | ({Decimal(h)} if not minute else set())
    if sep == ":" or oclock:
        return _either_half(h, mins)
    return None


def _past_values(m: re.Match[str]) -> set | None:
    """Times of "half past 10" (10:30 or 22:30), "quarter to 7" (6:45 or 18:45)."""
    h = int(m.group(3))
    if not 1 <= h <= 12:
        return None
    mins = 30 if m.group(1).lower() == "half" else 15
    if m.group(2).lower() == "to":
        if mins == 30:
            return None  # "half to" is not English
        h, mins = h - 1, 60 - mins
    return _either_half(h, mins)


def _either_half(h: int, mins: int) -> set:
    """A time on either half of the day: "10 o'clock" is 10:00 or 22:00."""
    return {("time", (h + d) % 24 * 60 + mins) for d in (0, 12) if h + d <= 24}


def _word_clock(text: str, end: int, value: int) -> set:
    """Times a number word ending at ``end`` names ("dez horas", "ten in the morning")."""
    m = _WORD_CLOCK.match(text, end)
    if m is None or not 1 <= value <= 24:
        return set()
    if m.group(1):
        half = _HALF_DAY[m.group(1).lower()]
        return {("time", (value % 12 + (12 if half == "p" else 0)) * 60)}
    return _either_half(value, 0)


def _split_unreadable(token: str, end: int) -> list[tuple[str, int]]:
    """A run with no valid reading ("1.2.3", "2022 340") is several numbers."""
    if _readings(token):
        return [(token, end)]
    pieces = [p for p in re.split(rf"[{_SPACES}]", token) if p]
    if len(pieces) == 1:
        pieces = [p for p in re.split(r"\D", token) if p]
    start = end - len(token)
    out, pos = [], 0
    for piece in pieces:
        pos = token.index(piece, pos) + len(piece)
        out += _split_unreadable(piece, start + pos) if piece != token else [(piece, start + pos)]
    return out


def _number_words(text: str, lang: str | None) -> list[tuple[str, int, bool, set]]:
    """(word, value, alone) for each number word of ``text``; hyphenated words count by
    part ("two-year"). ``alone``: not part of a compound ("twenty-five", "dois mil"), not
    an ordinal or a word with another meaning, not a capitalised name inside a sentence."""
    table = _UNITS.get(lang or "", {})
    out: list[tuple[str, int, bool, int, int]] = []
    for w in words(text):
        whole = w.group().casefold()
        parts = [(whole, w.start(), w.end())] if whole in table else []
        if not parts and "-" in whole:
            pos = w.start()
            for piece in whole.split("-"):
                if piece in table:
                    parts.append((piece, pos, pos + len(piece)))
                pos += len(piece) + 1
        for word, start, end in parts:
            before = text[:start].rstrip()
            name = w.group()[:1].isupper() and before and before[-1] not in ".!?:;\"'“«(¿¡-–—"
            alone = (table[word] >= 2 and word not in _NOT_ALONE | _ORDINALS and not name
                     and _scale(text, end) is None)
            out.append((word, table[word], alone, start, end))
    for i, (word, value, _, start, end) in enumerate(out):  # compounds
        if i + 1 < len(out):
            gap = text[end:out[i + 1][3]].strip(" -").casefold()
            if gap in ("",) or gap in _JOINERS:
                out[i] = (word, value, False, start, end)
                out[i + 1] = (*out[i + 1][:2], False, *out[i + 1][3:])
    return [(word, value, alone, _word_clock(text, end, value))
            for word, value, alone, _, end in out]


def _word_values(text: str, lang: str | None) -> set:
    """Numbers written as words ("two", "dois mil" = 2000, "five million",
    "twenty-five" = 25, "noon")."""
    table = _UNITS.get(lang or "", {})
    values: set = set()
    for w in words(text):
        folded = w.group().casefold()
        if folded in _CLOCK_WORDS:
            values.add(("time", _CLOCK_WORDS[folded]))
        value = table.get(folded, _COUNT_WORDS.get(lang or "", {}).get(folded))
        if value is not None:
            scale = _scale(text, w.end())
            values.add(Decimal(value * scale[0]) if scale else Decimal(value))
    found = _number_words(text, lang)
    values |= {Decimal(v) for _, v, _, _ in found}
    values |= set().union(*(times for *_, times in found))
    values |= {Decimal(a + b) for (_, a, *_), (_, b, *_) in zip(found, found[1:], strict=False)
               if a >= 20 and a % 10 == 0 and a < 100 and 0 < b < 10}
    return values


def _lone_words(text: str, lang: str | None) -> list[tuple[str, set]]:
    """Number words that must be matched like digits ("two" -> "três" is an error)."""
    return [(word, {Decimal(value)} | times)
            for word, value, alone, times in _number_words(text, lang) if alone]


def _unmatched(mine, theirs, their_words: set) -> list[str]:
    """Numbers of ``mine`` with no reading among ``theirs``; a number copied as written
    ("Lei 14.133" -> "Law 14.133") always matches."""
    pool = set().union(*(v for _, v in theirs)) | their_words if theirs or their_words else set()
    written_there = {written for written, _ in theirs}
    return [written for written, values in mine
            if not values & pool and written not in written_there]


@register("number", "error")
def check(ctx: SegmentContext) -> list[Issue]:
    if is_blank(ctx.target):
        return []
    src = extract(ctx.source, ctx.src_lang) + _lone_words(ctx.source, ctx.src_lang)
    tgt = extract(ctx.target, ctx.tgt_lang) + _lone_words(ctx.target, ctx.tgt_lang)
    if not src and not tgt:
        return []
    missing = _unmatched(src, tgt, _word_values(ctx.target, ctx.tgt_lang))
    extra = _unmatched(tgt, src, _word_values(ctx.source, ctx.src_lang))
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing in target: " + ", ".join(dict.fromkeys(missing)))
    if extra:
        parts.append("not in source: " + ", ".join(dict.fromkeys(extra)))
    return [flag("number", "; ".join(parts))]
