"""Who may open and change what: every protected address of the merchants' issue, for every role.

Roles: a visitor who is not signed in, a user of merchant A, a user of merchant B, a moderator
and an organiser. A visitor is sent to the sign-in page; a signed-in user without the role gets
403 (not 404: the address is no secret, the data behind it is). A merchant user only ever sees
and changes its own merchant; a moderator judges deals and cannot do an organiser's work.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from onlinefriday.merchants.models import Merchant, MerchantEvent, MerchantMembership
from onlinefriday.moderation.models import RejudgeJob
from tests.moderation.builders import send_deal

ROLES = ["anonymous", "merchant_user", "other_merchant_user", "moderator", "organiser"]
LOGIN = "login"  # expected outcome: a redirect to the sign-in page, coming back afterwards


@dataclass(frozen=True)
class Route:
    """One protected address; ``path`` is built from the test's objects (``target`` is a merchant
    waiting for approval that belongs to neither merchant user)."""

    id: str
    method: str
    path: object  # callable(objects) -> str
    expected: dict
    data: dict = field(default_factory=dict)
    content_type: str | None = None  # the API's "application/json"; a form by default


class CsvUpload:
    """A CSV file of prices that the test client can send again and again (it reads a file
    without rewinding it)."""

    name = "gia.csv"

    def read(self) -> bytes:
        return b"sku,observed_at,price\nIP15PM-256,2021-11-01T08:00:00+07:00,26990000\n"


def organiser_only(ok: int) -> dict:
    return {
        "anonymous": LOGIN,
        "merchant_user": 403,
        "other_merchant_user": 403,
        "moderator": 403,
        "organiser": ok,
    }


def merchant_users_only(ok: int) -> dict:
    return {
        "anonymous": LOGIN,
        "merchant_user": ok,
        "other_merchant_user": ok,
        "moderator": 403,
        "organiser": 403,
    }


def own_job_only(ok: int) -> dict:
    """Merchant A's deal file: another merchant's user is told it does not exist."""
    return {**merchant_users_only(ok), "other_merchant_user": 404}


def moderators_only(ok: int) -> dict:
    """Moderators judge deals; organisers may too."""
    return {
        "anonymous": LOGIN,
        "merchant_user": 403,
        "other_merchant_user": 403,
        "moderator": ok,
        "organiser": ok,
    }


def url(name, *keys):
    return lambda objects: reverse(name, args=[objects[key].pk for key in keys])


ROUTES = [
    # The organisers' back office for merchants
    Route("back-office list", "get", url("dashboard:merchants:list"), organiser_only(200)),
    Route(
        "back-office detail of A",
        "get",
        url("dashboard:merchants:detail", "merchant"),
        organiser_only(200),
    ),
    Route(
        "back-office detail of the merchant waiting",
        "get",
        url("dashboard:merchants:detail", "target"),
        organiser_only(200),
    ),
    Route(
        "approve",
        "post",
        url("dashboard:merchants:approve", "target"),
        organiser_only(302),
        {"note": ""},
    ),
    Route(
        "reject",
        "post",
        url("dashboard:merchants:reject", "target"),
        organiser_only(302),
        {"reason": "Thiếu giấy tờ"},
    ),
    Route(
        "bulk decision",
        "post",
        url("dashboard:merchants:bulk"),
        organiser_only(302),
        {"decision": "approve", "merchants": ["{target}"]},
    ),
    # The merchant area: always the signed-in user's own merchant, so it has no id to change
    Route("merchant area", "get", url("merchants:area"), merchant_users_only(200)),
    Route(
        "invite a colleague",
        "post",
        url("merchants:invite"),
        merchant_users_only(302),
        {"email": "dongnghiep@example.com"},
    ),
    # The organisers' back office for partners and their API keys
    Route("partners list", "get", url("dashboard:partners:list"), organiser_only(200)),
    Route("new partner form", "get", url("dashboard:partners:create"), organiser_only(200)),
    Route(
        "create a partner",
        "post",
        url("dashboard:partners:create"),
        organiser_only(302),
        {"name": "Tiki Affiliate", "code": "tiki-affiliate"},
    ),
    Route(
        "partner detail", "get", url("dashboard:partners:detail", "partner"), organiser_only(200)
    ),
    Route(
        "merchants a partner represents",
        "post",
        url("dashboard:partners:merchants", "partner"),
        organiser_only(302),
        {"tax_codes": "{other_merchant.tax_code}"},
    ),
    Route(
        "create a key (shown once)",
        "post",
        url("dashboard:partners:key-create", "partner"),
        organiser_only(200),
        {"name": "Máy chủ dự phòng"},
    ),
    Route(
        "revoke a key",
        "post",
        url("dashboard:partners:key-revoke", "partner", "key"),
        organiser_only(302),
    ),
    # The moderation queue, a deal's evidence, decisions and the audit log ("review_deal" is a
    # deal of merchant A in review); judging a festival's deals again is the organisers' work
    Route("moderation queue", "get", url("dashboard:moderation:queue"), moderators_only(200)),
    Route(
        "deal evidence",
        "get",
        url("dashboard:moderation:deal", "review_deal"),
        moderators_only(200),
    ),
    Route(
        "approve a deal",
        "post",
        url("dashboard:moderation:approve", "review_deal"),
        moderators_only(302),
        {"note": ""},
    ),
    Route(
        "reject a deal",
        "post",
        url("dashboard:moderation:reject", "review_deal"),
        moderators_only(302),
        {"reason": "Thiếu lịch sử giá"},
    ),
    Route(
        "decide on many deals",
        "post",
        url("dashboard:moderation:bulk"),
        moderators_only(302),
        {"decision": "approve", "deals": ["{review_deal}"]},
    ),
    Route("audit log", "get", url("dashboard:moderation:decisions"), moderators_only(200)),
    Route(
        "judge again: festivals", "get", url("dashboard:moderation:rejudge"), organiser_only(200)
    ),
    Route(
        "judge a festival again",
        "post",
        lambda objects: reverse(
            "dashboard:moderation:rejudge-start", args=[objects["review_deal"].festival.slug]
        ),
        organiser_only(302),
    ),
    Route(
        "judging again: progress page",
        "get",
        url("dashboard:moderation:rejudge-job", "rejudge_job"),
        organiser_only(200),
    ),
    Route(
        "judging again: progress JSON",
        "get",
        url("dashboard:moderation:rejudge-progress", "rejudge_job"),
        organiser_only(200),
    ),
    # The merchant's deals: its list, the form (checking sends nothing), and its own deal only
    Route("merchant's deals", "get", url("merchants:deals"), merchant_users_only(200)),
    Route(
        "new deal form",
        "get",
        lambda objects: reverse("merchants:deal-new", args=[objects["review_deal"].festival.slug]),
        merchant_users_only(200),
    ),
    Route(
        "check a new deal",
        "post",
        lambda objects: reverse("merchants:deal-new", args=[objects["review_deal"].festival.slug]),
        merchant_users_only(200),
        {
            "action": "check",
            "sku": "AO-01",
            "title": "Áo thun",
            "category": "thoi-trang-nam",
            "platform": "shopee",
            "url": "https://shopee.vn/ao-thun-i.1.2",
            "price": "200.000",
            "sale_price": "150.000",
        },
    ),
    Route(
        "A's deal",
        "get",
        url("merchants:deal-edit", "review_deal"),
        {
            "anonymous": LOGIN,
            "merchant_user": 200,
            "other_merchant_user": 404,  # another merchant's deal is as if it did not exist
            "moderator": 403,
            "organiser": 403,
        },
    ),
    # The API, with a session (a partner's key is tested below)
    Route(
        "GET /api/v1/merchants/me",
        "get",
        lambda objects: "/api/v1/merchants/me",
        {
            "anonymous": 401,
            "merchant_user": 200,
            "other_merchant_user": 200,
            "moderator": 403,
            "organiser": 403,
        },
    ),
    # Price history: the merchant area's upload page, and the API with a session
    Route("price history page", "get", url("deals:prices"), merchant_users_only(200)),
    Route(
        "upload prices",
        "post",
        url("deals:prices"),
        merchant_users_only(200),
        {"file": CsvUpload()},
    ),
    Route(
        "POST /api/v1/price-observations",
        "post",
        lambda objects: "/api/v1/price-observations",
        {
            "anonymous": 401,
            "merchant_user": 200,
            "other_merchant_user": 200,
            "moderator": 403,
            "organiser": 403,
        },
        {
            "observations": [
                {"sku": "IP15PM-256", "observed_at": "2021-11-01T08:00:00", "price": 26990000}
            ]
        },
        content_type="application/json",
    ),
    Route(
        "GET /api/v1/price-observations",
        "get",
        lambda objects: "/api/v1/price-observations",
        {
            "anonymous": 401,
            "merchant_user": 200,
            "other_merchant_user": 404,  # past the access check: it has no such product
            "moderator": 403,
            "organiser": 403,
        },
        {"sku": "{product.sku}"},
    ),
    # Deal files: the merchant's uploads and their reports ("import_job" is A's), and the
    # organisers' audit copy of each original file
    Route("deal files", "get", url("deals:import-list"), merchant_users_only(200)),
    Route("upload a deal file", "get", url("deals:import-upload"), merchant_users_only(200)),
    Route(
        "send a deal file (without the file)",
        "post",
        url("deals:import-upload"),
        merchant_users_only(400),
        {"festival": "{import_job.festival_id}"},
    ),
    Route("deal file template", "get", url("deals:import-template"), merchant_users_only(200)),
    Route("A's deal file", "get", url("deals:import-detail", "import_job"), own_job_only(200)),
    Route(
        "A's deal file progress",
        "get",
        url("deals:import-progress", "import_job"),
        own_job_only(200),
    ),
    Route(
        "A's deal file report",
        "get",
        lambda objects: reverse("deals:import-report", args=[objects["import_job"].pk, "csv"]),
        own_job_only(200),
    ),
    Route("deal files (back office)", "get", url("dashboard:imports:list"), organiser_only(200)),
    Route(
        "original of A's deal file",
        "get",
        url("dashboard:imports:original", "import_job"),
        organiser_only(200),
    ),
    # Submitting deals through the API with a session: for the user's own merchant only
    Route(
        "POST /api/v1/deals",
        "post",
        lambda objects: "/api/v1/deals",
        {
            "anonymous": 401,
            "merchant_user": 200,
            "other_merchant_user": 200,
            "moderator": 403,
            "organiser": 403,
        },
        {"festival": "{review_deal.festival.slug}", "deals": []},
        content_type="application/json",
    ),
    # Open to everyone, signed in or not: the compliance engine's dry run, its rule codes and
    # the published deals
    Route(
        "POST /api/v1/deals/validate",
        "post",
        lambda objects: "/api/v1/deals/validate",
        dict.fromkeys(ROLES, 200),
        {"festival": "online-friday-2021", "deals": []},
        content_type="application/json",
    ),
    Route("GET /api/v1/deals", "get", lambda objects: "/api/v1/deals", dict.fromkeys(ROLES, 200)),
    Route(
        "GET /api/v1/deals/rules",
        "get",
        lambda objects: "/api/v1/deals/rules",
        dict.fromkeys(ROLES, 200),
    ),
]


@pytest.fixture
def target(db) -> Merchant:
    """A household business waiting for approval, with personal data of its owner."""
    return Merchant.objects.create(
        name="Hộ kinh doanh Chè Thái Nguyên",
        tax_code="001085012345",
        business_type="household",
        province_code=1,
        email="che@thainguyen.example",
        representative="Phạm Thị Thu",
        phone="+84911222333",
        status="verified",
        email_verified_at=timezone.now(),
    )


@pytest.fixture
def review_deal(merchant, festival_factory):
    """A deal of merchant A without price history, so in review, in a festival open for deals."""
    festival = festival_factory(starts_in=timedelta(days=10), slug="ma-tran-2030")
    return send_deal(merchant, festival, price_history=[])


@pytest.fixture
def rejudge_job(review_deal, organiser) -> RejudgeJob:
    return RejudgeJob.objects.create(festival=review_deal.festival, requested_by=organiser, total=1)


class Objects(dict):
    """The test's objects by name; a partner and its key are made only for the tests that use
    them (making a user hashes a password with Argon2, on purpose slow)."""

    def __init__(self, request, **objects):
        super().__init__(**objects)
        self.request = request

    def __missing__(self, name: str):
        if name == "key":
            value = self.request.getfixturevalue("partner_key")[0]
        else:
            value = self.request.getfixturevalue(name)
        self[name] = value
        return value


@pytest.fixture
def objects(request, merchant, other_merchant, target) -> Objects:
    return Objects(request, merchant=merchant, other_merchant=other_merchant, target=target)


@pytest.fixture
def as_role(client, request):
    """A test client signed in as the given role (or not signed in)."""

    def sign_in(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in


def fill(data: dict, objects: dict) -> dict:
    """Put the objects' values into the form data: '{target}' is its pk, '{target.name}' its
    name, '{review_deal.festival.slug}' its festival's slug."""

    def one(value):
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            name, *attributes = value[1:-1].split(".")
            found = objects[name]
            for attribute in attributes or ["pk"]:
                found = getattr(found, attribute)
            return str(found)
        return value

    return {
        key: [one(item) for item in value] if isinstance(value, list) else one(value)
        for key, value in data.items()
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=[route.id for route in ROUTES])
def test_authorisation_matrix(route, role, objects, as_role, django_capture_on_commit_callbacks):
    # given a client in this role
    client = as_role(role)
    path = route.path(objects)
    # when it calls the address
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client, route.method)(
            path,
            fill(route.data, objects),
            **({"content_type": route.content_type} if route.content_type else {}),
        )
    # then it gets what its role allows
    expected = route.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == reverse("accounts:login")
        assert parse_qs(location.query) == {"next": [path]}
    else:
        assert response.status_code == expected, response.content[:300]


def back_office_view_names() -> set[str]:
    """Every named address of the back office (/back-office/), as 'dashboard:area:name'."""
    _prefix, dashboard = get_resolver().namespace_dict["dashboard"]
    return {
        f"dashboard:{area}:{pattern.name}"
        for area, (_prefix, resolver) in dashboard.namespace_dict.items()
        for pattern in resolver.url_patterns
        if pattern.name
    }


def test_the_matrix_covers_every_protected_address(objects):
    # given every address of the back office, the merchant area and the invitation
    protected = back_office_view_names() | {"merchants:area", "merchants:invite", "deals:prices"}
    protected |= {"merchants:deals", "merchants:deal-new", "merchants:deal-edit"}
    protected |= {
        "deals:import-list",
        "deals:import-upload",
        "deals:import-template",
        "deals:import-detail",
        "deals:import-progress",
        "deals:import-report",
    }
    # when we list the addresses the matrix calls
    covered = {resolve(route.path(objects)).view_name for route in ROUTES}
    # then none is missing (a new page must join the matrix)
    assert protected - covered == set()
    assert {"dashboard:merchants:bulk", "dashboard:partners:key-revoke"} <= covered


DECISIONS = [
    ("approve", url("dashboard:merchants:approve", "target"), {"note": "ok"}),
    ("reject", url("dashboard:merchants:reject", "target"), {"reason": "Thiếu giấy tờ"}),
    ("bulk", url("dashboard:merchants:bulk"), {"decision": "approve", "merchants": ["{target}"]}),
]


@pytest.mark.parametrize("role", ["merchant_user", "other_merchant_user", "moderator"])
@pytest.mark.parametrize(
    ("action", "path", "data"), DECISIONS, ids=[decision[0] for decision in DECISIONS]
)
def test_only_an_organiser_decides(
    role, action, path, data, objects, as_role, django_capture_on_commit_callbacks
):
    # given a merchant waiting for approval
    target = objects["target"]
    # when a merchant user or a moderator posts a decision on it
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role(role).post(path(objects), fill(data, objects))
    # then it is refused and nothing happened: same status, no event, no e-mail
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.status == "verified"
    assert not MerchantEvent.objects.filter(merchant=target).exists()
    assert mail.outbox == []


def test_a_merchant_user_cannot_approve_its_own_or_another_merchant(
    as_role, merchant, other_merchant
):
    # given a user of merchant A, and merchant B rejected
    other_merchant.status = "rejected"
    other_merchant.save()
    client = as_role("merchant_user")
    # when the user posts approvals of B and of A
    for victim in (other_merchant, merchant):
        response = client.post(reverse("dashboard:merchants:approve", args=[victim.pk]))
        # then both are refused
        assert response.status_code == 403
    other_merchant.refresh_from_db()
    assert other_merchant.status == "rejected"


PERSONAL = ("001085012345", "Phạm Thị Thu", "+84911222333", "0911 222 333")


@pytest.mark.parametrize("role", ["merchant_user", "other_merchant_user"])
def test_the_merchant_area_shows_only_the_users_own_merchant(role, as_role, objects):
    # given users of two merchants, and a third merchant with personal data
    own, other = (
        (objects["merchant"], objects["other_merchant"])
        if role == "merchant_user"
        else (objects["other_merchant"], objects["merchant"])
    )
    # when each opens the merchant area, even with another merchant's id in the address
    for query in ("", f"?merchant={other.pk}", f"?pk={objects['target'].pk}"):
        page = as_role(role).get(reverse("merchants:area") + query).content.decode()
        # then it shows its own tax code and name, never the others'
        assert own.tax_code in page
        assert own.name in page
        assert other.tax_code not in page
        assert other.name not in page
        for personal in (*PERSONAL, other.representative, other.phone):
            if personal:
                assert personal not in page


def test_an_invitation_always_joins_the_inviters_own_merchant(
    as_role, objects, django_capture_on_commit_callbacks
):
    # given a user of merchant A
    client = as_role("merchant_user")
    # when the user invites a colleague, adding merchant B's id to the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("merchants:invite"),
            {"email": "dongnghiep@example.com", "merchant": objects["other_merchant"].pk},
        )
    # then the colleague joins A, not B
    assert response.status_code == 302
    membership = MerchantMembership.objects.get(user__email="dongnghiep@example.com")
    assert membership.merchant == objects["merchant"]
    assert not objects["other_merchant"].memberships.filter(user__email="dongnghiep@example.com")


@pytest.mark.parametrize("path", ["/", "/register/", "/en/", "/en/register/"])
@pytest.mark.parametrize("role", ["anonymous", "merchant_user"])
def test_public_pages_never_show_a_merchants_personal_data(path, role, as_role, objects):
    # given merchants with representatives, phones and a personal ID as tax code
    others = [objects["target"], objects["other_merchant"]]
    # when a visitor (or a user of another merchant) opens a public page
    response = as_role(role).get(path)
    page = response.content.decode()
    # then none of their personal data is on it
    assert response.status_code == 200
    for merchant in others:
        for personal in (merchant.tax_code, merchant.representative, merchant.phone):
            assert personal not in page


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("merchant_user", "merchant", "other_merchant"),
        ("other_merchant_user", "other_merchant", "merchant"),
    ],
)
def test_the_api_gives_a_merchant_user_only_its_own_merchant(role, own, other, as_role, objects):
    # given users of two merchants
    # when each asks the API who it works for
    response = as_role(role).get("/api/v1/merchants/me")
    # then each reads its own merchant, never the other
    assert response.status_code == 200
    body = response.json()
    assert body["tax_code"] == objects[own].tax_code
    assert body["name"] == objects[own].name
    assert objects[other].tax_code not in response.content.decode()


def test_a_partner_key_reads_only_the_merchants_it_represents(client, objects, partner_key):
    # given a partner that represents merchant A only, and its key
    _key, raw = partner_key
    # when it calls the API with its key
    response = client.get("/api/v1/merchants/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    # then it reads A, and neither B nor the household business with its personal data
    assert response.status_code == 200
    page = response.content.decode()
    assert [merchant["id"] for merchant in response.json()["merchants"]] == [objects["merchant"].pk]
    for merchant in (objects["other_merchant"], objects["target"]):
        for secret in (merchant.tax_code, merchant.name, merchant.representative, merchant.phone):
            assert secret not in page
