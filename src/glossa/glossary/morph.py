"""Word normalisation for term matching: what forms of a word count as "the same word".

Russian and Ukrainian use pymorphy3 lemmas (one analyzer per process, parses cached),
so "Южного фронта" matches "Южный фронт". Portuguese and English use a light suffix
rule set for plural (and, in Portuguese, gender) variants. Other languages compare
normalised surface forms only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

MORPH_LANGS = {"ru", "uk"}
_MIN_RULE_LEN = 4  # shorter words ("as", "is", "os") are never stripped


def norm(word: str) -> str:
    """NFC + casefold; Russian/Ukrainian ё is compared as е."""
    return unicodedata.normalize("NFC", word).casefold().replace("ё", "е")


@cache
def analyzer(lang: str):
    """The process-wide pymorphy3 analyzer for ru/uk, or None if its dictionary is missing."""
    if lang not in MORPH_LANGS:
        return None
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError):
        return None


@lru_cache(maxsize=100_000)
def parses(word: str, lang: str) -> tuple:
    morph = analyzer(lang)
    return tuple(morph.parse(word)) if morph else ()


_PT_RULES = [  # (suffix, replacement) applied to a plural/feminine form to get the base
    ("ões", "ão"), ("ães", "ão"), ("ãos", "ão"), ("éis", "el"), ("óis", "ol"), ("ais", "al"),
    ("eis", "il"), ("eis", "el"), ("is", "il"), ("ns", "m"), ("res", "r"), ("zes", "z"),
    ("ses", "s"), ("s", ""),
]
_PT_GENDER = [("a", "o"), ("ora", "or"), ("esa", "ês")]
_EN_RULES = [("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss"),
             ("’s", ""), ("'s", ""), ("s'", "s"), ("s", "")]


def _suffix_variants(word: str, rules) -> set[str]:
    out = set()
    if len(word) < _MIN_RULE_LEN:
        return out
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            out.add(word[: len(word) - len(suffix)] + repl)
    return out


@lru_cache(maxsize=100_000)
def word_keys(word: str, lang: str, head: bool = True) -> frozenset[str]:
    """Normalised forms under which ``word`` matches a glossary word.

    Two words match when their key sets intersect. ``head`` False (a word after the
    first of a Portuguese term, usually an adjective) also allows gender variants.
    """
    base = norm(word)
    keys = {base}
    if lang in ("pt", "en") and "-" in base.strip("-"):
        return frozenset(keys | _compound_keys(base, lang))
    if lang in MORPH_LANGS:
        keys |= {norm(p.normal_form) for p in parses(base, lang)}
    elif lang == "pt":
        variants = _suffix_variants(base, _PT_RULES)
        if not head:
            for form in [base, *variants]:
                variants |= _suffix_variants(form, _PT_GENDER)
        keys |= variants
    elif lang == "en":
        keys |= _suffix_variants(base, _EN_RULES)
    return frozenset(keys)


def _compound_keys(word: str, lang: str) -> set[str]:
    """Hyphenated words inflect part by part: "forças-tarefa" is a form of "força-tarefa",
    "cessar-fogos" of "cessar-fogo", "check-ins" of "check-in"."""
    combos = [""]
    for i, part in enumerate(word.split("-")):
        forms = sorted(word_keys(part, lang, head=i == 0)) if part else [""]
        combos = [f"{c}-{f}" if i else f for c in combos for f in forms][:64]
    return set(combos)


# --- inflecting a target term -------------------------------------------------------

RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_RU_PREP_CASE = {
    "без": "gent", "для": "gent", "до": "gent", "из": "gent", "от": "gent", "у": "gent",
    "около": "gent", "после": "gent", "против": "gent", "среди": "gent", "вокруг": "gent",
    "возле": "gent", "кроме": "gent", "вместо": "gent", "из-за": "gent", "из-под": "gent",
    "к": "datv", "ко": "datv", "по": "datv", "благодаря": "datv", "согласно": "datv",
    "через": "accs", "про": "accs", "сквозь": "accs",
    "с": "ablt", "со": "ablt", "над": "ablt", "под": "ablt", "перед": "ablt",
    "между": "ablt", "за": "ablt",
    "о": "loct", "об": "loct", "обо": "loct", "при": "loct", "в": "loct", "во": "loct",
    "на": "loct",
}
_WORD_BEFORE = re.compile(r"([\w-]+)\W*$")


def case_from_context(left: str, lang: str = "ru") -> str | None:
    """Grammatical case a noun phrase takes after ``left`` (the text before it), judged by
    the preposition right before it; None when nothing governs it visibly."""
    match = _WORD_BEFORE.search(left)
    if not match or lang not in MORPH_LANGS:
        return None
    return _RU_PREP_CASE.get(norm(match.group(1)))


def case_of_form(form: str, lang: str) -> tuple[str | None, str | None]:
    """(case, number) of a matched Russian/Ukrainian form, from its first inflecting word."""
    for word in re.findall(r"[\w-]+", form):
        for p in parses(norm(word), lang):
            if p.tag.case and p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}:
                return p.tag.case, p.tag.number
    return None, None


def _nominative_parse(word: str, lang: str):
    for p in parses(norm(word), lang):
        if p.tag.case == "nomn" and p.tag.POS in {"NOUN", "ADJF", "PRTF"}:
            return p
    return None


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_term(term: str, lang: str, case: str | None, number: str | None = None) -> str:
    """Put a nominative Russian/Ukrainian term into ``case`` (and ``number``).

    Adjectives up to the head noun inflect, and so do names apposed to it ("Александр
    Лаврентьев"); what follows the head (a genitive dependent such as "Безопасности" in
    "Совет Безопасности") is kept as written.
    """
    if not case or case == "nomn" and number in (None, "sing") or analyzer(lang) is None:
        return term
    pieces = re.split(r"([\w-]+)", term)
    head_seen = False
    for i in range(1, len(pieces), 2):
        word = pieces[i]
        parse = _nominative_parse(word, lang)
        if parse is None:
            break
        is_name = bool({"Name", "Surn", "Patr"} & set(parse.tag.grammemes))
        if head_seen and not is_name:
            break
        if "Fixd" in parse.tag:
            continue
        new = parse.inflect({case} | ({number} if number else set()))
        if new is not None:
            pieces[i] = _match_case(word, new.word)
        head_seen = head_seen or parse.tag.POS == "NOUN"
    return "".join(pieces)


# --- number ---------------------------------------------------------------------------------

_PREPOSITIONS = {
    "en": {"of", "per", "for", "in", "on", "at", "to", "from", "with", "by", "under"},
    "pt": {"de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "para", "por",
           "pelo", "pela", "com", "sem", "sob", "a", "ao", "à"},
}


def is_plural_form(form: str, term: str, lang: str) -> bool:
    """Whether a matched form is the plural of a singular glossary term."""
    if lang in MORPH_LANGS:
        return case_of_form(form, lang)[1] == "plur" and case_of_form(term, lang)[1] != "plur"
    fw, tw = re.findall(r"\w+", norm(form)), re.findall(r"\w+", norm(term))
    return any(f != t and (f.endswith("s") and not t.endswith("s") or f == t + "es")
               for f, t in zip(fw, tw, strict=False))  # "addresses" of "address" too


def _plural_word(word: str, lang: str) -> str:
    w = word.lower()
    if lang == "en":
        if w.endswith("s"):
            return word
        if re.search(r"[^aeiou]y$", w):
            return word[:-1] + "ies"
        if re.search(r"(ch|sh|x|z)$", w):
            return word + "es"
        return word + "s"
    if lang == "pt" and "-" in word.strip("-"):
        return _plural_pt_compound(word)
    if lang == "pt":
        rules = [("ção", "ções"), ("são", "sões"), ("ão", "ões"), ("al", "ais"), ("el", "éis"),
                 ("ol", "óis"), ("ul", "uis"), ("il", "is"), ("m", "ns"), ("r", "res"),
                 ("z", "zes")]
        if re.search(r"[aeiouãõ]s$", w):
            return word
        if re.search(r"[áéíóúâêô][^aeiou]*[aeiou]?[^aeiou]*[ei]l$", w):
            # stress before the last syllable: renovável -> renováveis, fácil -> fáceis
            return word[:-2] + "eis"
        for suffix, plural in rules:
            if w.endswith(suffix):
                return word[: len(word) - len(suffix)] + plural
        return word + "s" if re.search(r"[aeiouáéíóúâêôãõ]$", w) else word
    return word


_PT_FIXED_FIRST = {"vice", "ex", "pós", "pré", "pró", "recém", "sem", "bem", "mal", "auto",
                   "anti", "contra", "micro", "mini", "super", "semi"}
_PT_ADJ_FIRST = {"primeiro", "primeira", "segundo", "segunda", "terceiro", "terceira", "terça",
                 "quarta", "quinta", "sexta", "alto", "alta", "baixo", "baixa", "grande",
                 "pequeno", "pequena", "novo", "nova", "meio", "meia", "livre", "curto", "longo"}
_PT_ADJ_ENDINGS = ("al", "il", "ico", "ica", "ivo", "iva", "oso", "osa", "vel", "ano", "ana",
                   "ês", "esa", "eiro", "eira", "ado", "ada", "ido", "ida", "ário", "ária",
                   "ório", "ória", "ista", "ar", "or")


def _plural_pt_compound(word: str) -> str:
    """Portuguese hyphenated compounds: a verb or fixed prefix first inflects only the last
    part ("cessar-fogos", "vice-presidentes"); a noun first inflects itself, and the last
    part only when it is an adjective ("forças-tarefa", "secretários-gerais"); a first
    adjective or ordinal inflects both ("primeiros-ministros", "sextas-feiras")."""
    parts = word.split("-")
    first, last = parts[0].lower(), parts[-1].lower()
    if len(first) == 1:
        return word + "s"  # "e-mails"
    if first in _PT_FIXED_FIRST or re.search(r"[aei]r$", first) and first not in _PT_ADJ_FIRST:
        parts[-1] = _plural_word(parts[-1], "pt")
        return "-".join(parts)
    parts[0] = _plural_word(parts[0], "pt")
    if first in _PT_ADJ_FIRST or len(parts) == 2 and last.endswith(_PT_ADJ_ENDINGS):
        parts[-1] = _plural_word(parts[-1], "pt")
    return "-".join(parts)


def pluralize(term: str, lang: str) -> str:
    """Plural of a glossary term: the English head (last word before a preposition), the
    Portuguese head and its adjectives (words before the first preposition)."""
    if lang in MORPH_LANGS:
        return inflect_term(term, lang, "nomn", "plur")
    pieces = re.split(r"([\w-]+)", term)
    words = list(range(1, len(pieces), 2))
    preps = _PREPOSITIONS.get(lang, set())
    cut = next((k for k, i in enumerate(words) if k and pieces[i].lower() in preps), len(words))
    if lang == "en" and cut:
        targets = [words[cut - 1]]
    elif lang == "pt":
        targets = words[:cut]
    else:
        return term
    for i in targets:
        pieces[i] = _plural_word(pieces[i], lang)
    return "".join(pieces)


# --- Portuguese determiners -------------------------------------------------------------

_PT_DETERMINERS = [  # masc sing, fem sing, masc pl, fem pl
    ("o", "a", "os", "as"), ("do", "da", "dos", "das"), ("no", "na", "nos", "nas"),
    ("ao", "à", "aos", "às"), ("pelo", "pela", "pelos", "pelas"), ("um", "uma", "uns", "umas"),
    ("dum", "duma", "duns", "dumas"), ("num", "numa", "nuns", "numas"),
    ("este", "esta", "estes", "estas"), ("esse", "essa", "esses", "essas"),
    ("aquele", "aquela", "aqueles", "aquelas"), ("deste", "desta", "destes", "destas"),
    ("desse", "dessa", "desses", "dessas"), ("neste", "nesta", "nestes", "nestas"),
    ("nesse", "nessa", "nesses", "nessas"), ("seu", "sua", "seus", "suas"),
    ("meu", "minha", "meus", "minhas"), ("teu", "tua", "teus", "tuas"),
    ("nosso", "nossa", "nossos", "nossas"), ("todo", "toda", "todos", "todas"),
    ("outro", "outra", "outros", "outras"), ("dois", "duas", "dois", "duas"),
    ("ambos", "ambas", "ambos", "ambas"), ("vários", "várias", "vários", "várias"),
    ("muitos", "muitas", "muitos", "muitas"), ("alguns", "algumas", "alguns", "algumas"),
    ("quantos", "quantas", "quantos", "quantas"),
    # adjectives that go before the noun, agreeing the same way ("um novo XT0X" -> "uma
    # nova atualização"); not "segundo", which is also the preposition "according to"
    ("novo", "nova", "novos", "novas"), ("primeiro", "primeira", "primeiros", "primeiras"),
    ("último", "última", "últimos", "últimas"), ("próximo", "próxima", "próximos", "próximas"),
    ("mesmo", "mesma", "mesmos", "mesmas"), ("próprio", "própria", "próprios", "próprias"),
    ("único", "única", "únicos", "únicas"), ("antigo", "antiga", "antigos", "antigas"),
    ("velho", "velha", "velhos", "velhas"), ("pequeno", "pequena", "pequenos", "pequenas"),
    ("determinado", "determinada", "determinados", "determinadas"),
]
_PT_DET_INDEX = {form: row for row in _PT_DETERMINERS for form in row if form != "a"}
_PT_FEM_E = {"frente", "parte", "noite", "gente", "morte", "sorte", "fonte", "classe", "rede",
             "sede", "mente", "ponte", "arte", "tarde", "fase", "base", "greve", "neve",
             "febre", "fome", "torre", "chave", "nave", "ave", "saúde", "vontade", "lei",
             "mulher", "cor", "dor", "flor", "paz", "voz", "vez", "luz", "cruz", "foz",
             "central", "capital", "catedral", "moral", "tela", "imagem", "ordem", "nuvem"}
_PT_MASC_AO = {"avião", "pião", "gavião", "coração", "feijão", "cidadão", "irmão", "pão",
               "chão", "cão", "botão", "cartão", "milhão", "bilhão", "trilhão", "caminhão",
               "sabão", "limão", "verão", "leão", "padrão", "salão", "balcão", "portão"}
_PT_FEM_AO = {"mão"}
_PT_MASC_A = {"problema", "sistema", "programa", "tema", "mapa", "clima", "planeta", "dia",
              "idioma", "drama", "diploma", "poema", "esquema", "cinema", "telefonema",
              "sofá", "guarda", "guia", "papa", "pijama", "dilema", "emblema", "lema", "trema"}


def pt_gender_number(term: str, pos: str = "") -> tuple[str | None, bool]:
    """("f"|"m"|None, plural) of a Portuguese term, from the glossary's ``pos`` column when it
    says so (e.g. "noun f pl"), else from the head word's ending."""
    hints = set(re.findall(r"[a-z]+", pos.lower()))
    words = re.findall(r"[\w-]+", term)
    head = norm(words[0]).split("-")[0] if words else ""  # "forças-tarefa": "forças"
    plural = bool(hints & {"pl", "plural"}) or bool(re.search(r"(as|es|os|ões|ães)$", head))
    if hints & {"f", "fem", "feminine", "nf"}:
        return "f", plural
    if hints & {"m", "masc", "masculine", "nm"}:
        return "m", plural
    single = head
    for suffix, repl in _PT_RULES:
        if plural and head.endswith(suffix):
            single = head[: len(head) - len(suffix)] + repl
            break
    if single in _PT_MASC_A or single in _PT_MASC_AO and single not in _PT_FEM_AO:
        return "m", plural
    if single in _PT_FEM_E or single in _PT_FEM_AO or single.endswith(
            ("ção", "são", "ião", "dade", "tude", "gem", "ise", "ã", "a", "ie")):
        return "f", plural
    return "m", plural


def fix_pt_determiners(left: str, gender: str, plural: bool) -> str:
    """Make the (up to three) determiners and pre-nominal adjectives right before a term
    agree with its gender/number: "do XT0X" -> "da Frente Sul", "um novo XT0X" -> "uma nova
    atualização" (the engine saw a genderless token)."""
    column = (1 if gender == "f" else 0) + (2 if plural else 0)
    end = len(left)
    for _ in range(3):
        match = re.search(r"([\w]+)(\s+)$", left[:end])
        if not match:
            break
        word = match.group(1)
        row = _PT_DET_INDEX.get(word.lower())
        if row is None:
            break
        left = left[: match.start(1)] + _match_case(word, row[column]) + left[match.end(1):]
        end = match.start(1)
    return left


def strip_pt_determiners(left: str, limit: int = 2) -> str:
    """``left`` without the (up to ``limit``) determiners at its end: tells whether a term
    begins its clause ("As XT0X ..." is a subject, "Abra as XT0X" is not)."""
    for _ in range(limit):
        match = re.search(r"(\w+)\s*$", left)
        if not match or match.group(1).lower() not in _PT_DET_INDEX and \
                match.group(1).lower() != "a":
            break
        left = left[: match.start(1)]
    return left
