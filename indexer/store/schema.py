"""The Whoosh schema, and a post's passages as Whoosh documents.

Every field that is faceted or sorted on is a sortable column (no per-searcher
warm-up).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from whoosh import fields

from indexer.analysis.analyzers import (
    LanguageText,
    name_analyzer,
    spelling_analyzer,
    text_analyzer,
    text_tokens,
)
from indexer.analysis.language import passage_languages, post_language
from indexer.core.dates import offset_text
from indexer.core.models import Passage, Post, Section
from indexer.core.urls import address_keys, post_site

# Bump when the schema, the analyzers or what readers produce changes: an index
# built with another version is rebuilt instead of mixed (see indexing.py).
# 2: no character offsets; ArchiveCodec. 3: spell holds each word once per indexing run.
# 4: language (the facet). 5: capture times of web archives (captured, post_capture*).
# 6: per-passage language detected from the text, its stemming; CJK bigrams.
# 7: combining marks inside words; Greek, Hebrew, Arabic marks and "ß" folded; Thai,
# Lao, Myanmar and Khmer as bigrams; 8: address (a pasted link finds its post).
# 9: the codec and analyzer classes pickled into the index moved (indexer/store/,
# indexer/analysis/): an index naming the old module paths is rebuilt, with no shim.
# 10: site (the facet: the blog a post belongs to); a post with too little body to tell
# its language is read with its other passages; symbols alone (zxx) undetermined.
# 11: stems from PyStemmer (Snowball's C build): a few words' stems differ from Whoosh's
# port (Latin words in Russian passages above all; tests/test_stemmer_equality.py);
# spelling variants: compounds' joined forms ("e-mail" -> "email"), German ae/oe/ue.
# 12: times as the source shows them (no conversion to UTC) and their UTC offsets
# (utc_offset, post_utc_offset); commenters' names without page furniture.
SCHEMA_VERSION = 12
UNKNOWN_DATE_KEY = -(2**62)  # sorts before every real date


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        post_id=fields.ID(stored=True, sortable=True),
        post_title=fields.STORED(),
        # The title is searchable on the post's first passage only: on every passage
        # it would make a title word match each comment of the post.
        title_words=fields.TEXT(analyzer=text_analyzer()),
        post_url=fields.STORED(),
        post_date=fields.STORED(),
        post_date_precision=fields.STORED(),
        post_utc_offset=fields.STORED(),
        post_author=fields.STORED(),
        section=fields.ID(stored=True, sortable=True),
        author=fields.ID(stored=True, sortable=True),
        author_words=fields.TEXT(analyzer=name_analyzer()),
        # The blog the post belongs to (core/urls.post_site): a host, or a folder's name.
        site=fields.ID(stored=True, sortable=True),
        # Detected from the text (language.py); decides the passage's stemming.
        language=fields.ID(stored=True, sortable=True),
        date=fields.STORED(),
        date_precision=fields.STORED(),
        # "+02:00" where the source states the offset of its time, else "" (core/dates.py).
        utc_offset=fields.STORED(),
        date_key=_column_only(fields.NUMERIC(numtype=int, bits=64, signed=True, sortable=True)),
        year=fields.ID(sortable=True),
        month=fields.ID(sortable=True),
        category=fields.KEYWORD(stored=True, commas=True, scorable=False),
        tag=fields.KEYWORD(stored=True, commas=True, scorable=False),
        anchor=fields.STORED(),
        title=fields.STORED(),
        parent=fields.STORED(),
        url=fields.STORED(),
        # Positions (for phrases) but no character offsets: snippets re-find the words
        # with analysis.index_term, cheaper than storing offsets for every posting.
        text=fields.TEXT(stored=True, analyzer=text_analyzer()),
        spell=_unscored(fields.TEXT(analyzer=spelling_analyzer(), phrase=False)),
        position=_column_only(fields.NUMERIC(numtype=int, stored=True, sortable=True)),
        source=fields.ID(stored=True),
        # Web archives: when the crawler saw the passage, and the post's capture.
        captured=fields.STORED(),
        post_captured=fields.STORED(),
        post_capture_url=fields.STORED(),
        # Web addresses (addresses.address_key) of the post and the passage: a pasted
        # link finds its post. Looked up, never scored.
        address=fields.KEYWORD(scorable=False),
    )


def _column_only(field: Any) -> Any:
    """A number read from its column only (filters and sorts are arrays): no terms.
    Whoosh indexes a NUMERIC as one term per 4 bits for range queries we never run:
    16 terms per passage for a date, 8 for a position, a quarter of all postings."""
    field.indexed = False
    return field


def _unscored(field: Any) -> Any:
    """A field only looked up (never scored): no per-document length column."""
    field.scorable = False
    return field


def spelling_words(text: str, seen: set[str] | None = None) -> str:
    """The passage's words for the "did you mean" vocabulary, each once.

    The vocabulary only needs to know that a word exists (its frequency comes from the
    ``text`` field), so with ``seen`` (the words an indexing run already wrote) a word
    is written once per run, not once per passage: half of all postings otherwise.
    """
    words = dict.fromkeys(map(str.lower, text_tokens(text)))  # no match objects
    if seen is None:
        return " ".join(words)
    new = [word for word in words if word not in seen]
    seen.update(new)
    return " ".join(new)


def date_key(moment: datetime | None) -> int:
    """Minutes since 1970 (negative before): one comparable integer per passage."""
    if moment is None:
        return UNKNOWN_DATE_KEY
    return int((moment - datetime(1970, 1, 1)).total_seconds() // 60)


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="minutes") if moment else ""


def _iso_seconds(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def passage_id(post_id: str, anchor: str) -> str:
    return f"{post_id}#{anchor}"


def documents_for_post(post: Post, spelled: set[str] | None = None) -> list[dict[str, Any]]:
    """One Whoosh document per passage, in page order."""
    post_id = post.post_id
    common = {
        "post_id": post_id,
        "post_title": post.title,
        "post_url": post.url,
        "post_date": _iso(post.date),
        "post_date_precision": str(post.date_precision),
        "post_utc_offset": offset_text(post.utc_offset),
        "post_author": post.author,
        "category": ",".join(value.replace(",", " ") for value in post.categories),
        "tag": ",".join(value.replace(",", " ") for value in post.tags),
        "source": post.source,
        "post_captured": _iso_seconds(post.captured),
        "post_capture_url": post.capture_url,
        "site": post_site(post.site, post.url, post.capture_url, post.source),
    }
    documents = []
    passages = _with_title_passage(post)
    language = post_language(
        post.title,
        (part.text for part in passages if part.section == Section.POST),
        (part.text for part in passages if part.section != Section.POST),
    )
    # A language set on the passage is trusted (a caller that knows); readers leave it
    # empty, as a page's declared language is often wrong: detected then, in one batch.
    undeclared = [part.text for part in passages if not part.language]
    detected = iter(passage_languages(undeclared, language))
    for position, passage in enumerate(passages, start=1):
        passage_lang = passage.language or next(detected)
        moment = passage.date
        # Body parts are the post author's words, whatever the reader filled in.
        author = passage.author or (post.author if passage.section == Section.POST else "")
        documents.append(
            {
                **common,
                "id": passage_id(post_id, passage.anchor),
                "section": str(passage.section),
                "author": author,
                "author_words": author,
                "date": _iso(moment),
                "date_precision": str(passage.date_precision),
                "utc_offset": offset_text(_offset(passage, post)),
                "date_key": date_key(moment),
                "year": f"{moment.year:04d}" if moment else "",
                "month": f"{moment.year:04d}-{moment.month:02d}" if moment else "",
                "anchor": passage.anchor,
                "title": passage.title,
                "parent": passage.parent,
                "url": passage.url,
                "language": passage_lang,
                # Indexed in the passage's language, stored as written.
                "title_words": LanguageText(post.title if position == 1 else "", language),
                "text": LanguageText(passage.text, passage_lang),
                "_stored_text": passage.text,
                "spell": spelling_words(
                    f"{post.title}\n{passage.text}" if position == 1 else passage.text, spelled
                ),
                "position": position,
                "captured": _iso_seconds(passage.captured),
                "address": address_keys((post.url, post.capture_url, passage.url)),
            }
        )
    return documents


def _offset(passage: Passage, post: Post) -> int | None:
    """A passage's own offset; a body part dated with its post has the post's."""
    if passage.utc_offset is not None or passage.date != post.date:
        return passage.utc_offset
    return post.utc_offset


def _with_title_passage(post: Post) -> list[Passage]:
    """A post with no passages (empty or protected body) is still findable by title."""
    if post.passages:
        return post.passages
    return [
        Passage(
            section=Section.POST,
            anchor="post-1",
            text="",
            author=post.author,
            date=post.date,
            date_precision=post.date_precision,
        )
    ]
