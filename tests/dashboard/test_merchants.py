"""The organisers' back office for merchants: find them, read their file, decide, and see who
decided what, when and why."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from onlinefriday.merchants.models import Merchant, MerchantEvent

LIST = reverse("dashboard:merchants:list")
BULK = reverse("dashboard:merchants:bulk")


def detail_url(merchant) -> str:
    return reverse("dashboard:merchants:detail", args=[merchant.pk])


def listed_names(response) -> set[str]:
    return {merchant.name for merchant in response.context["page"]}


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def decide(organiser_client, django_capture_on_commit_callbacks):
    """POST as the organiser and run what the decision sends once its transaction commits."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return organiser_client.post(url, data, follow=True)

    return post


@pytest.mark.parametrize(
    ("query", "inside", "outside"),
    [
        ({"status": "verified"}, {}, {"verified": False}),
        ({"province": "79"}, {"province_code": 79}, {"province_code": 1}),
        ({"business_type": "cooperative"}, {"business_type": "cooperative"}, {}),
        ({"platform": "tiki"}, {"platform": "tiki"}, {"platform": "shopee"}),
        ({"category": "nong-san-dac-san"}, {"category": "nong-san-dac-san"}, {}),
    ],
    ids=["status", "province", "type", "platform", "category"],
)
def test_each_filter_narrows_the_list(organiser_client, merchant_factory, query, inside, outside):
    # given two merchants that differ only in what the filter looks at
    merchant_factory(name="Vải thiều Lục Ngạn", **inside)
    merchant_factory(name="Điện máy Hoàng Long", **outside)
    # when the organiser filters by it
    response = organiser_client.get(LIST, query)
    # then only the matching one is listed
    assert response.status_code == 200
    assert listed_names(response) == {"Vải thiều Lục Ngạn"}
    assert response.context["page"].paginator.count == 1


def test_unfiltered_list_shows_every_merchant_with_its_columns(organiser_client, merchant_factory):
    # given a cooperative in Ho Chi Minh City and a company in Hà Nội
    merchant_factory(name="HTX Rau sạch Củ Chi", business_type="cooperative", province_code=79)
    merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser opens the list
    response = organiser_client.get(LIST)
    # then both are there with tax code, type, province, status and registration date
    page = response.content.decode()
    assert listed_names(response) == {"HTX Rau sạch Củ Chi", "Công ty Sách Trí Việt"}
    assert "0101245486" in page
    assert "Hợp tác xã" in page
    assert "Thành phố Hồ Chí Minh" in page
    assert "Chờ phê duyệt" in page
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")
    assert today in page


@pytest.mark.parametrize("text", ["trí việt", "0300588569", "0300 588 569", "0300-588-569"])
def test_search_finds_by_name_or_tax_code_in_any_spelling(organiser_client, merchant_factory, text):
    # given two merchants, the second with tax code 0300588569
    merchant_factory(name="Công ty Điện máy Hoàng Long")
    merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser searches its name or its code
    response = organiser_client.get(LIST, {"q": text})
    # then only that merchant is listed
    assert listed_names(response) == {"Công ty Sách Trí Việt"}


def test_search_finds_a_branch_by_its_code_without_dash(organiser_client, merchant_factory):
    # given a branch registered as 0100233488-001
    merchant_factory(name="Chi nhánh Đà Nẵng", tax_code="0100233488-001")
    merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser types the code without its dash
    response = organiser_client.get(LIST, {"q": "0100233488001"})
    # then the branch is found
    assert listed_names(response) == {"Chi nhánh Đà Nẵng"}


def test_invalid_filters_are_ignored_with_a_message(organiser_client, merchant_factory):
    # given two merchants
    merchant_factory(name="Công ty Điện máy Hoàng Long")
    merchant_factory(name="Công ty Sách Trí Việt")
    # when the query string holds values no filter knows, and a page that is not a number
    response = organiser_client.get(
        LIST,
        {"status": "xoa", "province": "999", "platform": "amazon", "category": "'", "page": "x"},
    )
    # then the page answers, lists everyone, and says which filters were ignored
    assert response.status_code == 200
    assert len(listed_names(response)) == 2
    message = str(next(iter(response.context["messages"])))
    for label in ("Trạng thái", "Tỉnh/thành phố", "Sàn", "Ngành hàng"):
        assert label in message


def test_a_valid_filter_still_applies_beside_an_invalid_one(organiser_client, merchant_factory):
    # given a merchant on Tiki and one on Shopee
    merchant_factory(name="Tiki shop", platform="tiki")
    merchant_factory(name="Shopee shop")
    # when one filter is valid and another is not
    response = organiser_client.get(LIST, {"platform": "tiki", "status": "??"})
    # then the valid one narrows the list
    assert listed_names(response) == {"Tiki shop"}


def test_list_shows_fifty_a_page_in_a_fixed_number_of_queries(
    organiser_client, django_assert_max_num_queries
):
    # given 120 merchants
    Merchant.objects.bulk_create(
        Merchant(
            name=f"Cửa hàng {n:03d}", tax_code=f"T{n:03d}", business_type="company", email="a@b.vn"
        )
        for n in range(120)
    )
    # when the organiser opens the last page
    with django_assert_max_num_queries(10):
        response = organiser_client.get(LIST, {"page": "3"})
    # then it holds the last 20, and the page says where it is
    assert len(response.context["page"].object_list) == 20
    assert "Trang 3/3" in response.content.decode()


def test_detail_shows_identity_shops_users_and_history(
    organiser_client, merchant_factory, merchant_user, merchant, django_assert_max_num_queries
):
    # given a household business with a personal ID, a https shop and a user (another merchant's
    # user is not one of its users)
    household = merchant_factory(
        name="Hộ kinh doanh Bánh cốm Hàng Than",
        tax_code="001085012345",
        business_type="household",
        address="36 Hàng Than, Ba Đình",
    )
    # when the organiser opens its file
    with django_assert_max_num_queries(12):
        response = organiser_client.get(detail_url(household))
    page = response.content.decode()
    # then identity and personal data are there for the organiser
    assert response.status_code == 200
    for shown in (
        "001085012345",
        "Hộ kinh doanh",
        "Trần Thị Hoa",
        "+84987654321",
        "36 Hàng Than, Ba Đình",
        "Thành phố Hà Nội",
        "Điện thoại &amp; Máy tính bảng",
        "Thể lệ Online Friday 2021",
        "2021.1",
    ):
        assert shown in page, shown
    # and the shop is a safe link
    shop = household.shops.get()
    assert (
        f'<a href="{shop.url}" rel="noopener noreferrer nofollow" target="_blank">{shop.name}</a>'
        in page
    )
    # and the history names the registration and the verification
    assert "Đã đăng ký" in page
    assert "Đã xác minh email" in page
    assert merchant_user.username not in page


def test_shop_link_that_is_not_https_is_not_a_link(organiser_client, merchant_factory):
    # given a shop saved (by an older import) with a plain http address
    household = merchant_factory(name="Cửa hàng cũ")
    household.shops.update(url="http://shopee.vn/cua-hang-cu")
    # when the organiser opens the file
    page = organiser_client.get(detail_url(household)).content.decode()
    # then the address is shown as text, not as a link
    assert 'href="http://shopee.vn/cua-hang-cu"' not in page
    assert "http://shopee.vn/cua-hang-cu" in page


def test_detail_of_a_branch_links_its_parent_and_the_parent_its_branches(
    organiser_client, merchant_factory
):
    # given a company and its branch
    parent = merchant_factory(name="Công ty Mẹ", tax_code="0100233488")
    branch = merchant_factory(name="Chi nhánh Hải Phòng", tax_code="0100233488-001")
    # when the organiser opens each file
    parent_page = organiser_client.get(detail_url(parent)).content.decode()
    branch_page = organiser_client.get(detail_url(branch)).content.decode()
    # then each links to the other
    assert detail_url(branch) in parent_page
    assert detail_url(parent) in branch_page


def test_detail_of_an_unknown_merchant_is_404(organiser_client):
    assert (
        organiser_client.get(reverse("dashboard:merchants:detail", args=[99999])).status_code == 404
    )


def test_approving_one_records_who_and_why_and_tells_the_merchant(
    decide, organiser, merchant_factory
):
    # given a merchant waiting for approval
    waiting = merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser approves it with a note
    response = decide(
        reverse("dashboard:merchants:approve", args=[waiting.pk]),
        {"note": "Hồ sơ đầy đủ"},
    )
    # then it is approved, the trail says who and why, and the merchant got a Vietnamese e-mail
    waiting.refresh_from_db()
    assert waiting.status == "approved"
    event = waiting.events.get(action="approved")
    assert (event.actor, event.reason) == (organiser, "Hồ sơ đầy đủ")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [waiting.email]
    assert "đã được phê duyệt" in email.subject
    assert "đã phê duyệt đăng ký tham gia" in email.body
    assert "Ghi chú của Ban tổ chức: Hồ sơ đầy đủ" in email.body
    assert "Công ty Sách Trí Việt đã được phê duyệt" in response.content.decode()


def test_rejecting_without_a_reason_is_refused(decide, merchant_factory):
    # given a merchant waiting for approval
    waiting = merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser rejects it with a blank reason
    response = decide(reverse("dashboard:merchants:reject", args=[waiting.pk]), {"reason": "  "})
    # then nothing changes, no e-mail goes out, and the reason field says what is missing
    waiting.refresh_from_db()
    assert waiting.status == "verified"
    assert not waiting.events.filter(action="rejected").exists()
    assert mail.outbox == []
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy nêu lý do từ chối." in page
    assert 'aria-describedby="id_reason_error"' in page
    assert 'id="id_reason_error"' in page


def test_rejecting_with_a_reason_emails_the_reason(decide, organiser, merchant_factory):
    # given a merchant waiting for approval
    waiting = merchant_factory(name="Công ty Sách Trí Việt")
    reason = "Đường dẫn gian hàng không mở được; bổ sung giấy phép kinh doanh."
    # when the organiser rejects it with a reason
    decide(reverse("dashboard:merchants:reject", args=[waiting.pk]), {"reason": reason})
    # then it is rejected, the trail keeps the reason, and the e-mail carries it
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decision_reason) == ("rejected", reason)
    assert waiting.events.get(action="rejected").actor == organiser
    assert len(mail.outbox) == 1
    assert f"Lý do: {reason}" in mail.outbox[0].body
    assert "chưa được chấp thuận" in mail.outbox[0].subject


def test_approving_a_merchant_whose_email_is_not_verified_says_why(decide, merchant_factory):
    # given a merchant that registered but has not opened its verification link
    pending = merchant_factory(name="Cửa hàng Chưa Xác Minh", verified=False)
    # when the organiser posts an approval anyway (say, from a stale page)
    response = decide(reverse("dashboard:merchants:approve", args=[pending.pk]), {})
    # then the page says why, and nothing changes
    pending.refresh_from_db()
    assert response.status_code == 200
    assert pending.status == "pending"
    assert mail.outbox == []
    assert "Cửa hàng Chưa Xác Minh chưa xác minh địa chỉ email" in response.content.decode()


def test_bulk_approval_of_two(decide, organiser, merchant_factory):
    # given three merchants waiting
    first = merchant_factory(name="Công ty Một")
    second = merchant_factory(name="Công ty Hai")
    third = merchant_factory(name="Công ty Ba")
    # when the organiser ticks two and approves them
    response = decide(BULK, {"merchants": [first.pk, second.pk], "decision": "approve"})
    # then those two are approved, each with an event and an e-mail; the third still waits
    statuses = dict(Merchant.objects.values_list("name", "status"))
    assert statuses == {
        "Công ty Một": "approved",
        "Công ty Hai": "approved",
        "Công ty Ba": "verified",
    }
    assert MerchantEvent.objects.filter(action="approved", actor=organiser).count() == 2
    assert sorted(email.to[0] for email in mail.outbox) == sorted([first.email, second.email])
    assert "2 nhà bán hàng đã được phê duyệt" in response.content.decode()
    assert third.events.filter(action="approved").count() == 0


def test_bulk_decision_keeps_the_filters_of_the_list(organiser_client, merchant_factory):
    # given the list filtered by status
    first = merchant_factory(name="Công ty Một")
    # when the organiser decides from it
    response = organiser_client.post(
        BULK,
        {"merchants": [first.pk], "decision": "approve", "query": "status=verified&q=M%E1%BB%99t"},
    )
    # then the list comes back with the same filters
    assert response.status_code == 302
    assert response.url == f"{LIST}?status=verified&q=M%E1%BB%99t"


def test_bulk_with_an_unverified_merchant_changes_nothing_and_names_it(decide, merchant_factory):
    # given a merchant waiting for approval and one that has not verified its e-mail
    ready = merchant_factory(name="Công ty Sẵn Sàng")
    merchant_factory(name="Cửa hàng Chưa Xác Minh", verified=False)
    pending = Merchant.objects.get(name="Cửa hàng Chưa Xác Minh")
    # when the organiser approves both at once
    response = decide(BULK, {"merchants": [ready.pk, pending.pk], "decision": "approve"})
    # then neither is approved, no e-mail goes out, and the message names the one that blocks
    assert set(Merchant.objects.values_list("status", flat=True)) == {"verified", "pending"}
    assert mail.outbox == []
    message = str(next(iter(response.context["messages"])))
    assert message.startswith("Không có thay đổi nào")
    assert "Cửa hàng Chưa Xác Minh" in message
    assert "Công ty Sẵn Sàng" not in message


def test_bulk_rejection_needs_a_reason_and_sends_it_to_each(decide, merchant_factory):
    # given two merchants waiting
    first = merchant_factory(name="Công ty Một")
    second = merchant_factory(name="Công ty Hai")
    ticked = {"merchants": [first.pk, second.pk], "decision": "reject"}
    # when the organiser rejects them without a reason, then with one
    refused = decide(BULK, {**ticked, "reason": ""})
    assert set(Merchant.objects.values_list("status", flat=True)) == {"verified"}
    assert "Hãy nêu lý do từ chối." in refused.content.decode()
    decide(BULK, {**ticked, "reason": "Thiếu giấy phép kinh doanh"})
    # then both are rejected, and both e-mails give the reason
    assert set(Merchant.objects.values_list("status", flat=True)) == {"rejected"}
    assert len(mail.outbox) == 2
    assert all("Lý do: Thiếu giấy phép kinh doanh" in email.body for email in mail.outbox)


def test_bulk_with_nothing_ticked_says_so(decide, merchant_factory):
    # given a merchant waiting
    merchant_factory(name="Công ty Một")
    # when the organiser applies a decision without ticking anyone
    response = decide(BULK, {"decision": "approve"})
    # then the list says to tick someone
    assert "Hãy đánh dấu ít nhất một nhà bán hàng trong danh sách." in response.content.decode()
    assert mail.outbox == []


def test_audit_trail_lists_who_when_and_why(decide, organiser_client, organiser, merchant_factory):
    # given an organiser with a name, who rejects a merchant and later approves it
    organiser.first_name, organiser.last_name = "Lan", "Nguyễn Thị"
    organiser.save()
    merchant = merchant_factory(name="Công ty Sách Trí Việt")
    decide(reverse("dashboard:merchants:reject", args=[merchant.pk]), {"reason": "Thiếu địa chỉ"})
    decide(reverse("dashboard:merchants:approve", args=[merchant.pk]), {"note": "Đã bổ sung"})
    # when the organiser reads the file
    page = organiser_client.get(detail_url(merchant)).content.decode()
    # then each decision reads: when (Vietnam time, dd/mm/yyyy HH:MM), who, what, why
    history = page[page.index('id="history-heading"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", history, flags=re.S)
    decisions = [row for row in rows if "Thiếu địa chỉ" in row or "Đã bổ sung" in row]
    assert len(decisions) == 2
    for row, action, label in zip(
        decisions, ("rejected", "approved"), ("Bị từ chối", "Đã phê duyệt"), strict=True
    ):
        at = merchant.events.get(action=action).at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
        assert at.strftime("%d/%m/%Y %H:%M") in row
        assert "Lan Nguyễn Thị" in row
        assert label in row
    assert "Thiếu địa chỉ" in decisions[0] and "Đã bổ sung" in decisions[1]


def test_back_office_speaks_english_at_en(organiser_client, merchant_factory):
    # given a merchant waiting
    merchant_factory(name="Công ty Sách Trí Việt")
    # when the organiser opens the English list
    response = organiser_client.get("/en/back-office/merchants/")
    # then the labels are English
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Waiting for approval" in page
    assert "Back office" in page
