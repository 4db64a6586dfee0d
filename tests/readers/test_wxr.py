"""WordPress export reader: counts, privacy, dates, threads and hostile XML."""

from __future__ import annotations

import tracemalloc
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import DatePrecision, Section
from indexer.errors import ArchiveFileError
from indexer.readers.base import ReadContext
from indexer.readers.exports.wptime import parse_wp_date
from indexer.readers.exports.wxr import WxrReader
from tests.readers.conftest import FIXTURES, read_file

WXR = FIXTURES / "wxr"


@pytest.fixture(scope="module")
def theme_unit_test() -> list:  # type: ignore[type-arg]
    name, posts, reports = read_file(WXR / "theme-unit-test-data.xml")
    assert name == "wxr"
    assert reports == []
    return posts


def test_theme_unit_test_counts(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    posts = theme_unit_test
    sections = Counter(passage.section for post in posts for passage in post.passages)
    assert len(posts) == 77  # 56 published posts + 21 pages
    assert sections[Section.COMMENT] == 25
    assert sections[Section.PINGBACK] == 4
    # 74 have stored content; one of them ("Post Format: Image") is a lone image
    # with empty alt text, so 73 yield body text (a post or quote passage).
    with_text = [p for p in posts if any(x.section in ("post", "quote") for x in p.passages)]
    assert len(with_text) == 73
    assert {post.author for post in posts} == {"Theme Buster", "Theme Reviewer"}
    titles = {post.title for post in posts}
    assert "Post Format: Image" in titles and "Edge Case: No Content" in titles
    assert "Markup: Title With Markup" in titles  # the <em>/<b> markup is gone
    assert not any("draft" in title.lower() or "scheduled" in title.lower() for title in titles)


def test_password_protected_post_keeps_only_its_title(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    protected = [p for p in theme_unit_test if p.title.startswith("Template: Password Protected")]
    assert len(protected) == 1
    assert protected[0].passages == []
    for post in theme_unit_test:
        for passage in post.passages:
            assert "should not be visible until the password" not in passage.text


def test_comment_threads_and_pingbacks(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    post = next(p for p in theme_unit_test if p.title == "Template: Comments")
    comments = [x for x in post.passages if x.section == Section.COMMENT]
    assert len(comments) == 19
    by_text = {x.text[:16]: x for x in comments}
    depth = [by_text[f"Comment Depth {level:02d}"] for level in range(1, 11)]
    assert depth[0].parent == ""
    for child, parent in zip(depth[1:], depth, strict=False):
        assert child.parent == parent.anchor
    assert by_text["Comment Depth 01"].author == "John Κώστας Doe Τάδε"
    assert by_text["Comment Depth 01"].date == datetime(2013, 3, 14, 7, 57, 1)
    pings = next(p for p in theme_unit_test if p.title == "Template: Pingbacks And Trackbacks")
    pingbacks = [x for x in pings.passages if x.section == Section.PINGBACK]
    assert [x.anchor for x in pingbacks] == ["pingback-1", "pingback-2", "pingback-3", "pingback-4"]
    assert pingbacks[0].author == "Ping 1 « What’s a tellyworth?"  # double escaping undone
    assert [x.author for x in pings.passages if x.section == Section.COMMENT] == ["John Doe"]


def test_no_email_or_ip_anywhere(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    raw = (WXR / "theme-unit-test-data.xml").read_text(encoding="utf-8")
    assert "themeshaperwp+demos@gmail.com" in raw
    for post in theme_unit_test:
        for passage in post.passages:
            blob = " ".join((passage.text, passage.author, passage.url))
            assert "@gmail.com" not in blob and "@example.com" not in blob
            assert "127.0.0.1" not in blob


def test_categories_tags_and_content_cleaning(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    post = next(p for p in theme_unit_test if p.title == "Post Format: Standard")
    assert post.categories == ["Classic", "Post Formats"]
    assert post.tags == ["Post Formats", "readability", "standard"]
    assert post.date == datetime(2010, 10, 5, 0, 27, 25)
    assert post.date_precision == DatePrecision.MINUTE
    assert post.url == "https://wpthemetestdata.wordpress.com/2010/10/05/post-format-standard/"
    # Block markers and shortcodes are gone, except where a post shows them as code.
    for title in ("Block: Quote", "Block: Columns", "Post Format: Gallery", "Block: Gallery"):
        block_post = next(p for p in theme_unit_test if p.title == title)
        for passage in block_post.passages:
            assert "<!--" not in passage.text and "wp:" not in passage.text
            assert "<p>" not in passage.text and "[gallery" not in passage.text
    caption = next(p for p in theme_unit_test if p.title == "Post Format: Image (Caption)")
    assert caption.passages[0].text == "Bell on wharf in San Francisco"


def test_block_quotes_are_attributed(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    post = next(p for p in theme_unit_test if p.title == "Block: Quote")
    quotes = [x for x in post.passages if x.section == Section.QUOTE]
    assert [x.anchor for x in quotes] == [f"quote-{n}" for n in range(1, len(quotes) + 1)]
    by_text = {x.text: x.author for x in quotes}
    assert by_text["Gutenberg is more than an editor."] == "The Gutenberg Team"  # <cite>
    quote_format = next(p for p in theme_unit_test if p.title == "Post Format: Quote")
    assert [x.section for x in quote_format.passages] == [Section.QUOTE]
    assert quote_format.passages[0].author == "Mark Twain"  # trailing dash line
    assert "Mark Twain" not in quote_format.passages[0].text
    markup = next(p for p in theme_unit_test if p.title == "Page Markup And Formatting")
    quotes = {x.text[:26]: x.author for x in markup.passages if x.section == Section.QUOTE}
    assert quotes == {
        "Stay hungry. Stay foolish.": "",  # nothing names a source: unattributed
        "The HTML <blockquote> Elem": "developer.mozilla.org",  # the cite= URL's host
    }


def test_rereading_gives_the_same_anchors() -> None:
    _, first, _ = read_file(WXR / "theme-unit-test-data.xml")
    _, second, _ = read_file(WXR / "theme-unit-test-data.xml")
    assert [[x.anchor for x in p.passages] for p in first] == [
        [x.anchor for x in p.passages] for p in second
    ]


def test_wxr_1_0_and_1_1() -> None:
    _, posts, _ = read_file(WXR / "valid-wxr-1.0.xml")
    assert len(posts) == 6 and {post.author for post in posts} == {"admin"}
    _, posts, _ = read_file(WXR / "small-export.xml")
    # 6 posts + 5 pages minus one draft and one private post.
    assert len(posts) == 9
    assert Counter(post.author for post in posts) == {"admin": 7, "author": 1, "editor": 1}


def test_utf8_challenges_keep_text_and_clean_names() -> None:
    _, posts, _ = read_file(WXR / "wxr-utf-8-challenges.xml")
    assert len(posts) == 1
    assert "\u200b" not in posts[0].author and "\u200c" not in posts[0].author


def test_placeholder_dates_are_unknown() -> None:
    assert parse_wp_date("0000-00-00 00:00:00", "0000-00-00 00:00:00") == (
        None,
        DatePrecision.UNKNOWN,
    )
    assert parse_wp_date("1970-01-01 00:00:00") == (None, DatePrecision.UNKNOWN)
    assert parse_wp_date("0000-00-00 00:00:00", "2011-02-03 04:05:06") == (
        datetime(2011, 2, 3, 4, 5, 6),
        DatePrecision.MINUTE,
    )


def test_truncated_file_is_reported_with_line() -> None:
    with pytest.raises(ArchiveFileError) as caught:
        read_file(WXR / "malformed-simple.xml")
    assert caught.value.line == 14
    assert "not well-formed" in caught.value.reason


def test_nested_cdata_is_recovered_with_a_warning() -> None:
    _, posts, reports = read_file(WXR / "crazy-cdata.xml")
    assert [post.title for post in posts] == ["Hello world!"]
    assert len(reports) == 1 and reports[0].line == 18 and "recovered" in reports[0].message


def _export(tmp_path: Path, prolog: str, title: str) -> Path:
    path = tmp_path / "hostile.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
        f"<title>{title}</title><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status></item></channel></rss>\n",
        encoding="utf-8",
    )
    return path


def test_external_entity_is_refused_without_reading_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = _export(tmp_path, f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>', "a &x; b")
    context = ReadContext(path, str(path))
    with pytest.raises(ArchiveFileError) as caught:
        list(WxrReader().read(context))
    assert "refused" in caught.value.reason
    assert "TOP-SECRET" not in str(caught.value)


def test_billion_laughs_is_refused_in_little_memory(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    path = _export(tmp_path, f"<!DOCTYPE rss [{''.join(levels)}]>", "&lol9;")
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveFileError):
            list(WxrReader().read(ReadContext(path, str(path))))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_sniffs_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes((WXR / "valid-wxr-1.0.xml").read_bytes())
    name, posts, _ = read_file(path)
    assert name == "wxr" and len(posts) == 6


def test_large_export_streams_in_bounded_memory(tmp_path: Path) -> None:
    item = (
        "<item><title>Post {n}</title><link>https://example.org/{n}/</link>"
        "<dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>{body}</p>]]>"
        "</content:encoded><wp:post_date>2012-01-05 14:30:46</wp:post_date>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
    )
    path = tmp_path / "large.xml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
        )
        for number in range(4000):
            handle.write(item.format(n=number, body="words " * 400))
        handle.write("</channel></rss>\n")
    assert path.stat().st_size > 8_000_000
    # libxml2's tree lives outside Python's allocator, so measure the process.
    # Without freeing read items, growth here is ~18 MB; streamed, under 1 MB.
    start = _resident_bytes()
    growth = 0
    count = 0
    for count, _post in enumerate(WxrReader().read(ReadContext(path, str(path))), 1):
        if count % 200 == 0:
            growth = max(growth, _resident_bytes() - start)
    assert count == 4000
    assert growth < 6_000_000


def _resident_bytes() -> int:
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("needs /proc to measure resident memory")
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    pytest.skip("no VmRSS in /proc/self/status")


def test_block_notes_are_not_comments() -> None:
    # WordPress 6.9 keeps editorial notes on blocks as comments of type "note": the
    # public never saw them. Since 5.5 an ordinary comment has the type "comment".
    _, posts, reports = read_file(WXR / "wxr-with-note-comments.xml")
    assert reports == []
    (page,) = posts
    assert page.author == "admin"
    assert [(p.section, p.anchor, p.text, p.author) for p in page.passages] == [
        (Section.POST, "post-1", "Note on heading 1\n\nParagraph with note 1", ""),
        (
            Section.COMMENT,
            "comment-1",
            "Comment on post Page with notes and comments",
            "admin",
        ),
    ]
    assert page.passages[1].date == datetime(2026, 3, 24, 10, 38, 26)
    assert page.passages[1].url == ""  # the (emptied) commenter URL, never the IP field


def test_embeds_show_players_not_urls(theme_unit_test: list) -> None:  # type: ignore[type-arg]
    by_title = {post.title: post for post in theme_unit_test}
    # Gutenberg embed blocks: the wrapper's URL goes, the captions stay.
    assert [p.text for p in by_title["Block category: Embeds"].passages] == [
        "This post tests various embed blocks:\n\nTwitter, wide width\n\nYouTube\n\n"
        "WordPress TV, full width"
    ]
    # Classic auto-embeds: a URL alone on its line.
    assert [p.text for p in by_title["Post Format: Video (YouTube)"].passages] == [
        "Learn more about WordPress Embeds."
    ]
    for post in theme_unit_test:
        for passage in post.passages:
            assert "https://" not in passage.text and "[embed" not in passage.text


def test_wordpress_com_export_with_undeclared_atom_prefix() -> None:
    # WordPress.com exports of 2010-2012 use atom:link in the channel without declaring
    # the prefix: not namespace-well-formed, yet nothing of a post is lost; no warning.
    name, posts, reports = read_file(WXR / "wordpress-com-1.1.xml")
    assert name == "wxr" and reports == []
    (post,) = posts
    assert (post.title, post.author, post.categories, post.tags) == (
        "Hello world!",
        "lobsterino",
        ["Uncategorized"],
        ["tag"],
    )
    assert post.url == "http://lobsterino.wordpress.com/2010/02/06/hello-world/"
    assert [(p.section, p.author, p.text) for p in post.passages] == [
        (
            Section.POST,
            "",
            "Welcome to WordPress.com. This is your first post. Edit or delete it and "
            "start blogging!",
        ),
        (
            Section.COMMENT,
            "Mr WordPress",
            "Hi, this is a comment.\nTo delete a comment, just log in, and view the posts' "
            "comments, there you will have the option to edit or delete them.",
        ),
    ]
    assert "lukenlowrey" not in " ".join(p.text + p.author + p.url for p in post.passages)


def test_undeclared_prefix_and_damage_still_warns(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    data = (WXR / "wordpress-com-1.1.xml").read_bytes()
    path.write_bytes(data[: data.index(b"<wp:comment>")])
    _, posts, reports = read_file(path)
    assert [post.title for post in posts] == ["Hello world!"]
    assert len(reports) == 1 and "recovered 1 public post(s)" in reports[0].message


@pytest.mark.parametrize("approved", ["0", "spam", "trash", "post-trashed"])
def test_unapproved_comments_are_never_indexed(tmp_path: Path, approved: str) -> None:
    path = tmp_path / "export.xml"
    data = (WXR / "wordpress-com-1.1.xml").read_text(encoding="utf-8")
    path.write_text(
        data.replace("<wp:comment_approved>1<", f"<wp:comment_approved>{approved}<"),
        encoding="utf-8",
    )
    _, posts, _ = read_file(path)
    assert [[p.section for p in post.passages] for post in posts] == [[Section.POST]]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "private"),
        ("status", "draft"),
        ("status", "pending"),
        ("status", "future"),
        ("status", "trash"),
        ("status", "inherit"),
        ("post_type", "revision"),
        ("post_type", "attachment"),
        ("post_type", "nav_menu_item"),
        ("post_type", "wp_block"),  # a reusable block: shown only inside posts
        ("post_type", "feedback"),  # Jetpack contact-form responses ("publish", private)
        ("post_type", "jetpack-portfolio"),  # custom types: not posts of the blog
    ],
)
def test_only_published_posts_and_pages(tmp_path: Path, field: str, value: str) -> None:
    path = tmp_path / "export.xml"
    original = {"status": "publish", "post_type": "post"}[field]
    data = (WXR / "wordpress-com-1.1.xml").read_text(encoding="utf-8")
    path.write_text(
        data.replace(f"<wp:{field}>{original}<", f"<wp:{field}>{value}<"), encoding="utf-8"
    )
    assert read_file(path)[1] == []


def test_language_taxonomies_are_not_categories(tmp_path: Path) -> None:
    # Polylang names a post's language and translation group as terms.
    path = tmp_path / "export.xml"
    data = (WXR / "wordpress-com-1.1.xml").read_text(encoding="utf-8")
    path.write_text(
        data.replace(
            '<category domain="post_tag"',
            '<category domain="language" nicename="en"><![CDATA[English]]></category>'
            '<category domain="post_translations" nicename="pll_5f1"><![CDATA[pll_5f1]]>'
            '</category><category domain="post_format" nicename="post-format-aside">'
            '<![CDATA[Aside]]></category><category domain="post_tag"',
        ),
        encoding="utf-8",
    )
    (post,) = read_file(path)[1]
    assert (post.categories, post.tags) == (["Uncategorized"], ["tag"])


def test_page_builder_layout_is_not_text() -> None:
    # WPBakery keeps a page's layout as shortcodes in the content; the page showed
    # the text between them.
    _, posts, reports = read_file(WXR / "page-builder.xml")
    assert reports == []
    assert [(p.section, p.text) for p in posts[0].passages[:1]] == [
        (
            Section.POST,
            "Forget about struggling to do everything at once: taking care of the family, "
            "running your business, walking your dog, cleaning the house, doing the "
            "shopping, etc.",
        )
    ]
