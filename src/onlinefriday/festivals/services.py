"""Changes to festivals: the one place where a festival is validated and created."""

from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from onlinefriday.festivals.models import Festival, PromotionKind


class FestivalError(ValueError):
    """A festival could not be created; the message is one sentence a user can act on."""


def create_festival(
    *,
    slug: str,
    name: str,
    starts_at: datetime,
    ends_at: datetime,
    promotion_kind: PromotionKind | str = PromotionKind.CONCENTRATED,
    registration_opens_at: datetime | None = None,
    registration_closes_at: datetime | None = None,
    review_closes_at: datetime | None = None,
    programme_title: str = "",
    programme_starts_on: date | None = None,
    programme_ends_on: date | None = None,
    description: str = "",
) -> Festival:
    """Create a festival after the same checks the admin runs (``Festival.full_clean``).

    Raises FestivalError when the timeline is out of order, an instant has no UTC offset, the slug
    is taken or a field is invalid.
    """
    if Festival.objects.filter(slug=slug).exists():
        raise FestivalError(_duplicate_slug_message(slug))
    festival = Festival(
        slug=slug,
        name=name,
        starts_at=starts_at,
        ends_at=ends_at,
        promotion_kind=promotion_kind,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        review_closes_at=review_closes_at,
        programme_title=programme_title,
        programme_starts_on=programme_starts_on,
        programme_ends_on=programme_ends_on,
        description=description,
    )
    try:
        # The timeline first: checking the window's constraint runs a query, which a naive
        # instant must not reach.
        festival.timeline.validate()
        festival.full_clean()
    except ValueError as error:
        raise FestivalError(str(error)) from error
    except ValidationError as error:
        raise FestivalError(_one_line(error)) from error
    try:
        with transaction.atomic():
            festival.save()
    except IntegrityError as error:
        # Another process took the slug between the check and the insert.
        raise FestivalError(_duplicate_slug_message(slug)) from error
    return festival


def _duplicate_slug_message(slug: str) -> str:
    return _("A festival with the slug '%(slug)s' already exists: choose another slug.") % {
        "slug": slug
    }


def _one_line(error: ValidationError) -> str:
    """Every field's errors on one line, each prefixed by the field's name."""
    parts = []
    for field, messages in error.message_dict.items():
        label = (
            "" if field == NON_FIELD_ERRORS else f"{Festival._meta.get_field(field).verbose_name}: "
        )
        parts.extend(capfirst(f"{label}{message.rstrip('.')}.") for message in messages)
    return " ".join(parts)
