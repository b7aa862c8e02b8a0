import re

from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects


def test_sign_in_page(client, db):
    response = client.get(reverse("login"))
    assertContains(response, "<title>Sign in – Manage safeguarding case reviews</title>")
    assertContains(response, 'type="email"')
    assertContains(response, "novalidate")


def test_sign_in_with_any_case_of_email(client, member, password):
    response = client.post(
        reverse("login"), {"username": member.email.upper(), "password": password}
    )
    # The password is the first step: the second factor comes next (test_mfa.py).
    assertRedirects(response, reverse("mfa_setup") + "?next=%2F", fetch_redirect_response=False)


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, member):
    response = client.post(reverse("login"), {"username": member.email, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert "Enter a correct email address and password" in html
    assert 'href="#id_username"' in html
    assert f'value="{member.email}"' in html
    assert "_auth_user_id" not in client.session


def test_empty_sign_in_names_each_missing_answer(client, db):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Enter an email address" in html
    assert "Enter your password" in html
    assert "govuk-input--error" in html


def test_disabled_user_cannot_sign_in(client, member, password):
    member.is_active = False
    member.save()
    response = client.post(reverse("login"), {"username": member.email, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(client, member):
    client.force_login(member)
    assert client.get(reverse("logout")).status_code == 405
    assertRedirects(client.post(reverse("logout")), reverse("login"))
    assert "_auth_user_id" not in client.session


def test_pages_show_a_sign_out_button_when_signed_in(client, member):
    client.force_login(member)
    assertContains(client.get(reverse("home")), f'action="{reverse("logout")}"')


def _reset_link(mail):
    match = re.search(r"http://\S+/password-reset/\S+/\S+/", mail.body)
    assert match, mail.body
    return match.group(0).split("testserver", 1)[1]


def test_password_reset_by_email(client, member, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": member.email})
    assertRedirects(response, reverse("password_reset_done"))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]
    assert member.name not in mailoutbox[0].body

    form_page = client.get(_reset_link(mailoutbox[0]), follow=True)
    assertContains(form_page, "Set your password")
    new_password = "a much longer passphrase 42"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assertRedirects(response, reverse("password_reset_complete"))
    assertContains(client.get(reverse("password_reset_complete")), "Your password is set")
    member.refresh_from_db()
    assert member.check_password(new_password)


def test_password_reset_refuses_a_weak_password_with_a_summary(client, member, mailoutbox):
    client.post(reverse("password_reset"), {"email": member.email})
    form_page = client.get(_reset_link(mailoutbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "password", "new_password2": "password"}
    )
    html = response.content.decode()
    assert "<title>Error: Set your password" in html
    assert "too short" in html
    assert "too common" in html
    member.refresh_from_db()
    assert not member.check_password("password")


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assertRedirects(response, reverse("password_reset_done"))
    assert mailoutbox == []


def test_password_reset_with_a_bad_email(client, db):
    html = client.post(reverse("password_reset"), {"email": "nope"}).content.decode()
    assert "<title>Error: Reset your password" in html
    assert "Enter an email address in the correct format" in html


def test_a_used_or_forged_link_is_expired(client, member):
    response = client.get(
        reverse("password_reset_confirm", kwargs={"uidb64": "Zm9v", "token": "set-password"})
    )
    assertContains(response, "This link has expired")
