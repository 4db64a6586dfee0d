"""A deterministic synthetic blog archive, shaped like the sample page.

Each post is generated from its own seeded ``random.Random`` (seed, post number),
so any post can be regenerated alone (the one-file update rewrites one post with
an extra comment) and the archive is streamed to disk one file at a time: a
million passages never sit in memory.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tests.benchmark.vocabulary import Zipf, name_distribution, word_distribution

VOCABULARY_SIZE = 40_000
COMMENTERS = 5_000
BLOGS = 40
WXR_SHARE = 0.2  # posts that go into WordPress exports instead of text pages
POSTS_PER_WXR_FILE = 100
FIRST_DAY = datetime(2010, 1, 1)
DAYS = 15 * 365
CATEGORIES = ("politics", "work", "media", "health", "law", "culture", "notes", "events")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Comment:
    author: str
    moment: datetime
    paragraphs: list[str]


@dataclass
class Pingback:
    title: str
    site: str
    moment: datetime
    excerpt: str


@dataclass
class Quote:
    text: str
    attribution: str


@dataclass
class GeneratedPost:
    number: int
    blog: int
    title: str
    author: str
    moment: datetime
    body: list[str | Quote]  # paragraphs, with quotes among them
    comments: list[Comment] = field(default_factory=list)
    pingbacks: list[Pingback] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def in_wxr(self) -> bool:
        return (self.number % 100) < WXR_SHARE * 100

    @property
    def passage_count(self) -> int:
        """Body parts (a quote splits the body) + quotes + comments + pingbacks."""
        parts, in_part = 0, False
        for block in self.body:
            if isinstance(block, Quote):
                parts, in_part = parts + 1, False
            elif not in_part:
                parts, in_part = parts + 1, True
        return parts + len(self.comments) + len(self.pingbacks)


class Generator:
    """Posts of one archive: ``post(number)`` is a pure function of (seed, number)."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.words: Zipf = word_distribution(VOCABULARY_SIZE, seed)
        self.commenters: Zipf = name_distribution(COMMENTERS, seed)
        self.quoted: Zipf = name_distribution(300, seed + 1)
        self.sites: Zipf = name_distribution(400, seed + 2)
        self.tags: Zipf = Zipf.over(list(word_distribution(VOCABULARY_SIZE, seed).items[200:700]))

    def sentence(self, generator: random.Random, low: int = 6, high: int = 24) -> str:
        words = self.words.sample(generator, generator.randint(low, high))
        return " ".join(words).capitalize() + generator.choice(".........?!")

    def paragraph(self, generator: random.Random, low: int = 2, high: int = 6) -> str:
        text = " ".join(self.sentence(generator) for _ in range(generator.randint(low, high)))
        # A short paragraph ending in "?" or "!" would read as a heading (a new body part).
        return text[:-1] + "."

    def post(self, number: int) -> GeneratedPost:
        generator = random.Random(f"post:{self.seed}:{number}")
        blog = number % BLOGS
        moment = FIRST_DAY + timedelta(
            days=generator.randrange(DAYS), minutes=generator.randrange(24 * 60)
        )
        # The post number makes titles unique (two posts of one day never merge).
        title = f"{self.sentence(generator, 3, 8).rstrip('.?!')} {number}"
        body: list[str | Quote] = [
            self.paragraph(generator) for _ in range(generator.randint(5, 15))
        ]
        for _ in range(generator.choice((0, 0, 1, 1, 1, 2))):
            quote = Quote(f"“{self.paragraph(generator, 1, 4)}”", self.quoted.one(generator))
            body.insert(generator.randint(1, len(body) - 1), quote)
        # Most posts get few comments, a few get many (0-60).
        comment_count = int(61 * generator.random() ** 2.2)
        comments, when = [], moment
        for _ in range(comment_count):
            when += timedelta(minutes=int(generator.expovariate(1 / 600)) + 1)
            paragraphs = [
                self.paragraph(generator, 1, 4) for _ in range(generator.choice((1, 1, 1, 2, 3)))
            ]
            comments.append(Comment(self.commenters.one(generator), when, paragraphs))
        pingbacks = [
            Pingback(
                self.sentence(generator, 3, 7).rstrip(".?!"),
                self.sites.one(generator),
                moment + timedelta(days=generator.randrange(1, 400)),
                self.sentence(generator),
            )
            for _ in range(generator.choice((0, 0, 0, 1, 1, 2, 3, 4, 5)))
        ]
        categories = sorted(set(generator.sample(CATEGORIES, generator.randint(1, 2))))
        tags = sorted(set(self.tags.sample(generator, generator.randint(0, 4))))
        author = f"author{blog:02d}-{generator.randrange(3)}"
        return GeneratedPost(
            number, blog, title, author, moment, body, comments, pingbacks, categories, tags
        )

    def posts_for(self, passages: int) -> Iterator[GeneratedPost]:
        """Posts until at least ``passages`` passages are generated."""
        total, number = 0, 0
        while total < passages:
            post = self.post(number)
            total += post.passage_count
            number += 1
            yield post


def english_date(moment: datetime) -> str:
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def text_page(post: GeneratedPost) -> str:
    """The post as a saved text page (the sample's layout, footer included)."""
    lines = [
        post.title,
        "",
        f"{post.moment.day} {MONTHS[post.moment.month - 1][:3]} {post.moment.year}",
        "",
    ]
    for block in post.body:
        if isinstance(block, Quote):
            lines += [block.text, "", f"–  {block.attribution}", ""]
        else:
            lines += [block, ""]
    if post.comments or post.pingbacks:
        count = len(post.comments) + len(post.pingbacks)
        lines += [f"{count} Responses to “{post.title}”", ""]
    for number, comment in enumerate(post.comments, start=1):
        lines += [
            f"  {number}. {comment.author} {english_date(comment.moment)} at "
            f"{clock(comment.moment)} #",
            "",
        ]
        for paragraph in comment.paragraphs:
            lines += [f"    {paragraph}", ""]
    for number, pingback in enumerate(post.pingbacks, start=1):
        header = f"  {number}. {pingback.title} | {pingback.site} - {english_date(pingback.moment)}"
        lines += [header, "", f"    […] {pingback.excerpt} […]", ""]
    lines += ["Leave a Reply", "", "%d bloggers like this:", ""]
    return "\n".join(lines)


def text_page_path(root: Path, post: GeneratedPost) -> Path:
    return root / f"blog-{post.blog:02d}" / f"{post.moment.year}" / f"post-{post.number:07d}.txt"
