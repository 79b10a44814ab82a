"""Web pages for accounts: sign up, confirm, log in (with "Remember me"), log out."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts import services
from accounts.forms import LoginForm, PasswordResetForm, ResendConfirmationForm, SignupForm
from config import messages as texts
from config.errors import ApplicationError
from config.http import secret_link
from config.throttling import email_key, ip_key


def _rate(scope: str):
    """django-ratelimit reads the rate per request, so settings can change it (tests do)."""
    return lambda group, request: settings.WEB_RATES[scope]


@require_http_methods(["GET", "POST"])
@ratelimit(key=ip_key, rate=_rate("signup"), method="POST", block=True)
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_signup(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        return render(request, "accounts/signup_done.html", {"email": data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


@secret_link
@require_http_methods(["GET", "POST"])
def confirm_email(request, token: str):
    """GET shows a button; only the POST confirms, so link scanners cannot use it up."""
    if request.method == "POST":
        try:
            user = services.email_confirm(token=token)
        except ApplicationError as exc:
            form = ResendConfirmationForm()
            ctx = {"error": exc.message, "form": form}
            return render(request, "accounts/confirm.html", ctx, status=exc.status_code)
        messages.success(request, texts.CONFIRMED.format(name=user.display_name))
        return redirect("login")
    return render(request, "accounts/confirm.html", {"token": token})


@require_http_methods(["POST"])
@ratelimit(key=ip_key, rate=_rate("resend"), method="POST", block=True)
@ratelimit(key=email_key, rate=_rate("resend"), method="POST", block=True)
def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST)
    if form.is_valid():
        services.email_confirmation_resend(email=form.cleaned_data["email"])
    return render(request, "accounts/signup_done.html", {"email": request.POST.get("email")})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.cleaned_data.get("remember_me"):
            self.request.session.set_expiry(0)  # ends when the browser closes
        return response


@method_decorator(
    ratelimit(key=email_key, rate=_rate("password_reset"), method="POST", block=True),
    name="post",
)
@method_decorator(
    ratelimit(key=ip_key, rate=_rate("password_reset"), method="POST", block=True), name="post"
)
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"


@method_decorator(secret_link, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset page; a new password also ends every API session of the account."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_tokens_revoke(user=form.user)
        return response
