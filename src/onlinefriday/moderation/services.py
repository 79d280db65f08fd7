"""Moderators' decisions on deals: the status, the note the merchant reads, the audit log and the
e-mail, all in one transaction per call (one deal or many)."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onlinefriday.accounts.roles import is_moderator
from onlinefriday.core.page_cache import bump_storefront_version
from onlinefriday.deals.models import Deal, DealStatus
from onlinefriday.moderation.models import Decision, DecisionAction, ShopperReport

REASON_MAX_LENGTH = 2000
# A moderator decides deals the engine sent to review, and may change an earlier decision
# (or the engine's): the audit log keeps the status each decision started from.
DECIDABLE = (DealStatus.REVIEW, DealStatus.ACCEPTED, DealStatus.REJECTED)


class ModerationError(Exception):
    """A decision that cannot be made as asked; ``message`` says why, for the moderator."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def approve(deal: Deal, moderator: User, reason: str = "") -> Decision:
    """Accept one deal; the reason (optional) is the note the merchant reads."""
    return approve_many([deal], moderator, reason)[0]


def reject(deal: Deal, moderator: User, reason: str) -> Decision:
    """Reject one deal with the reason the merchant receives."""
    return reject_many([deal], moderator, reason)[0]


def approve_many(deals: Iterable[Deal], moderator: User, reason: str = "") -> list[Decision]:
    return _decide(deals, DecisionAction.APPROVE, moderator, reason)


def reject_many(deals: Iterable[Deal], moderator: User, reason: str) -> list[Decision]:
    if not reason.strip():
        raise ModerationError(
            _("Give the reason for the rejection: the merchant reads it."), field="reason"
        )
    return _decide(deals, DecisionAction.REJECT, moderator, reason)


TO_STATUS = {
    DecisionAction.APPROVE: DealStatus.ACCEPTED,
    DecisionAction.REJECT: DealStatus.REJECTED,
}


def _decide(deals, action: DecisionAction, moderator: User, reason: str) -> list[Decision]:
    """All or nothing: if one of the deals cannot be decided, nothing changes."""
    if not is_moderator(moderator):
        raise ModerationError(_("Only moderators and organisers decide on deals."))
    reason = reason.strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ModerationError(
            _("The reason is too long: at most %(count)d characters.")
            % {"count": REASON_MAX_LENGTH},
            field="reason",
        )
    ids = [deal.pk for deal in deals]
    to_status = TO_STATUS[action]
    with transaction.atomic():
        locked = list(
            Deal.objects.select_for_update()
            .filter(pk__in=ids)
            .select_related("festival", "product__merchant")
            .prefetch_related("reasons")
            .order_by("pk")
        )
        undecidable = [deal for deal in locked if deal.status not in DECIDABLE]
        if undecidable:
            raise ModerationError(
                ngettext(
                    "%(names)s has not been judged yet, so it cannot be decided on.",
                    "%(names)s have not been judged yet, so they cannot be decided on.",
                    len(undecidable),
                )
                % {"names": ", ".join(_deal_name(deal) for deal in undecidable)}
            )
        decisions = [
            Decision(
                deal=deal,
                actor=moderator,
                action=action,
                from_status=deal.status,
                to_status=to_status,
                reason=reason,
                rule_codes=sorted({r.code for r in deal.reasons.all()}),
            )
            for deal in locked
        ]
        now = timezone.now()
        for deal in locked:
            deal.status = to_status
            deal.updated_at = now
            deal.moderation_note = reason
            deal.hidden_at = None  # shoppers' reports hid it until this decision
            if to_status == DealStatus.REJECTED:
                deal.featured = False
        Deal.objects.bulk_update(
            locked, ["status", "moderation_note", "featured", "hidden_at", "updated_at"]
        )
        Decision.objects.bulk_create(decisions)
        # The decision answers the shoppers' reports too.
        ShopperReport.objects.filter(deal__in=locked, resolved_at__isnull=True).update(
            resolved_at=now
        )
        bump_storefront_version()
        transaction.on_commit(lambda: send_decision_emails(locked))
    return decisions


def _deal_name(deal: Deal) -> str:
    return f"{deal.product.title or deal.product.sku} ({deal.product.sku})"


def send_decision_emails(deals: list[Deal]) -> None:
    """One e-mail per merchant, in Vietnamese, listing its deals just decided and the reason:
    to the merchant's users, or to the merchant's address when it has no user with one."""
    by_merchant = defaultdict(list)
    for deal in deals:
        by_merchant[deal.product.merchant].append(deal)
    for merchant, decided in by_merchant.items():
        with translation.override("vi"):
            context = {"merchant": merchant, "deals": decided, "note": decided[0].moderation_note}
            subject = render_to_string("moderation/email/decision_subject.txt", context).strip()
            body = render_to_string("moderation/email/decision_body.txt", context)
        send_mail(subject, body, None, merchant_recipients(merchant))


def merchant_recipients(merchant) -> list[str]:
    users = (
        merchant.memberships.filter(user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    return list(users) or [merchant.email]
