"""Errata of the annotations, each proven by the saved page (``errata.toml``).

The headline rates stay as annotated; a rate an erratum touches is reported a second
time "with the errata applied". An erratum is refused, and the eval stops, when its
evidence is not quoted verbatim from the page or the annotation no longer says what the
erratum corrects: a stale or unproven erratum would flatter the figures.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.eval.model import Annotation

ERRATA = Path(__file__).with_name("errata.toml")
FIELDS = ("title", "date", "author")


@dataclass(frozen=True)
class Erratum:
    page: str
    field: str  # one of FIELDS
    annotated: str
    page_says: str
    why: str
    evidence: tuple[str, ...]


class ErratumRefused(ValueError):
    """An erratum the page does not prove, or that no longer matches the annotation."""


def load_errata(
    pages: tuple[Annotation, ...], page_html: Callable[[Annotation], str], path: Path = ERRATA
) -> dict[str, dict[str, str]]:
    """``{page name: {field: what the page says}}`` for the errata of these ``pages``,
    each checked against the page (``page_html``: its saved markup) and its annotation."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_name = {page.name: page for page in pages}
    corrected: dict[str, dict[str, str]] = {}
    for entry in data.get("erratum", []):
        erratum = Erratum(
            page=entry["page"],
            field=entry["field"],
            annotated=entry["annotated"],
            page_says=entry["page_says"],
            why=entry["why"],
            evidence=tuple(entry["evidence"]),
        )
        page = by_name.get(erratum.page)
        if page is None:
            continue  # not in this run (a --pages or smoke run)
        where = f"{path.name}: erratum {erratum.page} {erratum.field}"
        if erratum.field not in FIELDS:
            raise ErratumRefused(f"{where}: field must be one of {', '.join(FIELDS)}")
        if getattr(page, erratum.field) != erratum.annotated:
            raise ErratumRefused(
                f"{where}: the annotation says {getattr(page, erratum.field)!r}, not "
                f"{erratum.annotated!r}; update or remove the erratum"
            )
        markup = page_html(page)
        unproven = [quote for quote in erratum.evidence if quote not in markup]
        if not erratum.evidence or unproven:
            raise ErratumRefused(
                f"{where}: evidence not quoted verbatim from the page: {unproven or 'none given'}"
            )
        corrected.setdefault(erratum.page, {})[erratum.field] = erratum.page_says
    return corrected
