from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.urls import reverse

from accounts.models import User
from config import emails


class SignupForm(forms.Form):
    email = forms.EmailField()
    username = forms.RegexField(r"^[\w.@+-]+\Z", max_length=150)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Username already taken.")
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email already exists.")
        return email

    def clean(self):
        data = super().clean()
        password, password2 = data.get("password"), data.get("password2")
        if password and password2 and password != password2:
            self.add_error("password2", "Passwords must match.")
        elif password:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label="Username or email", widget=forms.TextInput(attrs={"autofocus": True})
    )
    remember_me = forms.BooleanField(required=False, initial=True, label="Remember me")

    error_messages = {
        "invalid_login": "That username or email and password do not match an account.",
        "inactive": "Confirm your email address first: open the link we emailed you.",
    }


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset flow, with its email sent through config.emails like every other."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        url = settings.SITE_URL + reverse(
            "password_reset_confirm", args=[context["uid"], context["token"]]
        )
        emails.send_password_reset(context["user"], url)
