"""What the tests of every paged list check (core.paging), written once: the first page holds a
page of rows, the next the rest, no row on two pages and none missing, the filters kept in the
pager's links, a page number past the end or not a number still answered, and the queries the
same for one row as for many. Pages are made small (`PER_PAGE`) so that a few rows fill them."""

import html
import re
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode

from core import paging

PER_PAGE = 3
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_ROW = re.compile(r'<tr class="govuk-table__row">(.*?)</tr>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def table_rows(response, caption: str = "") -> list[str]:
    """The text of each body row of the page's table (the one whose markup holds `caption`,
    or the first)."""
    assert response.status_code == 200, response.status_code
    tables = [t for t in _TABLE.findall(response.content.decode()) if caption in t]
    if not tables:
        return []
    body = tables[0].split("<tbody", 1)[-1]
    return [_text(row) for row in _ROW.findall(body)]


def assert_paged(
    client, url, *, add, rows=table_rows, params=None, many=2 * PER_PAGE + 1, size=None
):
    """`add(n)` adds n rows to the list at `url`, each with text of its own, all within the
    filters `params`; `rows(response)` reads the rows a page shows; `size` is (module, name) of
    the list's page size when it has its own. Returns every row read."""
    params = dict(params or {})
    with mock.patch.object(*(size or (paging, "PAGE_SIZE")), PER_PAGE):
        add(1)
        client.get(url, params)  # the session settles before anything is counted
        with CaptureQueriesContext(connection) as one:
            assert len(rows(client.get(url, params))) == 1
        add(many - 1)
        with CaptureQueriesContext(connection) as more:
            first = client.get(url, params)
        assert len(more) <= len(one), "\n".join(q["sql"] for q in more.captured_queries)

        pages = [rows(first)]
        assert len(pages[0]) == PER_PAGE
        content = first.content.decode()
        assert 'class="govuk-pagination"' in content
        assert 'aria-current="page"' in content
        # The filters stay in the pager's links, the page number last.
        assert html.escape(f"?{urlencode({**params, 'page': 2})}") in content
        for number in range(2, -(-many // PER_PAGE) + 1):
            pages.append(rows(client.get(url, {**params, "page": str(number)})))
        assert all(len(page) == PER_PAGE for page in pages[:-1])
        seen = [row for page in pages for row in page]
        assert len(seen) == many, seen
        assert len(set(seen)) == many, "a row is on two pages"

        # Past the end: the last page; not a number: the first.
        assert rows(client.get(url, {**params, "page": "999"})) == pages[-1]
        assert rows(client.get(url, {**params, "page": "x"})) == pages[0]
        return seen


def assert_api_paged(client, url, *, add, params=None, many=2 * PER_PAGE + 1):
    """The same of an API list (API.md): DRF's page format, `next` keeping the filters, each
    row once as a client walks the pages, and the queries the same for one row as for many.
    A page that is not there answers 404 (the schema says so), never a 500."""
    from core.api import Pagination

    params = dict(params or {})
    with mock.patch.object(Pagination, "page_size", PER_PAGE):
        add(1)
        client.get(url, params)
        with CaptureQueriesContext(connection) as one:
            assert client.get(url, params).json()["count"] == 1
        add(many - 1)
        with CaptureQueriesContext(connection) as more:
            body = client.get(url, params).json()
        assert len(more) <= len(one), "\n".join(q["sql"] for q in more.captured_queries)

        # DRF's page; a list may add its own fields after (the library's `bank`: API.md).
        assert list(body)[:4] == ["count", "next", "previous", "results"]
        assert body["count"] == many and body["previous"] is None
        for key, value in params.items():
            assert f"{key}={value}" in body["next"]
        seen = [row["id"] for row in body["results"]]
        while body["next"]:
            body = client.get(body["next"]).json()
            assert body["previous"]
            seen += [row["id"] for row in body["results"]]
        assert len(seen) == many and len(set(seen)) == many, "a row is on two pages, or none"

        assert client.get(url, {**params, "page": "999"}).status_code == 404
        assert client.get(url, {**params, "page": "x"}).status_code == 404
        return seen
