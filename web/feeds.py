"""Feeds for browsers and readers: an Atom feed of a search, and the OpenSearch description.

Both are built with ElementTree, which escapes every text and attribute, so
archived text cannot break out of the XML.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree

from starlette.requests import Request
from starlette.responses import Response

from indexer import Hit
from web import urls
from web.pages import page_params, service_of
from web.searching import request_from
from web.sidebar import chips, value_label

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
OPENSEARCH_NAMESPACE = "http://a9.com/-/spec/opensearch/1.1/"
FEED_SIZE = "50"


def _atom_time(iso: str | None, fallback: str, offset: str | None = None) -> str:
    """Archive times are as their pages showed them, with the page's UTC offset where it
    stated one; Atom wants an explicit offset, so an unknown one is written as UTC."""
    if not iso:
        return fallback
    moment = datetime.fromisoformat(iso + (offset or ""))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _text(parent: ElementTree.Element, tag: str, text: str, **attributes: str) -> None:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = text


def _xml(root: ElementTree.Element, media_type: str) -> Response:
    body = ElementTree.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, media_type=media_type)


def _entry_title(hit: Hit) -> str:
    section = value_label("section", hit.section)
    by = f" by {hit.author}" if hit.author else ""
    return f"{section}{by} on “{hit.post_title}”"


async def search_feed(request: Request) -> Response:
    """The newest matching passages, so a saved search can be followed in a feed reader."""
    per_page = request.query_params.get("per_page") or FEED_SIZE
    search_request = request_from(request.query_params, sort="newest", per_page=per_page)
    result = await service_of(request).search(search_request)
    base = str(request.base_url).rstrip("/")
    params = urls.without(page_params(request), "page", "sort")
    now = datetime.now(UTC).replace(microsecond=0).isoformat()

    feed = ElementTree.Element("feed", {"xmlns": ATOM_NAMESPACE})
    query = search_request.query.strip()
    filters = ", ".join(chip.label for chip in chips(search_request, params))
    title = f"Archive search: {query}" if query else "Archive search: newest"
    _text(feed, "title", f"{title} ({filters})" if filters else title)
    _text(feed, "id", base + urls.url("/search.atom", params))
    ElementTree.SubElement(feed, "link", {"rel": "self", "href": str(request.url)})
    ElementTree.SubElement(
        feed,
        "link",
        {"rel": "alternate", "type": "text/html", "href": base + urls.url("/", params)},
    )
    newest = max((hit.date for hit in result.hits if hit.date), default=None)
    _text(feed, "updated", _atom_time(newest, now))
    for hit in result.hits:
        entry = ElementTree.SubElement(feed, "entry")
        link = base + urls.post_link(hit.post_id, search_request.query, hit.anchor)
        _text(entry, "title", _entry_title(hit))
        _text(entry, "id", base + urls.post_link(hit.post_id, anchor=hit.anchor))
        ElementTree.SubElement(entry, "link", {"rel": "alternate", "href": link})
        when = _atom_time(hit.date, now, hit.utc_offset) if hit.date else None
        _text(entry, "updated", when or _atom_time(hit.post_date, now))
        author = ElementTree.SubElement(entry, "author")
        _text(author, "name", hit.author or "unknown")
        # The snippet is escaped HTML with <mark>: as type="html" it is escaped once more
        # here, and a reader unescapes it back to that same safe HTML.
        _text(entry, "content", hit.snippet, type="html")
    return _xml(feed, "application/atom+xml")


async def opensearch_description(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    root = ElementTree.Element("OpenSearchDescription", {"xmlns": OPENSEARCH_NAMESPACE})
    _text(root, "ShortName", "Archive search")
    _text(root, "Description", "Search the blog archive: posts, quotes, comments and pingbacks")
    _text(root, "InputEncoding", "UTF-8")
    _text(root, "Url", "", type="text/html", template=f"{base}/?q={{searchTerms}}")
    _text(
        root,
        "Url",
        "",
        type="application/atom+xml",
        template=f"{base}/search.atom?q={{searchTerms}}",
    )
    _text(root, "Url", "", type="application/json", template=f"{base}/api/search?q={{searchTerms}}")
    return _xml(root, "application/opensearchdescription+xml")
