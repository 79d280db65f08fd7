"""Organisers' work on partners: the list, a new partner, the merchants it represents, its keys.

Organisers only (a moderator or a merchant's user gets 403). A new key is shown once, in the
answer to the form that created it, with caching forbidden: it is not stored anywhere it could
be shown from again (not even in the session), so reloading a page never shows it. Nothing here
logs a key.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from onlinefriday.accounts.roles import organiser_required
from onlinefriday.dashboard.partners.forms import ApiKeyForm, PartnerForm, RepresentedMerchantsForm
from onlinefriday.merchants import partner_selectors, partner_services
from onlinefriday.merchants.models import Partner, PartnerApiKey
from onlinefriday.merchants.partner_services import PartnerError


@organiser_required
def partner_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "dashboard/partners/list.html", {"partners": partner_selectors.partner_list()}
    )


@organiser_required
def partner_create(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = partner_services.create_partner(**form.cleaned_data)
        except PartnerError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Partner %(name)s created: choose the merchants it represents, then create "
                    "a key."
                )
                % {"name": partner.name},
            )
            return redirect("dashboard:partners:detail", pk=partner.pk)
    status = 400 if form.errors else 200
    return render(request, "dashboard/partners/create.html", {"form": form}, status=status)


@organiser_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, pk)


def _render_detail(request, pk, *, merchants_form=None, key_form=None, status=200):
    partner = _partner_or_404(pk, detail=True)
    codes = "\n".join(merchant.tax_code for merchant in partner.merchants.all())
    return render(
        request,
        "dashboard/partners/detail.html",
        {
            "partner": partner,
            "merchants_form": merchants_form
            or RepresentedMerchantsForm(initial={"tax_codes": codes}),
            "key_form": key_form or ApiKeyForm(),
        },
        status=status,
    )


def _partner_or_404(pk: int, *, detail: bool = False) -> Partner:
    try:
        return partner_selectors.partner_detail(pk) if detail else Partner.objects.get(pk=pk)
    except Partner.DoesNotExist:
        raise Http404(_("There is no partner with this number.")) from None


@organiser_required
@require_POST
def partner_merchants(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner represents exactly the merchants whose tax codes are listed."""
    partner = _partner_or_404(pk)
    form = RepresentedMerchantsForm(request.POST)
    if form.is_valid():
        try:
            merchants = partner_services.set_represented_merchants(partner, tax_codes=form.codes())
        except PartnerError as error:
            form.add_error("tax_codes", error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s now represents %(count)d merchant.",
                    "%(name)s now represents %(count)d merchants.",
                    len(merchants),
                )
                % {"name": partner.name, "count": len(merchants)},
            )
            return redirect("dashboard:partners:detail", pk=pk)
    return _render_detail(request, pk, merchants_form=form, status=400)


@organiser_required
@require_POST
@never_cache
def key_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a key and show it, this once."""
    partner = _partner_or_404(pk)
    form = ApiKeyForm(request.POST)
    if form.is_valid():
        try:
            key, raw = partner_services.create_api_key(
                partner=partner, name=form.cleaned_data["name"], actor=request.user
            )
        except PartnerError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            return render(
                request,
                "dashboard/partners/key_created.html",
                {"partner": partner, "key": key, "raw_key": raw},
            )
    return _render_detail(request, pk, key_form=form, status=400)


@organiser_required
@require_POST
def key_revoke(request: HttpRequest, pk: int, key_pk: int) -> HttpResponse:
    partner = _partner_or_404(pk)
    try:
        key = PartnerApiKey.objects.get(pk=key_pk, partner=partner)
    except PartnerApiKey.DoesNotExist:
        raise Http404(_("This partner has no key with this number.")) from None
    partner_services.revoke_api_key(key, actor=request.user)
    messages.success(
        request,
        _("The key %(prefix)s… is revoked: calls made with it are refused from now on.")
        % {"prefix": key.prefix},
    )
    return redirect("dashboard:partners:detail", pk=pk)
