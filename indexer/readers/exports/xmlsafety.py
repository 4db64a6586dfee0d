"""Refusing XML that declares a DTD or entities, before any parser sees it.

Exports (WXR, Blogger's Atom) never have one, and a DTD with entities is how
external-entity (XXE) and entity-expansion ("billion laughs") files start.
"""

from __future__ import annotations

import re

from indexer.errors import ArchiveFileError
from indexer.readers.base import ReadContext

_ROOT_START_RE = re.compile(rb"<(?![?!])")


def refuse_entity_declarations(head: bytes, source: str) -> None:
    """Refuse a document whose prolog declares a DTD (XXE, entity expansion bombs)."""
    without_comments = re.sub(rb"<!--.*?-->", b"", head, flags=re.S)
    root = _ROOT_START_RE.search(without_comments)
    prolog = (without_comments if root is None else without_comments[: root.start()]).upper()
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise ArchiveFileError(
            source,
            "declares a DTD or entities; refused (archives never need them, and they "
            "are how external-entity and entity-expansion attacks work)",
            line=1,
        )


def refuse_unsafe_xml(context: ReadContext) -> None:
    """Read the file's head and refuse it if it declares a DTD or entities."""
    try:
        with context.path.open("rb") as handle:
            refuse_entity_declarations(handle.read(65536), context.source)
    except OSError as error:
        raise ArchiveFileError(context.source, f"cannot read file: {error.strerror}") from error
