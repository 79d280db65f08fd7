"""Festivals in the public API: their windows, state, programme and calendar link."""

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from pydantic import AfterValidator

from onlinefriday.api.errors import ApiError, ErrorOut
from onlinefriday.festivals import selectors
from onlinefriday.festivals.models import Festival, PromotionKind
from onlinefriday.festivals.schedule import State


def _vietnam_time(value: datetime) -> datetime:
    """Partners read times as Vietnam does ('2021-12-03T00:00:00+07:00'), not in UTC."""
    return timezone.localtime(value, timezone.get_default_timezone())


VietnamDateTime = Annotated[datetime, AfterValidator(_vietnam_time)]


class ProgrammeOut(Schema):
    title: str
    starts_on: date | None
    ends_on: date | None


class FlashSlotOut(Schema):
    name: str
    starts_at: VietnamDateTime
    ends_at: VietnamDateTime


class ProgrammeEventOut(Schema):
    title: str
    starts_at: VietnamDateTime | None
    ends_at: VietnamDateTime | None
    time_announced: bool
    place: str
    online_url: str
    organiser: str
    description: str
    registration_url: str


class FestivalOut(Schema):
    slug: str
    name: str
    starts_at: VietnamDateTime
    ends_at: VietnamDateTime
    promotion_kind: PromotionKind
    discount_cap_percent: int
    state: State
    registration_opens_at: VietnamDateTime | None
    registration_closes_at: VietnamDateTime | None
    review_closes_at: VietnamDateTime | None
    programme: ProgrammeOut
    flash_slots: list[FlashSlotOut]
    events: list[ProgrammeEventOut]
    calendar_url: str

    @staticmethod
    def resolve_programme(festival: Festival) -> dict:
        return {
            "title": festival.programme_title,
            "starts_on": festival.programme_starts_on,
            "ends_on": festival.programme_ends_on,
        }

    @staticmethod
    def resolve_calendar_url(festival: Festival, context) -> str:
        path = reverse("festivals:programme-ics", args=[festival.slug])
        return context["request"].build_absolute_uri(path)


router = Router(tags=["festivals"])


@router.get("", response=list[FestivalOut], summary="Every festival, newest first")
def list_festivals(request: HttpRequest):
    return selectors.festival_list()


@router.get(
    "/{slug}", response={200: FestivalOut, 404: ErrorOut}, summary="One festival by its slug"
)
def festival_detail(request: HttpRequest, slug: str):
    try:
        return selectors.festival_programme(slug)
    except Festival.DoesNotExist:
        raise ApiError(404, _("There is no festival at this address.")) from None
