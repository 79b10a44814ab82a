from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.urls import reverse

from accounts import services
from config import emails, messages


class SignupForm(forms.Form):
    email = forms.EmailField(error_messages={"invalid": messages.INVALID_EMAIL})
    username = forms.RegexField(
        r"^[\w.@+-]+\Z", max_length=150, error_messages={"invalid": messages.USERNAME_INVALID}
    )
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, problems in services.user_signup_check(**data).items():
                for problem in problems:
                    self.add_error(field, problem)
        return data


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label="Username or email", widget=forms.TextInput(attrs={"autofocus": True})
    )
    remember_me = forms.BooleanField(required=False, initial=True, label="Remember me")

    error_messages = {"invalid_login": messages.LOGIN_INVALID, "inactive": messages.LOGIN_INACTIVE}


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset flow, with its email sent through config.emails like every other."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        url = settings.SITE_URL + reverse(
            "password_reset_confirm", args=[context["uid"], context["token"]]
        )
        emails.send_password_reset(context["user"], url)
