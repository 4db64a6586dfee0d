"""What every answer must look like, whatever the input: the documented error shape."""

from __future__ import annotations

import httpx

ERROR_STATUSES = {400, 404, 405, 413, 414, 431, 503}
TRACEBACK_SIGNS = ("Traceback (most recent call last)", 'File "/', "Error:\n")


def assert_well_formed(response: httpx.Response) -> None:
    """No 5xx but 503, no traceback, the JSON or HTML error shape on every error."""
    status = response.status_code
    assert status == 200 or status in ERROR_STATUSES, (status, response.text[:500])
    for sign in TRACEBACK_SIGNS:
        assert sign not in response.text
    if status == 200:
        return
    path = response.request.url.path
    if path.startswith("/api/") or path in ("/healthz", "/openapi.json"):
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
        assert body["error"]["message"]
    elif path.endswith(".atom"):  # feed readers get plain text
        assert response.headers["content-type"].startswith("text/plain")
        assert response.text.startswith(f"Error {status} (")
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert "error-message" in response.text
