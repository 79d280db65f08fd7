"""The merchant area's pages for products and their prices.

Like the rest of the merchant area, the addresses carry no merchant id: a user always works on
its own merchant's products.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from onlinefriday.accounts.roles import merchant_of, merchant_user_required
from onlinefriday.deals import services
from onlinefriday.deals.forms import PriceUploadForm
from onlinefriday.deals.models import ObservationSource
from onlinefriday.deals.price_csv import COLUMNS, parse_price_csv

PROBLEMS_SHOWN = 200  # a page lists at most this many errors; the count says how many more


@merchant_user_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def prices(request: HttpRequest) -> HttpResponse:
    """How to write the file, the upload form; after an upload, what was saved and, for the
    rows that were not, what to correct where."""
    context = {"columns": COLUMNS, "max_rows": settings.PRICE_CSV_MAX_ROWS}
    status = 200
    if request.method == "POST":
        form = PriceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            # Never more than the limit in memory: one byte over is enough to refuse the file.
            data = form.cleaned_data["file"].read(settings.PRICE_CSV_MAX_BYTES + 1)
            parsed = parse_price_csv(
                data,
                max_bytes=settings.PRICE_CSV_MAX_BYTES,
                max_rows=settings.PRICE_CSV_MAX_ROWS,
            )
            context["parsed"] = parsed
            context["errors_shown"] = parsed.errors[:PROBLEMS_SHOWN]
            context["errors_not_shown"] = max(len(parsed.errors) - PROBLEMS_SHOWN, 0)
            context["recorded"] = services.record_price_observations(
                merchant=merchant_of(request.user),
                rows=parsed.rows,
                source=ObservationSource.MERCHANT,
            )
            form = PriceUploadForm()
        else:
            status = 400
    else:
        form = PriceUploadForm()
    return render(request, "deals/prices.html", {**context, "form": form}, status=status)
