"""A festival's programme as an iCalendar file (RFC 5545): plain objects in, bytes out, no queries.

Calendar apps import it once and show the shopping window, the flash slots and every event whose
time is known; events still waiting for a time are listed on the programme week, an all-day entry,
so that they are not shown at an invented hour.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PRODID = "-//Online Friday//onlinefriday.vn//VI"
UID_DOMAIN = "onlinefriday.vn"


class FestivalFacts(Protocol):
    slug: str
    name: str
    description: str
    starts_at: datetime
    ends_at: datetime
    programme_title: str
    programme_starts_on: date | None
    programme_ends_on: date | None


class SlotFacts(Protocol):
    pk: int
    name: str
    starts_at: datetime
    ends_at: datetime


class EventFacts(Protocol):
    pk: int
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    online_url: str
    organiser: str
    description: str
    registration_url: str


def programme_calendar(
    festival: FestivalFacts,
    *,
    flash_slots: Iterable[SlotFacts],
    events: Iterable[EventFacts],
    stamp: datetime,
) -> bytes:
    """The festival's calendar; ``stamp`` (an aware instant) is written as every entry's DTSTAMP.

    UIDs depend only on the festival's slug and the entries' ids, so re-importing the file
    updates the entries already in a calendar instead of adding copies.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", festival.name)
    calendar.add("x-wr-timezone", str(VIETNAM))

    def entry(uid: str, summary: str, start: date, end: date | None, description: str) -> Event:
        event = Event()
        event.add("uid", f"{uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("summary", summary)
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
        if description:
            event.add("description", description)
        calendar.add_component(event)
        return event

    entry(
        f"window-{festival.slug}",
        festival.name,
        festival.starts_at.astimezone(VIETNAM),
        festival.ends_at.astimezone(VIETNAM),
        festival.description,
    )
    for slot in flash_slots:
        entry(
            f"flash-slot-{slot.pk}",
            slot.name,
            slot.starts_at.astimezone(VIETNAM),
            slot.ends_at.astimezone(VIETNAM),
            "",
        )
    unannounced = []
    for event in events:
        if event.starts_at is None:
            unannounced.append(event)
            continue
        timed = entry(
            f"event-{event.pk}",
            event.title,
            event.starts_at.astimezone(VIETNAM),
            event.ends_at.astimezone(VIETNAM) if event.ends_at else None,
            _event_details(event),
        )
        if event.place:
            timed.add("location", event.place)
        if event.online_url:
            timed.add("url", event.online_url)
    if festival.programme_starts_on and festival.programme_ends_on:
        entry(
            f"programme-{festival.slug}",
            festival.programme_title or festival.name,
            festival.programme_starts_on,
            # All-day entries end on the day after the last one (RFC 5545 3.6.1).
            festival.programme_ends_on + timedelta(days=1),
            _unannounced_list(unannounced),
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event_details(event: EventFacts) -> str:
    lines = [event.description] if event.description else []
    if event.organiser:
        lines.append(_("Organiser: %(organiser)s") % {"organiser": event.organiser})
    if event.registration_url:
        lines.append(_("Registration: %(url)s") % {"url": event.registration_url})
    return "\n".join(lines)


def _unannounced_list(events: list[EventFacts]) -> str:
    if not events:
        return ""
    lines = [_("Time to be announced:")]
    for event in events:
        organiser = f" – {event.organiser}" if event.organiser else ""
        lines.append(f"- {event.title}{organiser}")
    return "\n".join(lines)
