"""Changes to partners: creating one, choosing the merchants it represents, and its API keys.

A partner (a platform or an affiliate network) calls the API for the merchants it represents and
for no other. Its keys are created by organisers and shown once: only their SHA-256 is stored
(``merchants.api_keys``), so a lost key is revoked and replaced, never shown again.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from onlinefriday.core.text import fold
from onlinefriday.merchants import api_keys
from onlinefriday.merchants.identity import IdentityError, parse_tax_code
from onlinefriday.merchants.models import Merchant, Partner, PartnerApiKey

logger = logging.getLogger(__name__)

# Writing last_used_at on every call would make each API call a write; a minute is precise
# enough to tell a key in use from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


class PartnerError(ValueError):
    """The change was refused; ``message`` says why, for a person, ``field`` where."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def create_partner(*, name: str, code: str = "") -> Partner:
    """A partner with a unique code (a slug, made from the name when none is given)."""
    name = name.strip()
    if not name:
        raise PartnerError(_("Enter the partner's name."), field="name")
    code = slugify(fold(code.strip() or name))[:60].strip("-")
    if not code:
        raise PartnerError(
            _("Give the partner a code of letters, digits and dashes, such as shopee-affiliate."),
            field="code",
        )
    if Partner.objects.filter(code=code).exists():
        raise _code_taken(code)
    try:
        with transaction.atomic():
            return Partner.objects.create(name=name, code=code)
    except IntegrityError:
        raise _code_taken(code) from None


def _code_taken(code: str) -> PartnerError:
    return PartnerError(
        _("The code %(code)s is already used by another partner: choose another.") % {"code": code},
        field="code",
    )


def set_represented_merchants(partner: Partner, *, tax_codes: Iterable[str]) -> list[Merchant]:
    """The partner represents exactly the merchants with these tax codes (any spelling, one per
    item; blank items are skipped). Nothing changes when one code is wrong or unknown: the error
    names every such code."""
    codes: list[str] = []
    problems: list[str] = []
    for text in tax_codes:
        text = text.strip()
        if not text:
            continue
        try:
            code = parse_tax_code(text).code
        except IdentityError as error:
            problems.append(f"{text}: {error.message}")
            continue
        if code not in codes:
            codes.append(code)
    if problems:
        raise PartnerError("; ".join(problems), field="merchants")
    merchants = list(Merchant.objects.filter(tax_code__in=codes))
    unknown = sorted(set(codes) - {merchant.tax_code for merchant in merchants})
    if unknown:
        raise PartnerError(
            _("No merchant is registered with the tax code %(codes)s: register it first.")
            % {"codes": ", ".join(unknown)},
            field="merchants",
        )
    partner.merchants.set(merchants)
    return merchants


def create_api_key(*, partner: Partner, name: str, actor) -> tuple[PartnerApiKey, str]:
    """A new key for the partner; the raw key is returned here and nowhere else, ever."""
    name = name.strip()
    if not name:
        raise PartnerError(
            _("Name the key after where it is used, such as 'production server'."), field="name"
        )
    # A prefix collision (36^8 possibilities) is unlikely, not impossible: try again.
    for _attempt in range(3):
        generated = api_keys.generate_key()
        try:
            with transaction.atomic():
                key = PartnerApiKey.objects.create(
                    partner=partner,
                    name=name,
                    prefix=generated.prefix,
                    key_hash=generated.key_hash,
                    created_by=actor,
                )
        except IntegrityError:
            continue
        return key, generated.raw
    raise PartnerError(_("The key could not be created: try again."))


def revoke_api_key(key: PartnerApiKey, *, actor) -> PartnerApiKey:
    """From now on the key is refused (401). Revoking a revoked key changes nothing."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        # Ids only: no key material and no personal data in logs.
        logger.info("API key %s of partner %s revoked by user %s", key.pk, key.partner_id, actor.pk)
    return key


def record_key_use(key: PartnerApiKey) -> None:
    """Remember when the key was last used, writing at most once a minute per key."""
    now = timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_PRECISION:
        return
    PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.last_used_at = now
