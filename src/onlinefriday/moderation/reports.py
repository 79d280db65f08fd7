"""Shoppers' reports on deals. When ``DEAL_REPORTS_TO_HIDE`` (default 5) distinct shoppers have
open reports on a deal, it leaves the storefront at once (``Deal.hidden_at``) and waits in the
moderation queue; a moderator's decision resolves the reports and shows it again if accepted
(``moderation.services``).

Distinct shoppers are told apart by the day's visitor hash (``tracking.visitors``): one shopper
reporting five times on one day counts once."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from onlinefriday.core.page_cache import bump_storefront_version
from onlinefriday.moderation.models import ReportReason, ShopperReport
from onlinefriday.storefront.selectors import published_deals


def reporters_to_hide() -> int:
    return settings.DEAL_REPORTS_TO_HIDE


def report_deal(
    deal_id: int,
    *,
    reason: ReportReason,
    reporter_hash: str,
    details: str = "",
    contact: str = "",
    now: datetime | None = None,
) -> ShopperReport:
    """Store one report on a published deal, and hide the deal if its reporters reach the
    threshold. Raises Deal.DoesNotExist for a deal shoppers cannot see."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so that two reports at once cannot both miss the threshold.
        deal = published_deals(now).select_for_update().get(pk=deal_id)
        report = ShopperReport.objects.create(
            deal=deal,
            reason=reason,
            details=details.strip(),
            contact=contact.strip(),
            reporter_hash=reporter_hash,
        )
        reporters = (
            ShopperReport.objects.filter(deal=deal, resolved_at__isnull=True)
            .values("reporter_hash")
            .distinct()
            .count()
        )
        if reporters >= reporters_to_hide():
            deal.hidden_at = now
            deal.save(update_fields=["hidden_at", "updated_at"])
            bump_storefront_version()  # cached pages drop it too
    return report
