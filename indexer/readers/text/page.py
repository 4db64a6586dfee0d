"""Reader for blog pages saved as plain text (the WordPress "save as text" family).

The layout, as browsers and WordPress.com themes produce it::

    <title line>
    <date line: "14 Jun", "14 Jun 2012" or "June 14, 2012">     (optional)
    <body paragraphs; a quoted paragraph followed by one "– name" line is a quote>
    <N Responses to "<title>">                                   (optional)
      1. <author> <Month D, YYYY> at <H:MM pm> #                 (comments)
        <indented text>
      1. <linking post title> | <site> - <Month D, YYYY>         (pingbacks)
        <indented excerpt>
    Leave a Reply ... (WordPress footer: never indexed)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from indexer.core.dates import DAY_MONTH_YEAR, TIME_OF_DAY, has_year, parse_english_date
from indexer.core.models import DatePrecision, Passage, Post, Section
from indexer.core.text import clean_name, decode_bytes, normalize
from indexer.errors import ArchiveFileError
from indexer.readers.base import ArchiveReader, ReadContext
from indexer.readers.names import commenter_name
from indexer.readers.text.body import paragraphs_of, split_body
from indexer.readers.text.furniture import is_widget
from indexer.readers.text.render import parse_rendered_page

_DATE_LINE_RE = re.compile(rf"^\s*(?:on\s+|posted\s+(?:on\s+)?)?{DAY_MONTH_YEAR}\s*$", re.I)
_ITEM_RE = re.compile(r"^(?P<indent>[ \t]{0,8})(?P<number>\d{1,5})\.\s+(?P<header>\S.*?)\s*$")
_COMMENT_HEADER_RE = re.compile(
    rf"^(?P<author>.+?)\s+(?:says:?\s+|said:?\s+|on\s+)?(?P<date>{DAY_MONTH_YEAR})"
    rf"(?:,?\s+(?:at\s+)?(?P<time>{TIME_OF_DAY}))?\s*(?:#|¶|Reply|Permalink)?\s*$",
    re.I,
)
_PINGBACK_HEADER_RE = re.compile(
    rf"^(?P<title>.+?)(?:\s+\|\s+(?P<site>[^|]+?))?\s+[-–—]\s+(?P<date>{DAY_MONTH_YEAR})\s*$",
    re.I,
)
_NUMBER_WORDS = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_RESPONSES_RE = re.compile(
    rf"^\s*(?P<count>{_NUMBER_WORDS})\s+(?:responses?|comments?|replies|reply|thoughts?|"
    r"trackbacks?|pingbacks?)(?:\s+(?:to|on)\b.*)?\s*$",
    re.I,
)
_WORD_NUMBERS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Lines that start WordPress page furniture: nothing from here on is content.
_FOOTER_RE = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|fill in your details below|you are commenting using|"
    r"connecting to %s|%d bloggers like this|notify me of (?:new|follow-up)|"
    r"post was not sent|comments are closed\.?$|share this:?$|like this:?$|"
    r"loading\.\.\.$|rate this:?$|related$)",
    re.I,
)
# The comment form: after it, nothing of the page is content.
_FORM_RE = re.compile(r"^\s*(?:leave a (?:reply|comment)|fill in your details below)", re.I)
_MAX_WIDGET_LINES = 5  # the saved-post layout has no menus or forms
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/")
_LINK_RE = re.compile(r"https?://[^\s/]+/\S*")


@dataclass
class _Item:
    """A numbered response (comment or pingback) while it is being collected."""

    number: int
    header: str
    line: int
    body_lines: list[str] = field(default_factory=list)


class TextPageReader(ArchiveReader):
    name = "text-page"

    def sniff(self, head: bytes, path: Path) -> bool:
        if b"\x00" in head or path.suffix.lower() in {".html", ".htm", ".xml", ".xhtml"}:
            return False
        text, _ = decode_bytes(head)
        first = text.lstrip()[:1]
        if first == "<":  # HTML or XML, whatever the extension says
            return False
        return sum(1 for line in text.splitlines() if line.strip()) >= 2

    def read(self, context: ReadContext) -> Iterator[Post]:
        try:
            data = context.path.read_bytes()
        except OSError as error:
            raise ArchiveFileError(context.source, f"cannot read file: {error.strerror}") from error
        if b"\x00" in data:
            raise ArchiveFileError(context.source, "binary data, not a saved text page")
        text, warning = decode_bytes(data)
        if warning:
            context.warn(warning)
        yield parse_text_page(normalize(text), context)


def parse_text_page(text: str, context: ReadContext) -> Post:
    lines = text.split("\n")
    index = _skip_blank(lines, 0)
    if index >= len(lines):
        raise ArchiveFileError(context.source, "empty file: no title line", line=1)
    second = _skip_blank(lines, index + 1)
    if (
        second >= len(lines)
        or not _DATE_LINE_RE.match(lines[second])
        or sum(1 for line in lines if is_widget(line)) >= _MAX_WIDGET_LINES
    ):
        # Not the saved-post layout (title, date line, text): a whole web page rendered
        # as text, with its menus, buttons and forms.
        return parse_rendered_page(lines, context)
    title = lines[index].strip()
    index = _skip_blank(lines, index + 1)

    date_text = ""
    if index < len(lines) and _DATE_LINE_RE.match(lines[index]):
        date_text = lines[index].strip()
        index += 1

    body_end, items_start, announced = _find_responses(lines, index, context)
    items = _collect_items(lines, items_start) if items_start is not None else []
    if announced and not items:
        # Responses announced in another layout than the sample's ("1. Name" / date /
        # text, as w3m renders a WordPress list): a whole web page after all.
        return parse_rendered_page(lines, context)

    post = Post(title=title, source=context.source)
    comments, pingbacks = _build_responses(items, context)
    post.date, post.date_precision = _post_date(date_text, comments + pingbacks, context)
    post.site = _permalink(pingbacks, post.date)
    post.passages.extend(split_body(lines[index:body_end], post.date))
    post.passages.extend(comments)
    post.passages.extend(pingbacks)
    if announced is not None and announced != len(items):
        context.warn(
            f"the page announces {announced} responses but {len(items)} are present "
            f"({len(comments)} comments, {len(pingbacks)} pingbacks); indexed what is present",
        )
    return post


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _find_responses(
    lines: list[str], start: int, context: ReadContext
) -> tuple[int, int | None, int | None]:
    """Where the body ends, where numbered responses start, and the announced count.

    The body ends at the first furniture line ("Share this:", "Leave a Reply"),
    responses header or numbered response; the responses may still follow
    furniture such as share buttons, so the search for them goes on until the
    comment form ("Leave a Reply").
    """
    body_end: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        match = _RESPONSES_RE.match(line)
        if match:
            word = match.group("count").lower()
            announced = int(word) if word.isdigit() else _WORD_NUMBERS[word]
            return index if body_end is None else body_end, index + 1, announced
        item = _ITEM_RE.match(line)
        if item and item.group("indent") and _classify(item.group("header")) is not None:
            return index if body_end is None else body_end, index, None
        if _FOOTER_RE.match(line):
            if body_end is None:
                body_end = index
            if _FORM_RE.match(line):
                break
    return len(lines) if body_end is None else body_end, None, None


def _collect_items(lines: list[str], start: int) -> list[_Item]:
    items: list[_Item] = []
    for index in range(start, len(lines)):
        line = lines[index]
        match = _ITEM_RE.match(line)
        if match and _classify(match.group("header")) is not None:
            items.append(_Item(int(match.group("number")), match.group("header"), index + 1))
            continue
        if line.strip() and not line[:1].isspace():
            break  # an unindented line after the responses: page furniture begins
        if items:
            items[-1].body_lines.append(line)
    return items


def _classify(header: str) -> str | None:
    if _COMMENT_HEADER_RE.match(header) and re.search(TIME_OF_DAY, header):
        return "comment"
    if _PINGBACK_HEADER_RE.match(header):
        return "pingback"
    return None


def _item_text(body_lines: list[str]) -> str:
    """Dedented paragraphs: blank lines separate paragraphs, other breaks are kept."""
    return "\n\n".join(paragraphs_of([line.strip() for line in body_lines]))


def _build_responses(
    items: list[_Item], context: ReadContext
) -> tuple[list[Passage], list[Passage]]:
    comments: list[Passage] = []
    pingbacks: list[Passage] = []
    previous_number = 0
    in_pingbacks = False
    for item in items:
        # Numbering restarts at 1 where the pingback list begins.
        if item.number <= previous_number and comments:
            in_pingbacks = True
        previous_number = item.number
        comment = _COMMENT_HEADER_RE.match(item.header)
        text = _item_text(item.body_lines)
        if comment and re.search(TIME_OF_DAY, item.header) and not in_pingbacks:
            moment_text = f"{comment.group('date')} {comment.group('time') or ''}"
            moment = parse_english_date(moment_text) if has_year(moment_text) else None
            if moment is None:
                context.warn(f"comment date not understood: {moment_text.strip()!r}", item.line)
            comments.append(
                Passage(
                    section=Section.COMMENT,
                    anchor=f"comment-{len(comments) + 1}",
                    text=text,
                    author=commenter_name(comment.group("author")),
                    date=moment,
                    date_precision=DatePrecision.MINUTE if moment else DatePrecision.UNKNOWN,
                )
            )
            continue
        pingback = _PINGBACK_HEADER_RE.match(item.header)
        if pingback is None:
            context.warn(f"response header not understood: {item.header!r}", item.line)
            continue
        link_title = pingback.group("title").strip()
        site = clean_name(pingback.group("site") or link_title)
        date_text = pingback.group("date")
        moment = parse_english_date(date_text) if has_year(date_text) else None
        pingbacks.append(
            Passage(
                section=Section.PINGBACK,
                anchor=f"pingback-{len(pingbacks) + 1}",
                text=f"{link_title}\n\n{text}" if text else link_title,
                author=site,
                date=moment,
                date_precision=DatePrecision.DAY if moment else DatePrecision.UNKNOWN,
                title=link_title,
            )
        )
    return comments, pingbacks


def _permalink(pingbacks: list[Passage], date: datetime | None) -> str:
    """A link to this post that a pingback quotes (its /YYYY/MM/DD/ is the post's day):
    a saved text page names its blog nowhere else."""
    if date is None:
        return ""
    for passage in pingbacks:
        for link in _LINK_RE.findall(passage.text):
            found = _URL_DATE_RE.search(link)
            if found and tuple(map(int, found.groups())) == (date.year, date.month, date.day):
                return str(link)
    return ""


def _post_date(
    date_text: str, responses: list[Passage], context: ReadContext
) -> tuple[datetime | None, DatePrecision]:
    """The post's date; a missing year is inferred from links and response dates."""
    if not date_text:
        return None, DatePrecision.UNKNOWN
    if has_year(date_text):
        parsed = parse_english_date(date_text)
        return parsed, DatePrecision.DAY if parsed else DatePrecision.UNKNOWN
    partial = parse_english_date(date_text)  # year 1900 stands for "unknown"
    if partial is None:
        context.warn(f"post date not understood: {date_text!r}")
        return None, DatePrecision.UNKNOWN
    # Strongest evidence: a permalink of this post (/YYYY/MM/DD/) quoted in a pingback.
    for passage in responses:
        for year, month, day in _URL_DATE_RE.findall(passage.text):
            if (int(month), int(day)) == (partial.month, partial.day):
                return partial.replace(year=int(year)), DatePrecision.DAY
    dated = sorted(passage.date for passage in responses if passage.date is not None)
    path_year = re.search(r"(?:^|/)((?:19|20)\d\d)/", context.source)
    if dated:
        first = dated[0]
        year = (
            first.year
            if (partial.month, partial.day) <= (first.month, first.day)
            else (first.year - 1)
        )
        return partial.replace(year=year), DatePrecision.DAY
    if path_year:
        return partial.replace(year=int(path_year.group(1))), DatePrecision.DAY
    context.warn(f"post date {date_text!r} has no year and none could be inferred")
    return None, DatePrecision.UNKNOWN
