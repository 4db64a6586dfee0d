"""A WordPress export written on the fly: many posts, each with many comments.

Paging by post, exports of 10k+ rows and the date chart need archives larger
than the sample page; a WXR of generated posts is the cheapest to write and read.
Post ``n`` is dated ``FIRST_YEAR + n % YEARS`` and has ``comments`` comments,
each saying ``WORD`` once; its body says ``WORD`` too when ``n`` is odd.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

WORD = "lighthouse"
FIRST_YEAR = 2008
YEARS = 5

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://blog.example</wp:base_site_url>
"""


def post_year(number: int) -> int:
    return FIRST_YEAR + number % YEARS


def _comment(post: int, number: int, when: str) -> str:
    text = f"Comment {number} on post {post}: the {WORD} keeper wrote back."
    return (
        f"<wp:comment><wp:comment_id>{post * 1000 + number}</wp:comment_id>"
        f"<wp:comment_author>reader{number % 7}</wp:comment_author>"
        f"<wp:comment_date>{when}</wp:comment_date>"
        f"<wp:comment_content>{escape(text)}</wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>"
        f"<wp:comment_parent>0</wp:comment_parent></wp:comment>"
    )


def _post(number: int, comments: int) -> str:
    year = post_year(number)
    month = 1 + number % 12
    day = f"{year}-{month:02d}-{1 + number % 28:02d}"
    body = f"Post {number} body about the harbour" + (f" and its {WORD}." if number % 2 else ".")
    replies = "".join(
        _comment(number, reply, f"{day} {10 + reply // 60:02d}:{reply % 60:02d}:00")
        for reply in range(comments)
    )
    return (
        f"<item><title>Post number {number}</title>"
        f"<link>http://blog.example/{year}/post-{number}/</link>"
        f"<dc:creator>author{number % 3}</dc:creator>"
        f"<content:encoded>{escape(body)}</content:encoded>"
        f"<wp:post_id>{number}</wp:post_id><wp:post_date>{day} 09:00:00</wp:post_date>"
        f"<wp:post_name>post-{number}</wp:post_name><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type>{replies}</item>\n"
    )


def write_export(path: Path, posts: int, comments: int) -> Path:
    """Write the export to ``path``, one post at a time."""
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD)
        for number in range(posts):
            out.write(_post(number, comments))
        out.write("</channel></rss>\n")
    return path
