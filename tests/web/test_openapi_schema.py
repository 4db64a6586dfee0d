"""/openapi.json's response schemas say exactly the keys the live JSON answers carry.

The schemas are generated from the result types; these tests hold real answers of
/api/search (both groupings), /api/post, /healthz and an error against them, at every depth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from indexer.contract.results import fields_json
from web.schemas import object_schema


def _resolve(schema: dict[str, Any], description: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if reference is None:
        return schema
    name = reference.rsplit("/", 1)[1]
    return description["components"]["schemas"][name]  # type: ignore[no-any-return]


def _check_keys(value: Any, schema: dict[str, Any], where: str, seen: set[str]) -> None:
    """Every object's keys are its schema's properties (the required ones all there);
    records each path checked in ``seen`` so a test knows the walk went deep."""
    for option in schema.get("anyOf", []):
        kinds = option.get("type")
        if (kinds == "array") == isinstance(value, list) and kinds != "null":
            schema = option
    if "properties" in schema:
        assert isinstance(value, dict), where
        properties = set(schema["properties"])
        assert set(value) <= properties, f"{where}: not in the schema: {set(value) - properties}"
        missing = set(schema["required"]) - set(value)
        assert not missing, f"{where}: in the schema, not in the answer: {missing}"
        seen.add(where)
        for key, item in value.items():
            _check_keys(item, schema["properties"][key], f"{where}.{key}", seen)
    elif schema.get("type") == "array":
        assert isinstance(value, list), where
        for item in value:
            _check_keys(item, schema["items"], f"{where}[]", seen)
    elif isinstance(schema.get("additionalProperties"), dict):
        assert isinstance(value, dict), where
        for item in value.values():
            _check_keys(item, schema["additionalProperties"], f"{where}{{}}", seen)


def _answer_schema(description: dict[str, Any], path: str) -> dict[str, Any]:
    content = description["paths"][path]["get"]["responses"]["200"]["content"]
    return _resolve(content["application/json"]["schema"], description)


@pytest.mark.parametrize("group", ["passage", "post"])
def test_search_answers_have_exactly_the_schema_keys(client: TestClient, group: str) -> None:
    description = client.get("/openapi.json").json()
    data = client.get("/api/search", params={"q": "police", "group": group}).json()
    seen: set[str] = set()
    _check_keys(data, _answer_schema(description, "/api/search"), "result", seen)
    assert {"result", "result.hits[]", "result.facets{}[]"} <= seen
    assert ("result.groups[].hits[]" in seen) == (group == "post")
    # Every property of the result is in some answer: groups only when grouping by post.
    properties = set(_answer_schema(description, "/api/search")["properties"])
    assert properties - set(data) == ({"groups"} if group == "passage" else set())


def test_post_and_health_answers_have_exactly_the_schema_keys(
    client: TestClient, hostile_post_id: str
) -> None:
    description = client.get("/openapi.json").json()
    seen: set[str] = set()
    post = client.get(f"/api/post/{hostile_post_id}", params={"q": "hostility"}).json()
    _check_keys(post, _answer_schema(description, "/api/post/{post_id}"), "post", seen)
    health = client.get("/healthz").json()
    _check_keys(health, _answer_schema(description, "/healthz"), "health", seen)
    missing = client.get("/api/post/no-such-post")
    assert missing.status_code == 404
    error_schema = _resolve(
        description["paths"]["/api/post/{post_id}"]["get"]["responses"]["404"]["content"][
            "application/json"
        ]["schema"],
        description,
    )
    _check_keys(missing.json(), error_schema, "error", seen)
    assert {"post", "post.passages[]", "health", "error", "error.error"} <= seen
    assert set(_answer_schema(description, "/healthz")["properties"]) == set(health)


@dataclass(frozen=True)
class _Grown:
    """A result type as a developer might grow one: a new field is in both at once."""

    name: str
    added: int | None
    labels: list[str]


def test_a_field_added_to_a_result_type_is_in_its_json_and_its_schema() -> None:
    shape = _Grown(name="n", added=None, labels=["a"])
    schema = object_schema(_Grown)
    assert list(fields_json(shape)) == list(schema["properties"]) == ["name", "added", "labels"]
    assert schema["properties"]["added"] == {"type": ["integer", "null"]}
    assert schema["properties"]["labels"] == {"type": "array", "items": {"type": "string"}}
