"""GET /api/v1/festivals and /api/v1/festivals/{slug}: what a partner's program reads."""

from datetime import timedelta

import pytest

from onlinefriday.festivals.models import FlashSlot

pytestmark = pytest.mark.django_db

SEEDED = "online-friday-2021"


def test_detail_gives_the_seeded_festival_on_vietnam_clock(client):
    # when
    response = client.get(f"/api/v1/festivals/{SEEDED}")

    # then times carry +07:00, not UTC's Z, and the TBA events carry no time
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == SEEDED
    assert body["starts_at"] == "2021-12-03T00:00:00+07:00"
    assert body["ends_at"] == "2021-12-05T12:00:00+07:00"
    assert body["promotion_kind"] == "concentrated"
    assert body["discount_cap_percent"] == 100
    assert body["state"] == "ended"
    assert body["registration_opens_at"] is None
    assert body["registration_closes_at"] is None
    assert body["review_closes_at"] is None
    assert body["programme"] == {
        "title": "Tuần lễ Thương mại điện tử quốc gia 2021",
        "starts_on": "2021-11-27",
        "ends_on": "2021-12-04",
    }
    assert body["flash_slots"] == []
    assert body["events"][0] == {
        "title": "Goonline Series 1: Công thức vận hành vận đơn 5 sao",
        "starts_at": None,
        "ends_at": None,
        "time_announced": False,
        "place": "",
        "online_url": "",
        "organiser": "Cục Thương mại điện tử và Kinh tế số (Bộ Công Thương)",
        "description": "",
        "registration_url": "",
    }
    assert len(body["events"]) == 3
    assert body["calendar_url"] == f"http://testserver/festivals/{SEEDED}/programme.ics"


def test_detail_gives_slots_and_timed_events_with_offsets(client, programme_festival):
    # when
    body = client.get("/api/v1/festivals/tet-sale-2030").json()

    # then
    assert body["flash_slots"] == [
        {
            "name": "Giờ vàng 0h",
            "starts_at": "2030-01-10T00:00:00+07:00",
            "ends_at": "2030-01-10T02:00:00+07:00",
        }
    ]
    timed, unannounced = body["events"]
    assert (timed["starts_at"], timed["ends_at"], timed["time_announced"]) == (
        "2030-01-07T09:00:00+07:00",
        "2030-01-07T11:00:00+07:00",
        True,
    )
    assert timed["place"] == "Hà Nội"
    assert (unannounced["title"], unannounced["time_announced"]) == ("Lễ khai mạc", False)


def test_state_and_registration_dates_are_computed_now(client, festival_factory):
    # given a regular festival live since an hour ago whose registration closed a week ago
    festival = festival_factory(
        slug="live-now", starts_in=-timedelta(hours=1), promotion_kind="regular"
    )
    festival.registration_closes_at = festival.starts_at - timedelta(days=7)
    festival.save()

    # when
    body = client.get("/api/v1/festivals/live-now").json()

    # then
    assert body["state"] == "live"
    assert body["discount_cap_percent"] == 50
    assert body["registration_closes_at"].endswith("+07:00")


def test_list_gives_every_festival_newest_first_in_three_queries(
    client, festival_factory, django_assert_num_queries
):
    # given two more festivals, one with a flash slot
    later = festival_factory(slug="later", starts_in=timedelta(days=60))
    festival_factory(slug="sooner", starts_in=timedelta(days=30))
    FlashSlot.objects.create(
        festival=later, name="0h", starts_at=later.starts_at, ends_at=later.ends_at
    )

    # when: festivals, their events and their flash slots, however many festivals there are
    with django_assert_num_queries(3):
        response = client.get("/api/v1/festivals")

    # then
    assert response.status_code == 200
    body = response.json()
    assert [festival["slug"] for festival in body] == ["later", "sooner", SEEDED]
    assert [len(festival["flash_slots"]) for festival in body] == [1, 0, 0]
    assert [len(festival["events"]) for festival in body] == [0, 0, 3]
    assert all(festival["starts_at"].endswith("+07:00") for festival in body)
    assert body[0]["calendar_url"] == "http://testserver/festivals/later/programme.ics"


def test_unknown_slug_answers_404_in_json_in_vietnamese_and_english(client):
    # when
    response = client.get("/api/v1/festivals/online-friday-1999")

    # then
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": "Không có chương trình nào ở địa chỉ này.",
        "detail_en": "There is no festival at this address.",
    }


def test_the_schema_documents_both_operations(client):
    # when
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    # then
    assert "/api/v1/festivals" in paths
    assert set(paths["/api/v1/festivals/{slug}"]["get"]["responses"]) == {"200", "404"}
