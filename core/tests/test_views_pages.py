import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from core.schema_view import SchemaView


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("accessibility", "Accessibility statement for Manage safeguarding case reviews"),
        ("privacy", "Privacy notice"),
    ],
)
def test_public_pages_need_no_sign_in(client, db, name, heading):
    response = client.get(reverse(name))
    assertContains(response, f'<h1 class="govuk-heading-l">{heading}</h1>')


def test_every_page_has_the_service_header_phase_banner_and_footer_links(client, db):
    response = client.get(reverse("login"))
    assertContains(response, "govuk-generic-header")
    assertContains(response, "Manage safeguarding case reviews</a>")
    assertContains(response, "govuk-phase-banner")
    assertContains(response, reverse("accessibility"))
    assertContains(response, reverse("privacy"))
    # A service that is not on GOV.UK shows no crown.
    assert "govuk-header__logotype" not in response.content.decode()


def test_no_inline_scripts(client, member):
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert "<script>" not in html


def test_unknown_page_is_a_gov_uk_404(client, member):
    client.force_login(member)
    response = client.get("/no-such-page/")
    assertContains(response, "Page not found", status_code=404)


def test_service_status_is_for_platform_admins_only(client, member):
    client.force_login(member)
    assert client.get(reverse("service_status")).status_code == 403


def test_the_schema_is_made_once_and_served_alike_in_json_and_yaml(client, db, monkeypatch):
    """drf-spectacular walks every view to make the document: it is made once per process
    (core.schema_view) and served the same to every caller."""
    from drf_spectacular.generators import SchemaGenerator

    SchemaView.made.clear()
    SchemaView.written.clear()
    made = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        made.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    first = client.get(reverse("schema"), {"format": "json"})
    again = client.get(reverse("schema"), {"format": "json"})
    yaml = client.get(reverse("schema"))
    assert first.status_code == again.status_code == yaml.status_code == 200
    assert first.json() == again.json() and "/api/v1/incidents/" in first.json()["paths"]
    assert b"/api/v1/incidents/:" in yaml.content
    assert len(made) == 1


def test_api_docs_and_schema_are_served(client, db):
    assert client.get(reverse("swagger-ui")).status_code == 200
    schema = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {
        "/api/v1/boards/",
        "/api/v1/boards/{board_id}/",
        "/api/v1/boards/{board_id}/members/",
        "/api/v1/boards/{board_id}/agencies/",
        "/api/v1/incidents/",
        "/api/v1/incidents/{incident_id}/",
        "/api/v1/incidents/{incident_id}/notifications/",
        "/api/v1/incidents/{incident_id}/decision/",
    } <= set(paths)
    schemas = schema.json()["components"]["schemas"]
    # Every clock of API.md's deadlines, each a deadline object or null.
    clocks = schemas["IncidentDeadlines"]["properties"]
    assert set(clocks) == {
        "notify_panel",
        "rapid_review",
        "decision",
        "not_initiating_notice",
        "notify_dfe_ofsted",
        "notify_welsh_government",
        "notify_home_office",
        "home_office_notice",
    }
    assert all(clock["nullable"] for clock in clocks.values())
    review_filters = {p["name"] for p in paths["/api/v1/reviews/"]["get"]["parameters"]}
    assert {"board", "stage", "overdue"} <= review_filters


def test_the_openapi_schema_generates_without_warnings(capsys):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
