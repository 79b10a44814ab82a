from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import EmailConfirmation, User

URL = "/accounts/signup/"


def body(**overrides):
    data = {
        "email": "dana@example.org",
        "username": "dana",
        "first_name": "Dana",
        "last_name": "Scully",
        "password": "trust-no-1-ever",
        "password2": "trust-no-1-ever",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_creates_an_inactive_account_and_returns_the_seed_shape(api):
    r = api.post(URL, body(), format="json")
    assert r.status_code == 201
    user = User.objects.get(username="dana")
    assert r.json() == {
        "id": user.id,
        "username": "dana",
        "email": "dana@example.org",
        "first_name": "Dana",
        "last_name": "Scully",
    }
    assert not user.is_active
    assert user.check_password("trust-no-1-ever")
    assert user.timezone == "UTC"


@pytest.mark.django_db
def test_it_emails_a_confirmation_link_in_text_and_html(api):
    api.post(URL, body(), format="json")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@example.org"]
    assert "Confirm your email" in message.subject
    assert "http://127.0.0.1:8000/accounts/confirm/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/accounts/confirm/" in html
    assert EmailConfirmation.objects.filter(user__username="dana", used_at=None).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["email", "username", "password", "password2"])
def test_it_requires_each_field(api, field):
    data = body()
    del data[field]
    r = api.post(URL, data, format="json")
    assert r.status_code == 400
    assert r.json()[field] == ["This field is required."]
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_refuses_short_passwords(api):
    r = api.post(URL, body(password="abc12", password2="abc12"), format="json")
    assert r.status_code == 400
    assert r.json()["password"] == [
        "This password is too short. It must contain at least 8 characters."
    ]


@pytest.mark.django_db
def test_it_refuses_mismatched_passwords(api):
    r = api.post(URL, body(password2="trust-no-2-ever"), format="json")
    assert r.status_code == 400
    assert r.json()["password2"] == ["Passwords must match."]


@pytest.mark.django_db
def test_it_refuses_a_taken_username(api, alice):
    r = api.post(URL, body(username="Alice"), format="json")
    assert r.status_code == 400
    assert r.json()["username"] == ["Username already taken."]


@pytest.mark.django_db
def test_it_refuses_a_taken_email_whatever_its_case(api, alice):
    r = api.post(URL, body(email="ALICE@example.org"), format="json")
    assert r.status_code == 400
    assert r.json()["email"] == ["An account with this email already exists."]


@pytest.mark.django_db
def test_it_refuses_an_invalid_email(api):
    r = api.post(URL, body(email="not-an-email"), format="json")
    assert r.status_code == 400
    assert r.json()["email"] == ["Invalid email address"]  # seed 000's words


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "This password is too common."),
        ("8675309123", "This password is entirely numeric."),
    ],
)
def test_it_applies_djangos_password_validators(api, password, message):
    r = api.post(URL, body(password=password, password2=password), format="json")
    assert r.status_code == 400
    assert message in r.json()["password"]


@pytest.mark.django_db
def test_it_answers_malformed_json_with_400(api):
    r = api.post(URL, "{not json", content_type="application/json")
    assert r.status_code == 400
    assert "JSON parse error" in r.json()["detail"]


@pytest.mark.django_db
def test_it_answers_wrong_types_with_400(api):
    r = api.post(URL, body(username=["dana"], email=5), format="json")
    assert r.status_code == 400
    assert set(r.json()) >= {"username", "email"}
