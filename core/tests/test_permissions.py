"""The role × action table of docs/permissions.md, checked rule by rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from boards.models import Agency, Board, Membership
from core import permissions

Role = Membership.Role

# The table of docs/permissions.md. True: allowed on the user's own board.
EXPECTED = {
    #                   BM     chair  member reviewer viewer admin
    "board.view": (True, True, True, True, True, True),
    "members.view": (True, True, True, True, True, True),
    "members.manage": (True, False, False, False, False, True),
    "api_tokens.manage": (True, False, False, False, False, True),
    "agencies.view": (True, True, True, True, True, True),
    "agencies.manage": (True, False, False, False, False, False),
    "board.create": (False, False, False, False, False, True),
    "board.list_all": (False, False, False, False, False, True),
    "service.status": (False, False, False, False, False, True),
    "board.edit": (False, False, False, False, False, True),
    "bank_holidays.manage": (False, False, False, False, False, True),
    "local_criteria.manage": (True, False, False, False, False, False),
    "timescales.manage": (True, False, False, False, False, False),
    "joint_reviews.manage": (True, False, False, False, False, False),
    "approved_lists.manage": (False, False, False, False, False, True),
    "incidents.view": (True, True, True, False, True, False),
    "cases.search": (True, True, True, True, True, False),
    "incidents.manage": (True, False, False, False, False, False),
    "people.view": (True, True, False, False, False, False),
    "people.manage": (True, False, False, False, False, False),
    "access_log.view": (True, True, False, False, False, False),
    "decisions.record": (False, True, False, False, False, False),
    "panel_advice.record": (True, True, False, False, False, False),
    "deadlines.view": (True, True, True, False, True, False),
    "clocks.pause": (True, False, False, False, False, False),
    "reviews.list": (True, True, True, True, True, False),
    "reminders.policy": (True, False, False, False, False, False),
    "retention.manage": (True, False, False, False, False, False),
    "dashboard.view": (True, True, True, False, True, False),
    "exports.download": (True, True, True, False, True, False),
    "annual_report.view": (True, True, True, False, True, False),
    "annual_report.make": (True, True, False, False, False, False),
    "sharing.view": (True, True, True, True, True, False),
    "sharing.manage": (True, True, False, False, False, False),
}
ORDER = [Role.BUSINESS_MANAGER, Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER]


@pytest.mark.parametrize("action", EXPECTED)
def test_role_action_table(action, role_users, platform_admin, board):
    users = [role_users[role] for role in ORDER] + [platform_admin]
    got = tuple(permissions.can(user, action, board) for user in users)
    assert got == EXPECTED[action]


@pytest.mark.parametrize("action", EXPECTED)
def test_roles_on_another_board_give_nothing(action, other_board_user, board):
    assert not permissions.can(other_board_user, action, board)


def test_every_rule_is_in_a_table():
    tables = (
        set(EXPECTED)
        | set(REVIEW_EXPECTED)
        | set(CONTRIBUTOR_EXPECTED)
        | set(ACCREDITATION_EXPECTED)
        | {"signed_in", "library.view", "overview.view", "bank.view", "bank.manage", "bank.add"}
    )
    assert tables == set(permissions.policy)


# Accreditation rules, on a record of someone: its owner (the applicant, trainee or reviewer),
# someone else with every board role, a board's business manager and chair, accreditation staff.
ACCREDITATION_EXPECTED = {
    #                       owner  others BM     chair  staff
    "accreditation.manage": (False, False, False, False, True),
    "accreditation.own": (True, False, False, False, True),
    "accreditation.apply": (True, True, True, True, True),
    "directory.view": (False, True, True, True, True),
}


@pytest.mark.parametrize("action", ACCREDITATION_EXPECTED)
def test_accreditation_rules(action, business_manager, chair, other_board_user):
    from accreditation.tests.factories import enrol
    from core.tests.factories import UserFactory

    trainee = enrol(UserFactory(name="Tia Trainee"))
    staff = UserFactory(is_accreditation_staff=True)
    users = [trainee.user, other_board_user, business_manager, chair, staff]
    got = tuple(permissions.can(user, action, trainee) for user in users)
    assert got == ACCREDITATION_EXPECTED[action]


def test_rules_about_agencies_follow_the_agency_to_its_board(business_manager, agency, board):
    assert permissions.can(business_manager, "agencies.manage", agency)


def test_a_disabled_user_has_no_role(business_manager, board):
    business_manager.is_active = False
    assert not permissions.can(business_manager, "board.view", board)
    assert not permissions.can(business_manager, "signed_in")


def test_require_raises_403(viewer, board):
    with pytest.raises(PermissionDenied):
        permissions.require(viewer, "members.manage", board)


class TestVisible:
    def test_members_see_their_boards_objects_only(self, member, board, agency, other_board):
        Agency.objects.create(board=other_board, name="Elsewhere Police", sector="police")
        assert list(permissions.visible(Board.objects.all(), member)) == [board]
        assert list(permissions.visible(Agency.objects.all(), member)) == [agency]

    def test_several_roles_do_not_repeat_a_board(self, member, board):
        Membership.objects.create(user=member, board=board, role=Role.VIEWER)
        assert list(permissions.visible(Board.objects.all(), member)) == [board]

    def test_platform_admin_sees_every_boards_organisation(
        self, platform_admin, board, other_board
    ):
        assert set(permissions.visible(Board.objects.all(), platform_admin)) == {board, other_board}

    def test_anonymous_sees_nothing(self, board):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.visible(Board.objects.all(), AnonymousUser()).exists()

    def test_outsider_gets_404_not_403(self, other_board_user, board):
        with pytest.raises(Http404):
            permissions.get_visible_or_404(Board.objects.all(), other_board_user, pk=board.pk)


def test_roles_are_read_once_per_user_object(member, board, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(3):
            permissions.can(member, "board.view", board)
            permissions.can(member, "members.manage", board)


# Review rules, tested on a review: who of the board, the appointed reviewer (a lead reviewer
# of the board appointed to it), another lead reviewer of the board not appointed, and the
# supervising accreditation staff member.
REVIEW_EXPECTED = {
    #                         BM     chair  member viewer appointed unappointed supervisor
    "reviews.view": (True, True, True, True, True, False, True),
    "reviews.setup": (True, False, False, False, True, False, False),
    "reviews.commission": (True, False, False, False, False, False, False),
    "reviews.analyse": (False, False, False, False, True, False, False),
    # What practitioners said: the reviewers and their supervisor, nobody of the board.
    "conversations.read": (False, False, False, False, True, False, True),
    "reviews.transition": (True, False, False, False, True, False, False),
    "reviews.appoint": (True, False, False, False, False, False, False),
    "reviews.clock": (True, False, False, False, False, False, False),
    "findings.quality_assure": (False, False, False, False, False, False, True),
    "findings.respond": (True, True, False, False, False, False, False),
    "actions.manage": (True, False, False, False, False, False, False),
    "reports.view": (True, True, True, True, True, False, True),
    "reports.edit": (False, False, False, False, True, False, False),
    "reports.quality_assure": (False, False, False, False, False, False, True),
    "reports.approve": (False, True, False, False, False, False, False),
    "reports.render": (True, False, False, False, True, False, False),
    "publication.decide": (False, True, False, False, False, False, False),
    "publication.manage": (True, False, False, False, False, False, False),
    "publication.home_office_qa": (True, True, False, False, False, False, False),
    # The board's self-assessment against the quality markers: not the reviewers'.
    "quality.view": (True, True, True, True, False, False, False),
    "quality.assess": (True, True, False, False, False, False, False),
}


@pytest.fixture
def review_people(business_manager, chair, member, viewer, lead_reviewer, board):
    from boards.tests.factories import MembershipFactory
    from core.tests.factories import UserFactory
    from reviews.tests.factories import decide, log_incident

    incident = log_incident(actor=business_manager, board=board)
    decide(actor=chair, incident=incident)
    review = incident.review
    appointed = MembershipFactory(board=board, role=Role.LEAD_REVIEWER).user
    review.appointments.create(user=appointed, role="lead", appointed_on=review.initiated_on)
    supervisor = UserFactory(is_accreditation_staff=True)
    review.supervisor = supervisor
    review.save()
    return review, [business_manager, chair, member, viewer, appointed, lead_reviewer, supervisor]


@pytest.fixture
def contributors(review_people, board):
    """The police's contributor to the review and the health trust's."""
    from boards.tests.factories import AgencyFactory
    from core.tests.factories import UserFactory

    review, users = review_people
    made = []
    for name in ("Police", "Health trust"):
        user = UserFactory()
        review.contributors.create(
            agency=AgencyFactory(board=board, name=name),
            user=user,
            job="return_author",
            invited_on=review.initiated_on,
            invited_by=users[0],
        )
        made.append(user)
    return made


@pytest.mark.parametrize("action", REVIEW_EXPECTED)
def test_review_rules(action, review_people, contributors, other_board_user):
    review, users = review_people
    assert tuple(permissions.can(user, action, review) for user in users) == REVIEW_EXPECTED[action]
    assert not permissions.can(other_board_user, action, review)
    # An agency's contributor holds none of the review's rules (nor sees it: `visible`).
    assert not any(permissions.can(user, action, review) for user in contributors)


# The agencies' part, on the review or (requests.answer) on a request sent to the police: the
# same people as above, then the police's contributor and the health trust's.
CONTRIBUTOR_EXPECTED = {
    #                     BM    chair  member viewer appointed unappointed supervisor police health
    "contributors.view": (True, True, True, True, True, False, False, False, False),
    "contributors.invite": (True, False, False, False, True, False, False, False, False),
    "contributors.end": (True, False, False, False, False, False, False, False, False),
    "contribution.view": (False, False, False, False, False, False, False, True, True),
    "requests.answer": (False, False, False, False, False, False, False, True, False),
    # The API's lists and files both read, each their own.
    "agency_requests.view": (True, True, True, True, True, False, True, True, True),
    "documents.view": (True, True, True, True, True, False, True, True, True),
    "documents.upload": (True, False, False, False, True, False, False, True, True),
    "requests.import": (True, False, False, False, True, False, False, True, False),
    # On the police's action: the board's own page, and the contributor's.
    "actions.progress": (True, False, False, False, False, False, False, True, False),
    "agency_actions.progress": (False, False, False, False, False, False, False, True, False),
    "actions.track": (True, True, True, True, False, False, False, False, False),
}
ON_THE_REQUEST = {"requests.answer", "requests.import"}
ON_THE_ACTION = {"actions.progress", "agency_actions.progress"}


@pytest.mark.parametrize("action", CONTRIBUTOR_EXPECTED)
def test_contributor_rules(action, review_people, contributors, other_board_user):
    review, users = review_people
    police = review.contributors.get(user=contributors[0]).agency
    target = (
        review.agency_requests.create(
            agency=police, details="Records", requested_on="2026-03-20", due_on="2026-04-03"
        )
        if action in ON_THE_REQUEST
        else review.actions.create(description="Train", owner_agency=police, due_on="2026-09-01")
        if action in ON_THE_ACTION
        else review
    )
    everyone = [*users, *contributors]
    assert (
        tuple(permissions.can(u, action, target) for u in everyone) == CONTRIBUTOR_EXPECTED[action]
    )
    assert not permissions.can(other_board_user, action, target)


def test_the_learning_library_is_for_the_people_of_every_board(
    role_users, other_board_user, platform_admin
):
    from django.contrib.auth.models import AnonymousUser

    from core.tests.factories import UserFactory

    for user in [*role_users.values(), other_board_user, platform_admin]:
        assert permissions.can(user, "library.view")
    assert permissions.can(UserFactory(is_accreditation_staff=True), "library.view")
    # Not someone who only asked for an account to apply to the programme.
    assert not permissions.can(UserFactory(), "library.view")
    assert not permissions.can(AnonymousUser(), "library.view")


def test_every_board_at_a_glance_is_for_accreditation_staff_and_platform_admins(
    role_users, other_board_user, platform_admin
):
    from core.tests.factories import UserFactory

    assert permissions.can(platform_admin, "overview.view")
    assert permissions.can(UserFactory(is_accreditation_staff=True), "overview.view")
    for user in [*role_users.values(), other_board_user, UserFactory()]:
        assert not permissions.can(user, "overview.view")


def test_the_owner_agencys_representative_may_update_an_action(review_people, agency, board):
    from boards.tests.factories import MembershipFactory

    review, users = review_people
    action = review.actions.create(description="Train", owner_agency=agency, due_on="2027-01-01")
    representative = MembershipFactory(board=board, role=Role.MEMBER, agency=agency).user
    other_member = users[2]
    assert permissions.can(representative, "actions.progress", action)
    assert not permissions.can(other_member, "actions.progress", action)
    assert permissions.can(users[0], "actions.progress", action)


def test_appointed_reviewers_and_supervisors_see_their_review_records_only(review_people, board):
    from reviews.models import Review

    review, users = review_people
    appointed, unappointed, supervisor = users[4], users[5], users[6]
    assert list(permissions.visible(Review.objects.all(), supervisor)) == [review]
    assert list(permissions.visible(Review.objects.all(), appointed)) == [review]
    # Board-level visibility lets the unappointed lead reviewer reach the review (403 later).
    assert permissions.visible(Review.objects.all(), unappointed).exists()
    assert not permissions.can(unappointed, "reviews.view", review)


def test_the_bank_is_for_the_people_of_every_board_and_the_accreditation_staff(
    role_users, other_board_user, platform_admin
):
    from django.contrib.auth.models import AnonymousUser

    from core.tests.factories import UserFactory

    for user in [*role_users.values(), other_board_user]:
        assert permissions.can(user, "bank.view")
    assert permissions.can(UserFactory(is_accreditation_staff=True), "bank.view")
    for user in [platform_admin, UserFactory(), AnonymousUser()]:
        assert not permissions.can(user, "bank.view")


def test_a_boards_business_manager_keeps_its_entries_the_staff_scies_own(
    board, role_users, other_board_user, platform_admin
):
    from core.tests.factories import UserFactory

    staff = UserFactory(is_accreditation_staff=True)
    keepers = {
        user
        for user in [*role_users.values(), other_board_user, platform_admin, staff]
        if permissions.can(user, "bank.manage", board)
    }
    assert keepers == {role_users[Role.BUSINESS_MANAGER]}
    # No board named: SCIE's own bank, kept by the accreditation staff only.
    assert permissions.can(staff, "bank.manage")
    assert not permissions.can(role_users[Role.BUSINESS_MANAGER], "bank.manage")
    # Adding a report: a business manager of some board, or the staff.
    adders = {
        user
        for user in [*role_users.values(), platform_admin, staff]
        if permissions.can(user, "bank.add")
    }
    assert adders == {role_users[Role.BUSINESS_MANAGER], staff}
