"""The merchant's own pages: registration, the e-mail verification link, and the merchant area.

Views translate HTTP to the forms, selectors and services and back. The merchant area has no id
in its address: it always shows the signed-in user's own merchant. Nothing here logs, because
these pages carry personal data (representatives, phones, personal IDs used as tax codes).
"""

import phonenumbers
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from onlinefriday.accounts.roles import merchant_of, merchant_user_required
from onlinefriday.merchants import selectors, services
from onlinefriday.merchants.forms import EmailForm, InviteForm, RegistrationForm, ShopFormSet
from onlinefriday.merchants.provinces import province_name

# The model backend, named because axes' backend comes first and only checks lockouts.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def site_url(request: HttpRequest) -> str:
    """'https://host' of this request, to make the links in e-mails absolute."""
    return request.build_absolute_uri("/").rstrip("/")


@ratelimit(key="ip", rate="5/m", method="POST", block=True)
def register(request: HttpRequest) -> HttpResponse:
    """The registration form; a business that registers is signed in and sees its area."""
    rules = selectors.current_rules()
    if request.method == "POST":
        form = RegistrationForm(request.POST, rules=rules)
        shops = ShopFormSet(request.POST, prefix="shops")
        if all([form.is_valid(), shops.is_valid()]):  # both validated, so all errors show
            try:
                merchant = services.register_merchant(
                    **form.service_arguments(), shops=shops.shops(), site_url=site_url(request)
                )
            except services.MerchantError as error:
                if error.field in form.fields:
                    form.add_error(error.field, error.message)
                elif error.field == "shops":
                    shops.non_form_errors().append(error.message)
                else:
                    form.add_error(None, error.message)
            else:
                login(request, merchant.memberships.get().user, backend=SIGN_IN_BACKEND)
                return redirect("merchants:area")
    else:
        form = RegistrationForm(rules=rules)
        shops = ShopFormSet(prefix="shops")
    return render(
        request,
        "merchants/register.html",
        {
            "form": form,
            "shops": shops,
            "rules": rules,
            "forms_in_error": [each for each in (form, *shops.forms) if each.errors],
            "extra_errors": shops.non_form_errors() if shops.is_bound else [],
        },
    )


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the verification e-mail. A bad or expired link offers a new one."""
    try:
        merchant = services.verify_email(token)
    except services.VerificationLinkError as error:
        return render(
            request,
            "merchants/verify_failed.html",
            {"expired": error.expired, "form": EmailForm()},
            status=410 if error.expired else 400,
        )
    return render(request, "merchants/verified.html", {"merchant": merchant})


@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def resend_verification(request: HttpRequest) -> HttpResponse:
    """Ask for a new verification link. The answer is the same whether the address is
    registered or not, so the form cannot be used to find out who is."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_verification(form.cleaned_data["email"], site_url=site_url(request))
        return render(
            request, "merchants/verification_sent.html", {"email": form.cleaned_data["email"]}
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "merchants/resend_verification.html", {"form": form}, status=status)


@merchant_user_required
def area(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own merchant: status, identity, shops, users, the rules accepted."""
    return _render_area(request, InviteForm())


@merchant_user_required
@require_POST
@ratelimit(key="user", rate="20/h", method="POST", block=True)
def invite(request: HttpRequest) -> HttpResponse:
    """Invite a colleague to the user's own merchant."""
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invited = services.invite_user(
                merchant=merchant_of(request.user),
                email=form.cleaned_data["email"],
                invited_by=request.user,
                site_url=site_url(request),
            )
        except services.MerchantError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("We sent an invitation to %(email)s: they choose a password from its link.")
                % {"email": invited.email},
            )
            return redirect("merchants:area")
    return _render_area(request, form, status=400)


def _render_area(request: HttpRequest, invite_form: InviteForm, *, status: int = 200):
    merchant = selectors.merchant_area(merchant_of(request.user).pk)
    return render(
        request,
        "merchants/area.html",
        {
            "merchant": merchant,
            "province_name": province_name(merchant.province_code),
            "phone": _national_phone(merchant.phone),
            "invite_form": invite_form,
        },
        status=status,
    )


def _national_phone(phone: str) -> str:
    """'+84912345678' as a Vietnamese reader writes it: '0912 345 678'."""
    try:
        number = phonenumbers.parse(phone, "VN")
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
