"""What shoppers see: the home page, lists of deals and a deal's page. Thin views over
``storefront.search`` and ``storefront.page_selectors``; the pages every shopper sees alike are
served from the shared cache (``core.page_cache``), each saying until when it holds."""

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.core.page_cache import shared_page
from onlinefriday.deals.models import Category, Deal
from onlinefriday.festivals.views import countdown, festival_status
from onlinefriday.merchants.models import Platform
from onlinefriday.storefront import page_selectors
from onlinefriday.storefront.forms import SearchForm
from onlinefriday.storefront.search import DealSearch, SearchResults, Sort, search_deals
from onlinefriday.tracking.links import click_url

SHELF_SIZE = 8  # deals on each of the home page's shelves


def _earliest(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return min(known) if known else None


def _until_a_deal_ends(results: SearchResults) -> datetime | None:
    return _earliest(*(deal.ends_at for deal in results.deals))


@shared_page
def home(request: HttpRequest) -> HttpResponse:
    """The festival's state and countdown, its flash slots, featured and Vietnamese deals."""
    now = timezone.now()
    context = festival_status(now)
    festival = context["festival"]
    slots = page_selectors.flash_slots_now_and_next(festival, now) if festival else None
    # Biggest discounts first; among Vietnamese goods the featured ones before them, the order
    # of the listing index (by discount alone, a million deals were sorted: 600 ms).
    featured = search_deals(DealSearch(featured=True, sort=Sort.DISCOUNT, per_page=SHELF_SIZE), now)
    vietnamese = search_deals(DealSearch(made_in_vietnam=True, per_page=SHELF_SIZE), now)
    context.update(
        slots=slots,
        featured=featured.deals,
        vietnamese=vietnamese.deals,
        categories=page_selectors.categories(),
    )
    response = render(request, "storefront/home.html", context)
    response.fresh_until = _earliest(
        context["deadline"],
        slots and slots.current and slots.current.ends_at,
        slots and slots.next and slots.next.starts_at,
        _until_a_deal_ends(featured),
        _until_a_deal_ends(vietnamese),
    )
    return response


def _listing(request: HttpRequest, context: dict, *, fixed: str = "", **value) -> HttpResponse:
    """A page of deals with the filters, sorting and page links of the search page."""
    form = SearchForm(request.GET, fixed=fixed)
    results = search_deals(form.search(**value))
    context.update(form=form, results=results, search_q=results.search.q)
    response = render(request, "storefront/listing.html", context)
    response.fresh_until = _until_a_deal_ends(results)
    return response


@shared_page
def category(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        chosen = page_selectors.category_by_slug(slug)
    except Category.DoesNotExist:
        raise Http404(_("There is no category at this address.")) from None
    return _listing(request, {"category": chosen}, fixed="category", category=slug)


@shared_page
def platform(request: HttpRequest, code: str) -> HttpResponse:
    try:
        chosen = page_selectors.platform_by_code(code)
    except Platform.DoesNotExist:
        raise Http404(_("There is no platform at this address.")) from None
    return _listing(request, {"platform": chosen}, fixed="platform", platform=code)


def search(request: HttpRequest) -> HttpResponse:
    """Results for the words and filters of the query string: new for each query, not cached."""
    return _listing(request, {"searching": True})


@shared_page
def deal(request: HttpRequest, pk: int) -> HttpResponse:
    """A published deal: prices, its price history, badges, coupon, QR code and the way out to
    the marketplace through our click-out link. Gone (404) from its end time on."""
    now = timezone.now()
    try:
        page = page_selectors.deal_page(pk, now)
    except Deal.DoesNotExist:
        # Not the bare 404 page: a shopper following an old link learns what became of it.
        return render(request, "storefront/deal_gone.html", status=404)
    context = {
        "page": page,
        "deal": page.deal,
        "buy_url": click_url(page.deal),
        "page_url": request.build_absolute_uri(request.path),
        "countdown": countdown(_("Time left"), page.deal.ends_at, now),
    }
    response = render(request, "storefront/deal.html", context)
    response.fresh_until = page.deal.ends_at
    return response
