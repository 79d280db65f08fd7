"""The merchant's deals: the list for a festival, and the web form for one deal, which checks a
deal with the engine before sending it ("Kiểm tra", nothing stored) and sends it ("Gửi").

Like the rest of the merchant area the user always works on its own merchant's deals: another
merchant's deal answers 404, as a deal that does not exist does.
"""

from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onlinefriday.accounts.roles import merchant_of, merchant_user_required
from onlinefriday.compliance.reasons import Verdict
from onlinefriday.core.formatting import in_current_language
from onlinefriday.core.pagination import paginate
from onlinefriday.deals import selectors
from onlinefriday.deals.models import Deal, DealSource, DealStatus
from onlinefriday.deals.submitting import (
    VERDICT_STATUS,
    SubmissionRefused,
    SubmittedDeal,
    check_may_submit,
    preview_deal,
    submit_deals,
)
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.deal_forms import DealForm, initial_from
from onlinefriday.merchants.models import Merchant

CHECK, SEND = "check", "submit"  # the form's two buttons


@merchant_user_required
def deal_list(request: HttpRequest) -> HttpResponse:
    """The merchant's deals in one festival (chosen in the query string; by default the next
    one still open for deals), with their status, the engine's reasons and the moderator's note."""
    merchant = merchant_of(request.user)
    festivals = list(Festival.objects.all())
    festival = next(
        (f for f in festivals if f.slug == request.GET.get("festival")), None
    ) or _default_festival(festivals, timezone.now())
    status = request.GET.get("status", "")
    if status not in DealStatus.values:
        status = ""
    deals = (
        selectors.merchant_deals(merchant, festival, status) if festival else Deal.objects.none()
    )
    page, query = paginate(request, deals)
    return render(
        request,
        "merchants/deals/list.html",
        {
            "festivals": festivals,
            "festival": festival,
            "statuses": DealStatus.choices,
            "status": status,
            "page": page,
            "query": query,
            "refusal": _refusal(merchant, festival) if festival else None,
        },
    )


def _default_festival(festivals: list[Festival], now: datetime) -> Festival | None:
    """The festival whose deadline for deals comes next; else the latest one."""
    open_ones = [f for f in festivals if (f.review_closes_at or f.ends_at) > now]
    if open_ones:
        return min(open_ones, key=lambda f: f.review_closes_at or f.ends_at)
    return festivals[0] if festivals else None


def _refusal(merchant: Merchant, festival: Festival) -> str | None:
    """Why the merchant may not send or edit deals of the festival now, or None."""
    try:
        check_may_submit(merchant, festival)
    except SubmissionRefused as refused:
        return in_current_language(refused.message, refused.message_en)
    return None


@merchant_user_required
@require_http_methods(["GET", "POST"])
def deal_new(request: HttpRequest, festival: str) -> HttpResponse:
    try:
        festival = Festival.objects.get(slug=festival)
    except Festival.DoesNotExist:
        raise Http404(_("There is no festival with this address.")) from None
    return _deal_form(request, merchant_of(request.user), festival, None)


@merchant_user_required
@require_http_methods(["GET", "POST"])
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    merchant = merchant_of(request.user)
    try:
        deal = selectors.merchant_deal(merchant, pk)
    except Deal.DoesNotExist:
        raise Http404(_("You have no deal with this number.")) from None
    return _deal_form(request, merchant, deal.festival, deal)


def _deal_form(request, merchant: Merchant, festival: Festival, deal: Deal | None):
    initial = initial_from(deal) if deal else _new_deal_initial(merchant)
    refusal = _refusal(merchant, festival)
    preview = None
    if request.method == "GET":
        form = DealForm(initial=initial, editing=deal is not None)
    else:
        form = DealForm(request.POST, initial=initial, editing=deal is not None)
        if refusal is None and form.is_valid():
            try:
                if request.POST.get("action") == SEND:
                    [result] = submit_deals(
                        merchant, festival, [form.deal_in()], source=DealSource.FORM
                    )
                    if not result.errors:
                        messages.success(request, _sent_message(result))
                        return redirect("merchants:deal-edit", pk=result.deal_id)
                else:
                    result = preview = preview_deal(merchant, festival, form.deal_in())
            except SubmissionRefused as refused:  # the deadline passed while the form was open
                refusal = in_current_language(refused.message, refused.message_en)
            else:
                for error in result.errors:
                    form.add_error(
                        error.field, in_current_language(error.message, error.message_en)
                    )
    bad = refusal is not None or form.errors
    return render(
        request,
        "merchants/deals/form.html",
        {
            "festival": festival,
            "deal": deal,
            "form": form,
            "forms_in_error": [form] if form.errors else [],
            "preview": preview,
            "preview_status": VERDICT_STATUS.get(preview.verdict) if preview else None,
            "refusal": refusal,
        },
        status=400 if request.method == "POST" and bad else 200,
    )


def _new_deal_initial(merchant: Merchant) -> dict:
    """A new deal starts on the platform of the merchant's first shop."""
    shop = merchant.shops.select_related("platform").first()
    return {"platform": shop.platform.code} if shop else {}


def _sent_message(result: SubmittedDeal) -> str:
    if not result.changed:
        return _("Nothing changed: the deal is as you sent it before.")
    if result.verdict == Verdict.ACCEPTED:
        return _("The deal is sent and accepted.")
    if result.verdict == Verdict.REVIEW:
        return _("The deal is sent; a moderator will check it before it is published.")
    return _("The deal is sent but rejected: correct what the reasons say and send it again.")
