"""API tokens (docs/security.md): issued for a board's systems by its business manager or a
platform admin, confined to that board, kept only as digests, shown once; they expire, can be
revoked, and end with a password change or reset, a removed role or a disabled account."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django.asserts import assertContains, assertNotContains
from rest_framework.test import APIClient

from boards import roles
from boards import services as board_services
from boards.models import Membership
from boards.tests.factories import MembershipFactory
from core import permissions, services
from core.models import ApiToken
from core.tests.factories import UserFactory, api_key_for

Role = Membership.Role
T0 = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


def api(key) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def board_url(board):
    return reverse("api:board-detail", args=[board.pk])


def issue(actor, board, holder, **values):
    values = {"purpose": "Case system: nightly export", "lifetime_days": 90, **values}
    return board_services.api_token_issue(actor=actor, board=board, holder=holder, **values)


# Using a token -------------------------------------------------------------------------------


def test_the_api_takes_the_token_as_api_md_says_and_records_its_last_use(
    business_manager, member, board
):
    token, key = issue(business_manager, board, member)
    assert token.last_used_at is None
    with time_machine.travel(T0, tick=False):
        response = api(key).get(board_url(board))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == T0


def test_an_unknown_key_answers_401(board, member):
    response = api("not-a-key").get(board_url(board))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


def test_a_token_works_until_it_expires(business_manager, member, board):
    with time_machine.travel(T0, tick=False) as clock:
        token, key = issue(business_manager, board, member, lifetime_days=30)
        assert token.expires_at == T0 + dt.timedelta(days=30)
        clock.move_to(T0 + dt.timedelta(days=30) - dt.timedelta(seconds=1))
        assert api(key).get(board_url(board)).status_code == 200
        clock.move_to(T0 + dt.timedelta(days=30))
        response = api(key).get(board_url(board))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_token_never_lasts_longer_than_the_setting(business_manager, member, board, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    with pytest.raises(ValidationError) as error:
        issue(business_manager, board, member, lifetime_days=31)
    assert error.value.message_dict == {"lifetime_days": ["Enter a number of days from 1 to 30"]}
    assert not ApiToken.objects.exists()


def test_a_revoked_token_answers_401(business_manager, member, board):
    token, key = issue(business_manager, board, member)
    services.api_token_revoke(actor=member, token=token)
    response = api(key).get(board_url(board))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    token.refresh_from_db()
    assert token.revoked_by == member


def test_a_password_change_ends_the_holders_tokens(business_manager, member, board):
    _, key = issue(business_manager, board, member)
    member.set_password("a new and long passphrase")
    member.save()
    response = api(key).get(board_url(board))
    assert response.status_code == 401
    assert "ended" in response.json()["detail"]


def test_a_password_reset_ends_the_holders_tokens(client, business_manager, member, board):
    _, key = issue(business_manager, board, member)
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(member)])
    form = client.get(link)
    assert form.status_code == 302  # Django hides the token from the address
    new = "a new and long passphrase"
    done = client.post(form.url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert api(key).get(board_url(board)).status_code == 401


def test_a_removed_role_ends_the_holders_tokens(
    business_manager, member, board, django_capture_on_commit_callbacks
):
    token, key = issue(business_manager, board, member)
    other_role = MembershipFactory(board=board, role=Role.VIEWER, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        board_services.member_remove(actor=business_manager, membership=other_role)
    # Even a role the token did not need: as with sessions, any removed role ends them all.
    response = api(key).get(board_url(board))
    assert response.status_code == 401
    token = ApiToken.objects.get(pk=token.pk)
    assert token.status_at(dt.datetime.now(tz=dt.UTC)) == ApiToken.Status.ENDED


def test_a_disabled_account_ends_the_holders_tokens(business_manager, member, board):
    _, key = issue(business_manager, board, member)
    member.is_active = False
    member.save()
    assert api(key).get(board_url(board)).status_code == 401


def test_a_token_outlives_a_secret_key_rotation_while_the_old_key_is_a_fallback(
    business_manager, member, board, settings
):
    token, key = issue(business_manager, board, member)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test"
    assert api(key).get(board_url(board)).status_code == 200
    # Bound to the new key from its first use, so dropping the old one does not end it.
    settings.SECRET_KEY_FALLBACKS = []
    assert api(key).get(board_url(board)).status_code == 200


def test_tokens_are_not_asked_for_a_second_factor(business_manager, member, board):
    """Tokens are for systems: the API answers a token with no security code (docs/security.md),
    where a session signed in with a password alone gets 403."""
    _, key = issue(business_manager, board, member)
    assert api(key).get(reverse("api:incident-list")).status_code == 200


# Kept as digests, shown once -------------------------------------------------------------


def test_the_key_is_shown_once_and_kept_only_as_a_digest(client, business_manager, member, board):
    client.force_login(business_manager)
    response = client.post(
        reverse("boards:api_token_issue", args=[board.pk]),
        {"holder": member.pk, "purpose": "Case system", "lifetime_days": "90"},
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    key = re.search(r'id="api-key">([^<]+)<', response.content.decode())[1]
    token = ApiToken.objects.get()
    assert token.digest == ApiToken.digest_of(key)
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert not [value for value in stored if key in value]
    assert key not in str(dict(client.session))
    for page in (
        client.get(reverse("boards:api_access", args=[board.pk])),
        client.get(reverse("boards:api_token_revoke", args=[board.pk, token.pk])),
    ):
        assertContains(page, "Case system")
        assertNotContains(page, key)
    client.force_login(member)
    assertNotContains(client.get(reverse("account_security")), key)
    assert api(key).get(board_url(board)).status_code == 200


# Issuing for a board ---------------------------------------------------------------------


def test_a_business_manager_issues_a_token_for_a_member_and_the_member_is_told(
    client, business_manager, member, board, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(business_manager)
    form = client.get(reverse("boards:api_token_issue", args=[board.pk]))
    assertContains(form, "Issue an API token")
    assertContains(form, "At most 90 days")
    assertNotContains(form, f'value="{business_manager.pk}"')  # not for themselves
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("boards:api_token_issue", args=[board.pk]),
            {"holder": member.pk, "purpose": "Case system", "lifetime_days": "30"},
        )
    token = ApiToken.objects.get()
    assert (token.user, token.board, token.issued_by) == (member, board, business_manager)
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert '"Case system" was issued for your account' in mailoutbox[0].body


def test_a_platform_admin_issues_for_a_board_too(platform_admin, member, board):
    token, _ = issue(platform_admin, board, member)
    assert token.board == board


def test_the_issue_form_shows_every_error_and_saves_nothing(client, business_manager, board):
    client.force_login(business_manager)
    response = client.post(
        reverse("boards:api_token_issue", args=[board.pk]),
        {"holder": "", "purpose": "", "lifetime_days": "91"},
    )
    assert response.status_code == 200
    assertContains(response, "<title>Error: Issue an API token")
    assertContains(response, "govuk-error-summary")
    for message in (
        "Select who the system acts as",
        "Enter what the token is for",
        "the number of days the token works of 90 or less",
    ):
        assertContains(response, message)
    assert not ApiToken.objects.exists()


def test_nobody_issues_a_token_for_themselves(client, business_manager, board):
    with pytest.raises(ValidationError) as error:
        issue(business_manager, board, business_manager)
    assert "yourself" in error.value.message_dict["holder"][0]
    client.force_login(business_manager)
    response = client.post(
        reverse("boards:api_token_issue", args=[board.pk]),
        {"holder": business_manager.pk, "purpose": "Me", "lifetime_days": "90"},
    )
    assertContains(response, "Select a member of this board, other than yourself")
    assert not ApiToken.objects.exists()


def test_a_token_is_issued_only_for_a_member_of_the_board(
    client, business_manager, board, other_board_user
):
    with pytest.raises(ValidationError) as error:
        issue(business_manager, board, other_board_user)
    assert error.value.message_dict == {"holder": ["Select a member of this board"]}
    client.force_login(business_manager)
    response = client.post(
        reverse("boards:api_token_issue", args=[board.pk]),
        {"holder": other_board_user.pk, "purpose": "Elsewhere", "lifetime_days": "90"},
    )
    assertContains(response, "Select a member of this board")
    assert not ApiToken.objects.exists()


def test_a_business_manager_of_another_board_gets_404(client, other_board_user, member, board):
    client.force_login(other_board_user)
    issue_url = reverse("boards:api_token_issue", args=[board.pk])
    assert client.get(reverse("boards:api_access", args=[board.pk])).status_code == 404
    assert client.get(issue_url).status_code == 404
    response = client.post(issue_url, {"holder": member.pk, "purpose": "X", "lifetime_days": "9"})
    assert response.status_code == 404
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER])
def test_other_roles_of_the_board_may_not_issue(client, role_users, member, board, role):
    client.force_login(role_users[role])
    response = client.post(
        reverse("boards:api_token_issue", args=[board.pk]),
        {"holder": member.pk, "purpose": "X", "lifetime_days": "9"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        issue(role_users[role], board, member)
    assert not ApiToken.objects.exists()


# Lists and revoking ----------------------------------------------------------------------


def test_the_holder_sees_their_tokens_on_sign_in_security_and_revokes_one(
    client, business_manager, member, board
):
    with time_machine.travel(T0, tick=False):
        token, key = issue(business_manager, board, member, purpose="Case system")
        api(key).get(board_url(board))
    client.force_login(member)
    page = client.get(reverse("account_security"))
    for text in ("Case system", f"{board.name} only", business_manager.name, "1 Jun 2026"):
        assertContains(page, text)
    assertContains(page, "30 Aug 2026")  # expires
    assertContains(page, "works for at most 90 days")
    revoke = reverse("account_api_token_revoke", args=[token.pk])
    assertContains(client.get(revoke), "Revoke the API token “Case system”?")
    assert ApiToken.objects.get().revoked_at is None  # the question changes nothing
    response = client.post(revoke, follow=True)
    assertContains(response, "API token revoked: Case system")
    assertContains(response, "Revoked")
    assert api(key).get(board_url(board)).status_code == 401


def test_the_business_manager_lists_and_revokes_the_boards_tokens(
    client, business_manager, member, board, other_board_user
):
    mine, _ = issue(business_manager, board, member, purpose="Case system")
    ApiToken.make(user=other_board_user, purpose="Not of this board", expires_at=mine.expires_at)
    client.force_login(business_manager)
    page = client.get(reverse("boards:api_access", args=[board.pk]))
    assertContains(page, "Case system")
    assertContains(page, member.email)
    assertNotContains(page, "Not of this board")
    client.post(reverse("boards:api_token_revoke", args=[board.pk, mine.pk]))
    mine.refresh_from_db()
    assert mine.revoked_by == business_manager


def test_a_token_of_another_board_or_another_person_answers_404(
    client, business_manager, member, board, other_board_user
):
    api_key_for(other_board_user)
    token = ApiToken.objects.get(user=other_board_user)
    client.force_login(business_manager)
    response = client.post(reverse("boards:api_token_revoke", args=[board.pk, token.pk]))
    assert response.status_code == 404
    client.force_login(member)
    assert client.post(reverse("account_api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_board_token_can_be_revoked_only_by_its_holder_or_the_boards_managers(
    business_manager, chair, member, board
):
    token, _ = issue(business_manager, board, member)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=chair, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


# A token of a board opens that board only ------------------------------------------------


@pytest.fixture
def two_boards(board, other_board, business_manager):
    """Someone who manages both boards, with a case on each, and a token for the first."""
    from reviews.tests.factories import log_incident

    person = UserFactory(name="Tam Twoboards")
    MembershipFactory(board=board, role=Role.BUSINESS_MANAGER, user=person)
    MembershipFactory(board=other_board, role=Role.BUSINESS_MANAGER, user=person)
    here = log_incident(actor=person, board=board)
    there = log_incident(actor=person, board=other_board)
    _, key = issue(business_manager, board, person)
    return {"person": person, "key": key, "here": here, "there": there}


def test_a_board_token_opens_that_board_only(two_boards, board, other_board):
    client = api(two_boards["key"])
    listed = client.get(reverse("api:board-list")).json()["results"]
    assert [b["id"] for b in listed] == [str(board.pk)]
    assert client.get(board_url(board)).status_code == 200
    assert client.get(board_url(other_board)).status_code == 404
    incidents = client.get(reverse("api:incident-list")).json()["results"]
    assert [i["id"] for i in incidents] == [str(two_boards["here"].pk)]
    there = reverse("api:incident-detail", args=[two_boards["there"].pk])
    assert client.get(there).status_code == 404
    assert client.patch(there, {"reference": "Child Z"}, format="json").status_code == 404
    members = reverse("api:board-members", args=[other_board.pk])
    assert client.get(members).status_code == 404
    reminders = client.get(reverse("api:me-reminder-list")).json()["results"]
    assert reminders and {r["board"] for r in reminders} == {str(board.pk)}


def test_the_operators_token_has_every_role_of_its_holder(two_boards, board, other_board):
    client = api(api_key_for(two_boards["person"]))
    listed = client.get(reverse("api:board-list")).json()["results"]
    assert {b["id"] for b in listed} == {str(board.pk), str(other_board.pk)}
    assert client.get(board_url(other_board)).status_code == 200


def test_a_board_token_keeps_no_power_beyond_the_board(business_manager, board, other_board):
    """A platform admin's or accreditation staff member's token for a board is a token of that
    board: no other board's organisation, no boards created, no programme records."""
    powerful = UserFactory(is_superuser=True, is_staff=True, is_accreditation_staff=True)
    MembershipFactory(board=board, role=Role.MEMBER, user=powerful)
    _, key = issue(business_manager, board, powerful)
    client = api(key)
    assert client.get(board_url(board)).status_code == 200
    assert client.get(board_url(other_board)).status_code == 404
    created = client.post(
        reverse("api:board-list"),
        {"name": "New", "kind": "children", "nation": "england", "regime": "partners-2018"},
        format="json",
    )
    assert created.status_code == 403
    assert client.get(reverse("api:cohort-list")).status_code == 403
    # The same person's operator token keeps their powers.
    assert api(api_key_for(powerful)).get(board_url(other_board)).status_code == 200


def test_a_board_token_opens_no_review_of_another_board(
    business_manager, board, other_board, other_board_user
):
    """Appointed to, or supervising, a review of another board: not through this board's token."""
    from reviews.tests.factories import decide, log_incident

    person = UserFactory(is_accreditation_staff=True)
    MembershipFactory(board=board, role=Role.MEMBER, user=person)
    MembershipFactory(board=other_board, role=Role.LEAD_REVIEWER, user=person)
    incident = log_incident(actor=other_board_user, board=other_board)
    decide(actor=other_board_user, incident=incident)
    review = incident.review
    review.appointments.create(user=person, role="lead", appointed_on=review.initiated_on)
    supervised = log_incident(actor=other_board_user, board=other_board)
    decide(actor=other_board_user, incident=supervised)
    supervised.review.supervisor = person
    supervised.review.save()
    _, key = issue(business_manager, board, person)
    client = api(key)
    assert client.get(reverse("api:review-list")).json()["results"] == []
    for theirs in (review, supervised.review):
        assert client.get(reverse("api:review-detail", args=[theirs.pk])).status_code == 404
    everything = api(api_key_for(person)).get(reverse("api:review-list")).json()["results"]
    assert {r["id"] for r in everything} == {str(review.pk), str(supervised.review.pk)}


def test_confinement_is_read_by_every_rule(two_boards, board, other_board):
    person = two_boards["person"]
    assert permissions.can(person, "incidents.manage", other_board)
    permissions.confine_to_board(person, board.pk)
    assert permissions.can(person, "incidents.manage", board)
    assert not permissions.can(person, "incidents.manage", other_board)
    assert not permissions.can(person, "board.view", other_board)
    assert roles.board_ids_where(person, "incidents.view") == [board.pk]


def test_a_platform_admin_revokes_a_token_printed_on_the_server_in_the_admin(
    client, platform_admin, member, board
):
    key = api_key_for(member)
    token = ApiToken.objects.get()
    client.force_login(platform_admin)
    changelist = reverse("admin:core_apitoken_changelist")
    page = client.get(changelist)
    assertContains(page, "Tests")
    assertNotContains(page, token.digest)
    client.post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_by == platform_admin
    assert api(key).get(board_url(board)).status_code == 401
    assertNotContains(
        client.get(reverse("admin:core_apitoken_change", args=[token.pk])), token.digest
    )
