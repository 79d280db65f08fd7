"""Changes to merchants: creating one from a tax code, and the organisers' decisions on it.

Every path that creates a merchant (the registration form, ``onlinefriday merchant add``, the CSV
import) goes through ``create_merchant``, so the identity checks and 'one merchant per tax code'
hold the same everywhere.
"""

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from onlinefriday.merchants.identity import IdentityError, IdentityKind, parse_tax_code
from onlinefriday.merchants.models import (
    BusinessType,
    Merchant,
    MerchantEvent,
    MerchantStatus,
    RulesVersion,
)


class MerchantError(ValueError):
    """The merchant could not be created or changed; ``message`` says why, for a person."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def normalise_tax_code(text: str) -> str:
    """The stored spelling of a tax code, or MerchantError saying what is wrong with it."""
    try:
        return parse_tax_code(text).code
    except IdentityError as error:
        raise MerchantError(error.message, field="tax_code") from None


def create_merchant(
    *,
    name: str,
    tax_code: str,
    email: str,
    business_type: str | None = None,
    province_code: int | None = None,
    representative: str = "",
    address: str = "",
    phone: str = "",
    rules_version: RulesVersion | None = None,
    status: str = MerchantStatus.PENDING,
    actor=None,
) -> Merchant:
    """Create a merchant after checking its identity; refuse a tax code already registered.

    A branch (13-digit code) is linked to its parent enterprise when the parent is registered.
    """
    identity = parse_identity(tax_code)
    if business_type is None:
        business_type = {
            IdentityKind.ENTERPRISE: BusinessType.COMPANY,
            IdentityKind.BRANCH: BusinessType.BRANCH,
            IdentityKind.PERSONAL: BusinessType.HOUSEHOLD,
        }[identity.kind]
    if Merchant.objects.filter(tax_code=identity.code).exists():
        raise _already_registered(identity.code)
    parent = (
        Merchant.objects.filter(tax_code=identity.parent_code).first()
        if identity.parent_code
        else None
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            merchant = Merchant.objects.create(
                name=name.strip(),
                tax_code=identity.code,
                business_type=business_type,
                parent=parent,
                representative=representative.strip(),
                province_code=province_code,
                address=address.strip(),
                phone=phone,
                email=email.strip().lower(),
                rules_version=rules_version,
                rules_accepted_at=now if rules_version else None,
                status=status,
            )
            MerchantEvent.objects.create(
                merchant=merchant, action=MerchantEvent.Action.REGISTERED, actor=actor
            )
    except IntegrityError:
        # Another request registered the same code between the check and the insert.
        raise _already_registered(identity.code) from None
    return merchant


def parse_identity(tax_code: str):
    try:
        return parse_tax_code(tax_code)
    except IdentityError as error:
        raise MerchantError(error.message, field="tax_code") from None


def _already_registered(code: str) -> MerchantError:
    return MerchantError(
        _("Tax code %(code)s is already registered: one merchant per tax code.") % {"code": code},
        field="tax_code",
    )


def approve(merchants: Iterable[Merchant], *, actor, reason: str = "") -> list[Merchant]:
    """Approve merchants whose e-mail is verified; each is told by e-mail, in Vietnamese."""
    return _decide(merchants, MerchantStatus.APPROVED, actor=actor, reason=reason)


def reject(merchants: Iterable[Merchant], *, actor, reason: str) -> list[Merchant]:
    """Reject merchants with a reason the merchant reads in the e-mail."""
    if not reason.strip():
        raise MerchantError(_("Give the reason for the rejection."), field="reason")
    return _decide(merchants, MerchantStatus.REJECTED, actor=actor, reason=reason)


DECIDABLE = (MerchantStatus.VERIFIED, MerchantStatus.APPROVED, MerchantStatus.REJECTED)


def _decide(merchants, status: str, *, actor, reason: str) -> list[Merchant]:
    merchants = list(merchants)
    undecidable = [m for m in merchants if m.status not in DECIDABLE]
    if undecidable:
        raise MerchantError(
            _("%(names)s has not verified the e-mail address yet: it cannot be decided on.")
            % {"names": ", ".join(m.name for m in undecidable)}
        )
    action = (
        MerchantEvent.Action.APPROVED
        if status == MerchantStatus.APPROVED
        else MerchantEvent.Action.REJECTED
    )
    with transaction.atomic():
        for merchant in merchants:
            merchant.status = status
            merchant.decision_reason = reason.strip()
            merchant.save(update_fields=["status", "decision_reason"])
            MerchantEvent.objects.create(
                merchant=merchant, action=action, actor=actor, reason=reason.strip()
            )
        transaction.on_commit(lambda: [send_decision_email(m) for m in merchants])
    return merchants


def send_decision_email(merchant: Merchant) -> None:
    """The organisers' decision, in Vietnamese, to the merchant's e-mail address."""
    with translation.override("vi"):
        context = {"merchant": merchant, "approved": merchant.status == MerchantStatus.APPROVED}
        subject = render_to_string("merchants/email/decision_subject.txt", context).strip()
        body = render_to_string("merchants/email/decision_body.txt", context)
    send_mail(subject, body, None, [merchant.email])
