"""Frames a saved page holds inline. SingleFile writes each frame's document into the
iframe's ``srcdoc`` attribute (gildas-lormeau/single-file-core,
``test/capture/frame-src-attribute.js``), so a comment system that renders inside a frame
(Disqus, Vuukle, Facebook's comments plugin) is on the saved page after all.

The frame document's body takes the iframe's place and is read like the page around it:
parsed as HTML, data only (its scripts, styles and templates go with the page's, nothing
runs); its head (title, meta, JSON-LD) is the frame's, never the page's. The attribute's
value is itself HTML, so text escaped inside the frame stays text (``&lt;script&gt;``)."""

from __future__ import annotations

import lxml.html
from lxml import etree

_DEEPEST = 3  # frames inside frames inside frames: SingleFile nests them
_LONGEST = 5_000_000  # characters of one frame document read


def inline_frames(root: etree._Element, depth: int = 0) -> None:
    """Replace each iframe holding a ``srcdoc`` document by a ``div`` with that
    document's body, frames inside it first."""
    for frame in list(root.iter("iframe")):
        body = _frame_body(frame.get("srcdoc") or "")
        parent = frame.getparent()
        if body is None or parent is None:
            continue
        if depth + 1 < _DEEPEST:
            inline_frames(body, depth + 1)
        box = etree.Element("div", {"data-frame": "srcdoc"})
        box.text = body.text
        box.extend(list(body))
        box.tail = frame.tail
        parent.replace(frame, box)


def _frame_body(document: str) -> etree._Element | None:
    if not document.strip():
        return None
    try:
        frame = lxml.html.document_fromstring(document[:_LONGEST])
    except (etree.ParserError, ValueError):
        return None
    return frame.find("body")
