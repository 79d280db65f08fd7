"""The authorisation matrix of the shoppers' addresses (``tests/test_authorisation_matrix.py``
holds the protected ones): the storefront, the click-out and the reports are open to everyone,
signed in or not, and show only published deals, to every role alike. Neither a moderator nor
the deal's own merchant sees a deal in review there: they have the back office and the
merchant area for that."""

import pytest
from django.urls import get_resolver, resolve, reverse

from onlinefriday.deals.models import DealStatus
from onlinefriday.moderation.models import ReportReason
from onlinefriday.tracking.links import click_url
from tests.test_authorisation_matrix import ROLES, as_role  # noqa: F401 - as_role: a fixture

# (view name, method, path from the published deal, form data, expected status for every role)
ROUTES = [
    ("storefront:home", "get", lambda deal: reverse("storefront:home"), {}, 200),
    (
        "storefront:category",
        "get",
        lambda deal: reverse("storefront:category", args=[deal.product.category.slug]),
        {},
        200,
    ),
    (
        "storefront:platform",
        "get",
        lambda deal: reverse("storefront:platform", args=[deal.platform.code]),
        {},
        200,
    ),
    ("storefront:search", "get", lambda deal: reverse("storefront:search") + "?q=iphone", {}, 200),
    ("storefront:deal", "get", lambda deal: reverse("storefront:deal", args=[deal.pk]), {}, 200),
    ("tracking:click", "get", click_url, {}, 302),
    ("reports:report", "get", lambda deal: reverse("reports:report", args=[deal.pk]), {}, 200),
    (
        "reports:report",
        "post",
        lambda deal: reverse("reports:report", args=[deal.pk]),
        {"reason": ReportReason.BROKEN_LINK},
        302,
    ),
    ("reports:sent", "get", lambda deal: reverse("reports:sent", args=[deal.pk]), {}, 200),
]
# The addresses about one deal: a deal shoppers may not see is not there, for anyone.
ABOUT_A_DEAL = {"storefront:deal", "tracking:click", "reports:report"}


@pytest.fixture
def shopee_deal(deal_factory, platform):
    """The iPhone deal of merchant A (``merchant_user``'s), on Shopee, in the phones category."""
    return deal_factory(status=DealStatus.ACCEPTED, platform=platform)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "path", "data", "expected"),
    ROUTES,
    ids=[f"{route[1]} {route[0]}" for route in ROUTES],
)
def test_shopper_addresses_are_open_to_every_role(
    role,
    name,
    method,
    path,
    data,
    expected,
    shopee_deal,
    as_role,  # noqa: F811
):
    # given a published deal, and a client in this role
    client = as_role(role)
    # when it calls the address
    response = getattr(client, method)(path(shopee_deal), data)
    # then it gets the same answer as everyone: no sign-in asked, nothing refused
    assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "path", "data"),
    [route[:4] for route in ROUTES if route[0] in ABOUT_A_DEAL],
    ids=[f"{route[1]} {route[0]}" for route in ROUTES if route[0] in ABOUT_A_DEAL],
)
def test_a_deal_in_review_is_not_there_for_anyone(
    role,
    name,
    method,
    path,
    data,
    deal_factory,
    platform,
    as_role,  # noqa: F811
):
    # given merchant A's deal waiting for a moderator
    deal = deal_factory(status=DealStatus.REVIEW, platform=platform)
    # when any role, the merchant's own user and the moderators included, asks for it
    response = getattr(as_role(role), method)(path(deal), data)
    # then there is no such page
    assert response.status_code == 404


def test_the_matrix_covers_every_shopper_address(shopee_deal):
    # given every named address of the storefront, the click-out and the reports
    resolver = get_resolver()
    every = {
        f"{namespace}:{pattern.name}"
        for namespace in ("storefront", "tracking", "reports")
        for pattern in resolver.namespace_dict[namespace][1].url_patterns
        if pattern.name
    }
    # when we list the addresses the matrix calls
    covered = {resolve(path(shopee_deal).split("?")[0]).view_name for _, _, path, _, _ in ROUTES}
    # then none is missing (a new shopper page must join the matrix)
    assert every - covered == set()
    assert len(every) >= 8
