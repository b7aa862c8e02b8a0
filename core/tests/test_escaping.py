"""Finding 16: crispy-forms-gds rendered labels, hints and legends with |safe, so a cohort's
question or a selection criterion typed by staff reached applicants and staff as markup (an
injected <meta http-equiv="refresh"> sent the reader to another site).

Markup is planted in every text that staff type and a form shows as a label, a hint or a choice,
and in the names a page shows around them; then every page of the service is opened as someone
who may see everything, and none may hold the markup unescaped. The form pages that show each
planted text are checked to show it, escaped, so the walk cannot pass by showing nothing.
"""

import pytest
from django.urls import reverse

from accreditation.models import (
    Application,
    CohortQuestion,
    CompetencyArea,
    Programme,
    SelectionCriterion,
    Trainee,
)
from boards.models import Agency, Board
from core.tests.test_url_policy import ALL_URLS
from reviews.models import (
    ChronologyEntry,
    Finding,
    FindingCategory,
    Incident,
    KeyPracticeEpisode,
    LocalCriterion,
    Review,
    ReviewParticipant,
)

MARKUP = '"><meta http-equiv="refresh" content="0;url=//x.io">'
RAW = '<meta http-equiv="refresh"'
ESCAPED = "&lt;meta http-equiv=&quot;refresh&quot;"


def planted(what: str) -> str:
    return f"{what} {MARKUP}"


@pytest.fixture
def markup_everywhere(everyone, objects):
    """Every staff-typed text that becomes a label, a hint or a choice, with markup in it."""
    board = Board.objects.get(pk=objects["board_id"])
    review = Review.objects.get(pk=objects["review_id"])
    trainee = Trainee.objects.get(pk=objects["trainee_id"])
    cohort = trainee.cohort
    for number, agency in enumerate(Agency.objects.filter(board=board)):
        Agency.objects.filter(pk=agency.pk).update(name=planted(f"Agency {number}"))
    LocalCriterion.objects.create(board=board, name=planted("Local criterion"))
    FindingCategory.objects.filter(active=True).update(name=planted("Category"))
    CompetencyArea.objects.filter(active=True).update(name=planted("Competency"))
    CohortQuestion.objects.create(cohort=cohort, text=planted("Question"))
    SelectionCriterion.objects.create(cohort=cohort, text=planted("Criterion"), max_score=5)
    Programme.objects.filter(pk=cohort.programme_id).update(name=planted("Programme"))
    ReviewParticipant.objects.filter(review=review).update(name=planted("Participant"))
    ChronologyEntry.objects.filter(review=review).update(entry=planted("Chronology"))
    KeyPracticeEpisode.objects.filter(review=review).update(title=planted("Episode"))
    Finding.objects.filter(review=review).update(title=planted("Finding"))
    Incident.objects.filter(pk=objects["incident_id"]).update(reference=planted("Child"))
    review.terms_of_reference = planted("Terms")
    review.save()
    trainee.user.name = planted("Trainee")
    trainee.user.save()
    Application.objects.filter(pk=objects["application_id"]).update(status="submitted")
    return objects


# The form page that shows each planted text as a label, a hint or a choice.
FORM_PAGES = {
    "cohort question (a label)": ("accreditation:apply", ["cohort_id"]),
    "selection criterion (a label)": ("accreditation:application_score", ["application_id"]),
    "local criterion and agency (checkboxes)": (
        "reviews:incident_edit",
        ["board_id", "incident_id"],
    ),
    "finding category and episode (radios, checkboxes)": (
        "reviews:finding_add",
        ["board_id", "review_id"],
    ),
    "chronology entry (a checkbox)": ("reviews:episode_add", ["board_id", "review_id"]),
    "participant (checkboxes)": ("reviews:meeting_record", ["board_id", "review_id", "meeting_id"]),
    "finding and agency (selects)": ("reviews:action_add", ["board_id", "review_id"]),
    "competency area (radios)": ("accreditation:evidence_add", ["trainee_id"]),
    "programme (a select)": ("accreditation:cohort_add", []),
}


@pytest.mark.parametrize("what", FORM_PAGES)
def test_form_pages_show_planted_labels_escaped(client, everyone, markup_everywhere, what):
    name, kwargs = FORM_PAGES[what]
    client.force_login(everyone)
    response = client.get(reverse(name, kwargs={k: markup_everywhere[k] for k in kwargs}))
    html = response.content.decode()
    assert response.status_code == 200, what
    assert RAW not in html, what
    assert ESCAPED in html, what


def test_no_page_shows_planted_markup(client, everyone, markup_everywhere):
    client.force_login(everyone)
    shown, unescaped = 0, []
    for name, kwargs in ALL_URLS:
        if name.startswith("api:") or name in ("logout", "schema", "swagger-ui"):
            continue
        url = reverse(name, kwargs={key: markup_everywhere[key] for key in kwargs})
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        shown += ESCAPED in html
        if RAW in html:
            unescaped.append(name)
    assert unescaped == []
    assert shown > 20  # the walk reached the pages that show them


def test_a_label_of_our_own_may_still_hold_markup():
    """Escaping is for what people type: a label the code marks safe keeps its markup."""
    from crispy_forms.utils import render_crispy_form
    from django import forms
    from django.utils.html import format_html

    from core.forms import GovUKForm

    class Form(GovUKForm):
        answer = forms.CharField(label=format_html("Your <strong>{}</strong>", "<answer>"))

    html = render_crispy_form(Form())
    assert "Your <strong>&lt;answer&gt;</strong>" in html
