"""The learning shared, where the board reads it: the dashboard's reach and the annual report's
section."""

import datetime as dt

from django.urls import reverse

from reviews.models import FindingCategory
from sharing import services
from sharing.models import LearningActivity


def record(actor, board, review, reach, held_on=dt.date(2026, 5, 20), **values):
    return services.activity_record(
        actor=actor,
        board=board,
        kind=values.pop("kind", LearningActivity.Kind.SEVEN_MINUTE_BRIEFING),
        title=values.pop("title", "Seven-minute briefing"),
        held_on=held_on,
        reviews=[review],
        reach=reach,
        **values,
    )


def table_rows(html: str, caption: str) -> str:
    return html.split(caption, 1)[1].split("</table>", 1)[0]


def test_the_dashboard_shows_reach_by_agency_and_category(
    client, board, business_manager, chair, published, agency, health
):
    record(business_manager, board, published, {agency.pk: 12, health.pk: 7})
    record(
        business_manager,
        board,
        published,
        {agency.pk: 3, None: 2},
        kind=LearningActivity.Kind.TRAINING,
        categories=[FindingCategory.objects.last()],
    )
    # Before the dashboard's four quarters (from 1 July 2025): not counted.
    record(business_manager, board, published, {agency.pk: 500}, held_on=dt.date(2025, 6, 30))
    client.force_login(chair)
    html = client.get(reverse("insight:dashboard", args=[board.pk])).content.decode()
    assert "Since 1 July 2025, 2 learning activities reached 24 people." in html
    by_agency = table_rows(html, "People reached by agency as a table")
    assert "Northshire Constabulary" in by_agency and "<td" in by_agency
    assert ">15<" in by_agency and ">7<" in by_agency and ">2<" in by_agency
    assert "500" not in by_agency
    by_category = table_rows(html, "People reached by finding category as a table")
    finding_category = published.findings.get().category.name
    assert finding_category in by_category
    assert FindingCategory.objects.last().name in by_category


def test_the_dashboard_without_activities(client, board, chair):
    client.force_login(chair)
    html = client.get(reverse("insight:dashboard", args=[board.pk])).content.decode()
    assert "No learning activity has been recorded since 1 July 2025." in html


def test_the_dashboards_queries_do_not_grow_with_the_activities(
    client, board, business_manager, chair, published, agency, health, django_assert_max_num_queries
):
    client.force_login(chair)
    url = reverse("insight:dashboard", args=[board.pk])
    record(business_manager, board, published, {agency.pk: 1})
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(6):
        record(business_manager, board, published, {agency.pk: n, health.pk: 1, None: 1})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_annual_report_has_a_section_on_sharing_the_learning(
    client, board, business_manager, member, published, agency, health
):
    record(business_manager, board, published, {agency.pk: 12, health.pk: 7})
    record(
        business_manager,
        board,
        published,
        {agency.pk: 3},
        kind=LearningActivity.Kind.BULLETIN,
        title="Bulletin",
    )
    # In the year before (2025-26): left out of 2026-27's report.
    record(business_manager, board, published, {agency.pk: 40}, held_on=dt.date(2026, 3, 31))
    client.force_login(member)
    url = reverse("insight:annual_report_web", args=[board.pk, 2026])
    html = client.get(url).content.decode()
    section = html.split('id="sharing"', 1)[1]
    kinds = table_rows(section, "Learning activities by kind")
    assert "Seven-minute briefing</th><td>1</td><td>19</td>" in kinds
    assert "Bulletin or newsletter</th><td>1</td><td>3</td>" in kinds
    assert "<td>2</td><td>22</td>" in kinds
    agencies = table_rows(section, "People reached by agency")
    assert "Northshire Constabulary</th><td>15</td>" in agencies
    assert "Northshire Community Health NHS Trust</th><td>7</td>" in agencies
    earlier = client.get(reverse("insight:annual_report_web", args=[board.pk, 2025]))
    assert "Northshire Constabulary</th><td>40</td>" in earlier.content.decode()


def test_an_annual_report_without_activities_says_so(client, board, member):
    client.force_login(member)
    html = client.get(reverse("insight:annual_report_web", args=[board.pk, 2026])).content.decode()
    assert "No learning activity was recorded in the year." in html
