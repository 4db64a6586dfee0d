"""Every facet declared once: a small class per kind and the registry, ``FACETS``.

Following Datasette's ``facets.py``: each class says its name (the index field
counted and filtered, the key in results and the URL / CLI parameter), its title,
whether a passage has one value or several, whether a request selects one value
or several, whether its counts are cut to the request's ``facet_size``, and which
selections its counts ignore (its own: disjunctive faceting, so users can widen
as well as narrow). Request building (``params.py``), the search (``search.py``),
the web sidebar, toggle URLs, CLI options and OpenAPI parameters are all generated
from ``FACETS``: adding a facet is one class here plus its test (and its index
field in ``schema.py``).

A filter matches as people type: each facet says (``key``) when two values are the same
to it (authors, categories, tags and sites regardless of case and accents; a language
by code or name), and the search's facet columns hold one value per key, so what a
facet lists, its filter accepts, however it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from indexer.core.languages import language_code, language_name
from indexer.core.models import Section
from indexer.core.text import name_key
from indexer.core.urls import site_of
from indexer.errors import BadParameter

MAX_FILTER_VALUES = 50
MAX_FILTER_LENGTH = 200
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class Facet:
    """A facet over one index field; subclasses set the class attributes."""

    name: ClassVar[str]  # index field, result key, URL and CLI parameter
    title: ClassVar[str]  # heading in the sidebar
    help: ClassVar[str]  # CLI and OpenAPI description
    multi_valued: ClassVar[bool] = False  # a passage may have several values (comma list)
    single_selection: ClassVar[bool] = False  # a request selects at most one value
    limited: ClassVar[bool] = False  # counts cut to the request's facet_size, most first
    in_value_order: ClassVar[bool] = False  # listed in value order (dates), not by count
    # Other facets whose selections this facet's counts ignore (its own always are).
    also_excludes: ClassVar[tuple[str, ...]] = ()
    in_sidebar: ClassVar[bool] = True  # a list of toggle links (dates have their own block)
    always_shown: ClassVar[bool] = False  # in the sidebar even with no values

    @property
    def parameter(self) -> str:
        return self.name

    @property
    def excludes(self) -> tuple[str, ...]:
        return (self.name, *self.also_excludes)

    def check(self, value: str) -> str:
        """The value as stored in the index; raises ``BadParameter`` saying why not."""
        return value

    # Whether stored values can differ and still be one key (the search then merges them).
    merges_spellings: ClassVar[bool] = False

    def key(self, value: str) -> str:
        """What the filter compares: values with one key are one value to people."""
        return value

    def value_schema(self) -> dict[str, Any]:
        """JSON Schema of one selected value (the OpenAPI parameters)."""
        return {"type": "string", "maxLength": MAX_FILTER_LENGTH}

    def label(self, value: str) -> str:
        """How a value is shown to people."""
        return value

    def to_json(self, selected: tuple[str, ...]) -> Any:
        """The selection in the JSON contract's ``filters``: a list, or one value or null."""
        if self.single_selection:
            return selected[0] if selected else None
        return list(selected)

    def select(self, raw: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Validated, deduplicated selected values, in the order given."""
        values = tuple(dict.fromkeys(value.strip() for value in raw if value.strip()))
        limit = 1 if self.single_selection else MAX_FILTER_VALUES
        if len(values) > limit:
            raise BadParameter(
                f"{self.name} takes one value, not {len(values)}"
                if self.single_selection
                else f"at most {MAX_FILTER_VALUES} {self.name} values can be selected"
            )
        for value in values:
            if len(value) > MAX_FILTER_LENGTH:
                raise BadParameter(
                    f"{self.name} value is too long (over {MAX_FILTER_LENGTH} characters)"
                )
        return tuple(self.check(value) for value in values)


class SectionFacet(Facet):
    name = "section"
    title = "Section"
    help = "Only passages of this section: post, quote, comment or pingback."
    always_shown = True
    LABELS: ClassVar[dict[str, str]] = {str(section): section.title() for section in Section}

    def check(self, value: str) -> str:
        if value not in self.LABELS:
            raise BadParameter(
                f"section must be one of {', '.join(sorted(self.LABELS))}, not {value[:40]!r}"
            )
        return value

    def label(self, value: str) -> str:
        return self.LABELS.get(value, value)

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.LABELS)}


class FoldedFacet(Facet):
    """A facet of names people type: case, accents and spacing do not matter."""

    merges_spellings = True

    def key(self, value: str) -> str:
        return name_key(value)


class AuthorFacet(FoldedFacet):
    name = "author"
    title = "Author"
    help = "Only passages by this author."
    limited = True
    always_shown = True


class CategoryFacet(FoldedFacet):
    name = "category"
    title = "Category"
    help = "Only posts in this category."
    multi_valued = True
    limited = True


class TagFacet(FoldedFacet):
    name = "tag"
    title = "Tag"
    help = "Only posts with this tag."
    multi_valued = True
    limited = True


class SiteFacet(FoldedFacet):
    """The blog a post belongs to (``core/urls.post_site``): a host such as ``example.org``,
    or the name of the folder a file without one was in."""

    name = "site"
    title = "Site"
    help = "Only passages from this site: a host name such as example.org, or a link to it."
    limited = True

    def key(self, value: str) -> str:
        return super().key(site_of(value) or value.strip().removeprefix("www."))


class LanguageFacet(Facet):
    """The passage's language (an ISO 639 code), as the indexer detected it; a code or
    an English name selects it, its name shows it."""

    name = "language"
    title = "Language"
    help = "Only passages in this language: a code such as en or a name such as German."

    def check(self, value: str) -> str:
        code = language_code(value)
        if code is None:
            raise BadParameter(
                f"language must be a code such as en or de, or a name such as German, "
                f"not {value[:40]!r}"
            )
        return code

    def key(self, value: str) -> str:
        return language_code(value) or value

    def label(self, value: str) -> str:
        return language_name(language_code(value) or value)

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": 40}


class DateFacet(Facet):
    """Passages per year; a selected year drills down to its months (``MonthFacet``).
    The date range (``from`` / ``to``) is ``DATE_RANGE`` below."""

    name = "year"
    title = "Date"
    help = "Only passages from this year (YYYY)."
    single_selection = True
    in_value_order = True
    also_excludes = ("month",)  # years stay listed while a month is selected
    in_sidebar = False

    def check(self, value: str) -> str:
        # Four digits: "12" is refused, never read as the year 12.
        if not (len(value) == 4 and value.isascii() and value.isdigit()) or value == "0000":
            raise BadParameter(f"year must be four digits (YYYY, e.g. 2012), not {value[:40]!r}")
        return value

    def to_json(self, selected: tuple[str, ...]) -> Any:
        return int(selected[0]) if selected else None

    def value_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1000, "maximum": 9999}


class MonthFacet(Facet):
    """The drill-down of ``DateFacet``: months of the selected year."""

    name = "month"
    title = "Month"
    help = "Only passages from this month (YYYY-MM)."
    single_selection = True
    in_value_order = True
    in_sidebar = False

    def check(self, value: str) -> str:
        match = _MONTH_RE.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise BadParameter(f"month must be YYYY-MM (e.g. 2012-06), not {value[:40]!r}")
        return value

    def value_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}


# In sidebar order.
FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        SectionFacet(),
        AuthorFacet(),
        SiteFacet(),
        CategoryFacet(),
        TagFacet(),
        LanguageFacet(),
        DateFacet(),
        MonthFacet(),
    )
}


@dataclass(frozen=True)
class DateBound:
    """One end of the date range: a YYYY, YYYY-MM or YYYY-MM-DD date, inclusive."""

    parameter: str  # URL, API and CLI parameter
    keyword: str  # build_request's keyword, SearchRequest's attribute
    end: bool  # a month or year as a bound means its last day
    help: str


class DateRange:
    """The date range filter, declared once beside the facets: the page's form, URLs,
    chips, the API, its OpenAPI parameters and the CLI's options come from it."""

    bounds = (
        DateBound("from", "date_from", False, "From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        DateBound("to", "date_to", True, "Up to this date, inclusive (YYYY, YYYY-MM, YYYY-MM-DD)."),
    )
    parameters = tuple(bound.parameter for bound in bounds)

    def bound(self, parameter: str) -> DateBound:
        return next(bound for bound in self.bounds if bound.parameter == parameter)


DATE_RANGE = DateRange()
