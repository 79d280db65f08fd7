"""Reads of partners, their keys and the merchants the API shows, each in a fixed number of
queries however many merchants or shops there are."""

from django.db.models import Count, Prefetch, Q, QuerySet

from onlinefriday.merchants import api_keys
from onlinefriday.merchants.models import Merchant, Partner, PartnerApiKey, Shop


def partner_list() -> QuerySet[Partner]:
    """Partners by name, with how many merchants they represent and how many keys work."""
    return Partner.objects.annotate(
        merchant_count=Count("merchants", distinct=True),
        active_key_count=Count(
            "api_keys", filter=Q(api_keys__revoked_at__isnull=True), distinct=True
        ),
    ).order_by("name", "pk")


def partner_detail(pk: int) -> Partner:
    """A partner with its merchants and its keys (newest first, with who created them).
    Raises Partner.DoesNotExist."""
    return Partner.objects.prefetch_related(
        Prefetch("merchants", queryset=Merchant.objects.order_by("name", "pk")),
        Prefetch("api_keys", queryset=PartnerApiKey.objects.select_related("created_by")),
    ).get(pk=pk)


def api_key_for(raw: str) -> PartnerApiKey | None:
    """The stored key that ``raw`` is (revoked or not, the caller decides), with its partner;
    None when it is no key of ours."""
    prefix = api_keys.prefix_of(raw)
    if prefix is None:
        return None
    key = PartnerApiKey.objects.select_related("partner").filter(prefix=prefix).first()
    if key is None or not api_keys.matches(raw, key.key_hash):
        return None
    return key


def _for_api(merchants: QuerySet[Merchant]) -> QuerySet[Merchant]:
    return merchants.select_related("rules_version").prefetch_related(
        Prefetch("shops", queryset=Shop.objects.select_related("platform").order_by("pk"))
    )


def merchant_for_api(pk: int) -> Merchant:
    """One merchant with its shops and the rules version. Raises Merchant.DoesNotExist."""
    return _for_api(Merchant.objects.all()).get(pk=pk)


def represented_merchants(partner: Partner) -> QuerySet[Merchant]:
    """The merchants a partner represents, by name, with their shops and rules version."""
    return _for_api(partner.merchants.all()).order_by("name", "pk")
