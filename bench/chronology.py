#!/usr/bin/env python
"""Agencies' chronologies: the import of a 5,000-row XLSX (target: at most 5 s on one core,
memory under 200 MB), the merged chronology page of a review with 10,000 entries from 15
agencies (a page at most 10 times its bare query, queries constant in the number of entries)
and its XLSX export (at most 5 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/case_reviews \
        .venv/bin/python bench/chronology.py

It creates its own throw-away database (test_<name>), seeds it, and drops it at the end. The
import runs in this one process (Python uses one core); its memory is the peak of Python's
allocations during the import (tracemalloc) and the growth of the process's resident set.
Options: --rows N (default 5000), --entries N (default 10000), --runs N (default 15), --keep.
"""

import argparse
import datetime as dt
import io
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("EMAIL_URL", "dummymail://")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from core.tests.clients import VerifiedClient  # noqa: E402

TARGET_IMPORT_S = 5
TARGET_MEMORY_MB = 200
TARGET_RATIO = 10
TARGET_EXPORT_S = 5
AGENCIES = 15
EVENTS = (
    "Home visit by the health visitor; the child was seen and appeared well.",
    "Police attended after a neighbour reported shouting; no offences disclosed.",
    "School reported the child absent for the third day; the mother said the child was ill.",
    "GP appointment missed; a letter was sent offering another.",
    "Strategy discussion held with police, health and children's social care.",
)


def median_ms(function, runs: int) -> float:
    for _ in range(2):
        function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def seed():
    from boards import services as board_services
    from boards.models import Board, Membership
    from core.models import User
    from reviews.services import contributions, decisions, engagement, incidents

    admin = User.objects.create_superuser("admin@bench.example", "Admin")
    board = board_services.board_create(
        actor=admin,
        name="Bench Safeguarding Children Partnership",
        kind=Board.Kind.CHILDREN,
        nation=Board.Nation.ENGLAND,
        regime=Board.Regime.PARTNERS_2018,
    )
    manager = board_services.member_add(
        actor=admin,
        board=board,
        email="bm@bench.example",
        name="Bea Manager",
        role=Membership.Role.BUSINESS_MANAGER,
        notify=False,
    ).user
    chair = board_services.member_add(
        actor=admin,
        board=board,
        email="chair@bench.example",
        name="Charles Chair",
        role=Membership.Role.CHAIR,
        notify=False,
    ).user
    agencies = [
        board_services.agency_add(actor=manager, board=board, name=f"Agency {n:02}", sector="other")
        for n in range(AGENCIES)
    ]
    today = timezone.localdate()
    incident = incidents.incident_log(
        actor=manager,
        board=board,
        reference="Child B",
        subject_kind="child",
        incident_on=today - dt.timedelta(days=60),
        la_aware_on=today - dt.timedelta(days=59),
        notified_on=today - dt.timedelta(days=59),
        notifier="Children's services",
        abuse_or_neglect_suspected=True,
        died=True,
    )
    decisions.decision_record(
        actor=chair,
        incident=incident,
        outcome="initiate_review",
        review_type=incident.rules.statutory_review_types[0],
        rationale="Criteria met.",
        decided_on=today - dt.timedelta(days=50),
    )
    incident.refresh_from_db()
    review = incident.review
    contributor = contributions.contributor_invite(
        actor=manager,
        review=review,
        agency=agencies[0],
        email="pc@bench.example",
        name="Pat Police",
        job="return_author",
        notify=False,
    ).user
    request = engagement.agency_request_add(
        actor=manager,
        review=review,
        agency=agencies[0],
        asks="chronology",
        details="Every contact",
        requested_on=today,
        due_on=today + dt.timedelta(days=14),
    )
    request = contributions.agency_request_send(actor=manager, request=request)
    return {
        "board": board,
        "manager": manager,
        "review": review,
        "agencies": agencies,
        "contributor": contributor,
        "request": request,
    }


def xlsx(rows: int, rng: random.Random) -> bytes:
    from reviews.chronology_files import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    sheet.append([heading for _, heading, _ in COLUMNS])
    start = timezone.localdate() - dt.timedelta(days=3650)
    for n in range(rows):
        day = start + dt.timedelta(days=rng.randrange(3600))
        sheet.append(
            [
                # Excel's own dates have no time zone.
                day.strftime("%d/%m/%Y") if n % 3 else dt.datetime(day.year, day.month, day.day),  # noqa: DTZ001
                f"{rng.randrange(8, 18):02}:{rng.randrange(60):02}",
                "",
                "",
                rng.choice(["Health visitor", "Police officer", "Teacher", "GP", "Social worker"]),
                rng.choice(EVENTS),
                "Recorded; no further action." if n % 2 else "",
                f"Record {n}",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure_import(seeded, rows: int) -> dict:
    from reviews.services.chronology import chronology_import

    rng = random.Random(2026)
    content = xlsx(rows, rng)

    def run():
        imported = chronology_import(
            actor=seeded["contributor"],
            review=seeded["review"],
            request=seeded["request"],
            file=SimpleUploadedFile("chronology.xlsx", content),
        )
        assert imported.rows == rows, imported.rows

    results = []
    for attempt in range(3):
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        results.append(
            {
                "seconds": elapsed,
                "rss_growth_mb": (rss_after - rss_before) / 1024,
                "replacing": attempt > 0,
            }
        )
    # Memory apart: tracing every allocation slows Python down several times.
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"bytes": len(content), "runs": results, "peak_mb": peak / (1024 * 1024)}


def fill(seeded, entries: int) -> None:
    """The review's chronology: `entries` entries from the 15 agencies, over ten years."""
    from reviews.models import ChronologyEntry

    rng = random.Random(7)
    start = timezone.localdate() - dt.timedelta(days=3650)
    review = seeded["review"]
    ChronologyEntry.all_objects.filter(review=review).delete()
    ChronologyEntry.objects.bulk_create(
        (
            ChronologyEntry(
                review=review,
                agency=rng.choice(seeded["agencies"]),
                occurred_on=start + dt.timedelta(days=rng.randrange(3600)),
                date_certainty="exact" if rng.random() < 0.9 else "month",
                entry=rng.choice(EVENTS),
                practitioner_role="Practitioner",
            )
            for _ in range(entries)
        ),
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_chronologyentry")


def measure_page(client, seeded, runs: int) -> dict:
    from django.db.models import Count

    from reviews.models import ChronologyEntry

    board, review = seeded["board"], seeded["review"]
    url = f"/boards/{board.pk}/reviews/{review.pk}/chronology/"

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def bare():
        # What the page reads, as plain values: how many entries there are, its hundred rows
        # with their agencies, the days several agencies recorded, and every date (the gaps).
        entries = ChronologyEntry.objects.filter(review=review)
        entries.count()
        list(
            entries.order_by("occurred_on", "occurred_at", "created_at").values_list(
                "occurred_on", "agency__name", "entry", "action_taken", "source"
            )[:100]
        )
        list(
            entries.filter(date_certainty="exact")
            .order_by()
            .values("occurred_on")
            .annotate(n=Count("agency", distinct=True))
            .filter(n__gte=2)
            .values_list("occurred_on", flat=True)
        )
        list(entries.order_by("occurred_on").values_list("occurred_on", flat=True).distinct())

    get()
    # Counted by a wrapper: the test client's request signals reset the debug query log.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        get()
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(get)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    page_ms, bare_ms = median_ms(get, runs), median_ms(bare, runs)
    return {"median": page_ms, "bare": bare_ms, "ratio": page_ms / bare_ms, "queries": len(queries)}


def measure_export(client, seeded) -> float:
    board, review = seeded["board"], seeded["review"]
    url = f"/boards/{board.pk}/reviews/{review.pk}/chronology/export/"
    times = []
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("The targets are for PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        return 2
    if settings.DEBUG:
        print("Pages are timed as in production: unset DEBUG (or set DEBUG=false).")
        return 2

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    missed = []
    try:
        seeded = seed()
        imported = measure_import(seeded, args.rows)
        print(f"Import of a {args.rows:,}-row XLSX ({imported['bytes'] / 1024:.0f} KB):")
        for run in imported["runs"]:
            what = "replacing the last import" if run["replacing"] else "first import"
            print(
                f"  {run['seconds']:.2f} s, resident set grew {run['rss_growth_mb']:.0f} MB "
                f"({what})"
            )
        print(f"  Python's peak allocation during an import: {imported['peak_mb']:.0f} MB")
        slowest = max(run["seconds"] for run in imported["runs"])
        heaviest = imported["peak_mb"]
        if slowest > TARGET_IMPORT_S:
            missed.append("import time")
        if heaviest > TARGET_MEMORY_MB:
            missed.append("import memory")
        print(f"  targets: ≤ {TARGET_IMPORT_S} s, < {TARGET_MEMORY_MB} MB")

        client = VerifiedClient()
        client.force_login(seeded["manager"])
        pages = {}
        for entries in (args.entries // 10, args.entries):
            fill(seeded, entries)
            pages[entries] = measure_page(client, seeded, args.runs)
        print("\nThe merged chronology page (the first 100 entries, gaps and shared days):")
        for entries, result in pages.items():
            print(
                f"  {entries:>6,} entries: median {result['median']:.1f} ms, bare query "
                f"{result['bare']:.1f} ms, ratio {result['ratio']:.1f}, {result['queries']} queries"
            )
        big = pages[args.entries]
        if big["ratio"] > TARGET_RATIO:
            missed.append("page ratio")
        if len({result["queries"] for result in pages.values()}) != 1:
            missed.append("queries constant")
        print(f"  targets: ratio ≤ {TARGET_RATIO}, the same queries at both sizes")

        export_s = measure_export(client, seeded)
        print(
            f"\nExport of {args.entries:,} entries as XLSX: {export_s:.2f} s (target ≤ "
            f"{TARGET_EXPORT_S} s)"
        )
        if export_s > TARGET_EXPORT_S:
            missed.append("export time")
        print(f"\nLoad average {os.getloadavg()[0]:.1f} at the end.")
        if missed:
            print(f"Targets MISSED: {', '.join(missed)}.")
            return 1
        print("Targets met.")
        return 0
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
