from ninja import NinjaAPI

from onlinefriday.api import errors
from onlinefriday.api.festivals import router as festivals_router
from onlinefriday.api.merchants import router as merchants_router

api = NinjaAPI(
    title="Online Friday API",
    version="1.0.0",
    description="Festivals, merchants and deals of Vietnam's national online shopping festival.",
    urls_namespace="api-v1",
)
api.add_router("/festivals", festivals_router)
api.add_router("/merchants", merchants_router)
errors.register(api)
