"""The OpenAPI description at /openapi.json, and schemathesis against the live server.

Every operation gets a bounded number of generated requests (``MAX_EXAMPLES``); each
answer must be no 5xx, a documented status with the documented content type, and a
body matching the documented schema (the error shape included).
"""

from __future__ import annotations

import warnings
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

MAX_EXAMPLES = 30
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_openapi_description_is_served_and_lists_the_json_api(hostile_server: str) -> None:
    description = httpx.get(f"{hostile_server}/openapi.json", timeout=10).json()
    assert description["openapi"].startswith("3.")
    assert {"/api/search", "/api/post/{post_id}", "/healthz"} <= set(description["paths"])
    search = description["paths"]["/api/search"]["get"]
    assert {"q", "author", "section", "page", "per_page", "facet_size"} <= {
        parameter["name"] for parameter in search["parameters"]
    }
    assert {"200", "400", "503"} <= set(search["responses"])


# schemathesis's own pytest plugin does not run under pytest 9 (4.32: "'Function' object
# has no attribute '_nodeid'"), so each operation's strategy is driven by hypothesis here.
OPERATIONS = ["GET /api/search", "GET /api/post/{post_id}", "GET /healthz", "GET /",
              "GET /post/{post_id}", "GET /search.atom"]  # fmt: skip
calls: list[int] = []  # how many generated requests were sent (reported in the docs)


@pytest.mark.parametrize("label", OPERATIONS)
def test_live_server_conforms_to_its_openapi_description(hostile_server: str, label: str) -> None:
    schema = schemathesis.openapi.from_url(f"{hostile_server}/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def conforms(case: Any) -> None:
        calls.append(1)
        case.call_and_validate(base_url=hostile_server, checks=CHECKS, timeout=30)

    before = len(calls)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        conforms()
    assert len(calls) > before
    print(f"{label}: {len(calls) - before} generated requests")  # shown with pytest -s
