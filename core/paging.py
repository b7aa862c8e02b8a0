"""Lists read a page at a time (docs/architecture.md, "Lists that grow"): the pages and the API.

- `paginate` gives one page of a list, in an order no two rows share (`stable`), so that no
  row is on two pages or on none; a page number past the end gives the last page and anything
  else that is not a number the first (Django's `Paginator.get_page`).
- `pager` gives what templates/includes/pagination.html (the GOV.UK pagination component)
  links to: previous, next, and the pages around this one with ellipses, each link keeping the
  list's filters (every other parameter of the address). `{% pagination page label %}`
  (core/templatetags/paging.py) draws it.
- The API's lists page the same way (`core.api.Pagination`: DRF's page format, `count`,
  `next`, `previous`, `results`, in the same stable order).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PAGE_SIZE = 50
PARAM = "page"


def stable(items):
    """`items` ordered as they are (or as their model is), the primary key last: a sort key
    that several rows share (a date) would otherwise let the database order those rows
    differently for each page. A list, a sliced or combined query is left as it is."""
    if not isinstance(items, QuerySet) or items.query.is_sliced or items.query.combinator:
        return items
    query = items.query
    order = list(query.order_by or (items.model._meta.ordering if query.default_ordering else []))
    pk_names = {"pk", items.model._meta.pk.name, items.model._meta.pk.attname}
    if any(isinstance(key, str) and key.lstrip("-") in pk_names for key in order):
        return items
    return items.order_by(*order, "pk")


def paginate(items, number, *, per_page: int | None = None, count: int | None = None) -> Page:
    """The page `number` (as given in the address: text, None) of `items`, read once: two
    queries for a queryset, its count and its page. `count`: the number of `items`, where the
    caller has counted them already (the library's counts by category), so they are not
    counted twice."""
    kind = Paginator if count is None else _counted(count)
    page = kind(stable(items), per_page or PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def _counted(count: int) -> type[Paginator]:
    """A Paginator that knows how many rows it pages, instead of counting them."""

    class Counted(Paginator):
        @property
        def count(self) -> int:
            return count

    return Counted


def year_filter(text: str) -> int | None:
    """A list's year filter as typed in the address: four ASCII digits, or no filter."""
    return int(text) if text.isascii() and text.isdecimal() and len(text) == 4 else None


def without_page(params, param: str = PARAM) -> str:
    """The address's query (`request.GET`) without the page: the filters, for links that keep
    them (an export of the list as filtered)."""
    kept = params.copy()
    kept.pop(param, None)
    return kept.urlencode()


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis, standing for the pages left out
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pager:
    previous: str  # the address of the page before, or ""
    next: str
    items: list[PageLink]


def pager(page: Page, params, param: str = PARAM) -> Pager:
    """The links of `page`'s pager, each the address's query (`params`) with its own page: the
    first and last pages, the one either side of this one, ellipses between (GOV.UK's
    pagination guidance)."""
    filters = without_page(params, param)

    def href(number) -> str:
        return f"?{filters}&{param}={number}" if filters else f"?{param}={number}"

    items = [
        PageLink(None)
        if number == Paginator.ELLIPSIS
        else PageLink(number, href(number), number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pager(
        previous=href(page.previous_page_number()) if page.has_previous() else "",
        next=href(page.next_page_number()) if page.has_next() else "",
        items=items,
    )
