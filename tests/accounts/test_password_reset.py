from __future__ import annotations

import re

import pytest
from django.core import mail


@pytest.mark.django_db
def test_it_emails_a_reset_link_that_sets_a_new_password(web, api, alice):
    r = web.post("/password-reset/", {"email": "alice@example.org"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Reset your" in message.subject
    assert "Choose a new password" in message.alternatives[0][0]
    link = re.search(r"http://\S+/password-reset/\S+/\S+/", message.body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    r = web.get(path, follow=True)  # Django swaps the token into the session
    assert r.status_code == 200
    new = "a much better secret 42"
    r = web.post(r.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert r.status_code == 302
    r = api.post("/accounts/login/", {"username": "alice", "password": new})
    assert r.status_code == 200


@pytest.mark.django_db
def test_it_says_the_same_for_unknown_addresses_and_sends_nothing(web):
    r = web.post("/password-reset/", {"email": "nobody@example.org"})
    assert r.status_code == 302
    assert mail.outbox == []
