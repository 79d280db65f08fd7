from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from onlinefriday.api import errors, storefront  # noqa: F401 (GET /deals, on the deals router)
from onlinefriday.api.deals import router as deals_router
from onlinefriday.api.festivals import router as festivals_router
from onlinefriday.api.merchants import router as merchants_router
from onlinefriday.api.prices import router as prices_router
from onlinefriday.compliance.submission import load_json


class ExactJsonParser(Parser):
    """JSON numbers with a fraction become Decimals, not floats: amounts stay exact."""

    def parse_body(self, request: HttpRequest):
        return load_json(request.body)


api = NinjaAPI(
    title="Online Friday API",
    version="1.0.0",
    description="Festivals, merchants and deals of Vietnam's national online shopping festival.",
    urls_namespace="api-v1",
    parser=ExactJsonParser(),
)
api.add_router("/festivals", festivals_router)
api.add_router("/merchants", merchants_router)
api.add_router("/deals", deals_router)
api.add_router("/price-observations", prices_router)
errors.register(api)
