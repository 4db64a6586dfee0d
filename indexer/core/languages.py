"""Languages by code and by English name: what the language facet shows and accepts.

The codes are py3langid's (its 97 languages, ISO 639-1 where there is one, else 639-3);
the names are CLDR's English names as Babel 2.19 gives them (``Locale("en").languages``),
written out here so nothing is looked up at run time; the ten codes CLDR does not name
(``bcl``, ``fuv``, ``gcf``, ``gcr``, ``gom``, ``gug``, ``guw``, ``hbo``, ``kik``, ``uzs``)
are named after ISO 639-3. Too little text to tell (``und``) and no linguistic content
(``zxx``, the detector's answer for symbols) are both "Unknown" to people.
"""

from __future__ import annotations

from indexer.core.text import fold

UNDETERMINED = "und"  # ISO 639-2: too little text to tell
NO_LANGUAGE = "zxx"  # ISO 639-2: no linguistic content
UNKNOWN = "Unknown"

NAMES = {
    "ace": "Acehnese", "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic",
    "ary": "Moroccan Arabic", "arz": "Egyptian Arabic", "as": "Assamese", "az": "Azerbaijani",
    "ba": "Bashkir", "bcl": "Central Bikol", "be": "Belarusian", "bg": "Bulgarian",
    "bn": "Bangla", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "crh": "Crimean Tatar",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "dz": "Dzongkha",
    "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "ext": "Extremaduran", "fa": "Persian", "fi": "Finnish", "fo": "Faroese",
    "fr": "French", "fuv": "Nigerian Fulfulde", "fy": "Western Frisian", "ga": "Irish",
    "gcf": "Guadeloupean Creole", "gcr": "Guianese Creole", "gd": "Scottish Gaelic",
    "gl": "Galician", "gom": "Goan Konkani", "grc": "Ancient Greek", "gu": "Gujarati",
    "gug": "Paraguayan Guarani", "guw": "Gun", "ha": "Hausa", "hbo": "Ancient Hebrew",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kab": "Kabyle", "kik": "Kikuyu",
    "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lg": "Ganda", "lij": "Ligurian",
    "ln": "Lingala", "lo": "Lao", "lt": "Lithuanian", "ltg": "Latgalian", "lv": "Latvian",
    "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese", "ne": "Nepali",
    "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian", "nso": "Northern Sotho",
    "oc": "Occitan", "om": "Oromo", "or": "Odia", "pa": "Punjabi", "pcm": "Nigerian Pidgin",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit", "sdh": "Southern Kurdish",
    "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sn": "Shona",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "st": "Southern Sotho", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "uzs": "Southern Uzbek", "vec": "Venetian",
    "vi": "Vietnamese", "vo": "Volapük", "wa": "Walloon", "wuu": "Wu Chinese", "xh": "Xhosa",
    "yo": "Yoruba", "yue": "Cantonese", "zh": "Chinese", "zu": "Zulu",
}  # fmt: skip
# Besides each language's name: what people type for "we could not tell".
_ALIASES = {"unknown": UNDETERMINED, "undetermined": UNDETERMINED, "none": UNDETERMINED}
_CODE_OF = {**{fold(name): code for code, name in NAMES.items()}, **_ALIASES}


def language_name(code: str) -> str:
    """How a language code is shown: "German" for ``de``; "Unknown" for ``und`` and
    ``zxx``; a code with no name here as itself."""
    if code in (UNDETERMINED, NO_LANGUAGE, ""):
        return UNKNOWN
    return NAMES.get(code, code)


def language_code(text: str) -> str | None:
    """The code a typed language means: a code (``de``, ``DE``) or an English name
    (``german``, ``Volapük``); None when it is neither."""
    value = " ".join(fold(text).split())
    if value in _CODE_OF:
        return _CODE_OF[value]
    if value.isascii() and value.isalpha() and 2 <= len(value) <= 3:
        return value
    return None
