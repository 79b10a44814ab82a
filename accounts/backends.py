from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import AllowAllUsersModelBackend


class UsernameOrEmailBackend(AllowAllUsersModelBackend):
    """Log in with the username or the email address.

    Inactive (unconfirmed) users authenticate here so that the web login can
    tell them to confirm their email; the JWT login and the session login both
    refuse inactive users afterwards (simplejwt's USER_AUTHENTICATION_RULE and
    AuthenticationForm.confirm_login_allowed).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            user = get_user_model().objects.filter(email__iexact=username).first()
            if user is not None:
                username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
