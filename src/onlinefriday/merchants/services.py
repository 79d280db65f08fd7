"""Changes to merchants: creating one from a tax code, and the organisers' decisions on it.

Every path that creates a merchant (the registration form, ``onlinefriday merchant add``, the CSV
import) goes through ``create_merchant``, so the identity checks and 'one merchant per tax code'
hold the same everywhere.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from onlinefriday.merchants.identity import (
    IdentityError,
    IdentityKind,
    TaxIdentity,
    parse_tax_code,
)
from onlinefriday.merchants.models import (
    BusinessType,
    Merchant,
    MerchantEvent,
    MerchantMembership,
    MerchantStatus,
    Platform,
    RulesVersion,
    Shop,
)
from onlinefriday.merchants.selectors import shop_is_registered
from onlinefriday.merchants.shops import normalise_shop_url, shop_url_problem


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


# --- Merchants entered by an operator: `onlinefriday merchant add` and `merchant import` ---------


def add_merchant_by_operator(
    *, name: str, tax_code: str, email: str, approve_reason: str = "", **fields
) -> Merchant:
    """An operator enters a merchant from a terminal or a file, all or nothing.

    Nobody has an account for it yet, so nobody could open a verification link: the operator
    vouches for the business, and it waits for the organisers' decision as 'verified' (its
    e-mail address stays marked unverified). With ``approve_reason`` it is approved at once
    through ``approve`` (the same history entry and e-mail as the back office). ``fields`` are
    the other arguments of ``create_merchant``. MerchantError names the field at fault.
    """
    if not name.strip():
        raise MerchantError(_("Enter the business name."), field="name")
    try:
        validate_email(email.strip())
    except ValidationError:
        raise MerchantError(
            _("%(email)s is not an e-mail address.") % {"email": email}, field="email"
        ) from None
    if fields.get("business_type"):
        fields["business_type"] = business_type_for(
            parse_identity(tax_code), fields["business_type"]
        )
    with transaction.atomic():
        merchant = create_merchant(
            name=name, tax_code=tax_code, email=email, status=MerchantStatus.VERIFIED, **fields
        )
        if approve_reason:
            approve([merchant], actor=None, reason=approve_reason)
    return merchant


# --- The merchant's own side: registration, e-mail verification, colleagues ---------------------

EMAIL_VERIFICATION_SALT = "onlinefriday.merchants.email-verification"
PERSONAL_BUSINESS_TYPES = (BusinessType.HOUSEHOLD, BusinessType.INDIVIDUAL)


def business_type_for(identity: TaxIdentity, chosen: str) -> str:
    """The business type a code allows: a 13-digit code is a branch whatever was chosen; a
    12-digit personal ID belongs to a household business or an individual; a branch always has
    13 digits. MerchantError(field="business_type") otherwise."""
    if identity.kind is IdentityKind.BRANCH:
        return BusinessType.BRANCH
    if identity.kind is IdentityKind.PERSONAL and chosen not in PERSONAL_BUSINESS_TYPES:
        raise MerchantError(
            _(
                "A 12-digit personal identification number is the tax code of a household "
                "business or an individual: choose one of these, or enter the enterprise's "
                "tax code."
            ),
            field="business_type",
        )
    if identity.kind is IdentityKind.ENTERPRISE and chosen == BusinessType.BRANCH:
        raise MerchantError(
            _("A branch's tax code has 13 digits: the enterprise's 10 and a suffix such as -001."),
            field="business_type",
        )
    return chosen


def check_shops(shops: Sequence[tuple[Platform, str]]) -> list[tuple[Platform, str]]:
    """The shops in their stored spelling, or MerchantError(field="shops") naming the first
    address that is wrong, repeated or already registered by a merchant."""
    if not shops:
        raise MerchantError(
            _("Add at least one shop: the platform and the address of your shop."), field="shops"
        )
    checked: list[tuple[Platform, str]] = []
    for platform, url in shops:
        if problem := shop_url_problem(url, platform_name=platform.name, domains=platform.domains):
            raise MerchantError(f"{url}: {problem}", field="shops")
        url = normalise_shop_url(url)
        if (platform, url) in checked:
            raise MerchantError(
                _("The shop %(url)s is listed twice.") % {"url": url}, field="shops"
            )
        if shop_is_registered(platform, url):
            raise MerchantError(
                _("The shop %(url)s is already registered by a merchant.") % {"url": url},
                field="shops",
            )
        checked.append((platform, url))
    return checked


def register_merchant(
    *,
    name: str,
    tax_code: str,
    business_type: str,
    representative: str,
    province_code: int | None,
    address: str,
    phone: str,
    email: str,
    categories: Iterable,
    shops: Sequence[tuple[Platform, str]],
    rules_version: RulesVersion,
    password: str,
    site_url: str,
):
    """A business registers itself: the merchant (status 'pending'), its goods categories and
    shops, the rules it accepted, and its first user (the e-mail address is the user name), all
    or nothing. The verification link goes to the address once the transaction has committed.

    ``password`` is checked by the form (Django's validators); ``site_url`` ('https://host') makes
    the link absolute. Raises MerchantError with the field at fault.
    """
    identity = parse_identity(tax_code)
    business_type = business_type_for(identity, business_type)
    shops = check_shops(shops)
    email = email.strip().lower()
    User = get_user_model()
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=email).exists():
                raise _account_exists(email)
            merchant = create_merchant(
                name=name,
                tax_code=identity.code,
                email=email,
                business_type=business_type,
                province_code=province_code,
                representative=representative,
                address=address,
                phone=phone,
                rules_version=rules_version,
                status=MerchantStatus.PENDING,
            )
            merchant.categories.set(categories)
            Shop.objects.bulk_create(
                Shop(merchant=merchant, platform=platform, name=merchant.name, url=url)
                for platform, url in shops
            )
            user = User.objects.create_user(username=email, email=email, password=password)
            MerchantMembership.objects.create(user=user, merchant=merchant)
            transaction.on_commit(lambda: send_verification_email(merchant, site_url=site_url))
    except IntegrityError:
        # Another registration took the same user name or shop between the checks and the insert.
        raise MerchantError(
            _("Part of this registration was registered at the same moment: check and send again.")
        ) from None
    return merchant


def _account_exists(email: str) -> MerchantError:
    return MerchantError(
        _("An account with the e-mail address %(email)s already exists: sign in, or use another.")
        % {"email": email},
        field="email",
    )


def verification_token(merchant: Merchant, *, signer: TimestampSigner | None = None) -> str:
    """A signed, timestamped token naming the merchant and the address it proves; the signer is
    a parameter so that a test can sign with an earlier clock."""
    signer = signer or TimestampSigner(salt=EMAIL_VERIFICATION_SALT)
    return signer.sign_object({"merchant": merchant.pk, "email": merchant.email})


def send_verification_email(merchant: Merchant, *, site_url: str) -> None:
    """The link that proves the merchant reads its e-mail, in Vietnamese. The link keeps the
    language of the page the merchant used."""
    link = site_url.rstrip("/") + reverse("merchants:verify", args=[verification_token(merchant)])
    with translation.override("vi"):
        context = {
            "merchant": merchant,
            "link": link,
            "days": settings.EMAIL_VERIFICATION_MAX_AGE // 86_400,
            "hours": settings.EMAIL_VERIFICATION_MAX_AGE // 3_600,
        }
        subject = render_to_string("merchants/email/verify_subject.txt", context).strip()
        body = render_to_string("merchants/email/verify_body.txt", context)
    send_mail(subject, body, None, [merchant.email])


class VerificationLinkError(Exception):
    """The link is not one of ours, or no longer names a merchant (``expired`` False), or it is
    ours but too old (``expired`` True: a new one can be sent)."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def verify_email(token: str) -> Merchant:
    """Mark the merchant's e-mail verified and move it on to the organisers' approval.

    Opening the link again, even after it expired, changes nothing and is no error.
    """
    signer = TimestampSigner(salt=EMAIL_VERIFICATION_SALT)
    expired = False
    try:
        payload = signer.unsign_object(token, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except SignatureExpired:
        payload, expired = signer.unsign_object(token), True
    except BadSignature:
        raise VerificationLinkError(expired=False) from None
    with transaction.atomic():
        merchant = (
            Merchant.objects.select_for_update()
            .filter(pk=payload.get("merchant"), email=payload.get("email"))
            .first()
        )
        if merchant is None:
            raise VerificationLinkError(expired=False)
        if merchant.email_verified_at is not None:
            return merchant
        if expired:
            raise VerificationLinkError(expired=True)
        merchant.email_verified_at = timezone.now()
        fields = ["email_verified_at"]
        if merchant.status == MerchantStatus.PENDING:
            merchant.status = MerchantStatus.VERIFIED
            fields.append("status")
        merchant.save(update_fields=fields)
        MerchantEvent.objects.create(merchant=merchant, action=MerchantEvent.Action.EMAIL_VERIFIED)
    return merchant


def resend_verification(email: str, *, site_url: str) -> None:
    """A new link to every merchant registered with this address and not yet verified. It says
    nothing back, so that the form asking for it cannot tell who is registered."""
    for merchant in Merchant.objects.filter(
        email=email.strip().lower(), email_verified_at__isnull=True
    ):
        send_verification_email(merchant, site_url=site_url)


def invite_user(*, merchant: Merchant, email: str, invited_by, site_url: str):
    """A merchant user invites a colleague: a user of the same merchant, with no password until
    they choose one from the link in the e-mail. Inviting someone who has not chosen it yet
    sends the link again. Raises MerchantError(field="email") when the address has an account.
    """
    email = email.strip().lower()
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username__iexact=email).first()
        if user is None:
            user = User(username=email, email=email)
            user.set_unusable_password()
            user.save()
            MerchantMembership.objects.create(user=user, merchant=merchant, invited_by=invited_by)
        else:
            membership = MerchantMembership.objects.filter(user=user).first()
            ours = membership is not None and membership.merchant_id == merchant.pk
            if not ours:
                raise _account_exists(email)
            if user.has_usable_password():
                raise MerchantError(
                    _("%(email)s is already one of your users.") % {"email": email}, field="email"
                )
        MerchantEvent.objects.create(
            merchant=merchant,
            action=MerchantEvent.Action.USER_INVITED,
            actor=invited_by,
            reason=email,
        )
        transaction.on_commit(
            lambda: send_invitation_email(
                user, merchant=merchant, invited_by=invited_by, site_url=site_url
            )
        )
    return user


def send_invitation_email(user, *, merchant: Merchant, invited_by, site_url: str) -> None:
    """The invitation in Vietnamese, with a link to choose a password (Django's password reset
    token: it stops working once the password is set, and after PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override("vi"):
        context = {
            "merchant": merchant,
            "user": user,
            "invited_by": invited_by,
            "link": site_url.rstrip("/") + path,
            "days": settings.PASSWORD_RESET_TIMEOUT // 86_400,
        }
        subject = render_to_string("merchants/email/invite_subject.txt", context).strip()
        body = render_to_string("merchants/email/invite_body.txt", context)
    send_mail(subject, body, None, [user.email])
