"""The organisers' back office for festivals: staff only, and the same checks as the CLI."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from onlinefriday.festivals.models import Festival

pytestmark = pytest.mark.django_db


def test_changelist_shows_the_window_on_vietnam_clock(admin_client):
    # when
    response = admin_client.get(reverse("admin:festivals_festival_changelist"))

    # then
    assert response.status_code == 200
    assert "03/12/2021 00:00 – 05/12/2021 12:00" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    # when
    response = client.get(reverse("admin:festivals_festival_changelist"))

    # then
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_adding_a_window_that_ends_before_it_starts_is_refused(admin_client):
    # given the add form filled with an end before the start
    form = {
        "name": "Backwards",
        "slug": "backwards",
        "promotion_kind": "concentrated",
        "min_price_observations": "3",
        "featured_min_price": "3000000",
        "featured_min_discount_percent": "30",
        "featured_min_savings": "30000000",
        "starts_at_0": "2030-12-06",
        "starts_at_1": "00:00",
        "ends_at_0": "2030-12-05",
        "ends_at_1": "00:00",
        "flash_slots-TOTAL_FORMS": "0",
        "flash_slots-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }

    # when
    response = admin_client.post(reverse("admin:festivals_festival_add"), form)

    # then the form comes back with the timeline's sentence and nothing is stored
    assert response.status_code == 200
    # (the back office speaks the site's language, whatever the browser asks for)
    with translation.override(settings.LANGUAGE_CODE):
        sentence = gettext("The shopping window ends before it starts.")
    assert sentence in response.content.decode()
    assert not Festival.objects.filter(slug="backwards").exists()


def test_a_festival_added_in_the_back_office_is_stored_in_utc(admin_client):
    # given the add form with a window typed on Vietnam's clock
    form = {
        "name": "Online Friday 2030",
        "slug": "of-2030",
        "promotion_kind": "regular",
        "min_price_observations": "3",
        "featured_min_price": "3000000",
        "featured_min_discount_percent": "30",
        "featured_min_savings": "30000000",
        "starts_at_0": "2030-12-06",
        "starts_at_1": "00:00",
        "ends_at_0": "2030-12-08",
        "ends_at_1": "12:00",
        "flash_slots-TOTAL_FORMS": "0",
        "flash_slots-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }

    # when
    response = admin_client.post(reverse("admin:festivals_festival_add"), form)

    # then midnight in Vietnam is 17:00 UTC the day before
    assert response.status_code == 302
    festival = Festival.objects.get(slug="of-2030")
    assert festival.starts_at.isoformat() == "2030-12-05T17:00:00+00:00"
    assert festival.discount_cap_percent == 50
