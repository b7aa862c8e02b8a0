#!/usr/bin/env python
"""Every GET page and API read of the URL policy, timed on a seeded national volume beside its
own bare SQL (targets: at most 10 times the bare SQL or at most 25 ms, and at most 15 queries).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/case_reviews \
        .venv/bin/python bench/every_page.py --boards 600 --incidents 100000

It creates its own throw-away database (test_<name>) and seeds it with `pages.seed` over the four
kinds of board (children's partnerships, adults' boards, community safety partnerships, Wales's
regional boards), plus a chronology of --chronology entries on the measured review. On the
first board it adds one of every record an address can name (`board_objects`, the URL walk's),
and measures every URL the walk finds that answers GET with 200, as someone who may open every
page (every role of the board, accreditation staff, platform admin, on the review and its
agency's contributor, as the URL walk's `all_powerful`), so that no page shows less than it
can.

For each page: the median and 95th percentile of --runs requests after a warm-up, its query
count, and its **bare SQL**: the same statements the page ran, sent straight to the database
with a cursor (their median). The ratio is page ÷ bare SQL: what Django, the forms and the
templates add to reading the rows. A page is within target when it makes at most 15 queries
and either stays within 10 times its bare SQL or takes at most 25 ms (a page whose SQL takes
0.3 ms is not slow at 8 ms). Run it at two volumes to see that pages stay flat as data grows.
Options: --boards, --incidents, --chronology, --runs (default 10), --only NAME (substring),
--csv FILE, --keep, --profile FILE (one more request of each measured page under cProfile,
its statistics written to FILE for `python -m pstats FILE`).
"""

import argparse
import cProfile
import csv
import datetime as dt
import os
import re
import sys
import time

os.environ.setdefault("LOG_LEVEL", "ERROR")  # a page's expected 404s are not the bench's news
# bench/pages.py: the production-like settings for the test client, Django set up, the seeding,
# the timing and the targets.
import pages  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pages import (  # noqa: E402
    TARGET_MS,
    TARGET_QUERIES,
    TARGET_RATIO,
    median_ms,
)

DECLARED = re.compile(r'^DECLARE "[^"]+" .*?CURSOR (?:WITH(?:OUT)? HOLD )?FOR ', re.S)


def add_chronology(review, entries: int) -> None:
    """A merged chronology of `entries` entries across the board's agencies."""
    from reviews.models import ChronologyEntry

    agencies = list(review.board.agencies.all()[:8]) or [
        review.board.agencies.create(name="Bench agency", sector="other")
    ]
    start = dt.date(2024, 1, 1)
    ChronologyEntry.objects.bulk_create(
        (
            ChronologyEntry(
                review=review,
                agency=agencies[n % len(agencies)],
                occurred_on=start + dt.timedelta(days=n % 700),
                entry=f"Contact {n}: seen at home by the agency's practitioner; plan agreed.",
            )
            for n in range(entries)
        ),
        batch_size=2000,
    )


def get_urls(objects) -> list[tuple[str, str]]:
    from core import permissions
    from core.tests.test_url_policy import ALL_URLS, url_for

    found = []
    for name, kwargs in ALL_URLS:
        if name not in permissions.PUBLIC_URLS and not permissions.action_for(name, "GET"):
            continue
        if set(kwargs) - set(objects):
            continue
        found.append((name, url_for(name, kwargs, objects)))
    return found


def measure(client, name, url, runs, profiler=None):
    response = client.get(url)
    if response.status_code != 200:
        return None
    if profiler is not None:
        profiler.runcall(client.get, url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    statements = [q["sql"] for q in captured.captured_queries]
    # A server-side cursor's statement is its query; the transaction's own are no reading.
    readable = [
        DECLARED.sub("", sql)
        for sql in statements
        if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT"))
    ]
    page_ms, p95 = median_ms(lambda: client.get(url), runs)

    def bare():
        with connection.cursor() as cursor:
            for sql in readable:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()

    bare_ms, _ = median_ms(bare, runs)
    return {
        "page": name,
        "median": page_ms,
        "p95": p95,
        "bare": bare_ms,
        "ratio": page_ms / bare_ms if bare_ms else float("inf"),
        "queries": len(statements),
    }


def within(result) -> bool:
    fast = result["ratio"] <= TARGET_RATIO or result["median"] <= TARGET_MS
    return fast and result["queries"] <= TARGET_QUERIES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--incidents", type=int, default=30_000)
    parser.add_argument("--chronology", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", default="")
    parser.add_argument("--csv", default="")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or settings.DEBUG:
        print("Run it on PostgreSQL with DEBUG off (set DATABASE_URL).")
        return 2

    from django.db.models import Count

    from core.tests.clients import VerifiedClient
    from core.tests.conftest import all_powerful
    from core.tests.test_url_policy import board_objects
    from reviews.models import Review

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        seeded = pages.seed(args.boards, args.incidents, kinds=pages.FOUR_KINDS)
        board, manager = seeded["boards"][0], seeded["managers"][0]
        agency = board.agencies.first() or board.agencies.create(name="Police", sector="police")
        objects = board_objects(board, manager, agency)
        review = Review.objects.get(pk=objects["review_id"])
        add_chronology(review, args.chronology)
        user = all_powerful(board, manager, objects)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        counts = seeded["counts"]
        print(
            f"Seeded {args.boards} boards of four kinds, {counts['incidents']:,} incidents, "
            f"{counts['reviews']:,} reviews, {counts['deadlines']:,} deadlines, "
            f"{seeded['history']:,} history rows, a chronology of {args.chronology:,} entries, "
            f"in {time.perf_counter() - started:.0f} s."
        )
        on_board = Review.objects.filter(board=board).aggregate(n=Count("pk"))["n"]
        print(f"Measured on {board.name} ({on_board} reviews), {args.runs} requests a page.")
        client = VerifiedClient()
        client.force_login(user)
        results, skipped, failed = [], [], []
        profiler = cProfile.Profile() if args.profile else None
        for name, url in get_urls(objects):
            if args.only and args.only not in name:
                continue
            try:
                result = measure(client, name, url, args.runs, profiler)
            except Exception as error:  # a page that fails is reported, not hidden
                print(f"{name} ({url}) failed: {type(error).__name__}: {error}")
                failed.append(name)
                continue
            if result is None:
                skipped.append(name)
            else:
                results.append(result)
        print(
            f"\n{'Page':<44} {'median':>8} {'p95':>8} {'bare SQL':>9} {'ratio':>6} {'queries':>7}"
        )
        for r in sorted(results, key=lambda r: -r["median"]):
            mark = "" if within(r) else "  MISSED"
            print(
                f"{r['page']:<44} {r['median']:>5.1f} ms {r['p95']:>5.1f} ms "
                f"{r['bare']:>6.2f} ms {r['ratio']:>6.1f} {r['queries']:>7}{mark}"
            )
        missed = [r["page"] for r in results if not within(r)]
        print(
            f"\n{len(results)} pages measured; {len(skipped)} answered other than 200 and were "
            f"left out ({', '.join(skipped) or 'none'}). Load average "
            f"{os.getloadavg()[0]:.1f} at the end."
        )
        if profiler is not None:
            profiler.dump_stats(args.profile)
        if args.csv:
            with open(args.csv, "w", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(results[0]))
                writer.writeheader()
                writer.writerows(results)
        if failed:
            print(f"FAILED: {', '.join(failed)}.")
            return 1
        if missed:
            print(f"Targets MISSED on {len(missed)}: {', '.join(missed)}.")
            return 1
        print("Targets met on every page.")
        return 0
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
