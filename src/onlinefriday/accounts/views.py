"""Signing in and out, password reset by e-mail, and the pages that say 'slow down'.

Django's own views do the work; here they get our templates, our addresses and rate limits
(django-ratelimit, per IP address, counted in the shared cache). Repeated failed sign-ins of one
user name from one address are locked out by django-axes (settings.AXES_*), which answers with
``accounts/locked_out.html``.
"""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django_ratelimit.decorators import ratelimit

from onlinefriday.accounts.forms import LoginForm
from onlinefriday.accounts.roles import is_moderator, is_organiser, merchant_of

login = ratelimit(key="ip", rate="10/m", method="POST", block=True)(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)

logout = auth_views.LogoutView.as_view()  # POST only (Django 5): a link cannot sign anyone out

password_reset = ratelimit(key="ip", rate="5/h", method="POST", block=True)(
    auth_views.PasswordResetView.as_view(
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


def home(request: HttpRequest) -> HttpResponse:
    """Where a user works, after signing in: organisers in the back office, moderators in the
    moderation queue, merchant users in their merchant's area, everyone else on the festival's
    home page."""
    if is_organiser(request.user):
        return redirect("dashboard:merchants:list")
    if is_moderator(request.user):
        return redirect("dashboard:moderation:queue")
    if merchant_of(request.user) is not None:
        return redirect("merchants:area")
    return redirect("festivals:home")


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """settings.RATELIMIT_VIEW: too many attempts from this address; wait, then try again."""
    return render(request, "accounts/rate_limited.html", status=429)
