"""The programme's iCalendar download, kept apart from the HTML pages' views."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.festivals import selectors
from onlinefriday.festivals.calendar import programme_calendar
from onlinefriday.festivals.models import Festival


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
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
