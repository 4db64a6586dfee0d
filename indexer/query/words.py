"""Clean a user's query string before Whoosh parses it, saying what was changed.

Whoosh's parser never complains: ``"unbalanced``, ``(foo``, a lone ``AND``,
``nosuchfield:x``, ``*e`` or ``v*`` silently become other queries, no results,
or a search that runs for seconds. This module tokenises the text itself,
repairs or drops what cannot be searched, and returns a warning for each
change, so the user sees what was actually searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.core.languages import language_code
from indexer.core.models import Section
from indexer.core.urls import ADDRESS_RE, address_key
from indexer.query.compounds import JOINER_RE, joined_word, phrase_variants
from indexer.query.operators import clean_boost, clean_fuzzy, clean_wildcard

# What users may type before a colon, and the schema field it searches.
FIELD_ALIASES = {
    "title": "title_words",
    "author": "author_words",
    "section": "section",
    "language": "language",
}
OPERATORS = ("AND", "OR", "NOT")
MAX_TERMS = 100
_QUOTE_TRANSLATION = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"'})
_TOKEN_RE = re.compile(r'[-+]?(?:\w+:)?"[^"]*"|\(|\)|[^\s()"]+')
_FIELD_RE = re.compile(r"^(?P<sign>[-+]?)(?P<name>[A-Za-z_]\w*):(?P<rest>.*)$")
_WORD_CHARS_RE = re.compile(r"\w", re.UNICODE)
_JOINING_PREFIXES = ("", "title_words:")


@dataclass
class CleanQuery:
    text: str  # what Whoosh will parse
    warnings: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # plain words, for "did you mean"
    only_negative: bool = False  # every term is excluded ("-vice", "NOT a NOT b")
    excluded: list[str] = field(default_factory=list)  # the excluded terms, when so
    # Pasted links: (as typed, address key), looked up rather than searched as words.
    addresses: list[tuple[str, str]] = field(default_factory=list)


def _strip_unbalanced_quotes(text: str, warnings: list[str]) -> str:
    if text.count('"') % 2:
        position = text.rfind('"')
        text = text[:position] + " " + text[position + 1 :]
        warnings.append('an unbalanced quote (") was ignored')
    return text


def _balance_parentheses(tokens: list[str], warnings: list[str]) -> list[str]:
    depth = 0
    kept: list[str] = []
    dropped = 0
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            if depth == 0:
                dropped += 1
                continue
            depth -= 1
        kept.append(token)
    # Unclosed "(" are removed from the right: the innermost ones were left open.
    while depth:
        position = max(index for index, token in enumerate(kept) if token == "(")
        del kept[position]
        depth -= 1
        dropped += 1
    if dropped:
        warnings.append(f"{dropped} unbalanced parenthes{'i' if dropped == 1 else 'e'}s ignored")
    # Empty groups "()" search nothing.
    cleaned: list[str] = []
    for token in kept:
        if token == ")" and cleaned and cleaned[-1] == "(":
            cleaned.pop()
            continue
        cleaned.append(token)
    return cleaned


def _clean_word(token: str, warnings: list[str]) -> str | None:
    """One word-like token: field prefix, wildcard, fuzzy and boost checked."""
    sign = ""
    if token[:1] in "-+" and len(token) > 1:
        sign, token = token[0], token[1:]
    fielded = _split_field(token, warnings)
    if fielded is None:
        return None
    prefix, token = fielded
    joins = prefix in _JOINING_PREFIXES  # text fields index compounds' joined forms
    if token.startswith('"'):  # a phrase: searched as written (and compounds joined)
        if not _WORD_CHARS_RE.search(token):
            return None
        return sign + prefix + (phrase_variants(token) if joins else token)
    if not any(character in token for character in "^~*?"):
        joined = joined_word(sign, prefix, token, joins)
        if joined is not None:
            return joined
        parts = JOINER_RE.sub(" ", token).split()  # a trailing joiner dropped: "x-"
        token = parts[0] if parts else token
    cleaned = clean_fuzzy(clean_boost(token, warnings), warnings)
    if cleaned and ("*" in cleaned or "?" in cleaned):
        cleaned = clean_wildcard(cleaned, warnings)
    if not cleaned or not _WORD_CHARS_RE.search(cleaned):
        return None
    return sign + prefix + cleaned


def _split_field(token: str, warnings: list[str]) -> tuple[str, str] | None:
    """(``field:`` prefix or "", the rest); None when the token is dropped, said in
    ``warnings``. An unknown field's value is searched everywhere."""
    match = _FIELD_RE.match(token)
    if match and not match.group("rest"):  # "Lounge: ..." pasted from a text: a word
        return "", match.group("name")
    if not match:
        return "", token
    name, rest = match.group("name"), match.group("rest")
    field = name.lower()
    if field not in FIELD_ALIASES:
        warnings.append(
            f"unknown field {name}: ignored, its value searched everywhere "
            "(fields are title:, author:, section:)"
        )
        return _nonempty("", rest, name, warnings)
    value = _field_value(field, rest, warnings)
    if value is None:
        return None
    return _nonempty(FIELD_ALIASES[field] + ":", value, name, warnings)


def _field_value(field: str, rest: str, warnings: list[str]) -> str | None:
    """A section or language value as the index holds it; None (warned) when unknown."""
    if field == "section":
        if rest and rest.lower() not in set(Section):
            warnings.append(f"section:{rest} ignored: sections are {', '.join(Section)}")
            return None
        return rest.lower()
    if field == "language":
        code = language_code(rest)
        if code is None:
            warnings.append(
                f"language:{rest} ignored: use a language code or its English "
                "name (language:de, language:german)"
            )
        return code
    return rest


def _nonempty(prefix: str, value: str, name: str, warnings: list[str]) -> tuple[str, str] | None:
    if not value:
        warnings.append(f"{name}: with nothing after it was ignored")
        return None
    return prefix, value


def _drop_dangling_operators(tokens: list[str], warnings: list[str]) -> list[str]:
    """AND/OR need a term on both sides, NOT one after it; NOT NOT cancels out."""
    result: list[str] = []
    dropped: list[str] = []
    for token in tokens:
        if token in ("AND", "OR") and (not result or result[-1] in OPERATORS or result[-1] == "("):
            dropped.append(token)
            continue
        if token == "NOT" and result and result[-1] == "NOT":
            result.pop()
            dropped.extend(["NOT", "NOT"])
            continue
        if token == ")" and result and result[-1] in OPERATORS:
            dropped.append(result.pop())
        result.append(token)
    while result and result[-1] in OPERATORS:
        dropped.append(result.pop())
    if dropped:
        warnings.append(
            f"operator{'s' if len(dropped) > 1 else ''} {' '.join(dropped)} without terms "
            f"to join ignored"
        )
    return result


def clean_query(text: str) -> CleanQuery:
    warnings: list[str] = []
    text = text.translate(_QUOTE_TRANSLATION).replace("\u00a0", " ")
    text = _strip_unbalanced_quotes(text, warnings)
    for character in "[]{}\\":
        if character in text:
            warnings.append(f"{character!r} is not part of the query language and was ignored")
            text = text.replace(character, " ")
    tokens = _balance_parentheses(_TOKEN_RE.findall(text), warnings)
    cleaned: list[str] = []
    words: list[str] = []
    addresses: list[tuple[str, str]] = []
    for token in tokens:
        if ADDRESS_RE.match(token) and (key := address_key(token.rstrip(".,;"))):
            addresses.append((token.rstrip(".,;"), key))
        elif token in ("(", ")") or token in OPERATORS:
            cleaned.append(token)
        elif token.startswith('"'):
            if _WORD_CHARS_RE.search(token):
                cleaned.append(phrase_variants(token))
            else:
                warnings.append("an empty phrase was ignored")
        else:
            word = _clean_word(token, warnings)
            if word is not None:
                cleaned.append(word)
                words.extend(
                    part
                    for part in word.split()
                    if re.fullmatch(r"\w+", part) and part not in OPERATORS
                )
    cleaned = _drop_dangling_operators(cleaned, warnings)
    terms = [token for token in cleaned if token not in OPERATORS and token not in "()"]
    if len(terms) > MAX_TERMS:
        warnings.append(f"only the first {MAX_TERMS} of {len(terms)} terms were searched")
        cutoff = [index for index, token in enumerate(cleaned) if token in terms][MAX_TERMS]
        cleaned = _balance_parentheses(_drop_dangling_operators(cleaned[:cutoff], []), [])
    excluded = _only_exclusions(cleaned)
    return CleanQuery(
        " ".join(cleaned),
        warnings,
        words,
        only_negative=bool(excluded),
        excluded=excluded,
        addresses=addresses,
    )


def _only_exclusions(tokens: list[str]) -> list[str]:
    """When every term of the query is excluded, the excluded items (terms without
    their sign, or groups), to be listed as "everything but"; else an empty list.

    Whoosh turns "-vice" alone into nothing, and the fallback then searched "vice":
    a query of only exclusions must never be flipped into its opposite.
    """
    items: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in ("AND", "OR"):
            index += 1
            continue
        if token == "NOT" and index + 1 < len(tokens):
            end = _item_end(tokens, index + 1)
            items.append(" ".join(tokens[index + 1 : end]))
            index = end
            continue
        if token[:1] == "-" and len(token) > 1:
            items.append(token[1:])
            index += 1
            continue
        return []  # a positive term or group
    return items


def _item_end(tokens: list[str], start: int) -> int:
    """The index after the term or parenthesised group starting at ``start``."""
    if tokens[start] != "(":
        return start + 1
    depth = 0
    for index in range(start, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[index], 0)
        if depth == 0:
            return index + 1
    return len(tokens)
