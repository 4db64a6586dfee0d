"""Generated posts as a WordPress export (WXR 1.2), written as a stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape

from tests.benchmark.generate import GeneratedPost, Quote

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>{title}</title>
\t<link>https://{host}/</link>
\t<wp:wxr_version>1.2</wp:wxr_version>
"""
FOOTER = "</channel>\n</rss>\n"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _stamp(post_moment: object) -> str:
    return f"{post_moment:%Y-%m-%d %H:%M:%S}"


def _content(post: GeneratedPost) -> str:
    """Stored like WordPress stores it: blank lines between paragraphs (autop)."""
    blocks = []
    for block in post.body:
        if isinstance(block, Quote):
            quoted = escape(block.text)
            blocks.append(
                f"<blockquote>{quoted}<cite>{escape(block.attribution)}</cite></blockquote>"
            )
        else:
            blocks.append(escape(block))
    return "\n\n".join(blocks)


def _comment(number: int, author: str, moment: object, content: str, kind: str) -> str:
    return (
        "\t\t<wp:comment>\n"
        f"\t\t\t<wp:comment_id>{number}</wp:comment_id>\n"
        f"\t\t\t<wp:comment_author>{_cdata(author)}</wp:comment_author>\n"
        f"\t\t\t<wp:comment_date>{_stamp(moment)}</wp:comment_date>\n"
        f"\t\t\t<wp:comment_content>{_cdata(content)}</wp:comment_content>\n"
        "\t\t\t<wp:comment_approved>1</wp:comment_approved>\n"
        f"\t\t\t<wp:comment_type>{kind}</wp:comment_type>\n"
        "\t\t\t<wp:comment_parent>0</wp:comment_parent>\n"
        "\t\t</wp:comment>\n"
    )


def write_item(out: TextIO, post: GeneratedPost, host: str) -> None:
    slug = f"post-{post.number}"
    link = f"https://{host}/{post.moment:%Y/%m/%d}/{slug}/"
    out.write(
        "\t<item>\n"
        f"\t\t<title>{escape(post.title)}</title>\n"
        f"\t\t<link>{link}</link>\n"
        f"\t\t<dc:creator>{_cdata(post.author)}</dc:creator>\n"
        f"\t\t<content:encoded>{_cdata(_content(post))}</content:encoded>\n"
        f"\t\t<wp:post_id>{post.number}</wp:post_id>\n"
        f"\t\t<wp:post_date>{_stamp(post.moment)}</wp:post_date>\n"
        f"\t\t<wp:post_name>{slug}</wp:post_name>\n"
        "\t\t<wp:status>publish</wp:status>\n"
        "\t\t<wp:post_type>post</wp:post_type>\n"
    )
    for category in post.categories:
        out.write(
            f'\t\t<category domain="category" nicename="{category}">{_cdata(category)}</category>\n'
        )
    for tag in post.tags:
        out.write(f'\t\t<category domain="post_tag" nicename="{tag}">{_cdata(tag)}</category>\n')
    number = 0
    for number, comment in enumerate(post.comments, start=1):
        out.write(
            _comment(number, comment.author, comment.moment, "\n\n".join(comment.paragraphs), "")
        )
    for offset, pingback in enumerate(post.pingbacks, start=number + 1):
        content = f"[…] {pingback.excerpt} […]"
        out.write(
            _comment(
                offset, f"{pingback.title} | {pingback.site}", pingback.moment, content, "pingback"
            )
        )
    out.write("\t</item>\n")


def write_export(out: TextIO, posts: Iterable[GeneratedPost], blog: int) -> None:
    host = f"blog{blog:02d}.example.org"
    out.write(HEADER.format(title=f"Blog {blog:02d}", host=host))
    for post in posts:
        write_item(out, post, host)
    out.write(FOOTER)
