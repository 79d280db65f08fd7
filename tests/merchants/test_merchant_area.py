"""The merchant area: a merchant user sees its own merchant, and only that, and invites
colleagues."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from onlinefriday.merchants.models import MerchantEvent, MerchantMembership, RulesVersion

AREA = "/merchant/"
INVITE = "/merchant/invite/"
COLLEAGUE = "ketoan@hoangphat.example"


def main(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def full_merchant(merchant, shop):
    """Hoàng Phát with its representative, phone, address and the rules it accepted."""
    merchant.representative = "Lê Thị Hoa"
    merchant.phone = "+842438251234"
    merchant.address = "12 Hàng Bài, Hoàn Kiếm, Hà Nội"
    merchant.rules_version = RulesVersion.objects.get(version="2021.1")
    merchant.rules_accepted_at = timezone.now()
    merchant.email_verified_at = timezone.now()
    merchant.save()
    return merchant


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    def post(email: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(INVITE, {"email": email})

    return post


def test_a_merchant_user_sees_its_own_merchant(
    client, full_merchant, merchant_user, other_merchant
):
    # given a user of Hoàng Phát, and another merchant in the festival
    client.force_login(merchant_user)
    # when it opens the merchant area
    response = client.get(AREA)
    # then it sees its merchant's status, identity, personal data, shops, users and rules
    html = main(response)
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Công ty TNHH Thương mại Hoàng Phát" in html
    assert "Đã phê duyệt" in html
    assert "0100233488" in html
    assert "Lê Thị Hoa" in html
    assert "024 3825 1234" in html
    assert "Thành phố Hà Nội" in html
    assert "https://shopee.vn/hoang-phat-official-store" in html
    assert "hoangphat@example.com" in html
    assert "Thể lệ Online Friday 2021 (phiên bản 2021.1)" in html
    # and nothing of the other merchant
    assert other_merchant.name not in html
    assert other_merchant.tax_code not in html
    assert other_merchant.representative not in html


def test_the_other_merchants_user_sees_only_its_own(client, full_merchant, other_merchant_user):
    client.force_login(other_merchant_user)
    html = main(client.get(AREA))
    assert "Hợp tác xã Nông sản Lục Ngạn" in html
    assert full_merchant.name not in html
    assert "Lê Thị Hoa" not in html
    assert "hoang-phat-official-store" not in html


def test_a_rejected_merchant_reads_the_reason(client, merchant, merchant_user):
    merchant.status = "rejected"
    merchant.decision_reason = "Thiếu giấy chứng nhận đăng ký doanh nghiệp"
    merchant.save()
    client.force_login(merchant_user)
    html = main(client.get(AREA))
    assert "Không được chấp thuận" in html or "Bị từ chối" in html or "Từ chối" in html
    assert "Thiếu giấy chứng nhận đăng ký doanh nghiệp" in html


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(AREA)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={AREA}"


@pytest.mark.parametrize("role", ["organiser", "moderator"])
def test_staff_without_a_merchant_are_refused(db, client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(AREA).status_code == 403
    assert client.post(INVITE, {"email": COLLEAGUE}).status_code == 403
    assert not User.objects.filter(username=COLLEAGUE).exists()


def test_a_user_invites_a_colleague_who_chooses_a_password_and_signs_in(
    client, invite, merchant, merchant_user
):
    # given a user of Hoàng Phát
    client.force_login(merchant_user)
    # when it invites a colleague
    response = invite(COLLEAGUE.upper())
    # then the colleague is a user of the same merchant, without a password yet
    assert response.status_code == 302
    assert response["Location"] == AREA
    colleague = User.objects.get(username=COLLEAGUE)
    assert colleague.email == COLLEAGUE
    assert not colleague.has_usable_password()
    membership = MerchantMembership.objects.get(user=colleague)
    assert (membership.merchant, membership.invited_by) == (merchant, merchant_user)
    # and the invitation is in the merchant's history, with who sent it
    event = MerchantEvent.objects.get(merchant=merchant, action="user_invited")
    assert (event.actor, event.reason) == (merchant_user, COLLEAGUE)
    # and one Vietnamese e-mail invites the colleague, with a link to choose a password
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [COLLEAGUE]
    assert "lời mời" in message.subject
    assert "Công ty TNHH Thương mại Hoàng Phát" in message.body
    assert "đặt mật khẩu" in message.body
    # and the area says it was sent and lists the colleague as invited
    area = main(client.get(AREA))
    assert COLLEAGUE in area
    assert "chưa đặt mật khẩu" in area
    # when the colleague opens the link and chooses a password
    client.logout()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    set_password = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password, {"new_password1": "Kế-toán-2025!", "new_password2": "Kế-toán-2025!"})
    # then it signs in with its address and sees Hoàng Phát
    client.post(reverse("accounts:login"), {"username": COLLEAGUE, "password": "Kế-toán-2025!"})
    assert "Công ty TNHH Thương mại Hoàng Phát" in main(client.get(AREA))


def test_inviting_again_someone_without_a_password_sends_the_link_again(
    client, invite, merchant_user
):
    client.force_login(merchant_user)
    invite(COLLEAGUE)
    response = invite(COLLEAGUE)
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[COLLEAGUE], [COLLEAGUE]]
    assert MerchantMembership.objects.filter(user__username=COLLEAGUE).count() == 1


def test_a_user_of_another_merchant_cannot_be_invited(
    client, invite, merchant_user, other_merchant_user, other_merchant
):
    # given a user of Lục Ngạn
    other_merchant_user.username = other_merchant_user.email = "lucngan@example.com"
    other_merchant_user.save()
    client.force_login(merchant_user)
    # when Hoàng Phát's user invites that address
    response = invite("lucngan@example.com")
    # then it is refused on the field, and the user stays with its own merchant
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()
    assert MerchantMembership.objects.get(user=other_merchant_user).merchant == other_merchant
    assert mail.outbox == []
    assert not MerchantEvent.objects.filter(action="user_invited").exists()


def test_an_invitation_needs_a_valid_address(client, invite, merchant_user):
    client.force_login(merchant_user)
    response = invite("không phải email")
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()
    assert mail.outbox == []


def test_inviting_takes_a_post(client, merchant_user):
    client.force_login(merchant_user)
    assert client.get(INVITE).status_code == 405
