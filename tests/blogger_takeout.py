"""Write ``takeout-feed.atom``: entries of ``www.wgdd.de.xml`` in Blogger's current format.

Blogger's "Back up content" and Google Takeout now write ``feed.atom`` in the
``http://schemas.google.com/blogger/2018`` namespace. No public export in that format
with a licence was found, so this script re-writes a few real entries of the classic
export (CC BY 4.0) into it, element for element as in a real Takeout file (see
README.md: Bernd Paysan's ``feed.atom`` as he showed it). Run from the repository root:
``python -m tests.blogger_takeout``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

HERE = Path(__file__).resolve().parent / "fixtures" / "blogger"
ATOM = "{http://www.w3.org/2005/Atom}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
BLOG = "tag:blogger.com,1999:blog-4131419324726672281"
# Two posts with threaded comments, a published page, a draft; one post and one
# comment re-marked as trashed, one comment as pending (changed here, see README).
POSTS = {
    f"{BLOG}.post-5969061587102908478": "LIVE",
    f"{BLOG}.post-606140377653353596": "LIVE",
    f"{BLOG}.post-2106033969083093876": "SOFT_TRASHED",
    f"{BLOG}.page-1028433921855076444": "LIVE",
    f"{BLOG}.post-2792569530227345900": "DRAFT",
}
COMMENT_STATUS = {
    f"{BLOG}.post-4547970863725465405": "SOFT_TRASHED",
    f"{BLOG}.post-6015779751926753521": "PENDING",
}


def utc(stamp: str) -> str:
    moment = datetime.fromisoformat(stamp).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def entry_xml(entry: etree._Element, kind: str, status: str) -> str:
    entry_id = entry.findtext(f"{ATOM}id") or ""
    lines = [f"  <entry>\n    <id>{escape(entry_id)}</id>"]
    reply = entry.find(f"{THREAD}in-reply-to")
    if reply is not None:
        lines.append(f"    <blogger:parent>{escape(reply.get('ref', ''))}</blogger:parent>")
        related = [x for x in entry.iterchildren(f"{ATOM}link") if x.get("rel") == "related"]
        parent = related[0].get("href", "").rsplit("/", 1)[-1] if related else ""
        lines.append(
            f"    <blogger:inReplyTo>{BLOG}.post-{parent}</blogger:inReplyTo>"
            if parent
            else "    <blogger:inReplyTo/>"
        )
    name = entry.findtext(f"{ATOM}author/{ATOM}name") or ""
    author_type = "ANONYMOUS" if name == "Anonymous" else "BLOGGER"
    uri = entry.findtext(f"{ATOM}author/{ATOM}uri") or ""
    lines += [
        f"    <blogger:type>{kind}</blogger:type>",
        f"    <blogger:status>{status}</blogger:status>",
        f"    <author>\n      <name>{escape(name)}</name>\n      <uri>{escape(uri)}</uri>",
        f"      <blogger:type>{author_type}</blogger:type>\n    </author>",
        f"    <title>{escape(entry.findtext(f'{ATOM}title') or '')}</title>",
        f"    <content type='html'>{escape(entry.findtext(f'{ATOM}content') or '')}</content>",
    ]
    published = utc(entry.findtext(f"{ATOM}published") or "")
    lines += [
        f"    <blogger:created>{published}</blogger:created>",
        f"    <published>{published}</published>",
        f"    <updated>{utc(entry.findtext(f'{ATOM}updated') or '')}</updated>",
    ]
    if kind != "COMMENT":
        lines.append("    <blogger:metaDescription/>\n    <blogger:location/>")
        for category in entry.iterchildren(f"{ATOM}category"):
            if category.get("scheme") == "http://www.blogger.com/atom/ns#":
                lines.append(
                    f"    <category scheme='{BLOG}' term={quoteattr(category.get('term', ''))}/>"
                )
        links = [x for x in entry.iterchildren(f"{ATOM}link") if x.get("rel") == "alternate"]
        path = links[0].get("href", "").split("wgdd.de", 1)[-1] if links else ""
        lines.append(f"    <blogger:filename>{escape(path)}</blogger:filename>")
    trashed = "<blogger:trashed>2019-11-01T10:00:00.000Z</blogger:trashed>"
    lines.append(f"    {trashed if status == 'SOFT_TRASHED' else '<blogger:trashed/>'}\n  </entry>")
    return "\n".join(lines)


def main() -> None:
    root = etree.parse(str(HERE / "www.wgdd.de.xml")).getroot()
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        "<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:blogger='http://schemas.google.com/blogger/2018'>",
        f"  <id>{BLOG}</id>",
        "  <title>[erfahrungen, meinungen, halluzinationen]</title>",
    ]
    for entry in root.iterchildren(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        reply = entry.find(f"{THREAD}in-reply-to")
        if entry_id in POSTS:
            kind = "PAGE" if ".page-" in entry_id else "POST"
            out.append(entry_xml(entry, kind, POSTS[entry_id]))
        elif reply is not None and reply.get("ref") in POSTS:
            out.append(entry_xml(entry, "COMMENT", COMMENT_STATUS.get(entry_id, "LIVE")))
    out.append("</feed>\n")
    (HERE / "takeout-feed.atom").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
