"""The "Report this deal" page, open to every shopper: no account, no JavaScript. Each visitor
(by the day's visitor hash of the address) may send ``REPORTS_PER_HOUR``; more are answered 429
by ``settings.RATELIMIT_VIEW``."""

from contextlib import suppress

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from onlinefriday.deals.models import Deal
from onlinefriday.moderation import reports
from onlinefriday.moderation.report_forms import ReportForm
from onlinefriday.storefront.selectors import published_deals
from onlinefriday.tracking.visitors import visitor_hash

REPORTS_PER_HOUR = "10/h"


def reporter(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: the visitor hash, so not even the counters hold an address."""
    return visitor_hash(request)


@require_http_methods(["GET", "POST"])
@ratelimit(key=reporter, rate=REPORTS_PER_HOUR, method="POST", block=True)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(
        published_deals().select_related("product", "platform", "festival"), pk=pk
    )
    form = ReportForm(request.POST or None)
    if form.is_valid():
        # A deal hidden or ended while the shopper was writing needs no more reports.
        with suppress(Deal.DoesNotExist):
            reports.report_deal(deal.pk, reporter_hash=visitor_hash(request), **form.cleaned_data)
        return redirect("reports:sent", pk=deal.pk)
    return render(
        request,
        "moderation/report.html",
        {"deal": deal, "form": form, "forms_in_error": [form] if form.errors else []},
    )


def sent(request: HttpRequest, pk: int) -> HttpResponse:
    """Thanks, after the redirect: reloading the page does not send the report again."""
    return render(request, "moderation/report_sent.html", {"deal_id": pk})
