"""Organisers' work on merchants: the list, one merchant's file, and the decisions on them.

Organisers only: a moderator judges deals, not merchants (403). Views translate HTTP to the
selectors and services of ``onlinefriday.merchants`` and back; nothing here logs, because these
pages carry personal data (representatives, phones, personal IDs used as tax codes).
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from onlinefriday.accounts.roles import organiser_required
from onlinefriday.dashboard.listing import decide_ticked, filtered_page
from onlinefriday.dashboard.merchants.forms import (
    ApproveForm,
    BulkDecisionForm,
    MerchantFilterForm,
    RejectForm,
)
from onlinefriday.merchants import selectors, services
from onlinefriday.merchants.models import Merchant
from onlinefriday.merchants.provinces import province_name


@organiser_required
def merchant_list(request: HttpRequest) -> HttpResponse:
    """Every merchant, narrowed by the filters in the query string, 50 a page."""
    listing = filtered_page(request, MerchantFilterForm, selectors.merchant_list)
    for merchant in listing["page"]:
        merchant.province_name = province_name(merchant.province_code)
    return render(
        request,
        "dashboard/merchants/list.html",
        {**listing, "bulk_form": BulkDecisionForm()},
    )


@organiser_required
def merchant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A merchant's identity, shops, users and history, with the forms to decide on it."""
    return _render_detail(request, pk)


def _render_detail(request, pk, *, approve_form=None, reject_form=None, status=200):
    try:
        merchant = selectors.merchant_detail(pk)
    except Merchant.DoesNotExist:
        raise Http404(_("There is no merchant with this number.")) from None
    return render(
        request,
        "dashboard/merchants/detail.html",
        {
            "merchant": merchant,
            "province_name": province_name(merchant.province_code),
            "approve_form": approve_form or ApproveForm(),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


def _merchant_or_404(pk: int) -> Merchant:
    try:
        return Merchant.objects.get(pk=pk)
    except Merchant.DoesNotExist:
        raise Http404(_("There is no merchant with this number.")) from None


@organiser_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    merchant = _merchant_or_404(pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, pk, approve_form=form, status=400)
    try:
        services.approve([merchant], actor=request.user, reason=form.cleaned_data["note"])
    except services.MerchantError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is approved; the merchant is told by e-mail.") % {"name": merchant.name},
        )
    return redirect("dashboard:merchants:detail", pk=pk)


@organiser_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    merchant = _merchant_or_404(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject([merchant], actor=request.user, reason=form.cleaned_data["reason"])
        except services.MerchantError as error:
            if error.field != "reason":
                messages.error(request, error.message)
                return redirect("dashboard:merchants:detail", pk=pk)
            form.add_error("reason", error.message)
        else:
            messages.success(
                request,
                _("%(name)s is rejected; the merchant is told the reason by e-mail.")
                % {"name": merchant.name},
            )
            return redirect("dashboard:merchants:detail", pk=pk)
    # The reason is missing or too long: show the page again with what was typed.
    messages.error(request, _("The merchant was not rejected: see the reason field."))
    return _render_detail(request, pk, reject_form=form, status=400)


@organiser_required
@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    """Approve or reject the ticked merchants, all or none: if one of them cannot be decided on
    (its e-mail is not verified yet), nothing changes and the message names it."""
    return decide_ticked(
        request,
        BulkDecisionForm(request.POST),
        ticked="merchants",
        back_to="dashboard:merchants:list",
        decisions={
            BulkDecisionForm.APPROVE: (
                partial(services.approve, actor=request.user),
                ngettext_lazy(
                    "%(count)d merchant approved; each is told by e-mail.",
                    "%(count)d merchants approved; each is told by e-mail.",
                    "count",
                ),
            ),
            BulkDecisionForm.REJECT: (
                partial(services.reject, actor=request.user),
                ngettext_lazy(
                    "%(count)d merchant rejected; each is told the reason by e-mail.",
                    "%(count)d merchants rejected; each is told the reason by e-mail.",
                    "count",
                ),
            ),
        },
        refused=services.MerchantError,
    )
