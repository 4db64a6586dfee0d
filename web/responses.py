"""JSON responses encoded by orjson: a search result's ~23 KB of hits and facets in
~0.015 ms where ``json.dumps`` takes ~0.25 ms, on every API request (issue 23)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class JSONResponse(Response):
    """Starlette's ``JSONResponse`` with orjson's encoder: the same compact UTF-8 JSON.
    orjson writes a dataclass as an object of its fields: ``to_json(native=True)``
    leaves the results whose JSON that is (facet values, hits) to it."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
