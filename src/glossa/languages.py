"""Language codes glossa accepts (ISO 639-1, plus a few ISO 639-3 codes models use)."""

from __future__ import annotations

import re

from glossa.errors import UsageError

LANGUAGES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "nb": "Norwegian Bokmål", "nl": "Dutch", "nn": "Norwegian Nynorsk", "pa": "Punjabi",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "yo": "Yoruba",
    "zh": "Chinese", "zt": "Chinese (traditional)", "zu": "Zulu",
}


def normalize_code(code: str) -> str:
    """Accept "pt", "PT", "pt-BR", "pt_BR" -> "pt"; raise UsageError for unknown codes."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        raise UsageError(f"unknown language code {code!r} (use ISO 639-1 codes such as en, pt, ru)")
    return base


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


_LOCALE_RE = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?"
                        r"(?:@([A-Za-z0-9]+))?")
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl"}  # gettext @modifier -> BCP 47 script


def normalize_locale(code: str) -> str:
    """The target as a gettext locale, region kept: "pt-br", "PT_BR" -> "pt_BR", "pt" -> "pt",
    "sr@latin" stays; raise UsageError for unknown languages or malformed codes."""
    match = _LOCALE_RE.fullmatch(code.strip())
    if match is None:
        normalize_code(code)  # an unknown language is named as such
        raise UsageError(f"malformed language code {code!r} (use LANG or LANG_REGION, "
                         "such as pt or pt_BR)")
    base, script, region, modifier = match.groups()
    locale = normalize_code(base)
    locale += f"_{script.title()}" if script else ""
    locale += f"_{region.upper()}" if region else ""
    return locale + (f"@{modifier.lower()}" if modifier else "")


def base_language(locale: str) -> str:
    """The language of a locale code: "pt_BR", "pt-BR", "sr@latin" -> "pt", "pt", "sr"."""
    return re.split(r"[-_@]", locale.strip(), maxsplit=1)[0].lower()


def region(locale: str) -> str:
    """The region of a locale code ("pt_BR", "pt-br" -> "BR"), "" when it has none."""
    match = _LOCALE_RE.fullmatch(locale.strip())
    return match.group(3).upper() if match and match.group(3) else ""


def bcp47(locale: str) -> str:
    """A gettext locale as a BCP 47 tag (XLIFF, HTML, Rails): "pt_BR" -> "pt-BR",
    "sr@latin" -> "sr-Latn", "ca@valencia" -> "ca-valencia"."""
    match = _LOCALE_RE.fullmatch(locale.strip())
    if match is None:
        return locale
    base, script, area, modifier = match.groups()
    parts = [base.lower()]
    if modifier and modifier.lower() in _SCRIPT_MODIFIERS and not script:
        script, modifier = _SCRIPT_MODIFIERS[modifier.lower()], None
    parts += [script.title()] if script else []
    parts += [area.upper()] if area else []
    parts += [modifier.lower()] if modifier else []
    return "-".join(parts)
