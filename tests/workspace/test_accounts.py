"""Signing in and out, the login lockout, password change and reset.

These tests post to the sign-in form itself: with django-axes, `client.login()` has no request to
give the backend, so elsewhere tests use `client.force_login()`.
"""

import json
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from tests.factories import UserFactory
from workspace.views.accounts import locked_out

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-123"  # the factories' password
NEW_PASSWORD = "Lada-Putih-Muntok-2026"
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def lockout_page(settings):
    # Until settings.py names it, the tests set the lockout answer themselves.
    settings.AXES_LOCKOUT_CALLABLE = "workspace.views.accounts.locked_out"


@pytest.fixture
def staff():
    return UserFactory(username="pertanian.editor", email="editor@pertanian.example")


def sign_in(client, username, password, path=LOGIN, **data):
    return client.post(path, {"username": username, "password": password, **data})


def signed_in_user(client):
    return client.session.get(SESSION_KEY)


def never_cached(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-cache", "no-store", "private"} <= directives


# Signing in -------------------------------------------------------------------------------------


def test_login_page_has_labelled_inputs_and_is_never_cached(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_username">' in page and 'id="id_username"' in page
    assert '<label for="id_password">' in page and 'type="password"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert never_cached(response)
    assert 'content="noindex, nofollow"' in page


def test_sign_in_lands_on_the_workspace(client, staff):
    response = sign_in(client, staff.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/ruang-kerja/"
    assert signed_in_user(client) == str(staff.pk)
    workspace = client.get("/ruang-kerja/")
    assert workspace.status_code == 200
    assert workspace.context["user"] == staff


def test_sign_in_under_en_lands_on_the_english_workspace(client, staff):
    response = sign_in(client, staff.username, PASSWORD, path="/en/accounts/login/")

    assert response["Location"] == "/en/ruang-kerja/"
    assert signed_in_user(client) == str(staff.pk)


def test_wrong_password_shows_an_error_tied_to_both_inputs(client, staff):
    response = sign_in(client, staff.username, "salah-sekali")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert response.context["form"].non_field_errors()
    page = response.content.decode()
    assert 'id="signin-errors"' in page and 'role="alert"' in page
    inputs = re.findall(r"<input[^>]+name=\"(?:username|password)\"[^>]*>", page)
    assert len(inputs) == 2
    assert all('aria-describedby="signin-errors"' in tag for tag in inputs)
    assert all('aria-invalid="true"' in tag for tag in inputs)
    # The password is never sent back to the page.
    assert "salah-sekali" not in page
    assert AccessAttempt.objects.get(username=staff.username).failures_since_start == 1


def test_the_error_is_in_english_under_en(client, staff):
    response = sign_in(client, staff.username, "salah", path="/en/accounts/login/")

    assert "Please enter a correct username and password" in response.content.decode()


def test_the_indonesian_error_names_the_username_once_and_says_kata_sandi(client, staff):
    """Django's own Indonesian read "Masukkan nama pengguna nama pengguna dan sandi yang benar";
    the portal's catalogue (workspace/auth_words.py) words it as the rest of the portal does."""
    [error] = sign_in(client, staff.username, "salah").context["form"].non_field_errors()

    assert error.startswith("Masukkan nama pengguna dan kata sandi yang benar")
    assert "nama pengguna nama pengguna" not in error


def test_the_password_pages_say_kata_sandi(client, staff):
    client.force_login(staff)
    page = client.get("/accounts/password/").content.decode()
    mismatch = client.post(
        "/accounts/password/",
        {"old_password": "salah", "new_password1": "a", "new_password2": "b"},
    ).content.decode()

    assert "Kata sandi baru" in page and "Kata sandi lama" in page
    assert ">Sandi " not in page and ">Sandi baru" not in page
    assert "Kata sandi lama yang Anda masukkan salah" in mismatch


def normalised(response, username):
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return page.replace(username, "USERNAME")


def test_unknown_username_answers_like_a_known_one(client, staff):
    known = sign_in(client, staff.username, "salah-sekali")
    unknown = sign_in(client, "tidak.ada", "salah-sekali")

    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    assert normalised(known, staff.username) == normalised(unknown, "tidak.ada")


def test_lockout_after_the_failure_limit_answers_429_even_to_the_right_password(
    client, staff, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        assert sign_in(client, staff.username, "salah-sekali").status_code == 200

    locked = sign_in(client, staff.username, "salah-sekali")

    assert locked.status_code == 429
    assert locked["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME * 3600))
    assert never_cached(locked)
    page = locked.content.decode()
    assert 'href="/accounts/password/reset/"' in page
    assert 'name="password"' not in page

    right_password = sign_in(client, staff.username, PASSWORD)
    assert right_password.status_code == 429
    assert SESSION_KEY not in client.session
    assert AccessAttempt.objects.get(username=staff.username).failures_since_start >= limit


def test_lockout_page_is_in_english_under_en(client, staff, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, staff.username, "salah", path="/en/accounts/login/")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page and "Try again in 30 minutes." in page


def test_unknown_username_is_locked_out_like_a_known_one(client, settings):
    responses = [
        sign_in(client, "tidak.ada", "salah-sekali") for _ in range(settings.AXES_FAILURE_LIMIT)
    ]

    assert [r.status_code for r in responses][-2:] == [200, 429]
    assert AccessAttempt.objects.filter(username="tidak.ada").exists()


def test_lockout_is_per_username_and_address(client, staff, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "salah-sekali")
    colleague = UserFactory(username="pertanian.manager")

    # Another account from the same address, and the same account from another address, still
    # sign in: a lockout by username alone would let anyone lock staff out.
    assert sign_in(client, colleague.username, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    elsewhere = client.post(
        LOGIN, {"username": staff.username, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302
    assert signed_in_user(client) == str(staff.pk)


def test_lockout_answer_is_json_under_the_api():
    request = RequestFactory().post("/api/v1/auth/token/")

    response = locked_out(request, None, {"username": "someone"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "detail" in json.loads(response.content)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        " //evil.example",
    ],
)
def test_next_never_leaves_the_site(client, staff, target):
    from_field = sign_in(client, staff.username, PASSWORD, next=target)
    client.post("/accounts/logout/")
    from_query = client.post(
        f"{LOGIN}?next={target}", {"username": staff.username, "password": PASSWORD}
    )

    for response in (from_field, from_query):
        assert response.status_code == 302
        assert response["Location"] == "/ruang-kerja/"


def test_a_local_next_is_followed(client, staff):
    page = client.get(f"{LOGIN}?next=/ruang-kerja/produk/")
    assert 'name="next" value="/ruang-kerja/produk/"' in page.content.decode()

    response = sign_in(client, staff.username, PASSWORD, next="/ruang-kerja/produk/")

    assert response["Location"] == "/ruang-kerja/produk/"


def test_an_unsafe_next_is_not_put_in_the_form(client):
    page = client.get(f"{LOGIN}?next=https://evil.example/")

    assert 'name="next" value=""' in page.content.decode()


def test_a_new_session_key_at_sign_in(client, staff):
    before = client.session
    before["visited"] = True
    before.save()
    old_key = before.session_key

    sign_in(client, staff.username, PASSWORD)

    new_key = client.cookies["sessionid"].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert Session.objects.get(session_key=new_key).get_decoded()[SESSION_KEY] == str(staff.pk)


# Signing out ------------------------------------------------------------------------------------


def test_sign_out_is_post_only(client, staff):
    client.force_login(staff)

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert signed_in_user(client) == str(staff.pk)


def test_sign_out_ends_the_session(client, staff):
    client.force_login(staff)
    key = client.cookies["sessionid"].value

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert never_cached(response)
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/ruang-kerja/").status_code == 302


def test_sign_out_under_en_goes_to_the_english_home(client, staff):
    client.force_login(staff)

    assert client.post("/en/accounts/logout/")["Location"] == "/en/"


def test_the_workspace_offers_a_sign_out_form(client, staff):
    client.force_login(staff)

    page = client.get("/ruang-kerja/").content.decode()

    assert re.search(r'<form method="post" action="/accounts/logout/"', page)


# Password reset ---------------------------------------------------------------------------------


def reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_one_mail_whose_link_sets_a_new_password(client, staff, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": staff.email})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [staff.email]
    assert "Etalase UMKM Babel" in message.subject and "\n" not in message.subject
    assert staff.username in message.body

    form = client.get(reset_link(message), follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    set_password_url = form.redirect_chain[-1][0]
    assert set_password_url.endswith("/set-password/")
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done["Location"] == "/accounts/reset/done/"
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    assert SESSION_KEY not in client.session  # not signed in by the reset itself
    signed = sign_in(client, staff.username, NEW_PASSWORD)
    assert signed["Location"] == "/ruang-kerja/"
    assert signed_in_user(client) == str(staff.pk)
    # The link works once.
    again = client.get(reset_link(message), follow=True)
    assert again.context["validlink"] is False


def test_password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(
    client, mailoutbox
):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mailoutbox == []


def test_password_reset_mail_is_in_english_under_en(client, staff, mailoutbox):
    client.post("/en/accounts/password/reset/", {"email": staff.email})

    assert "/en/accounts/reset/" in mailoutbox[0].body
    assert mailoutbox[0].subject == "Set a new password for Etalase UMKM Babel"


def test_a_reset_password_lifts_the_lockout(client, staff, settings, mailoutbox):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "salah-sekali")
    assert sign_in(client, staff.username, PASSWORD).status_code == 429

    client.post("/accounts/password/reset/", {"email": staff.email})
    form = client.get(reset_link(mailoutbox[0]), follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert sign_in(client, staff.username, NEW_PASSWORD).status_code == 302
    assert signed_in_user(client) == str(staff.pk)


def test_a_forged_reset_link_is_refused(client, staff):
    response = client.get("/accounts/reset/MQ/forged-token/", follow=True)

    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert 'name="new_password1"' not in response.content.decode()


# Password change --------------------------------------------------------------------------------


def test_password_change_requires_the_old_password(client, staff):
    client.force_login(staff)

    response = client.post(
        "/accounts/password/",
        {"old_password": "bukan-ini", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    page = response.content.decode()
    assert 'aria-describedby="id_old_password_error"' in page
    assert 'id="id_old_password_error"' in page
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_password_change_with_the_old_password_keeps_me_signed_in(client, staff):
    client.force_login(staff)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response["Location"] == "/accounts/password/done/"
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    assert client.get("/ruang-kerja/").status_code == 200


def test_password_change_needs_a_signed_in_user(client):
    response = client.get("/accounts/password/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"


@pytest.mark.parametrize(
    "path",
    [
        LOGIN,
        "/en/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/reset/MQ/forged-token/",
        "/accounts/reset/done/",
        "/accounts/password/",
    ],
)
def test_account_pages_are_never_cached(client, path):
    response = client.get(path)

    assert response.status_code in (200, 302)
    assert never_cached(response)


def test_signed_in_account_pages_are_never_cached(client, staff):
    client.force_login(staff)

    for path in ("/accounts/password/", "/accounts/password/done/"):
        response = client.get(path)
        assert response.status_code == 200
        assert never_cached(response)
