"""Finding 18 and issue 16 item 11: every free-text field has a stated maximum (core/limits.py).

The API took a 2.4 MB action description; the pages cut pasted text at `maxlength` without a
word. Now every form and every serializer is walked: a text field without a maximum fails, a
form that would let the browser cut text fails, and each form refuses one character more than
its limit with a message that names the field, keeping the text.
"""

import contextlib
import datetime as dt
import importlib
import inspect

import pytest
import time_machine
from crispy_forms.utils import render_crispy_form
from django import forms
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from rest_framework import serializers

from accreditation.models import CohortQuestion, SelectionCriterion
from accreditation.tests.factories import CohortFactory
from bank.models import Theme
from boards.models import Agency
from core import limits
from core.forms import GovUKFormMixin
from core.models import User
from reviews.models import (
    Action,
    AgencyContributor,
    ChronologyEntry,
    Finding,
    FindingCategory,
    KeyPracticeEpisode,
    ReviewParticipant,
)
from reviews.selectors.chronology import EntryChoices

APPS = ("core", "boards", "reviews", "accreditation", "publication", "insight", "reminders")
APPS += ("retention", "audit", "bank", "quality", "sharing")


def _project_subclasses(base):
    importlib.import_module("config.urls")  # every view, form and serializer module
    for app in APPS:
        for module in ("forms", "review_forms", "api", "api_schema"):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app}.{module}")
    found, todo = set(), [base]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.split(".")[0] in APPS:
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = _project_subclasses(forms.BaseForm)
SERIALIZERS = _project_subclasses(serializers.BaseSerializer)


@pytest.fixture
def form_kwargs(board, business_manager):
    """A value for each keyword a form takes. A new form with a new keyword: add it here."""
    from reviews.tests.factories import log_incident

    cohort = CohortFactory()
    CohortQuestion.objects.create(cohort=cohort, text="Why do you apply?")
    SelectionCriterion.objects.create(cohort=cohort, text="Experience", max_score=5)
    return {
        "board": board,
        "incident": log_incident(actor=business_manager, board=board),
        "review_types": ["lcspr"],
        "supervisors": User.objects.none(),
        "can_commission": True,
        "reviewers": User.objects.none(),
        "agencies": Agency.objects.none(),
        "participants": ReviewParticipant.objects.none(),
        "chronology": ChronologyEntry.objects.none(),
        "choices": EntryChoices(chosen=[], offered=[], matching=0),
        "episodes": KeyPracticeEpisode.objects.none(),
        "findings": Finding.objects.none(),
        "cohort": cohort,
        "criteria": cohort.criteria.all(),
        "people": User.objects.none(),
        "label": "Who attended",
        "reviews": User.objects.none(),
        "facilitators": User.objects.none(),
        "title": "Introduction",
        "hint": "",
        "clock_choices": [],
        "user": business_manager,
        "holders": User.objects.none(),
        "lifetime_days": 90,
        "contributors": AgencyContributor.objects.none(),
        "earlier": Action.objects.none(),
        "clocks": [],
        "boards": [],
        "keepers": [],
        "themes": Theme.objects.none(),
        "categories": FindingCategory.objects.all(),
    }


def _make(cls, form_kwargs, data=None):
    wanted = [
        p.name
        for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    missing = set(wanted) - set(form_kwargs)
    if issubclass(cls, auth_forms.SetPasswordForm):
        wanted.append("user")
    assert not missing, f"{cls.__name__}: teach form_kwargs about {missing}"
    form = cls(data=data, **{name: form_kwargs[name] for name in wanted})
    form.errors  # noqa: B018 - cleaning gives fields added after __init__ their limits
    return form


def _concrete_forms():
    for cls in FORMS:
        meta = getattr(cls, "_meta", None)
        if issubclass(cls, forms.BaseModelForm) and getattr(meta, "model", None) is None:
            continue  # a base class (GovUKModelForm), not a form of a page
        yield cls


CONCRETE_FORMS = list(_concrete_forms())


def _text_fields(form):
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not field.widget.is_hidden
    }


def test_the_walk_finds_the_forms():
    names = {cls.__name__ for cls in CONCRETE_FORMS}
    assert {"IncidentForm", "ApplicationForm", "ActionForm", "SectionForm"} <= names
    assert len(CONCRETE_FORMS) > 60


@pytest.mark.parametrize("cls", CONCRETE_FORMS, ids=[c.__qualname__ for c in CONCRETE_FORMS])
def test_every_text_field_of_a_form_has_a_limit_the_page_states(cls, form_kwargs):
    form = _make(cls, form_kwargs)
    fields = _text_fields(form)
    if fields:
        assert issubclass(cls, GovUKFormMixin), f"{cls.__name__}: base it on core.forms.GovUKForm"
    html = render_crispy_form(form) if fields else ""
    assert " maxlength=" not in html, f"{cls.__name__}: the browser would cut pasted text"
    for name, field in fields.items():
        assert field.max_length, f"{cls.__name__}.{name} has no maximum"
        if isinstance(field.widget, forms.Textarea):
            # The GOV.UK character count (and its text without JavaScript) says the limit.
            assert f'data-maxlength="{field.max_length}"' in html, f"{cls.__name__}.{name}"
            assert f"You can enter up to {field.max_length:,} characters" in html


@pytest.mark.parametrize("cls", CONCRETE_FORMS, ids=[c.__qualname__ for c in CONCRETE_FORMS])
def test_every_form_refuses_text_past_its_limit_naming_the_field(cls, form_kwargs):
    fields = _text_fields(_make(cls, form_kwargs))
    for name, field in fields.items():
        typed = "x" * (field.max_length + 1)
        if isinstance(field, forms.EmailField):
            typed = "x" * (field.max_length - 11) + "@example.org"
        form = _make(cls, form_kwargs, data={name: typed})
        assert name in form.errors, f"{cls.__name__}.{name}"
        message = f"must be {field.max_length:,} characters or less"
        assert any(message in error for error in form.errors[name]), form.errors[name]
        label = str(field.label).split(" (")[0].rstrip("?")
        assert any(label in error for error in form.errors[name]), form.errors[name]


@pytest.fixture
def incident_page(client, business_manager, board, incident):
    client.force_login(business_manager)
    return reverse("reviews:incident_edit", args=[board.pk, incident.pk])


@pytest.fixture
def incident(business_manager, board):
    from reviews.tests.factories import log_incident

    return log_incident(actor=business_manager, board=board, reference="Child Q")


def _incident_data(**overrides):
    data = {
        "reference": "Child R",
        "subject_kind": "child",
        "incident_on_0": 1,
        "incident_on_1": 3,
        "incident_on_2": 2026,
        "la_aware_on_0": 2,
        "la_aware_on_1": 3,
        "la_aware_on_2": 2026,
        "notified_on_0": 3,
        "notified_on_1": 3,
        "notified_on_2": 2026,
        "notifier": "Children's services",
        "facts": ["died"],
    }
    return {**data, **overrides}


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_a_pasted_reference_is_refused_whole_not_cut(client, incident_page, incident):
    """The browser cut the reference at 60 characters and the notifier at 200, silently."""
    page = client.get(incident_page).content.decode()
    assert " maxlength=" not in page
    reference, notifier = "Child " + "Q" * 60, "N" * 201
    response = client.post(incident_page, _incident_data(reference=reference, notifier=notifier))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Case reference must be 60 characters or less" in html
    assert "Who notified the board must be 200 characters or less" in html
    assert f'value="{reference}"' in html and f'value="{notifier}"' in html  # kept, whole
    incident.refresh_from_db()
    assert incident.reference == "Child Q"


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_a_3_mb_paste_reaches_the_form_and_is_kept(client, incident_page, incident):
    """A 3 MB paste showed Django's RequestDataTooBig page and the text was lost."""
    pasted = "A long paste. " * (3 * 1024 * 1024 // 14)
    response = client.post(incident_page, _incident_data(summary=pasted))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Summary of what happened must be 10,000 characters or less" in html
    assert pasted in html
    incident.refresh_from_db()
    assert incident.summary == ""


def test_past_the_request_limit_the_page_says_the_limit(client, incident_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client.post(incident_page, _incident_data(summary="x" * 1024 * 1024))
    html = response.content.decode()
    assert response.status_code == 413
    assert "What you sent is too large" in html
    assert "at most 1 MB of text" in html
    assert "govuk-header" in html or "govuk-generic-header" in html  # the service's page


def test_the_default_request_limit_is_10_mb(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * 1024 * 1024


# The API.

WRITABLE = (serializers.CharField,)


def _unbounded(serializer) -> list[str]:
    wrong = []
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        child = getattr(field, "child", None)
        if isinstance(field, serializers.ListSerializer):
            wrong += [f"{name}[].{inner}" for inner in _unbounded(field.child)]
        elif isinstance(field, serializers.BaseSerializer):
            wrong += [f"{name}.{inner}" for inner in _unbounded(field)]
        elif isinstance(child, WRITABLE) and child.max_length is None:
            wrong.append(f"{name}[]")
        elif isinstance(field, WRITABLE) and field.max_length is None:
            wrong.append(name)
    return wrong


def _concrete_serializers():
    for cls in SERIALIZERS:
        meta = getattr(cls, "Meta", None)
        if issubclass(cls, serializers.ModelSerializer) and getattr(meta, "model", None) is None:
            continue
        yield cls


CONCRETE_SERIALIZERS = list(_concrete_serializers())


def test_the_walk_finds_the_serializers():
    names = {cls.__name__ for cls in CONCRETE_SERIALIZERS}
    assert {"ActionSerializer", "EpisodeSerializer", "PauseSerializer"} <= names


@pytest.mark.parametrize(
    "cls", CONCRETE_SERIALIZERS, ids=[c.__qualname__ for c in CONCRETE_SERIALIZERS]
)
def test_every_text_field_of_a_serializer_has_a_limit(cls, db):
    assert _unbounded(cls()) == [], f"{cls.__name__}: base it on core.api.(Model)Serializer"


def test_a_text_field_takes_its_models_limit():
    from publication.api import PublicationSerializer
    from reviews.review_api import EpisodeSerializer, ReviewSerializer

    assert EpisodeSerializer().fields["what_happened"].max_length == limits.LONG_TEXT
    assert EpisodeSerializer().fields["title"].max_length == 200  # the model's max_length
    assert ReviewSerializer().fields["terms_of_reference"].max_length == limits.NARRATIVE
    assert PublicationSerializer().fields["reasons"].max_length == 5_000


def test_a_page_and_the_api_take_the_same_text():
    """What the API took, the page can show and save again."""
    from publication.api import PublicationSerializer
    from publication.forms import DecisionForm
    from reviews.review_api import ReviewSerializer
    from reviews.review_forms import SetupForm

    pairs = [
        (SetupForm, ReviewSerializer, "terms_of_reference"),
        (DecisionForm, PublicationSerializer, "reasons"),
    ]
    for form, serializer, name in pairs:
        assert form.base_fields[name].max_length == serializer().fields[name].max_length, name


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_the_api_refuses_a_description_past_the_limit(
    api_client_for, business_manager, review, agency
):
    """The API took a 2.4 MB action description and a 2 MB episode."""
    client = api_client_for(business_manager)
    url = reverse("api:review-actions", args=[review.pk])

    def action(description):
        body = {"description": description, "owner_agency": str(agency.pk), "due_on": "2026-09-01"}
        return client.post(url, body, format="json")

    too_long = action("x" * (limits.LONG_TEXT + 1))
    assert too_long.status_code == 400
    assert too_long.json() == {"description": ["description must be 10,000 characters or less"]}
    assert not Action.objects.exists()
    assert action("x" * limits.LONG_TEXT).status_code == 201
    assert action("x" * 2_400_000).status_code == 400


@pytest.fixture
def review(incident, chair):
    from reviews.tests.factories import decide

    decide(actor=chair, incident=incident, decided_on=incident.notified_on)
    incident.refresh_from_db()
    return incident.review
