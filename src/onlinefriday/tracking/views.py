"""The click-out: count the click, then send the shopper to the deal on its platform."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from onlinefriday.deals.models import Deal, DealStatus
from onlinefriday.tracking import clicks, links
from onlinefriday.tracking.targets import published_target


def redirect_to_deal(request: HttpRequest, deal_id: int, signature: str) -> HttpResponse | None:
    """The 302 of a signed link to a published deal, its click counted; None for any other."""
    if not links.signature_ok(deal_id, signature):
        return None
    target = published_target(deal_id, timezone.now())
    if target is None:
        return None
    clicks.record(clicks.click_of(request, deal_id))
    response = HttpResponseRedirect(target)
    # The platform learns the click came from us (the utm parameters, our origin), not from
    # which page: a search's words stay here.
    response["Referrer-Policy"] = "strict-origin"
    return _never_kept(response)


@require_safe
def click_out(request: HttpRequest, deal_id: int, signature: str) -> HttpResponse:
    """302 to the published deal's own URL, with our campaign parameters. A link we did not
    sign is a 404; so is a deal shoppers may not see (not accepted, hidden by reports, not
    started yet); a deal whose time is over says so (410), for shoppers with an old link."""
    response = redirect_to_deal(request, deal_id, signature)
    if response is not None:
        return response
    if not links.signature_ok(deal_id, signature):
        raise Http404
    ended = Deal.objects.filter(pk=deal_id, status=DealStatus.ACCEPTED, ends_at__lte=timezone.now())
    ends_at = ended.values_list("ends_at", flat=True).first()
    if ends_at is None:
        return _never_kept(render(request, "404.html", status=404))
    return _never_kept(render(request, "tracking/ended.html", {"ends_at": ends_at}, status=410))


def _never_kept(response: HttpResponse) -> HttpResponse:
    # Every answer may change the next second (a deal starts, ends or is hidden): no cache
    # may keep one, and a click that a cache answered would not be counted.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
