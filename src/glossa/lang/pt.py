"""Portuguese: plural and gender variants, articles and determiners that agree with a
restored term, and the copula, participle and past-tense verb after a subject term.

Measured with the real pt<->en models: a placeholder token is treated like a common noun
or an acronym, so the engine puts an article before it that a name does not take
("apresentado pelo XT0X"), gives it a masculine singular determiner ("do XT0X" for "da
Frente Sul") and leaves the participle after it masculine singular ("XT0X foi instalado").
"""

from __future__ import annotations

import re

from glossa.lang.base import (
    NO,
    UNSURE,
    YES,
    Language,
    Site,
    at_sentence_start,
    capitalise_like,
    last_words,
    match_case,
    norm,
    s_plural,
    suffix_variants,
)

_RULES = [  # (suffix, replacement) applied to a plural/feminine form to get the base
    ("ões", "ão"), ("ães", "ão"), ("ãos", "ão"), ("éis", "el"), ("óis", "ol"), ("ais", "al"),
    ("eis", "il"), ("eis", "el"), ("is", "il"), ("ns", "m"), ("res", "r"), ("zes", "z"),
    ("ses", "s"), ("s", ""),
]
_GENDER = [("a", "o"), ("ora", "or"), ("esa", "ês")]
_PREPOSITIONS = {"de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "para", "por",
                 "pelo", "pela", "com", "sem", "sob", "a", "ao", "à"}

# --- plurals ------------------------------------------------------------------------------

_PLURAL_RULES = [("ção", "ções"), ("são", "sões"), ("ão", "ões"), ("al", "ais"), ("el", "éis"),
                 ("ol", "óis"), ("ul", "uis"), ("il", "is"), ("m", "ns"), ("r", "res"),
                 ("z", "zes")]


def plural_word(word: str) -> str:
    w = word.lower()
    if "-" in word.strip("-"):
        return _plural_compound(word)
    if re.search(r"[aeiouãõ]s$", w):
        return word
    if re.search(r"[áéíóúâêô][^aeiou]*[aeiou]?[^aeiou]*[ei]l$", w):
        # stress before the last syllable: renovável -> renováveis, fácil -> fáceis
        return word[:-2] + "eis"
    for suffix, plural in _PLURAL_RULES:
        if w.endswith(suffix):
            return word[: len(word) - len(suffix)] + plural
    return word + "s" if re.search(r"[aeiouáéíóúâêôãõ]$", w) else word


_FIXED_FIRST = {"vice", "ex", "pós", "pré", "pró", "recém", "sem", "bem", "mal", "auto",
                "anti", "contra", "micro", "mini", "super", "semi"}
_ADJ_FIRST = {"primeiro", "primeira", "segundo", "segunda", "terceiro", "terceira", "terça",
              "quarta", "quinta", "sexta", "alto", "alta", "baixo", "baixa", "grande",
              "pequeno", "pequena", "novo", "nova", "meio", "meia", "livre", "curto", "longo"}
_ADJ_ENDINGS = ("al", "il", "ico", "ica", "ivo", "iva", "oso", "osa", "vel", "ano", "ana",
                "ês", "esa", "eiro", "eira", "ado", "ada", "ido", "ida", "ário", "ária",
                "ório", "ória", "ista", "ar", "or")


def _plural_compound(word: str) -> str:
    """Hyphenated compounds: a verb or fixed prefix first inflects only the last part
    ("cessar-fogos", "vice-presidentes"); a noun first inflects itself, and the last part
    only when it is an adjective ("forças-tarefa", "secretários-gerais"); a first adjective
    or ordinal inflects both ("primeiros-ministros", "sextas-feiras")."""
    parts = word.split("-")
    first, last = parts[0].lower(), parts[-1].lower()
    if len(first) == 1:
        return word + "s"  # "e-mails"
    if first in _FIXED_FIRST or re.search(r"[aei]r$", first) and first not in _ADJ_FIRST:
        parts[-1] = plural_word(parts[-1])
        return "-".join(parts)
    parts[0] = plural_word(parts[0])
    if first in _ADJ_FIRST or len(parts) == 2 and last.endswith(_ADJ_ENDINGS):
        parts[-1] = plural_word(parts[-1])
    return "-".join(parts)


def pluralize(term: str) -> str:
    """The head and its adjectives: the words before the first preposition."""
    pieces = re.split(r"([\w-]+)", term)
    words = list(range(1, len(pieces), 2))
    cut = next((k for k, i in enumerate(words) if k and pieces[i].lower() in _PREPOSITIONS),
               len(words))
    for i in words[:cut]:
        pieces[i] = plural_word(pieces[i])
    return "".join(pieces)


# --- gender and determiners ------------------------------------------------------------------

_DETERMINERS = [  # masc sing, fem sing, masc pl, fem pl
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
_DET_INDEX = {form: row for row in _DETERMINERS for form in row if form != "a"}
_FEM_E = {"frente", "parte", "noite", "gente", "morte", "sorte", "fonte", "classe", "rede",
          "sede", "mente", "ponte", "arte", "tarde", "fase", "base", "greve", "neve",
          "febre", "fome", "torre", "chave", "nave", "ave", "saúde", "vontade", "lei",
          "mulher", "cor", "dor", "flor", "paz", "voz", "vez", "luz", "cruz", "foz",
          "central", "capital", "catedral", "moral", "tela", "imagem", "ordem", "nuvem"}
_MASC_AO = {"avião", "pião", "gavião", "coração", "feijão", "cidadão", "irmão", "pão",
            "chão", "cão", "botão", "cartão", "milhão", "bilhão", "trilhão", "caminhão",
            "sabão", "limão", "verão", "leão", "padrão", "salão", "balcão", "portão"}
_FEM_AO = {"mão"}
_MASC_A = {"problema", "sistema", "programa", "tema", "mapa", "clima", "planeta", "dia",
           "idioma", "drama", "diploma", "poema", "esquema", "cinema", "telefonema",
           "sofá", "guarda", "guia", "papa", "pijama", "dilema", "emblema", "lema", "trema"}


def gender_number(term: str, pos: str = "") -> tuple[str | None, bool]:
    """("f"|"m"|None, plural) of a term, from the glossary's ``pos`` column when it says so
    (e.g. "noun f pl"), else from the head word's ending."""
    hints = set(re.findall(r"[a-z]+", pos.lower()))
    words = re.findall(r"[\w-]+", term)
    head = norm(words[0]).split("-")[0] if words else ""  # "forças-tarefa": "forças"
    plural = bool(hints & {"pl", "plural"}) or bool(re.search(r"(as|es|os|ões|ães)$", head))
    if hints & {"f", "fem", "feminine", "nf"}:
        return "f", plural
    if hints & {"m", "masc", "masculine", "nm"}:
        return "m", plural
    single = head
    for suffix, repl in _RULES:
        if plural and head.endswith(suffix):
            single = head[: len(head) - len(suffix)] + repl
            break
    if single in _MASC_A or single in _MASC_AO and single not in _FEM_AO:
        return "m", plural
    if single in _FEM_E or single in _FEM_AO or single.endswith(
            ("ção", "são", "ião", "dade", "tude", "gem", "ise", "ã", "a", "ie")):
        return "f", plural
    return "m", plural


def fix_determiners(left: str, gender: str, plural: bool) -> str:
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
        row = _DET_INDEX.get(word.lower())
        if row is None:
            break
        left = left[: match.start(1)] + match_case(word, row[column]) + left[match.end(1):]
        end = match.start(1)
    return _fix_demonstrative(left, end, gender) if end < len(left) else left


_DEMONSTRATIVE = re.compile(r"(?:^|(?<=[\s.!?]))(est|ess|aquel)([ea])(\s+(?:é|foi|era|será)\s+)$",
                            re.IGNORECASE)


def _fix_demonstrative(left: str, end: int, gender: str) -> str:
    """"Este é uma XT0X" -> "Esta é uma chave": a demonstrative subject of "é" before the
    term's (now agreeing) article names the same thing."""
    match = _DEMONSTRATIVE.search(left[:end])
    if not match:
        return left
    ending = "a" if gender == "f" else "e"
    ending = ending.upper() if match.group(2).isupper() else ending
    return left[:match.start(2)] + ending + left[match.end(2):]


# "O seu XT0X" at the start of a sentence: the models write "Seu"/"Sua" there (Brazilian
# usage) and add the article only before a token
_POSSESSIVE_START = re.compile(r"(^\W*|[.!?]\s+)(?:o|a|os|as)\s+(seus?|suas?)\s+$", re.IGNORECASE)


def _sentence_case_determiners(left: str) -> str:
    """A Title Case label's determiners before the term, lowercase unless they begin it:
    "Adicionar Nova XT0X" -> "Adicionar nova chave de segurança"."""
    end = len(left)
    for _ in range(3):
        match = re.search(r"(\w+)(\s+)$", left[:end])
        if not match or match.group(1).lower() not in _DET_INDEX:
            break
        if not at_sentence_start(left[:match.start(1)]) and not match.group(1).isupper():
            left = left[:match.start(1)] + match.group(1).lower() + left[match.end(1):]
        end = match.start(1)
    return left


def strip_determiners(left: str, limit: int = 2) -> str:
    """``left`` without the (up to ``limit``) determiners at its end: tells whether a term
    begins its clause ("As XT0X ..." is a subject, "Abra as XT0X" is not)."""
    for _ in range(limit):
        match = re.search(r"(\w+)\s*$", left)
        if not match or match.group(1).lower() not in _DET_INDEX and \
                match.group(1).lower() != "a":
            break
        left = left[: match.start(1)]
    return left


# --- articles in the source; an article before a name ------------------------------------

_ARTICLES = {"o", "os", "as", "do", "da", "dos", "das", "no", "na", "nos", "nas", "ao",
             "à", "aos", "às", "pelo", "pela", "pelos", "pelas"}
_INDEFINITE = {"um", "uma", "uns", "umas", "num", "numa", "dum", "duma"}
# after these, a lone "a" is the article ("com a Frente Sul"); after a verb it is usually
# the preposition ("vai a Ancara", "perguntaram a Emmanuel Macron")
_BEFORE_ARTICLE_A = {"com", "sobre", "para", "entre", "contra", "sem", "até", "após",
                     "desde", "perante", "que", "e", "ou", "nem", "como", "mas"}
_CONTRACTION_BASE = {
    "do": "de", "da": "de", "dos": "de", "das": "de", "no": "em", "na": "em", "nos": "em",
    "nas": "em", "ao": "a", "à": "a", "aos": "a", "às": "a", "pelo": "por", "pela": "por",
    "pelos": "por", "pelas": "por", "o": "", "os": "", "as": "",
}

# --- agreement after a subject term ----------------------------------------------------------

_COPULA = [("é", "são"), ("foi", "foram"), ("está", "estão"), ("será", "serão"),
           ("era", "eram"), ("estava", "estavam"), ("fica", "ficam"), ("ficou", "ficaram"),
           ("tem", "têm"), ("vai", "vão"), ("pode", "podem"), ("deve", "devem"),
           ("precisa", "precisam")]
_COPULA_INDEX = {w: pair for pair in _COPULA for w in pair}
_PARTICIPLE = re.compile(r"^(\w+?[aiíú]d)(o|a|os|as)$", re.I)
_ADJECTIVE = re.compile(r"^(\w{3,}?)(o|a|os|as)$", re.I)  # after a copula: "está vazio"
# nouns and adverbs shaped like a participle or an -o/-a adjective, never made to agree
_NOT_AGREEING = frozenset(
    """estado mercado resultado lado dado dados soldado partido sentido pedido vestido
    significado cuidado deputado senado teclado passado conteúdo ruído apelido ouvido
    muito muita pouco pouca agora fora nunca ainda apenas tanto quanto logo cedo acima
    abaixo dentro perto longe assim onde quando como isso isto aquilo nada tudo algo cada
    hoje ontem ali aqui nenhum nenhuma preciso sempre demasiado meio""".split())
_RIGHT = re.compile(r"^(\s+)(\w+)(?:(\s+)(\w+))?")
_PAST_3SG = re.compile(r"^(\s+(?:se\s+)?)(\w{2,}?)(ou|iu|eu)(?=\W|$)", re.I)
_PAST_PLURAL = {"ou": "aram", "iu": "iram", "eu": "eram"}
_NOT_VERB = {"seu", "meu", "teu", "europeu", "museu", "judeu", "ateu", "plebeu", "pigmeu",
             "estou", "sou", "vou", "dou", "pneu", "liceu"}


def _agree(word: str, pattern: re.Pattern[str], gender: str, plural: bool,
           masculine_only: bool = False) -> str | None:
    """``word`` (a participle or -o/-a adjective) in ``gender`` and number, or None when it
    is not one. ``masculine_only``: only a masculine form is changed, the one the engine
    gives a genderless token; an -a form there may be a verb ("o menu XT0X oculta a
    barra") or a noun."""
    match = pattern.match(word)
    if not match or norm(word) in _NOT_AGREEING or \
            norm(word) in _DET_INDEX and _masculine(word) not in _AGREEING:  # "é uma"
        return None
    if masculine_only and match.group(2).lower() not in ("o", "os"):
        return None
    ending = ("a" if gender == "f" else "o") + ("s" if plural else "")
    return match.group(1) + (ending.upper() if match.group(2).isupper() else ending)


def fix_after(right: str, gender: str, plural: bool, subject: bool,
              genitive: bool = False, label: bool = False) -> str:
    """Agreement in the words right after a restored term (``right``): a participle
    directly after it takes its gender and number ("Chave de segurança adicionado" ->
    "adicionada"); after a subject term, a copula or auxiliary takes its number ("as
    atualizações é" -> "são") and the participle or adjective after that its gender and
    number ("foi instalado" -> "foi instalada", "está vazio" -> "está vazia"). After a
    ``genitive`` term ("o relatório da XT0X publicado") the participle may qualify the
    noun before it and is left alone. Only touches text the engine wrote, and only these
    two words."""
    match = _RIGHT.match(right)
    direct = _AFTER_NOUN.match(right)
    if direct and not genitive:
        word = direct.group(2)
        agreed = _agree(word, _PARTICIPLE, gender, plural, masculine_only=True) or (
            _agree(word, _ADJECTIVE, gender, plural, masculine_only=True)
            if _masculine(word) in _AGREEING else None) or _agree_number(word, plural)
        if agreed is not None and label and agreed[:1].isupper() and not agreed.isupper():
            agreed = agreed.lower()  # "dispositivos Confiável" in a Title Case label
        if agreed is not None:  # right after a noun, a participle or adjective qualifies it
            head = direct.group(1) + agreed  # then the copula after it: "conta primária foi"
            return head + fix_after(right[direct.end(2):], gender, plural, subject,
                                    genitive=True, label=label)  # (no second direct word)
    if subject and plural and match and match.group(2).lower() not in _COPULA_INDEX:
        return _plural_verb(right)
    if not subject or not match or match.group(2).lower() not in _COPULA_INDEX:
        return right  # after an object the participle may agree with another noun
    verb = match.group(2)
    pair = _COPULA_INDEX[verb.lower()]
    out = match.group(1) + capitalise_like(verb, pair[1] if plural else pair[0])
    end = match.end(2)
    after = match.group(4)
    agreed = None
    if after:
        agreed = _agree(after, _PARTICIPLE, gender, plural)
        if agreed is None and verb.lower() in _PREDICATIVE:  # "está vazio" -> "está vazia"
            agreed = _agree(after, _ADJECTIVE, gender, plural, masculine_only=True)
    if agreed is not None:
        out += match.group(3) + agreed
        end = match.end(4)
    return out + right[end:]


_AFTER_NOUN = re.compile(r"^(\s+(?:não\s+)?)(\w+)", re.IGNORECASE)  # "XT0X não encontrado"
# -o/-a adjectives that follow and qualify a noun ("conta primária", "senha incorreta")
_AGREEING = frozenset(
    """primário secundário temporário obrigatório necessário automático público específico
    básico externo interno completo incompleto vazio cheio seguro inseguro correto
    incorreto pronto ativo inativo falso verdadeiro escuro claro antigo único oculto
    rápido lento favorito novo""".split())


_ONE_FORM = ("vel", "al", "il", "ior")  # "confiável", "principal", "útil", "anterior"
# -ente/-ante adjectives; most such words after a noun are verbs ("garante", "sente")
_ONE_FORM_WORDS = frozenset(
    """recente permanente diferente frequente importante relevante constante seguinte
    inteligente eficiente urgente pendente""".split())


def _agree_number(word: str, plural: bool) -> str | None:
    """An adjective of one form for both genders ("confiável", "recente", "principal")
    in the plural after a plural term; None for anything else."""
    w = norm(word)
    if not plural or not (w.endswith(_ONE_FORM) or w in _ONE_FORM_WORDS) or \
            not _is_adjective(word):
        return None
    return plural_word(word)


def _masculine(word: str) -> str:
    """The masculine singular of an -o/-a adjective form ("primárias" -> "primário")."""
    w = norm(word)
    w = w[:-1] if w.endswith(("os", "as")) else w
    return w[:-1] + "o" if w.endswith("a") else w


_GENITIVE = re.compile(r"\b(?:de|do|da|dos|das|duma|dum)\s+$", re.IGNORECASE)
_PREDICATIVE = {"é", "são", "está", "estão", "era", "eram", "estava", "estavam", "fica",
                "ficam", "ficou", "ficaram", "será", "serão", "foi", "foram"}

# --- word order: an adjective the engine put before a masked term -------------------------

_INFINITIVE = re.compile(r"(?:^|(?<=[\s.!?]))[^\W\d_]{2,}[aeiô]r\s+$", re.IGNORECASE)


def _after_verb(left: str) -> bool:
    """``left`` is only an infinitive, a label's first word ("Mostrar ", "Excluir ")."""
    return len(left.split()) == 1 and _INFINITIVE.search(left) is not None


_ADJ_SUFFIXES = ("al", "ável", "ível", "óvel", "átil", "ado", "ada", "ido", "ida", "ído", "ída",
                 "ivo", "iva", "ico", "ica", "ário", "ária", "ente", "ante", "oso", "osa", "ior",
                 "ual", "ês", "esa")
_ADJ_WORDS = frozenset(
    """padrão seguro segura rápido rápida lento lenta vazio vazia cheio cheia oculto oculta
    completo completa interno interna externo externa privado privada público pública
    favorito favorita""".split())
_INVARIABLE = frozenset({"padrão"})
# shaped like adjectives, never moved after a noun: prepositions, adverbs, interrogatives
# and the comparatives that go first ("a maior parte")
_NOT_POSTNOMINAL = frozenset(
    """durante mediante bastante diante adiante consoante qual quais tal tais mal maior
    maiores menor menores""".split())


def _is_adjective(word: str) -> bool:
    w = norm(word)
    if not w.isalpha() or w in _DET_INDEX or w in _PREPOSITIONS or w in _NOT_AGREEING \
            or w in _NOT_POSTNOMINAL or w.endswith("mente"):  # "Somente", "Atualmente"
        return False
    base = w[:-1] if w.endswith("s") and len(w) > 4 else w
    return any(f in _ADJ_WORDS or f.endswith(_ADJ_SUFFIXES) for f in {w, base})


def inflect_adjective(word: str, gender: str, plural: bool) -> str:
    """A Portuguese adjective in ``gender`` and number ("inválido" -> "inválidas")."""
    base = word.lower()
    if base in _INVARIABLE:
        return base
    if base.endswith(("eses", "esas")):  # "ingleses" -> "inglês"
        base = base[:-4] + "ês"
    elif base.endswith("esa") and len(base) > 4:
        base = base[:-3] + "ês"
    if base.endswith("ês"):  # "teclado inglês", "versão inglesa", "versões inglesas"
        stem = base[:-2]
        if plural:
            return stem + ("esas" if gender == "f" else "eses")
        return stem + "esa" if gender == "f" else base
    if base.endswith(("os", "as")) and len(base) > 4:
        base = base[:-1]
    elif base.endswith("es") and len(base) > 5 and base[:-2].endswith(("nt", "or", "l")):
        base = base[:-2]
    if base.endswith(("o", "a")) and not base.endswith("ista"):
        base = base[:-1] + ("a" if gender == "f" else "o")
    return plural_word(base) if plural else base


def reorder(left: str, text: str, gender: str, plural: bool,
            label: bool = False) -> tuple[str, str]:
    """An adjective alone before a masked term at the start of a sentence (a UI label:
    "Current XT0X" -> "Atual XT0X") goes after it and agrees: "Senha atual", "Cópia de
    segurança automática"; also after the infinitive that begins a label ("Mostrar avançado
    XT0X" -> "Mostrar configurações avançadas"), or any one word beginning a Title Case
    ``label``. Determiners and the adjectives that go first ("nova", "última") stay where
    they are."""
    match = re.search(r"(\w+)(\s+)$", left)
    if not match or not _is_adjective(match.group(1)):
        return left, text
    before = left[:match.start()]
    if not at_sentence_start(before) and not _after_verb(before) and \
            not (label and len(before.split()) == 1):
        return left, text
    word = match.group(1)
    moved = word if word.isupper() and len(word) > 1 else inflect_adjective(word, gender, plural)
    return left[:match.start()], f"{text} {moved}"


def _plural_verb(right: str) -> str:
    """A past-tense verb right after a plural subject term, which the engine left in the
    singular: "As partes interessadas aprovou" -> "aprovaram", "se reuniu" -> "se
    reuniram"."""
    match = _PAST_3SG.match(right)
    if not match or (match.group(2) + match.group(3)).lower() in _NOT_VERB:
        return right
    ending = _PAST_PLURAL[match.group(3).lower()]
    if match.group(3).isupper():
        ending = ending.upper()
    return match.group(1) + match.group(2) + ending + right[match.end():]


class Portuguese(Language):
    code = "pt"
    function_words = frozenset("""
        o a os as às de do da dos das que e é em um uma para com não se por no na nos nas mais como
        mas ao à foi são está isso este esta também seu sua muito todos
    """.split())
    # "art." is artigo (legal texts: "nos termos do art. 5º"), never a word of its own
    abbreviations = frozenset(
        """sr sra srs sras srta dr dra drs dras prof profa profs exa exmo exma ilmo ilma
        av art arts cap caps pág págs séc sec tel etc cia ltda""".split())
    number_abbreviations = frozenset(
        """n nº núm vol vols fig figs p pp ed inc
        jan fev abr mai jun jul ago set out nov dez""".split())
    definite_articles = frozenset(_ARTICLES | {"a"})
    inflection_endings = frozenset({"", "s", "es", "l", "is", "eis", "el", "il", "ais", "al",
                                    "a", "o", "as", "os", "ão", "ões", "ães", "ãos", "m", "ns",
                                    "z", "zes", "r", "res"})
    linked_words = {"de": "de", "da": "de", "do": "de", "das": "de", "dos": "de"}
    hyphen_compounds = True

    def word_variants(self, word: str, head: bool = True) -> set[str]:
        """Plural variants, and gender variants for a word after the first of a term
        (usually an adjective)."""
        variants = suffix_variants(word, _RULES)
        if not head:
            for form in [word, *variants]:
                variants |= suffix_variants(form, _GENDER)
        return variants

    def is_plural_form(self, form: str, term: str) -> bool:
        return s_plural(form, term)

    def article_before(self, left: str) -> str:
        """A lone "a" is the article after a preposition or conjunction, else UNSURE
        (article or preposition); an indefinite article is UNSURE."""
        words = last_words(left)
        if words is None:
            return NO
        before, word = words
        if word in _ARTICLES:
            return YES
        if word in _INDEFINITE:
            return UNSURE
        if word == "a":
            return YES if not before or before in _BEFORE_ARTICLE_A else UNSURE
        return NO

    def pluralize(self, term: str) -> str:
        return pluralize(term)

    def drop_article(self, left: str) -> str:
        """The bare preposition of a contraction ("pelo " -> "por "); a lone "a" is kept:
        it is as often the preposition."""
        match = re.search(r"(\w+)(\s+)$", left)
        if not match:
            return left
        word = match.group(1)
        base = _CONTRACTION_BASE.get(word.lower())
        if base is None:
            return left
        if base:
            return left[: match.start(1)] + capitalise_like(word, base) + left[match.end(1):]
        return left[: match.start(1)]

    def fix_before(self, left: str, text: str, site: Site) -> str:
        if not site.enforced:
            return left
        gender, plural = gender_number(text, site.pos)
        left = fix_determiners(left, gender, plural or site.plural) if gender else left
        left = _POSSESSIVE_START.sub(lambda m: m.group(1) + m.group(2).capitalize() + " ", left)
        return _sentence_case_determiners(left) if site.title_label else left

    def reorder(self, left: str, text: str, site: Site) -> tuple[str, str]:
        if not site.enforced:
            return left, text
        gender, plural = gender_number(text, site.pos)
        return reorder(left, text, gender or "m", plural or site.plural, site.title_label)

    def fix_after(self, right: str, left: str, text: str, site: Site) -> str:
        gender, plural = gender_number(text, site.pos)
        if not gender:
            return right
        return fix_after(right, gender, plural or site.plural,
                         subject=at_sentence_start(strip_determiners(left)),
                         genitive=_GENITIVE.search(left) is not None, label=site.title_label)


LANGUAGE = Portuguese()
