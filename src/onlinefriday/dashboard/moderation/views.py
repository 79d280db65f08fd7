"""Moderators' work on deals: the queue, one deal's evidence with the decision forms, decisions
on many deals at once, and the audit log of every decision.

Moderators and organisers only (a merchant's user gets 403). Views translate HTTP to the
selectors and services of ``onlinefriday.moderation`` and back.
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from onlinefriday.accounts.roles import moderator_required
from onlinefriday.compliance.reasons import percent
from onlinefriday.dashboard.listing import decide_ticked, filtered_page
from onlinefriday.dashboard.moderation.forms import (
    ApproveForm,
    BulkDecisionForm,
    DecisionLogFilterForm,
    QueueFilterForm,
    RejectForm,
)
from onlinefriday.deals.models import Deal
from onlinefriday.deals.selectors import price_before_start
from onlinefriday.moderation import selectors, services
from onlinefriday.moderation.services import ModerationError


@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    """Deals waiting for a moderator, narrowed by the filters in the query string, 50 a page."""
    listing = filtered_page(request, QueueFilterForm, selectors.moderation_queue)
    return render(
        request,
        "dashboard/moderation/queue.html",
        {**listing, "bulk_form": BulkDecisionForm()},
    )


@moderator_required
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence beside the decision: reasons, prices, price history, reports, decisions."""
    return _render_deal(request, pk)


def _render_deal(request, pk, *, approve_form=None, reject_form=None, status=200):
    try:
        deal = selectors.deal_evidence(pk)
    except Deal.DoesNotExist:
        raise Http404(_("There is no deal with this number.")) from None
    discount = None
    if deal.price > 0:
        vietnamese, english = percent(deal.price - deal.sale_price, deal.price)
        discount = english if request.LANGUAGE_CODE == "en" else vietnamese
    return render(
        request,
        "dashboard/moderation/deal.html",
        {
            "deal": deal,
            "discount": discount,
            "before": price_before_start(deal.product, deal.starts_at, end=deal.ends_at),
            "approve_form": approve_form or ApproveForm(),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


def _deal_or_404(pk: int) -> Deal:
    try:
        return Deal.objects.get(pk=pk)
    except Deal.DoesNotExist:
        raise Http404(_("There is no deal with this number.")) from None


@moderator_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal_or_404(pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _render_deal(request, pk, approve_form=form, status=400)
    try:
        services.approve(deal, request.user, form.cleaned_data["note"])
    except ModerationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The deal is approved; the merchant is told by e-mail."))
    return redirect("dashboard:moderation:deal", pk=pk)


@moderator_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    deal = _deal_or_404(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject(deal, request.user, form.cleaned_data["reason"])
        except ModerationError as error:
            if error.field != "reason":
                messages.error(request, error.message)
                return redirect("dashboard:moderation:deal", pk=pk)
            form.add_error("reason", error.message)
        else:
            messages.success(
                request, _("The deal is rejected; the merchant is told the reason by e-mail.")
            )
            return redirect("dashboard:moderation:deal", pk=pk)
    messages.error(request, _("The deal was not rejected: see the reason field."))
    return _render_deal(request, pk, reject_form=form, status=400)


@moderator_required
@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    """Approve or reject the ticked deals with one reason, all or none."""
    return decide_ticked(
        request,
        BulkDecisionForm(request.POST),
        ticked="deals",
        back_to="dashboard:moderation:queue",
        decisions={
            BulkDecisionForm.APPROVE: (
                partial(services.approve_many, moderator=request.user),
                ngettext_lazy(
                    "%(count)d deal approved; its merchant is told by e-mail.",
                    "%(count)d deals approved; their merchants are told by e-mail.",
                    "count",
                ),
            ),
            BulkDecisionForm.REJECT: (
                partial(services.reject_many, moderator=request.user),
                ngettext_lazy(
                    "%(count)d deal rejected; its merchant is told the reason by e-mail.",
                    "%(count)d deals rejected; their merchants are told the reason by e-mail.",
                    "count",
                ),
            ),
        },
        refused=ModerationError,
    )


@moderator_required
def decisions(request: HttpRequest) -> HttpResponse:
    """The audit log: every decision on a deal (who, when, what, why), newest first."""
    listing = filtered_page(
        request,
        DecisionLogFilterForm,
        lambda filters: selectors.decision_log(filters.get("festival")),
    )
    return render(request, "dashboard/moderation/decisions.html", listing)
