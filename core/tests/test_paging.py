"""core.paging: the stable order, the page asked for, the pager's links and its markup."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from boards.models import Board
from core import paging
from core.api import Pagination
from reviews.models import Incident


def order_of(queryset) -> tuple:
    return tuple(str(key) for key in queryset.query.order_by)


def test_the_primary_key_breaks_ties_in_the_model_order_or_the_query_order():
    assert order_of(paging.stable(Board.objects.all())) == ("name", "pk")
    assert order_of(paging.stable(Incident.objects.order_by("notified_on"))) == (
        "notified_on",
        "pk",
    )
    assert order_of(paging.stable(Board.objects.order_by())) == ("pk",)


def test_an_order_that_ends_with_the_key_or_a_list_is_left_as_it_is():
    ordered = Board.objects.order_by("name", "-id")
    assert paging.stable(ordered) is ordered
    rows = [3, 1, 2]
    assert paging.stable(rows) is rows


@pytest.mark.parametrize(("asked", "shown"), [(None, 1), ("2", 2), ("99", 3), ("x", 1), ("-1", 3)])
def test_the_page_asked_for_or_the_nearest(asked, shown):
    page = paging.paginate(list(range(120)), asked)
    assert page.number == shown
    assert isinstance(page.object_list, list)


def links(number, pages=10, query="status=open&page=1"):
    page = Paginator(list(range(pages)), 1).get_page(number)
    return paging.pager(page, RequestFactory().get(f"/?{query}").GET)


def test_the_pager_shows_the_ends_and_the_neighbours_with_ellipses():
    assert [item.number for item in links(5).items] == [1, None, 4, 5, 6, None, 10]
    assert [item.number for item in links(1).items] == [1, 2, None, 10]
    assert [item.number for item in links(10).items] == [1, None, 9, 10]
    assert [item.number for item in links(2, pages=4).items] == [1, 2, 3, 4]
    assert [item.current for item in links(2, pages=3).items] == [False, True, False]


def test_every_link_keeps_the_filters_and_names_its_page_last():
    pager = links(5)
    assert pager.previous == "?status=open&page=4"
    assert pager.next == "?status=open&page=6"
    assert pager.items[0].href == "?status=open&page=1"
    assert links(1, query="").previous == ""
    assert links(1, query="").next == "?page=2"
    assert links(10).next == ""
    assert paging.without_page(RequestFactory().get("/?q=a+b&page=3&year=2025").GET) == (
        "q=a+b&year=2025"
    )


def render(number, pages=10, query="status=open"):
    request = RequestFactory().get(f"/?{query}")
    page = Paginator(list(range(pages)), 1).get_page(number)
    return Template("{% load paging %}{% pagination page 'Pages of things' %}").render(
        Context({"request": request, "page": page})
    )


def test_the_markup_is_the_govuk_pagination_component():
    markup = render(5)
    assert '<nav class="govuk-pagination" aria-label="Pages of things">' in markup
    assert 'href="?status=open&amp;page=4" rel="prev"' in markup
    assert 'href="?status=open&amp;page=6" rel="next"' in markup
    assert 'Previous<span class="govuk-visually-hidden"> page</span>' in markup
    assert 'Next<span class="govuk-visually-hidden"> page</span>' in markup
    assert markup.count("govuk-pagination__item--ellipsis") == 2
    assert markup.count('aria-current="page"') == 1
    assert (
        '<a class="govuk-link govuk-pagination__link" href="?status=open&amp;page=5" '
        'aria-label="Page 5 of 10" aria-current="page">5</a>'
    ) in markup
    assert 'class="govuk-pagination__item govuk-pagination__item--current"' in markup
    # No page before the first, none after the last.
    assert 'rel="prev"' not in render(1)
    assert 'rel="next"' not in render(10)


def test_one_page_has_no_pager():
    assert render(1, pages=1).strip() == ""


def test_the_api_pages_in_a_stable_order(rf):
    from rest_framework.request import Request

    paginator = Pagination()
    request = Request(rf.get("/"))
    queryset = Board.objects.order_by("name")
    with pytest.MonkeyPatch.context() as patch:
        seen = []
        patch.setattr(
            "rest_framework.pagination.PageNumberPagination.paginate_queryset",
            lambda self, queryset, request, view=None: seen.append(queryset) or [],
        )
        paginator.paginate_queryset(queryset, request)
    assert order_of(seen[0]) == ("name", "pk")
