#!/usr/bin/env python
"""Time rendering a hundred-page review report to a tagged PDF (PDF/UA-1) with WeasyPrint, on
one core (target: at most 10 s for the report, as the worker renders it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/case_reviews \
        .venv/bin/python bench/report_pdf.py

It creates its own throw-away database (test_<name>), seeds one review with `publication.sample`
(findings, key practice episodes and a long chronology table), and drops it at the end. The
report is assembled once; only its rendering (HTML → laid-out pages → PDF) is timed, a few runs,
and the median is measured against the target. Options: --findings N, --episodes N,
--chronology N (the report's length), --runs N (default 3), --profile (print where the time of
one more rendering goes), --keep (keep the database).
"""

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

TARGET_SECONDS = 10
UNUSABLE = "!"  # Django's mark of an unusable password: nobody signs in as these users


def one_core() -> str:
    """Pin the process to one core, as one worker process renders one PDF."""
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core} of {os.cpu_count()}"
    return f"not pinned ({os.cpu_count()} cores)"


def seed(*, findings: int, episodes: int, chronology: int):
    from boards.models import Agency, Board, Membership
    from core.models import User
    from publication import sample
    from reviews.services import decisions, incidents

    board = Board.objects.create(
        name="Benchshire Safeguarding Children Partnership",
        kind="children",
        nation="england",
        regime="partners-2018",
    )
    manager, chair, supervisor = (
        User.objects.create(email=f"{who}@bench.example", name=who.title(), password=UNUSABLE)
        for who in ("manager", "chair", "supervisor")
    )
    Membership.objects.create(user=manager, board=board, role="business_manager")
    Membership.objects.create(user=chair, board=board, role="chair")
    for name, sector in [
        ("Benchshire Children's Services", Agency.Sector.CHILDRENS_SOCIAL_CARE),
        ("Benchshire Constabulary", Agency.Sector.POLICE),
        ("Benchshire Integrated Care Board", Agency.Sector.HEALTH),
    ]:
        Agency.objects.create(board=board, name=name, sector=sector)
    incident = incidents.incident_log(
        actor=manager,
        board=board,
        reference="Child Q",
        subject_kind="child",
        incident_on=dt.date(2026, 3, 1),
        la_aware_on=dt.date(2026, 3, 2),
        notified_on=dt.date(2026, 3, 3),
        notifier="Children's services",
        abuse_or_neglect_suspected=True,
        died=True,
    )
    decisions.decision_record(
        actor=chair,
        incident=incident,
        outcome="initiate_review",
        review_type=incident.rules.statutory_review_types[0],
        rationale="The criteria are met.",
        decided_on=dt.date(2026, 3, 10),
    )
    incident.refresh_from_db()
    review = incident.review
    report = sample.fill_review(
        review,
        supervisor=supervisor,
        chair=chair,
        findings=findings,
        episodes=episodes,
        chronology=chronology,
    )
    sample.approve(report, supervisor=supervisor, chair=chair)
    return review


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=40)
    parser.add_argument("--episodes", type=int, default=20)
    parser.add_argument("--chronology", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    try:
        import weasyprint  # noqa: F401  (loads Pango: outside the timings)
    except (ImportError, OSError) as error:
        print(f"WeasyPrint cannot be loaded ({error}): install its system libraries.")
        return 2
    from publication import assembly, rendering

    pinned = one_core()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        review = seed(findings=args.findings, episodes=args.episodes, chronology=args.chronology)
        content = assembly.assemble(review)
        print(
            f"Report of {len(content.findings)} findings, {len(content.episodes)} key practice "
            f"episodes and {len(content.chronology)} chronology entries ({connection.vendor}, "
            f"WeasyPrint {weasyprint.__version__}, {pinned})."
        )
        html = rendering.html_for(content, kind="report", draft=True)
        rendering.pdf_from_html("<html lang='en'><title>warm-up</title><p>Fonts.</p></html>")
        seconds, cpu, pages = [], [], set()
        for run in range(1, args.runs + 1):
            started, started_cpu = time.perf_counter(), time.process_time()
            document = rendering.pdf_from_html(html)
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            pages.add(document.pages)
            print(
                f"Run {run}: {document.pages} pages, {len(document.pdf) / 1e6:.1f} MB, "
                f"{seconds[-1]:.2f} s ({document.pages / seconds[-1]:.1f} pages a second), "
                f"CPU {cpu[-1]:.2f} s"
            )
        assert len(pages) == 1, pages
        (page_count,) = pages
        median = statistics.median(seconds)
        print(
            f"Median of {args.runs}: {median:.2f} s for {page_count} pages "
            f"({page_count / median:.1f} pages a second), CPU {statistics.median(cpu):.2f} s; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            rendering.pdf_from_html(html)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
            print(out.getvalue())
        met = median <= TARGET_SECONDS and page_count >= 100
        verdict = "met" if met else "MISSED"
        if page_count < 100:
            verdict += " (fewer than 100 pages: lengthen the report)"
        print(f"Target: a report of at least 100 pages in at most {TARGET_SECONDS} s: {verdict}.")
        return 0 if met else 1
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
