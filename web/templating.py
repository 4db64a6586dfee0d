"""The Jinja2 environment: autoescape always on, and the one place markup is trusted.

Archived text and queries are hostile. Everything reaches templates as plain
text and is escaped, except highlight markup produced by the library
(``Hit.snippet`` and ``PassageView.html``), which templates pass through
``highlighted()``. Nothing else in ``web/`` creates ``Markup``.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
from starlette.templating import Jinja2Templates

TEMPLATES_DIR = Path(__file__).parent / "templates"

# The only tags the library's highlighter emits: <mark> with an optional class.
_MARK_TAG_RE = re.compile(r'</?mark(?: class="[\w -]*")?>')


def highlighted(html: str) -> Markup:
    """Trust library highlight HTML (escaped text, terms in ``<mark>``), and only that.

    Defence in depth: if anything but ``<mark>`` tags is left once those are
    removed, the string is not what the library promised, so it is escaped whole.
    """
    if "<" in _MARK_TAG_RE.sub("", html):
        return escape(html)
    return Markup(html)  # checked above: escaped text plus <mark> tags only


def safe_href(link: str | None) -> str | None:
    """An archived link usable as ``href``: only http(s), so ``javascript:`` never is."""
    if not link:
        return None
    try:
        scheme = urlsplit(link.strip()).scheme.lower()
    except ValueError:
        return None
    return link.strip() if scheme in ("http", "https") else None


def human_date(iso: str | None, precision: str = "day") -> str:
    """``2012-06-14T18:00:00`` as "June 14, 2012 at 6:00 pm" (to the stated precision)."""
    if not iso or precision == "unknown":
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    day = f"{moment:%B} {moment.day}, {moment.year}"
    if precision != "minute":
        return day
    hour = moment.hour % 12 or 12
    return f"{day} at {hour}:{moment:%M} {'am' if moment.hour < 12 else 'pm'}"


def month_name(month: str) -> str:
    """``2012-06`` as "June 2012"."""
    try:
        moment = datetime.strptime(month, "%Y-%m")
    except ValueError:
        return month
    return f"{moment:%B %Y}"


def make_templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly in tests
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates ship with the package and do not change under a running server: no
        # stat() of every template on every render (~2% of a search page's time).
        auto_reload=False,
    )
    environment.globals["highlighted"] = highlighted
    environment.filters["safe_href"] = safe_href
    environment.filters["human_date"] = human_date
    environment.filters["month_name"] = month_name
    return Jinja2Templates(env=environment)
