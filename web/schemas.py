"""JSON Schemas of the JSON API's answers, generated from the library's result types.

The keys are those each type's ``to_json`` writes, typed by its hints, so a field added to
a result is in the JSON and its schema together; ``DETAILS`` adds only what the types cannot
say (enums, minimums, notes). ``web/openapi.py`` puts them in the OpenAPI description.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from indexer import (
    GROUPS,
    MATCHED_IN,
    SORTS,
    FacetValue,
    Hit,
    IndexStats,
    PassageView,
    PostHits,
    PostView,
    SearchResult,
    Section,
    json_keys,
)
from web.error_pages import ErrorAnswer

_JSON_TYPES: dict[Any, str] = {str: "string", int: "integer", float: "number",
                               bool: "boolean", type(None): "null"}  # fmt: skip
_SECTIONS = {"enum": [str(section) for section in Section]}
# Constraints the types cannot say, by result type and key.
# Why a passage with nothing of its text marked matched ("": its text, or no query).
_MATCHED_IN = {"enum": ["", *MATCHED_IN]}
DETAILS: dict[type, dict[str, dict[str, Any]]] = {
    FacetValue: {"count": {"minimum": 0}},
    Hit: {
        "section": _SECTIONS,
        "url": {"pattern": "^/post/"},
        "snippet": {"description": "HTML: escaped text, matches in <mark>."},
        "post_title_html": {"description": "HTML: the title escaped, matches in <mark>."},
        "site": {"description": "The blog the post belongs to: a host, or a folder's name."},
        "matched_in": _MATCHED_IN,
    },
    PassageView: {
        "section": _SECTIONS,
        "html": {"description": "HTML: escaped text, the query's words in <mark>."},
        "matched_in": _MATCHED_IN,
    },
    PostHits: {"matches": {"minimum": 1}, "more": {"minimum": 0}},
    SearchResult: {
        "sort": {"enum": list(SORTS)},
        "group": {"enum": list(GROUPS)},
        "page": {"minimum": 1},
        "per_page": {"minimum": 1},
        "pages": {"minimum": 1},
        "total": {"minimum": 0},
        "total_posts": {"minimum": 0},
        "groups": {
            "description": "With group=post: the page's posts, each with its best passages "
            "(`hits`), `matches` in all and `more` not shown."
        },
    },
    PostView: {
        "captured": {"description": "Web archives: capture time (UTC)"},
        "capture_url": {"description": "Web archives: the captured URL"},
    },
}


def type_schema(hint: Any) -> dict[str, Any]:
    """The JSON Schema of a type hint as ``to_json`` writes it."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return {}
    if hint in _JSON_TYPES:
        return {"type": _JSON_TYPES[hint]}
    if origin in (types.UnionType, typing.Union):
        if all(argument in _JSON_TYPES for argument in arguments):
            return {"type": [_JSON_TYPES[argument] for argument in arguments]}
        return {"anyOf": [type_schema(argument) for argument in arguments]}
    if origin is list:
        return {"type": "array", "items": type_schema(arguments[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(arguments[1])}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return object_schema(hint)
    raise TypeError(f"no JSON Schema for {hint!r}: teach type_schema the type")


def object_schema(shape: type) -> dict[str, Any]:
    """The JSON Schema of a result type: its ``json_keys``, each typed by its field's or
    property's hint, with the ``DETAILS`` written for it."""
    hints = typing.get_type_hints(shape)
    details = DETAILS.get(shape, {})
    omitted: frozenset[str] = getattr(shape, "JSON_OMITTED_IF_NONE", frozenset())
    properties: dict[str, Any] = {}
    for key in json_keys(shape):
        attribute = getattr(shape, key, None)
        hint = (
            typing.get_type_hints(attribute.fget)["return"]
            if isinstance(attribute, property)
            else hints[key]
        )
        if key in omitted:  # left out rather than null: its schema is the value's
            hint = next(part for part in typing.get_args(hint) if part is not type(None))
        properties[key] = {**type_schema(hint), **details.get(key, {})}
    required = [key for key in properties if key not in omitted]
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,  # a key the type does not declare is a bug
    }


ERROR = object_schema(ErrorAnswer)
SEARCH_RESULT = object_schema(SearchResult)
POST = object_schema(PostView)
_STATS = object_schema(IndexStats)
HEALTH = {  # /healthz: a status beside the index statistics
    **_STATS,
    "required": ["status", *_STATS["required"]],
    "properties": {"status": {"const": "ok"}, **_STATS["properties"]},
}
