"""Every record of a case can be corrected, or withdrawn with a reason, and never silently lost.

One table drives the tests: for each kind of record, how it is made (through the services, as
in use), its change and withdraw pages, a correction and the field it changes, a bad input,
and who may. Each kind is corrected with history, refused bad input with nothing saved,
withdrawn with a reason it keeps (and leaves its list), and refused to a role that may not.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reviews.models import FindingCategory
from reviews.services import actions, analysis, decisions, engagement, incidents, reviews

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@dataclass
class Kind:
    """One kind of record: `make(ctx)` makes one; the pages are named by `prefix`
    (`<prefix>_edit`, `<prefix>_withdraw`) with the record's id as `kwarg`."""

    make: object
    prefix: str
    kwarg: str
    actor: str  # the fixture of who may correct and withdraw it
    refused: str  # a role that may see it but not change it (403)
    change: dict  # form data of a correction
    field: str  # the field the correction changes
    value: object  # its value after the correction
    bad: dict  # form data refused with a GOV.UK error summary
    message: str  # part of the refusal
    of: str = "review"  # the record belongs to the review or to the incident
    list_url: str = ""
    label: object = field(default=None)  # how the list names it (to see it leave the list)


def _review(ctx):
    return ctx["review"]


def make_participant(ctx):
    return engagement.participant_add(
        actor=ctx["business_manager"],
        review=_review(ctx),
        group="case_group",
        name="Nora Nurse",
        role="School nurse",
    )


@pytest.fixture
def withdrawn_practitioners_conversation(ctx):
    """A conversation with a practitioner of the case group, who was then withdrawn from it:
    (the conversation, the practitioner)."""
    person = make_participant(ctx)
    conversation = analysis.conversation_add(
        actor=ctx["pair"][0], review=ctx["review"], held_on=D(2026, 5, 1), participant=person
    )
    engagement.participant_withdraw(
        actor=ctx["business_manager"], participant=person, reason="Left the case group"
    )
    return conversation, person


def make_meeting(ctx):
    return engagement.meeting_plan(
        actor=ctx["business_manager"], review=_review(ctx), kind="joint", planned_on=D(2026, 6, 1)
    )


def make_request(ctx):
    return engagement.agency_request_add(
        actor=ctx["business_manager"],
        review=_review(ctx),
        agency=ctx["agency"],
        details="Case records for 2025",
        requested_on=D(2026, 4, 1),
        due_on=D(2026, 4, 15),
    )


def make_entry(ctx):
    return engagement.chronology_add(
        actor=ctx["business_manager"],
        review=_review(ctx),
        agency=ctx["agency"],
        occurred_on=D(2026, 1, 5),
        entry="Call to the home about noise",
    )


def make_involvement(ctx):
    return engagement.involvement_offer(
        actor=ctx["business_manager"],
        review=_review(ctx),
        kind="family",
        who="grandmother",
        offered_on=D(2026, 4, 2),
    )


def make_conversation(ctx):
    return analysis.conversation_add(
        actor=ctx["pair"][0], review=_review(ctx), held_on=D(2026, 5, 1), overview="Busy week"
    )


def make_episode(ctx):
    return analysis.episode_add(
        actor=ctx["pair"][0],
        review=_review(ctx),
        occurred_on=D(2026, 1, 5),
        title="The home visit",
        what_happened="A visit was made.",
    )


def make_finding(ctx):
    return analysis.finding_add(
        actor=ctx["pair"][0],
        review=_review(ctx),
        category=FindingCategory.objects.get(code="tools"),
        title="The form hides risk",
        manifested="Nobody saw the score.",
    )


def make_action(ctx):
    return actions.action_add(
        actor=ctx["business_manager"],
        review=_review(ctx),
        description="Train the front door",
        owner_agency=ctx["agency"],
        due_on=D(2026, 9, 1),
    )


def make_question(ctx):
    return reviews.research_question_add(
        actor=ctx["business_manager"], review=_review(ctx), question="How was risk shared?"
    )


def make_appointment(ctx):
    return _review(ctx).appointments.get(user=ctx["pair"][1])


def make_person(ctx):
    return incidents.person_add(
        actor=ctx["business_manager"],
        incident=_review(ctx).incident,
        role="family",
        name="Mary Realname",
    )


def make_notification(ctx):
    return incidents.notification_record(
        actor=ctx["business_manager"],
        incident=_review(ctx).incident,
        recipient="ofsted",
        sent_on=D(2026, 3, 4),
        summary="Told Ofsted",
    )


def make_advice(ctx):
    return decisions.panel_advice_record(
        actor=ctx["business_manager"],
        decision=_review(ctx).incident.decision,
        received_on=D(2026, 3, 20),
        advice="Think again about the type of review",
    )


KINDS = {
    "participant": Kind(
        make_participant,
        "participant",
        "participant_id",
        "business_manager",
        "chair",
        {"group": "case_group", "name": "Nora Nurse-Smith", "role": "School nurse"},
        "name",
        "Nora Nurse-Smith",
        {"group": "case_group", "name": ""},
        "Enter the person",
        list_url="reviews:participants",
        label="Nora Nurse",
    ),
    "meeting": Kind(
        make_meeting,
        "meeting",
        "meeting_id",
        "business_manager",
        "viewer",
        {"kind": "case_group", **date_data("planned_on", D(2026, 6, 2))},
        "planned_on",
        D(2026, 6, 2),
        {"kind": "case_group", **date_data("planned_on", D(2025, 6, 2))},
        "on or after the date the review started",
        list_url="reviews:meetings",
    ),
    "agency_request": Kind(
        make_request,
        "agency_request",
        "request_id",
        "business_manager",
        "member",
        {"details": "Case records for 2024 and 2025"},
        "details",
        "Case records for 2024 and 2025",
        {"details": "Records", **date_data("due_on", D(2026, 3, 1))},
        "on or after the date of the request",
        list_url="reviews:agency_requests",
        label="Case records for 2025",
    ),
    "chronology": Kind(
        make_entry,
        "chronology",
        "entry_id",
        "business_manager",
        "viewer",
        {"entry": "Call to the home about shouting"},
        "entry",
        "Call to the home about shouting",
        {"entry": ""},
        "Enter what happened",
        list_url="reviews:chronology",
        label="Call to the home about noise",
    ),
    "involvement": Kind(
        make_involvement,
        "involvement",
        "involvement_id",
        "business_manager",
        "chair",
        {"who": "grandfather"},
        "who",
        "grandfather",
        {"who": "", **date_data("offered_on", D(2026, 7, 1))},
        "Enter their relationship or role",
        list_url="reviews:involvements",
        label="Grandmother",
    ),
    "conversation": Kind(
        make_conversation,
        "conversation",
        "conversation_id",
        "pair",
        "business_manager",
        {"overview": "A very busy week"},
        "overview",
        "A very busy week",
        date_data("held_on", D(2026, 7, 1)),
        "must be today or in the past",
        list_url="reviews:conversations",
    ),
    "episode": Kind(
        make_episode,
        "episode",
        "episode_id",
        "pair",
        "business_manager",
        {"title": "The second home visit"},
        "title",
        "The second home visit",
        {"title": ""},
        "Enter a title",
        list_url="reviews:episodes",
        label="The home visit",
    ),
    "finding": Kind(
        make_finding,
        "finding",
        "finding_id",
        "pair",
        "chair",
        {"title": "The form hides risk from managers"},
        "title",
        "The form hides risk from managers",
        {"manifested": ""},
        "Enter how the issue showed",
        list_url="reviews:findings",
        label="The form hides risk",
    ),
    "action": Kind(
        make_action,
        "action",
        "action_id",
        "business_manager",
        "chair",
        {"description": "Train the whole front door"},
        "description",
        "Train the whole front door",
        {"description": ""},
        "Enter the action",
        list_url="reviews:actions",
        label="Train the front door",
    ),
    "research_question": Kind(
        make_question,
        "research_question",
        "question_id",
        "business_manager",
        "viewer",
        {"question": "How was risk shared between agencies?"},
        "question",
        "How was risk shared between agencies?",
        {"question": ""},
        "Enter the research question",
        list_url="reviews:research_questions",
        label="How was risk shared?",
    ),
    "appointment": Kind(
        make_appointment,
        "appointment",
        "appointment_id",
        "business_manager",
        "chair",
        {"role": "lead", "declaration": "Met the chair once at a conference."},
        "declaration",
        "Met the chair once at a conference.",
        {"role": ""},
        "Select the reviewer",
        list_url="reviews:appointments",
    ),
    "person": Kind(
        make_person,
        "person",
        "person_id",
        "business_manager",
        "chair",
        {"role": "family", "name": "Mary Realname-Jones"},
        "name",
        "Mary Realname-Jones",
        {"role": "family", "name": ""},
        "real name",
        of="incident",
        list_url="reviews:people",
        label="Mary Realname",
    ),
    "notification": Kind(
        make_notification,
        "notification",
        "notification_id",
        "business_manager",
        "chair",
        {"recipient": "ofsted", "about": "incident", "summary": "Told Ofsted by e-mail"},
        "summary",
        "Told Ofsted by e-mail",
        {"recipient": "ofsted", "about": "incident", **date_data("sent_on", D(2026, 2, 1))},
        "on or after the date the local authority became aware",
        of="incident",
        list_url="reviews:incident_detail",
        label="Told Ofsted",
    ),
    "panel_advice": Kind(
        make_advice,
        "panel_advice",
        "advice_id",
        "business_manager",
        "member",
        {"advice": "Think again about the type of review, please"},
        "advice",
        "Think again about the type of review, please",
        {"advice": ""},
        "Enter the panel",
        of="incident",
        list_url="reviews:incident_detail",
        label="Think again about the type of review",
    ),
}

# The fields each change form posts, from the record as it is (the form shows them filled).
FORM_FIELDS = {
    "participant": ("group", "name", "agency", "role", "contact"),
    "meeting": ("kind", "planned_on"),
    "agency_request": ("agency", "asks", "details", "requested_on", "due_on"),
    "chronology": ("agency", "occurred_on", "entry", "source"),
    "involvement": ("kind", "who", "offered_on"),
    "conversation": ("participant", "held_on", "overview"),
    "episode": ("title", "occurred_on", "what_happened", "appraisal", "version"),
    "finding": ("category", "title", "manifested", "version"),
    "action": ("description", "finding", "owner_agency", "due_on"),
    "research_question": ("question",),
    "appointment": ("role", "declaration"),
    "person": ("role", "name", "aliases", "relationship", "agency"),
    "notification": ("recipient", "about", "sent_on", "summary"),
    "panel_advice": ("received_on", "advice", "response"),
}


def form_data(kind: str, record) -> dict:
    """What the change form holds for `record`, as the browser would send it back."""
    data = {}
    for name in FORM_FIELDS[kind]:
        if hasattr(record, f"{name}_id"):  # a link: sent as the id of what it links to
            value = getattr(record, f"{name}_id")
        else:
            value = getattr(record, name)
        if isinstance(value, dt.date):
            data.update(date_data(name, value))
        elif value is not None:
            data[name] = str(value)
    return data


@pytest.fixture
def ctx(review, pair, business_manager, chair, member, viewer, agency):
    review.incident.agencies.add(agency)
    return {
        "review": review,
        "pair": pair,
        "business_manager": business_manager,
        "chair": chair,
        "member": member,
        "viewer": viewer,
        "agency": agency,
    }


def actor_of(kind: Kind, ctx):
    return ctx["pair"][0] if kind.actor == "pair" else ctx[kind.actor]


def page(kind: Kind, ctx, action: str, record) -> str:
    review = ctx["review"]
    if kind.of == "incident":
        args = [review.board_id, review.incident_id, record.pk]
    else:
        args = [review.board_id, review.pk, record.pk]
    return reverse(f"reviews:{kind.prefix}_{action}", args=args)


def list_page(kind: Kind, ctx) -> str:
    review = ctx["review"]
    parent = review.incident_id if kind.of == "incident" else review.pk
    return reverse(kind.list_url, args=[review.board_id, parent])


def error_page(response) -> str:
    html = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


@pytest.mark.parametrize("name", KINDS)
def test_corrected_with_its_history(client, ctx, name):
    kind = KINDS[name]
    record = kind.make(ctx)
    before = getattr(record, kind.field)
    actor = actor_of(kind, ctx)
    client.force_login(actor)
    url = page(kind, ctx, "edit", record)
    assertContains(client.get(url), "Save changes")
    response = client.post(url, {**form_data(name, record), **kind.change})
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert getattr(record, kind.field) == kind.value
    latest, previous = record.history.order_by("-history_id")[:2]
    assert latest.history_user == actor
    assert getattr(previous, kind.field) == before  # the earlier text is kept


@pytest.mark.parametrize("name", KINDS)
def test_a_bad_correction_saves_nothing_and_keeps_what_was_typed(client, ctx, name):
    kind = KINDS[name]
    record = kind.make(ctx)
    before = getattr(record, kind.field)
    client.force_login(actor_of(kind, ctx))
    data = {**form_data(name, record), **kind.bad}
    html = error_page(client.post(page(kind, ctx, "edit", record), data))
    assert kind.message in html.replace("&#x27;", "'")
    record.refresh_from_db()
    assert getattr(record, kind.field) == before
    typed = next((v for k, v in kind.bad.items() if isinstance(v, str) and len(v) > 2), None)
    if typed:
        assert typed in html


@pytest.mark.parametrize("name", KINDS)
def test_withdrawn_with_a_reason_it_keeps(client, ctx, name):
    kind = KINDS[name]
    record = kind.make(ctx)
    model = type(record)
    actor = actor_of(kind, ctx)
    client.force_login(actor)
    url = page(kind, ctx, "withdraw", record)
    confirm = client.get(url)
    assertContains(confirm, "Withdraw")
    assertContains(confirm, "govuk-button--warning")
    html = error_page(client.post(url, {"reason": ""}))
    assert "Enter why you are withdrawing it" in html
    assert model.objects.filter(pk=record.pk).exists()

    response = client.post(url, {"reason": "Recorded against the wrong case"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()  # it leaves every list
    kept = model.all_objects.get(pk=record.pk)  # and is never deleted
    assert (kept.withdrawn_by, kept.withdrawal_reason) == (
        actor,
        "Recorded against the wrong case",
    )
    assert kept.history.order_by("-history_id").first().history_user == actor
    assert kept.history.order_by("-history_id").first().withdrawn_at is not None
    client.get(list_page(kind, ctx))  # the page that says it was withdrawn
    listing = client.get(list_page(kind, ctx))
    assertContains(listing, "Recorded against the wrong case")  # under "Withdrawn"
    if kind.label:
        body = listing.content.decode().split("govuk-details", 1)[0]
        assert kind.label not in body, f"{name} still listed"


@pytest.mark.parametrize("name", KINDS)
def test_a_role_that_may_see_but_not_change_is_refused(client, ctx, name):
    kind = KINDS[name]
    record = kind.make(ctx)
    client.force_login(ctx[kind.refused])
    for action in ("edit", "withdraw"):
        url = page(kind, ctx, action, record)
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "Mine now"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("name", KINDS)
def test_someone_of_another_board_gets_404(client, ctx, other_board_user, name):
    kind = KINDS[name]
    record = kind.make(ctx)
    client.force_login(other_board_user)
    for action in ("edit", "withdraw"):
        url = page(kind, ctx, action, record)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404


class TestStageGuards:
    def test_the_reports_records_are_settled_from_publication(self, client, ctx):
        review = ctx["review"]
        entry = make_entry(ctx)
        review.stage = "publication"
        review.save()
        client.force_login(ctx["business_manager"])
        assertNotContains(client.get(list_page(KINDS["chronology"], ctx)), "Withdraw<span")
        html = error_page(
            client.post(page(KINDS["chronology"], ctx, "withdraw", entry), {"reason": "Wrong case"})
        )
        assert "can no longer change" in html
        entry.refresh_from_db()
        assert not entry.is_withdrawn

    def test_a_withdrawn_record_cannot_be_changed(self, ctx):
        entry = make_entry(ctx)
        engagement.chronology_withdraw(actor=ctx["business_manager"], entry=entry, reason="x")
        with pytest.raises(Exception) as refused:
            engagement.chronology_update(
                actor=ctx["business_manager"],
                entry=entry,
                agency=ctx["agency"],
                occurred_on=D(2026, 1, 5),
                what_happened="Changed",
            )
        assert "withdrawn" in str(refused.value)


class TestWhatFollows:
    def test_a_withdrawn_request_leaves_the_deadlines(self, ctx):
        request = make_request(ctx)
        assert request.review.incident.deadlines.filter(owner_id=request.pk).exists()
        engagement.agency_request_withdraw(
            actor=ctx["business_manager"], request=request, reason="Sent twice"
        )
        assert not request.review.incident.deadlines.filter(owner_id=request.pk).exists()

    def test_a_withdrawn_notification_meets_its_clock_no_more(self, ctx):
        incident = ctx["review"].incident
        told = incidents.notification_record(
            actor=ctx["business_manager"],
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 4),
        )
        assert incident.deadlines.get(clock="notify_panel").met_on == D(2026, 3, 4)
        incidents.notification_withdraw(
            actor=ctx["business_manager"], notification=told, reason="Recorded in error"
        )
        assert incident.deadlines.get(clock="notify_panel").met_on is None

    def test_an_episode_that_evidences_a_finding_is_not_withdrawn(self, ctx):
        episode = make_episode(ctx)
        finding = make_finding(ctx)
        finding.episodes.add(episode)
        with pytest.raises(Exception) as refused:
            analysis.episode_withdraw(actor=ctx["pair"][0], episode=episode, reason="x")
        assert "take it out of those findings first" in str(refused.value)

    def test_a_finding_answered_by_an_action_is_not_withdrawn(self, ctx):
        finding = make_finding(ctx)
        action = make_action(ctx)
        action.finding = finding
        action.save()
        with pytest.raises(Exception) as refused:
            analysis.finding_withdraw(actor=ctx["pair"][0], finding=finding, reason="x")
        assert "1 action of the plan answers this finding" in str(refused.value)

    def test_a_withdrawn_appointment_ends_the_reviewers_access(self, client, ctx):
        review, reviewer = ctx["review"], ctx["pair"][1]
        appointment = review.appointments.get(user=reviewer)
        reviews.reviewer_withdraw(
            actor=ctx["business_manager"], appointment=appointment, reason="Wrong person"
        )
        client.force_login(reviewer)
        url = reverse("reviews:review_detail", args=[review.board_id, review.pk])
        # A lead reviewer of the board, no longer appointed: the review is not theirs.
        assert client.get(url).status_code == 403
        appointment = type(appointment).all_objects.get(pk=appointment.pk)
        assert appointment.ended_on == TODAY

    def test_a_withdrawn_practitioner_is_still_named_in_their_conversation(
        self, client, ctx, withdrawn_practitioners_conversation
    ):
        review = ctx["review"]
        conversation, _ = withdrawn_practitioners_conversation
        client.force_login(ctx["pair"][0])
        detail = reverse(
            "reviews:conversation_detail", args=[review.board_id, review.pk, conversation.pk]
        )
        response = client.get(detail)
        assertContains(response, "Conversation with Nora Nurse")
        assertContains(response, "has been withdrawn from the case group")


class TestTheBoardsResponse:
    def test_a_changed_finding_offers_the_last_response_again(self, client, ctx, supervisor):
        review = ctx["review"]
        review.supervisor = supervisor
        review.save()
        finding = make_finding(ctx)
        analysis.finding_quality_assure(actor=supervisor, finding=finding)
        analysis.finding_respond(
            actor=ctx["chair"],
            finding=finding,
            response="The board accepts this and will act.",
            responded_on=D(2026, 6, 1),
        )
        finding.refresh_from_db()
        analysis.finding_update(
            actor=ctx["pair"][0],
            finding=finding,
            version=finding.version,
            category=finding.category,
            title="The form hides risk from managers",
            manifested=finding.manifested,
        )
        finding.refresh_from_db()
        assert finding.board_response == ""  # withdrawn with the change...
        analysis.finding_quality_assure(actor=supervisor, finding=finding)
        client.force_login(ctx["chair"])
        url = reverse("reviews:finding_response", args=[review.board_id, review.pk, finding.pk])
        response = client.get(url)
        # ...and offered again to check, not to type again.
        assertContains(response, "The board accepts this and will act.")
        assertContains(response, "The finding changed after the board responded")


class TestTheDecision:
    def test_the_reasons_are_corrected_not_the_outcome(self, client, ctx):
        review = ctx["review"]
        decision = review.incident.decision
        client.force_login(ctx["chair"])
        url = reverse("reviews:decision_edit", args=[review.board_id, review.incident_id])
        html = error_page(client.post(url, {"rationale": ""}))
        assert "Enter the reasons for the decision" in html
        response = client.post(url, {"rationale": "The criteria are met; neglect suspected."})
        assert response.status_code == 302
        decision.refresh_from_db()
        assert decision.rationale == "The criteria are met; neglect suspected."
        assert decision.history.count() == 2

    def test_only_the_chair(self, client, ctx):
        review = ctx["review"]
        url = reverse("reviews:decision_edit", args=[review.board_id, review.incident_id])
        client.force_login(ctx["business_manager"])
        assert client.post(url, {"rationale": "Mine"}).status_code == 403

    def test_an_lscb_chair_is_offered_only_what_the_regime_allows(self, client, lscb):
        from reviews.tests.factories import log_incident

        board, manager, chair = lscb
        incident = log_incident(actor=manager, board=board)
        client.force_login(chair)
        html = client.get(reverse("reviews:decision", args=[board.pk, incident.pk])).content
        html = html.decode()
        assert "Initiate a statutory review: serious case review" in html
        assert "Initiate a statutory review: learning review" not in html
        assert "Hold an alternative review: learning review" in html
        response = client.post(
            reverse("reviews:decision", args=[board.pk, incident.pk]),
            {
                "outcome": "alternative_review:learning_review",
                "rationale": "A learning review will do.",
                **date_data("decided_on", incident.notified_on),
            },
        )
        assert response.status_code == 302
        assert incident.review.review_type == "learning_review"


class TestConversationsAreConfidential:
    """What a practitioner said is read by the reviewers and their supervisor only; the board
    sees that the conversation took place (date, role, agency), not what was said."""

    @pytest.fixture
    def conversation(self, ctx):
        person = make_participant(ctx)
        person.agency = ctx["agency"]
        person.save()
        return analysis.conversation_add(
            actor=ctx["pair"][0],
            review=ctx["review"],
            held_on=D(2026, 5, 1),
            participant=person,
            overview="I was worried about the bruise but the form had no box for it.",
        )

    @pytest.mark.parametrize("role", ["business_manager", "chair", "member", "viewer"])
    def test_the_board_sees_that_it_took_place_not_what_was_said(
        self, client, ctx, conversation, role
    ):
        review = ctx["review"]
        client.force_login(ctx[role])
        listing = client.get(reverse("reviews:conversations", args=[review.board_id, review.pk]))
        assertContains(listing, "1 May 2026")
        assertContains(listing, "School nurse, Northshire Constabulary")
        assertNotContains(listing, "Nora Nurse")
        assertNotContains(listing, "worried about the bruise")
        detail = reverse(
            "reviews:conversation_detail", args=[review.board_id, review.pk, conversation.pk]
        )
        assertNotContains(listing, detail)
        response = client.get(detail)
        assert response.status_code == 403
        assertNotContains(response, "worried about the bruise", status_code=403)

    def test_the_reviewers_and_the_supervisor_read_it(self, client, ctx, conversation, supervisor):
        review = ctx["review"]
        review.supervisor = supervisor
        review.save()
        detail = reverse(
            "reviews:conversation_detail", args=[review.board_id, review.pk, conversation.pk]
        )
        for reader in (ctx["pair"][0], ctx["pair"][1], supervisor):
            client.force_login(reader)
            assertContains(client.get(detail), "worried about the bruise")


def test_a_notification_says_who_recorded_it_and_never_that_the_service_sent_it(client, ctx):
    make_notification(ctx)
    review = ctx["review"]
    client.force_login(ctx["chair"])
    page = client.get(
        reverse("reviews:incident_detail", args=[review.board_id, review.incident_id])
    )
    assertContains(page, "sent outside this service")
    assertContains(page, "15 Jun 2026 by Bea Manager")


class TestAnIncidentLoggedInError:
    @pytest.fixture
    def duplicate(self, ctx, board):
        from reviews.tests.factories import log_incident

        return log_incident(actor=ctx["business_manager"], board=board, reference="Child Q2")

    def test_withdrawn_with_its_clocks_and_its_reference_free_again(
        self, client, ctx, board, duplicate
    ):
        from deadlines.models import Deadline
        from reminders.models import Reminder
        from reviews.models import Incident
        from reviews.tests.factories import log_incident

        assert Deadline.objects.filter(case_id=duplicate.pk).exists()
        client.force_login(ctx["business_manager"])
        url = reverse("reviews:incident_withdraw", args=[board.pk, duplicate.pk])
        assertContains(client.get(url), "Withdraw the incident Child Q2?")
        assert client.post(url, {"reason": "Logged twice"}).status_code == 302
        assert not Incident.objects.filter(pk=duplicate.pk).exists()
        assert not Deadline.objects.filter(case_id=duplicate.pk).exists()
        assert not Reminder.objects.filter(deadline__case_id=duplicate.pk).exists()
        listing = client.get(reverse("reviews:incident_list", args=[board.pk]))
        assertContains(listing, "Logged twice")
        detail = reverse("reviews:incident_detail", args=[board.pk, duplicate.pk])
        assert client.get(detail).status_code == 404
        # The reference is free for the incident it should have been.
        log_incident(actor=ctx["business_manager"], board=board, reference="Child Q2")

    def test_not_once_the_chair_has_decided(self, client, ctx, board):
        incident = ctx["review"].incident
        client.force_login(ctx["business_manager"])
        url = reverse("reviews:incident_withdraw", args=[board.pk, incident.pk])
        html = error_page(client.post(url, {"reason": "Logged twice"}))
        assert "it cannot be withdrawn" in html
        incident.refresh_from_db()
        assert not incident.is_withdrawn

    def test_only_the_business_manager(self, client, ctx, board, duplicate, other_board_user):
        url = reverse("reviews:incident_withdraw", args=[board.pk, duplicate.pk])
        client.force_login(ctx["chair"])
        assert client.post(url, {"reason": "x"}).status_code == 403
        client.force_login(other_board_user)
        assert client.post(url, {"reason": "x"}).status_code == 404

    def test_retention_counts_it_closed_when_withdrawn(self, ctx, board, duplicate):
        from retention import selectors as retention

        incidents.incident_withdraw(
            actor=ctx["business_manager"], incident=duplicate, reason="Logged twice"
        )
        (case,) = [c for c in retention.closed_cases(board=board) if c.incident_id == duplicate.pk]
        assert (case.closed_on, case.closure.label) == (TODAY, "Withdrawn: logged in error")


def test_correcting_a_conversation_keeps_the_withdrawn_practitioner(
    client, ctx, withdrawn_practitioners_conversation
):
    """Item 6 of the issue: a conversation must not become "someone not listed"."""
    review = ctx["review"]
    conversation, person = withdrawn_practitioners_conversation
    client.force_login(ctx["pair"][0])
    url = reverse("reviews:conversation_edit", args=[review.board_id, review.pk, conversation.pk])
    assertContains(client.get(url), f'value="{person.pk}" selected')
    data = {**form_data("conversation", conversation), "overview": "Corrected a typo"}
    assert client.post(url, data).status_code == 302
    conversation.refresh_from_db()
    assert (conversation.participant_id, conversation.overview) == (person.pk, "Corrected a typo")
