"""The link a shopper follows: a well-formed https address on the declared platform."""

from dataclasses import replace
from types import MappingProxyType

import pytest

from tests.compliance.builders import CONCENTRATED, assert_reason, make_deal, reasons


@pytest.mark.parametrize(
    ("url", "present"),
    [
        ("https://shopee.vn/samsung-galaxy-s24-ultra-i.1001.2002", False),
        ("https://shopee.vn", False),
        ("https://SHOPEE.VN/Samsung", False),
        ("https://shopee.vn:443/samsung?ref=onlinefriday#mo-ta", False),
        ("http://shopee.vn/samsung-galaxy-s24-ultra-i.1001.2002", True),
        ("https://user:secret@shopee.vn/samsung", True),
        ("https://shopee.vn@example.com/samsung", True),
        ("https:///samsung", True),
        ("https://", True),
        ("https://localhost/samsung", True),
        ("javascript:alert(1)", True),
        ("shopee.vn/samsung", True),
        ("https://shopee.vn/samsung galaxy", True),
        ("https://shopee.vn/samsung\n", True),
        ("", True),
    ],
)
def test_invalid_link(url, present):
    # given a deal on Shopee with this link
    deal = make_deal(url=url, platform="shopee")
    # when it is judged
    found = reasons(deal)
    # then INVALID_LINK is there only when the link is not a well-formed https address
    assert ("INVALID_LINK" in found) is present


@pytest.mark.parametrize(
    ("url", "platform", "present"),
    [
        ("https://shopee.vn/samsung", "shopee", False),
        ("https://m.shopee.vn/samsung", "shopee", False),
        ("https://shopee.vn/samsung", "Shopee", False),
        ("https://tiki.vn/samsung", "shopee", True),
        ("https://notshopee.vn/samsung", "shopee", True),
        ("https://shopee.vn.example.com/samsung", "shopee", True),
        ("https://www.samsungshop.vn/s24", "website", False),
        ("https://www.samsungshop.vn/s24", "amazon", True),
        ("https://shopee.vn/samsung", "", True),
        ("http://tiki.vn/samsung", "shopee", False),  # INVALID_LINK says what is wrong
    ],
)
def test_link_platform_mismatch(url, platform, present):
    # given a deal with this link on this platform
    deal = make_deal(url=url, platform=platform)
    # when it is judged
    found = reasons(deal)
    # then LINK_PLATFORM_MISMATCH is there only when the host is not on the platform's domains
    assert ("LINK_PLATFORM_MISMATCH" in found) is present


def test_no_platform_mismatch_when_the_festival_knows_no_platforms():
    # given a festival with no platforms on record
    terms = replace(CONCENTRATED, platform_domains=MappingProxyType({}))
    # when a deal linking to Tiki but declared on Shopee is judged
    found = reasons(make_deal(url="https://tiki.vn/samsung", platform="shopee"), terms)
    # then nothing can be said about its platform
    assert "LINK_PLATFORM_MISMATCH" not in found


@pytest.mark.parametrize(
    ("url", "platform", "code", "vi", "en"),
    [
        pytest.param(
            "http://shopee.vn/samsung",
            "shopee",
            "INVALID_LINK",
            ("“http://shopee.vn/samsung”", "https"),
            ("'http://shopee.vn/samsung'", "https"),
            id="INVALID_LINK",
        ),
        pytest.param(
            "",
            "shopee",
            "INVALID_LINK",
            ("Thiếu đường dẫn",),
            ("missing",),
            id="INVALID_LINK: none",
        ),
        pytest.param(
            "https://tiki.vn/samsung",
            "shopee",
            "LINK_PLATFORM_MISMATCH",
            ("tiki.vn", "shopee", "shopee.vn"),
            ("tiki.vn", "shopee", "shopee.vn"),
            id="LINK_PLATFORM_MISMATCH",
        ),
        pytest.param(
            "https://www.samsungshop.vn/s24",
            "amazon",
            "LINK_PLATFORM_MISMATCH",
            ("“amazon”", "lazada, shopee, tiki, website"),
            ("'amazon'", "lazada, shopee, tiki, website"),
            id="LINK_PLATFORM_MISMATCH: unknown platform",
        ),
    ],
)
def test_link_reasons_name_the_link_in_both_languages(url, platform, code, vi, en):
    # given a deal whose link breaks a link rule
    deal = make_deal(url=url, platform=platform)
    # when it is judged
    found = reasons(deal).get(code)
    # then the reason has the table's severity and both messages name the link or host
    assert_reason(found, code, vi, en)
