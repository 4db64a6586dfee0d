"""Path traversal and odd ids on /post/{post_id} and /static; XML entities re-checked.

Raw request targets go over a socket to the real server, so no client normalises
the ``..`` away first. XXE and entity bombs: tests/readers/test_wxr.py covers the
WXR reader; here every XML-reading reader and a whole indexing run are checked.
"""

from __future__ import annotations

import socket
import tracemalloc
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request, index_archive
from indexer.errors import ArchiveFileError
from indexer.readers import READERS, ReadContext
from tests.reliability.shapes import assert_well_formed

SECRETS = ("[project]", "root:x:0:0", "import ", "SECRET-CONTENT")
RAW_TARGETS = [
    "/static/../pyproject.toml",
    "/static/../../pyproject.toml",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2fapp.py",
    "/static/..\\..\\pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//....//etc/passwd",
    "/static/app.js%00.png",
    "/static/app.js/..",
    "/static/",
    "/static/.",
    "/static/%00",
    "/post/..%2f..%2fetc%2fpasswd",
    "/post/../../etc/passwd",
    "/post/%2e%2e",
    "/post/%00",
    "/post/%ff%fe",
    "/post/" + "a" * 5000,
    "/api/post/..%2fhealthz",
    "/api/post/%252e%252e%252f",
    "/post/%0d%0aSet-Cookie:%20x=1",
    "//etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/facets/..%2f..%2fetc%2fpasswd",
]


def raw_get(base_url: str, target: str) -> tuple[int, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    status = int(response.split(b" ", 2)[1])
    return status, response


@pytest.mark.server
@pytest.mark.parametrize("target", RAW_TARGETS, ids=range(len(RAW_TARGETS)))
def test_traversal_and_odd_targets_never_leave_the_app(hostile_server: str, target: str) -> None:
    status, response = raw_get(hostile_server, target)
    assert status in (200, 400, 404, 405, 414, 431), (status, response[:300])
    for secret in SECRETS:
        assert secret.encode() not in response
    assert b"Traceback" not in response
    assert b"\r\nSet-Cookie" not in response.split(b"\r\n\r\n", 1)[0]
    if status == 200:  # only the real static files or the app's own pages
        assert target.startswith(("/static/app.js", "/static/app.css")) or b"<!DOCTYPE" in response


def test_odd_post_ids_are_404_with_the_error_shape(hostile_client: TestClient) -> None:
    # (".." is normalised away by the client: the raw-socket test above sends it.)
    for post_id in ["x", "0", "-1", "%00", "…", "🙂", "a" * 2000, "post-1", "*", "p*"]:
        for prefix in ("/post/", "/api/post/"):
            response = hostile_client.get(prefix + post_id)
            assert response.status_code in (404, 414), (post_id, response.status_code)
            assert_well_formed(response)


# XML entities ---------------------------------------------------------------------

WXR_HEAD = ('<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>')  # fmt: skip
WXR_ITEM = ("<title>t &x;</title><content:encoded>a &x; b</content:encoded>"
            "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
            "</item></channel></rss>")  # fmt: skip
BLOGGER_HEAD = ("<feed xmlns='http://www.w3.org/2005/Atom'><entry><category "
                "scheme='http://schemas.google.com/g/2005#kind' "
                "term='http://schemas.google.com/blogger/2008/kind#post'/>")  # fmt: skip
BLOGGER_ITEM = "<title>t &x;</title><content type='html'>a &x; b</content></entry></feed>"
HTML_HEAD = "<html><body><div class='entry-content'><p>"
HTML_ITEM = "a &x; b and more words for a body</p></div></body></html>"


def documents(secret: Path) -> dict[str, str]:
    external = f'<!DOCTYPE x [<!ENTITY x SYSTEM "file://{secret}">]>'
    levels = [f'<!ENTITY x{n} "{f"&x{n - 1};" * 10}">' for n in range(1, 10)]
    laughs = "".join(['<!ENTITY x0 "lol">', *levels, '<!ENTITY x "&x9;">'])
    bomb = f"<!DOCTYPE x [{laughs}]>"
    parameter = f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'
    made = {}
    for name, (head, item) in {"wxr": (WXR_HEAD, WXR_ITEM), "blogger": (BLOGGER_HEAD, BLOGGER_ITEM),
                               "html": (HTML_HEAD, HTML_ITEM)}.items():  # fmt: skip
        for attack, prolog in {"xxe": external, "bomb": bomb, "parameter": parameter}.items():
            made[f"{name}-{attack}.xml"] = f'<?xml version="1.0"?>\n{prolog}\n{head}{item}\n'
    return made


def test_entities_are_never_expanded_by_any_reader(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET-CONTENT", encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, text in documents(secret).items():
        (archive / name).write_text(text, encoding="utf-8")
    tracemalloc.start()
    try:
        for path in sorted(archive.iterdir()):
            for reader in READERS:
                try:
                    posts = list(reader.read(ReadContext(path, path.name)))
                except ArchiveFileError as error:
                    assert "SECRET" not in str(error)
                    continue
                text = " ".join(passage.text + post.title for post in posts
                                for passage in post.passages)  # fmt: skip
                assert "SECRET" not in text and "lollol" not in text, (path.name, reader.name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
    report = index_archive([archive], tmp_path / "index")
    archive_index = ArchiveIndex.open(tmp_path / "index")
    for word in ("secret", "lollol", "lol"):
        assert archive_index.search(build_request(word)).total == 0, (word, report.to_json())
