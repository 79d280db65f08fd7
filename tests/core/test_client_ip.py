"""Rate limits and lockouts count per visitor, not per proxy."""

from django.test import RequestFactory

from onlinefriday.core.client_ip import client_ip


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connection_address_counts_and_forwarded_headers_are_ignored(
    settings,
):
    # given no proxy is trusted
    settings.PROXY_COUNT = 0

    # when a visitor sends a forged X-Forwarded-For
    ip = client_ip(request_from("203.0.113.7", "198.51.100.1"))

    # then
    assert ip == "203.0.113.7"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_visitor_claims(settings):
    # given nginx in front, which appends the address it received the request from
    settings.PROXY_COUNT = 1

    # when a visitor claims 198.51.100.1 and nginx saw 203.0.113.7
    ip = client_ip(request_from("127.0.0.1", "198.51.100.1, 203.0.113.7"))

    # then
    assert ip == "203.0.113.7"


def test_a_missing_forwarded_header_falls_back_to_the_connection(settings):
    # given
    settings.PROXY_COUNT = 1

    # when
    ip = client_ip(request_from("127.0.0.1"))

    # then
    assert ip == "127.0.0.1"
