"""Every URL of the project has a policy, and outsiders get 404 on every object of a board.

The walk finds URLs by itself, so a new URL without a URL_POLICY entry fails here (deny by
default), and a new object URL that leaks to another board's users fails too.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bank.models import BankedReport, BankImport
from boards.models import Membership
from boards.tests.factories import AgencyFactory, MembershipFactory
from core import permissions
from core.models import ApiToken
from core.tests.factories import FAR_FUTURE
from publication.models import Report
from reviews.models import FindingCategory

Role = Membership.Role
FAR_PAST = dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)
METHODS = ["get", "head", "options", "post", "put", "patch", "delete"]


def walk(resolver=None, namespace="", outer=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        kwargs = (*outer, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: staff only, organisational models only
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner, kwargs)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed: {entry.pattern}>"
            yield name, kwargs


ALL_URLS = sorted({(name, tuple(sorted(kwargs))) for name, kwargs in walk()})
# The lead reviewer programme belongs to no board: its records are the staff's, and each
# person's own (their application, training, accreditation). Tested apart, below.
ACCREDITATION_API = {
    "api:cohort",
    "api:application",
    "api:supervision-session",
    "api:accreditation",
}
ACCREDITATION_URLS = [
    (name, kwargs)
    for name, kwargs in ALL_URLS
    if (name.startswith("accreditation:") or name.rsplit("-", 1)[0] in ACCREDITATION_API)
    and name not in permissions.PUBLIC_URLS
]
OBJECT_URLS = [
    (name, kwargs)
    for name, kwargs in ALL_URLS
    if set(kwargs) - {"format"} and (name, kwargs) not in ACCREDITATION_URLS
]
# Objects that belong to no board (the bank holiday table): non-admins get 403, not 404.
NOT_OF_A_BOARD = {"bank_holiday_remove", "approved_reviewer_end"}
# The bank of completed reports: published reports, read by the people of every board (only an
# entry not yet confirmed is its keepers' alone: bank/tests/test_views.py).
THE_BANK = {
    "bank:detail",
    "bank:file",
    "bank:confirm",
    "bank:correct",
    "bank:withdraw",
    "api:bank-detail",
}
# A user's own records (their reminders): anyone else gets 404.
PERSONAL = {"reminders:open", "account_api_token_revoke"}
OBJECT_URLS = [
    u
    for u in OBJECT_URLS
    if u[0] not in permissions.PUBLIC_URLS | NOT_OF_A_BOARD | PERSONAL | THE_BANK
]
API_OBJECT_URLS = [u for u in OBJECT_URLS if u[0].startswith("api:")]
GUARDED_URLS = [u for u in ALL_URLS if u[0] not in permissions.PUBLIC_URLS]


def test_every_url_has_a_name():
    """The policy is by URL name: a pattern without one could not have an entry."""
    assert [name for name, _ in ALL_URLS if name.startswith("<unnamed")] == []


def test_the_walk_finds_the_board_urls():
    names = {name for name, _ in ALL_URLS}
    assert {"boards:detail", "boards:agency_edit", "api:board-members"} <= names


@pytest.mark.parametrize(("name", "kwargs"), ALL_URLS, ids=[u[0] for u in ALL_URLS])
def test_every_url_has_a_policy_or_is_public(name, kwargs):
    in_policy = name in permissions.URL_POLICY
    assert in_policy != (name in permissions.PUBLIC_URLS), (
        f"{name}: add it to URL_POLICY (or, if anyone may open it, to PUBLIC_URLS)"
    )


def test_policy_has_no_stale_entries():
    names = {name for name, _ in ALL_URLS}
    assert set(permissions.URL_POLICY) <= names


def test_policy_names_only_known_actions():
    actions = set(permissions.policy)
    for entry in permissions.URL_POLICY.values():
        for action in [entry] if isinstance(entry, str) else entry.values():
            assert action in actions


@pytest.fixture
def objects_of_board(board, business_manager, agency):
    return board_objects(board, business_manager, agency)


def board_objects(board, business_manager, agency) -> dict:
    """One of every record of `board` an address can name, by the URL's keyword (also used by
    bench/every_page.py, on a seeded volume)."""
    from reviews.services.incidents import person_add
    from reviews.tests.factories import decide, log_incident

    membership = business_manager.memberships.get(board=board)
    incident = log_incident(actor=business_manager, board=board)
    chair = MembershipFactory(board=board, role="chair").user
    decide(actor=chair, incident=incident)
    person = person_add(actor=business_manager, incident=incident, role="subject", name="Real Name")
    review = incident.review
    reviewer = MembershipFactory(board=board, role="lead_reviewer").user
    entry = review.chronology.create(agency=agency, occurred_on="2026-01-05", entry="Seen")
    # Sent in the service to the agency's contributor; another agency's contributor is on the
    # review too (test_security_routes.py: what each of them gets).
    request = review.agency_requests.create(
        agency=agency,
        details="Records",
        requested_on="2026-03-20",
        due_on="2026-04-03",
        sent_at=FAR_PAST,
    )
    police_contributor = contributor_of(review, agency, "Pat Police")
    contributor_of(review, AgencyFactory(board=board, name="Health trust"), "Hana Health")
    # A detail the anonymisation check flags (a postcode), for the page that keeps it; held in
    # Welsh too, for the page of a passage's Welsh (the services allow it a board in Wales).
    report = Report.objects.create(
        review=review, case_summary="They lived near NT1 4AB.", in_welsh=True
    )
    rendering = report.renderings.create(
        report_version=1, report_status="draft", requested_by=business_manager, state="ready"
    )
    rendering.pdf.save("report.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    annual_report = board.annual_reports.create(
        year=2025, requested_by=business_manager, state="ready"
    )
    annual_report.pdf.save("annual.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    # The board's self-assessment of the review against the quality markers, started.
    from quality.services import assessment_start

    assessment_start(actor=business_manager, review=review)
    # A published report in the bank, kept by the board (bank/: every board's people read it).
    banked = BankedReport(
        board=board,
        title="Child Q",
        published_by="Northshire Safeguarding Children Partnership",
        year=2024,
        review_type="lcspr",
        file_name="child-q.pdf",
        file_kind="pdf",
        added_by=business_manager,
        confirmed_at=FAR_PAST,
        confirmed_by=business_manager,
    )
    banked.file.save("child-q.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    # A bulk import into the board's bank (bank/imports): its keepers' alone.
    bank_import = BankImport.objects.create(
        board=board, started_by=business_manager, source_name="reports.zip", csv_name="r.csv"
    )
    bank_import.rows.create(number=2, source="child-q.pdf", outcome="added", report=banked)
    return {
        "board_id": board.pk,
        "banked_id": banked.pk,
        "import_id": bank_import.pk,
        **_sharing_of(board, business_manager, review),
        "review_id": review.pk,
        "question_id": review.research_questions.create(question="Why?").pk,
        "appointment_id": review.appointments.create(
            user=reviewer, role="lead", independence_declared=True, appointed_on="2026-03-20"
        ).pk,
        "participant_id": review.participants.create(group="case_group", name="A Nurse").pk,
        "meeting_id": review.meetings.create(kind="joint", planned_on="2026-04-01").pk,
        "request_id": request.pk,
        "return_id": request.returns.create(
            answer="Records", submitted_at=FAR_PAST, submitted_by=police_contributor
        ).pk,
        "contributor_id": review.contributors.get(user=police_contributor).pk,
        "document_id": _document_of(request, police_contributor).pk,
        **_accuracy_check_of(report, review.contributors.get(user=police_contributor)),
        "involvement_id": review.involvements.create(
            kind="family", who="mother", offered_on="2026-03-21"
        ).pk,
        "conversation_id": review.conversations.create(held_on="2026-03-25").pk,
        "episode_id": review.episodes.create(
            occurred_on="2026-01-05", title="Home visit", what_happened="Visit"
        ).pk,
        "finding_id": review.findings.create(
            category=FindingCategory.objects.first(), title="A pattern", manifested="Here"
        ).pk,
        "action_id": review.actions.create(
            description="Train", owner_agency=agency, due_on="2026-09-01"
        ).pk,
        "chronology_entry": entry.pk,
        "entry_id": entry.pk,
        "notification_id": incident.notifications.create(
            recipient="ofsted", sent_on="2026-03-04", summary="Told"
        ).pk,
        "advice_id": incident.decision.panel_advice.create(
            received_on="2026-03-20", advice="Think again"
        ).pk,
        "proceeding_id": incident.proceedings.create(
            kind="inquest", description="Coroner's inquest", started_on="2026-03-10"
        ).pk,
        "restriction_id": incident.restrictions.create(
            kind="court_order",
            made_by="Family court",
            made_on="2026-03-10",
            ends_on="2026-04-10",
            what_it_forbids="Naming the school",
        ).pk,
        # A step with the Home Office Quality Assurance Panel, and the page of each kind.
        "qa_kind": "submitted",
        "qa_step_id": review.home_office_qa_steps.create(
            kind="submitted", occurred_on="2026-03-20", recorded_by=business_manager
        ).pk,
        "reminder_id": business_manager.reminders.first().pk,
        # An API token of the board, acting as its business manager.
        "token_id": ApiToken.make(
            user=business_manager, board=board, purpose="Case system", expires_at=FAR_FUTURE
        )[0].pk,
        "agency_id": agency.pk,
        "membership_id": membership.pk,
        "incident_id": incident.pk,
        "person_id": person.pk,
        "deadline_id": incident.deadlines.first().pk,
        "rendering_id": rendering.pk,
        "report_id": annual_report.pk,
        "year": 2025,
        "section": "introduction",
        # A quality marker of both sets (quality/).
        "marker": "referral",
        # A passage of the report (its case summary), for the page of its Welsh.
        "passage": "section:case_summary",
        "flag_key": _flag_key(review),
        "kind": "incidents",
        "on": "2026-12-25",
        # A proposal of a joint review, of the board's review and (for the page of its answer)
        # to the board itself: one record serves both pages.
        "joint_id": review.joint_as_lead.create(
            partner_board=board, note="The same death", proposed_by=business_manager
        ).pk,
        # A place on the Welsh Government's approved list of reviewers (of no board).
        "place_id": reviewer.approved_lists.create(
            approved_list="Welsh Government", approved_on="2026-01-05"
        ).pk,
        # A clock whose length the board sets (Working Together 2023's rapid review).
        "rulebook": "partners-2023:1",
        "clock": "rapid_review",
        "format": "json",
        **accreditation_objects(),
    }


def _sharing_of(board, business_manager, review):
    """A learning activity of the board that shared the review, with a document of it."""
    from sharing.models import LearningActivity

    activity = LearningActivity.objects.create(
        board=board,
        kind="seven_minute_briefing",
        title="Seven-minute briefing",
        held_on="2026-03-25",
        recorded_by=business_manager,
    )
    activity.reviews.add(review)
    material = activity.materials.create(
        file_name="slides.pdf",
        file_kind="pdf",
        size=15,
        sha256="0" * 64,
        uploaded_by=business_manager,
    )
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return {"activity_id": activity.pk, "material_id": material.pk}


def contributor_of(review, agency, name):
    from core.tests.factories import UserFactory

    user = UserFactory(name=name)
    review.contributors.create(
        agency=agency,
        user=user,
        job="return_author",
        invited_on="2026-03-20",
        invited_by=review.board.memberships.first().user,
    )
    return user


def _document_of(request, uploader):
    """A document the police sent with their answer: theirs and the board's to open."""
    from reviews.models import Document

    document = Document.objects.create(
        review=request.review, kind="agency_report", title="Report", agency=request.agency
    )
    version = document.versions.create(
        number=1, name="report.pdf", size=15, file_kind="pdf", sha256="0" * 64, uploaded_by=uploader
    )
    version.file.save("report.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    return document


def _accuracy_check_of(report, contributor):
    """The draft shared with the police's contributor, with one comment of theirs."""
    shared = report.accuracy_checks.create(
        report_version=1, sections={}, due_on="2026-04-01", shared_by=contributor.invited_by
    )
    shared.invitees.create(contributor=contributor)
    comment = shared.comments.create(
        section="case_summary", comment="Two calls", author=contributor.user
    )
    return {"check_id": shared.pk, "comment_id": comment.pk}


def _flag_key(review):
    from publication.services.reports import report_check

    (flag,) = report_check(review).flags
    return flag.key


def accreditation_objects():
    """One of each record of the lead reviewer programme, owned by nobody of the tests' roles."""
    from accreditation.models import CompetencyArea, NetworkMeeting, SupervisionBooking
    from accreditation.tests.factories import SessionFactory, TraineeFactory, accredit
    from core.tests.factories import UserFactory

    trainee = TraineeFactory()
    cohort = trainee.cohort
    day = cohort.training_days.create(date="2026-03-10", block=1)
    session = SessionFactory()
    # Attended: attendance recorded in error is what staff withdraw.
    booking = SupervisionBooking.objects.create(session=session, trainee=trainee, status="attended")
    return {
        "cohort_id": cohort.pk,
        "day_id": day.pk,
        "application_id": trainee.application_id,
        "trainee_id": trainee.pk,
        "session_id": session.pk,
        "booking_id": booking.pk,
        "accreditation_id": accredit(UserFactory()).pk,
        "network_meeting_id": NetworkMeeting.objects.create(
            date="2026-02-02", title="Network meeting", venue="Online"
        ).pk,
        "area_id": CompetencyArea.objects.first().pk,
        "cohort_question_id": cohort.questions.create(text="Why?").pk,
        "criterion_id": cohort.criteria.create(text="Insight").pk,
    }


def url_for(name, kwargs, objects):
    missing = set(kwargs) - set(objects)
    assert not missing, f"{name}: teach objects_of_board about {missing}"
    return reverse(name, kwargs={key: objects[key] for key in kwargs})


def assert_not_found(response, name, method):
    if response.status_code == 405:
        # The URL never answers this method, whatever the object: nothing leaks.
        assert method.upper() not in _methods_in_policy(name), f"{method.upper()} {name}"
    else:
        assert response.status_code == 404, f"{method.upper()} {name}"


@pytest.mark.parametrize(("name", "kwargs"), OBJECT_URLS, ids=[u[0] for u in OBJECT_URLS])
def test_another_boards_user_gets_404(client, other_board_user, objects_of_board, name, kwargs):
    client.force_login(other_board_user)
    url = url_for(name, kwargs, objects_of_board)
    for method in METHODS:
        assert_not_found(getattr(client, method)(url), name, method)


@pytest.mark.parametrize(("name", "kwargs"), API_OBJECT_URLS, ids=[u[0] for u in API_OBJECT_URLS])
def test_another_boards_api_token_gets_404(
    api_client_for, other_board_user, objects_of_board, name, kwargs
):
    client = api_client_for(other_board_user)
    url = url_for(name, kwargs, objects_of_board)
    for method in METHODS:
        assert_not_found(getattr(client, method)(url, {}, format="json"), name, method)


@pytest.mark.parametrize(("name", "kwargs"), GUARDED_URLS, ids=[u[0] for u in GUARDED_URLS])
def test_signed_out_users_are_turned_away(client, objects_of_board, name, kwargs):
    response = client.get(url_for(name, kwargs, objects_of_board))
    if name.startswith("api:"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# What each role gets of every URL, by every method: test_security_routes.py.


@pytest.mark.parametrize("name", sorted(NOT_OF_A_BOARD))
def test_objects_of_no_board_are_for_platform_admins(
    client, role_users, platform_admin, objects_of_board, name
):
    from deadlines.models import BankHoliday

    assert BankHoliday.objects.filter(date="2026-12-25").exists()
    url = url_for(name, next(k for n, k in ALL_URLS if n == name), objects_of_board)
    for user in role_users.values():
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    client.force_login(platform_admin)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", sorted(PERSONAL))
def test_personal_records_are_their_owners_only(
    client, role_users, objects_of_board, other_board_user, name
):
    url = url_for(name, next(k for n, k in ALL_URLS if n == name), objects_of_board)
    owner = role_users[Role.BUSINESS_MANAGER]
    for user in [*role_users.values(), other_board_user]:
        if user != owner:
            client.force_login(user)
            assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code in (200, 302)


def _methods_in_policy(name):
    entry = permissions.URL_POLICY[name]
    return {"GET", "POST"} if isinstance(entry, str) else set(entry)


@pytest.mark.parametrize(
    ("name", "kwargs"), ACCREDITATION_URLS, ids=[u[0] for u in ACCREDITATION_URLS]
)
def test_the_programme_is_the_staffs_and_each_persons_own(
    client, api_client_for, role_users, other_board_user, objects_of_board, name, kwargs
):
    """Nobody of the boards' roles gets anything of the programme's records, except what the
    policy opens to every signed-in user (applying) or to those who commission reviewers (the
    directory): 403 for staff pages, 404 for someone else's application, training or
    accreditation, by every method. Staff get the page."""
    from core.tests.factories import UserFactory

    url = url_for(name, kwargs, objects_of_board)
    api = name.startswith("api:")
    open_to_all = {"accreditation.apply", "signed_in"}
    for user in [*role_users.values(), other_board_user]:
        caller = api_client_for(user) if api else client
        if not api:
            client.force_login(user)
        for method in METHODS:
            action = permissions.action_for(name, method.upper())
            response = getattr(caller, method)(url)
            if action in open_to_all or (
                action == "directory.view" and permissions.can(user, "directory.view")
            ):
                assert response.status_code < 500, f"{method.upper()} {name}"
                continue
            if response.status_code == 405:
                assert method.upper() not in _methods_in_policy(name), f"{method.upper()} {name}"
                continue
            assert response.status_code in (403, 404), f"{method.upper()} {name}"
    staff = UserFactory(is_accreditation_staff=True)
    method = "GET" if "GET" in _methods_in_policy(name) else "POST"
    caller = api_client_for(staff) if api else client
    if not api:
        client.force_login(staff)
    response = caller.get(url) if method == "GET" else caller.post(url, {})
    assert response.status_code in (200, 302, 400), name
