"""Public festival pages: thin views over selectors, rendered on the server."""

import json
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onlinefriday.core.formatting import countdown_labels, format_countdown
from onlinefriday.festivals import selectors
from onlinefriday.festivals.calendar import programme_calendar
from onlinefriday.festivals.models import Festival
from onlinefriday.festivals.schedule import STATE_LABELS, Timeline

# What the countdown counts to, by the timeline's instant; later ones win a tie (a review that
# closes when shopping starts reads as the start).
COUNTDOWN_HEADINGS = {
    "registration_opens_at": _("Until registration opens"),
    "registration_closes_at": _("Until registration closes"),
    "review_closes_at": _("Until the review period ends"),
    "starts_at": _("Until shopping starts"),
    "ends_at": _("Until shopping ends"),
}


def _countdown_heading(timeline: Timeline, deadline: datetime) -> str:
    names = [name for name in COUNTDOWN_HEADINGS if getattr(timeline, name) == deadline]
    return COUNTDOWN_HEADINGS[names[-1]]


def _iso(moment: datetime) -> str:
    """Milliseconds at most: every browser's Date.parse reads them."""
    return timezone.localtime(moment).isoformat(timespec="milliseconds")


def festival_status(now: datetime) -> dict:
    """The festival of the moment with its state and a countdown that is right without JS: the
    top of the shop home (``storefront.views.home``). ``deadline`` is when that changes."""
    festival = selectors.current_or_next_festival(now)
    status: dict = {"festival": festival, "deadline": None}
    if festival is not None:
        timeline = festival.timeline
        state = timeline.state_at(now)
        deadline = timeline.next_change(now)
        status.update(state=state, state_label=STATE_LABELS[state], deadline=deadline)
        if deadline is not None:
            status["countdown"] = countdown(_countdown_heading(timeline, deadline), deadline, now)
    return status


def countdown(heading: str, deadline: datetime, now: datetime) -> dict:
    """What ``festivals/_countdown.html`` shows and countdown.js ticks with."""
    return {
        "heading": heading,
        "text": format_countdown(deadline - now),
        "deadline": _iso(deadline),
        "now": _iso(now),
        "labels": json.dumps(countdown_labels(), ensure_ascii=False),
    }


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    """The festival's week of events, flash slots and a link to add them to a calendar."""
    try:
        festival = selectors.festival_programme(slug)
    except Festival.DoesNotExist:
        raise Http404(_("There is no festival at this address.")) from None
    return render(request, "festivals/programme.html", {"festival": festival})


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme as an iCalendar file, to add the window and the events to a calendar."""
    try:
        festival = selectors.festival_programme(slug)
    except Festival.DoesNotExist:
        raise Http404(_("There is no festival at this address.")) from None
    body = programme_calendar(
        festival,
        flash_slots=festival.flash_slots.all(),
        events=festival.events.all(),
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{festival.slug}.ics"'
    return response
