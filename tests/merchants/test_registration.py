"""A business registers itself, verifies its e-mail address by a signed link, and is refused
when its tax code (in any spelling) or its shops are wrong. Pages and e-mails in Vietnamese."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.signing import TimestampSigner, b62_encode
from django.urls import reverse

from onlinefriday.deals.models import Category
from onlinefriday.merchants import services
from onlinefriday.merchants.models import Merchant, Platform, RulesVersion

TAX_CODE = "0301234562"  # 030123456 weighted by 31,29,...,3 sums to 206; 206 mod 11 = 8; 10-8 = 2
EMAIL = "lienhe@gomsubattrang.example"
REGISTER = "/register/"


def form_data(**changes) -> dict:
    """What a business types in the form, with one shop on Shopee in the first of three rows."""
    data = {
        "name": "Công ty TNHH Gốm sứ Bát Tràng",
        "tax_code": TAX_CODE,
        "business_type": "company",
        "representative": "Trần Văn An",
        "province": "1",
        "address": "Số 1 Giang Cao, Bát Tràng, Hà Nội",
        "phone": "0912 345 678",
        "email": EMAIL,
        "categories": [str(Category.objects.get(slug="nha-cua-doi-song").pk)],
        "shops-TOTAL_FORMS": "3",
        "shops-INITIAL_FORMS": "0",
        "shops-MIN_NUM_FORMS": "0",
        "shops-MAX_NUM_FORMS": "10",
        "shops-0-platform": str(Platform.objects.get(code="shopee").pk),
        "shops-0-url": "https://shopee.vn/gomsubattrang",
        "rules_version": RulesVersion.objects.latest("published_at").version,
        "accept_rules": "on",
        "password1": "Gốm-Bát-Tràng-1010",
        "password2": "Gốm-Bát-Tràng-1010",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def register(db, client, django_capture_on_commit_callbacks):
    """Post the registration form; e-mails sent on commit land in the outbox."""

    def post(path: str = REGISTER, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, form_data(**changes))

    return post


def main(response) -> str:
    """The page's own content, without the header (whose sign-out form has a fresh token)."""
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def the_link(message) -> str:
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    return links[0]


def test_the_form_is_in_vietnamese_with_the_34_provinces_and_the_rules(client, db):
    # when a visitor opens the registration page
    response = client.get(REGISTER)
    # then it is in Vietnamese, offers the 34 current provinces and shows the current rules
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Mã số thuế" in html
    assert '<option value="1">Thành phố Hà Nội</option>' in html
    assert html.count('name="province"') == 1
    assert (
        len(
            re.findall(
                r'<option value="\d+"', html.split('name="province"')[1].split("</select>")[0]
            )
        )
        == 34
    )
    assert "Thể lệ Online Friday 2021" in html
    assert "Chỉ đăng ký sản phẩm chính hãng" in html


def test_the_form_is_in_english_under_en(client, db):
    response = client.get("/en" + REGISTER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tax code" in html
    assert "Home &amp; Living" in html  # categories named in English too


def test_a_business_registers_and_gets_one_vietnamese_email_with_a_link(register, client):
    # when a company fills in the form with its tax code spelt with spaces
    response = register(tax_code="0301 234 562")
    # then it is signed in and sent to its merchant area
    assert response.status_code == 302
    assert response["Location"] == reverse("merchants:area")
    # and the merchant is stored as typed, normalised where a spelling varies
    merchant = Merchant.objects.get(tax_code=TAX_CODE)
    assert merchant.name == "Công ty TNHH Gốm sứ Bát Tràng"
    assert merchant.status == "pending"
    assert merchant.business_type == "company"
    assert merchant.phone == "+84912345678"
    assert merchant.province_code == 1
    assert merchant.email == EMAIL
    assert merchant.email_verified_at is None
    assert [c.slug for c in merchant.categories.all()] == ["nha-cua-doi-song"]
    assert [(s.platform.code, s.url) for s in merchant.shops.all()] == [
        ("shopee", "https://shopee.vn/gomsubattrang")
    ]
    assert merchant.rules_version.version == "2021.1"
    assert merchant.rules_accepted_at is not None
    assert list(merchant.events.values_list("action", flat=True)) == ["registered"]
    # and its first user is the e-mail address, with an Argon2 password
    user = User.objects.get(username=EMAIL)
    assert user.merchant_membership.merchant == merchant
    assert user.password.startswith("argon2")
    assert user.check_password("Gốm-Bát-Tràng-1010")
    # and exactly one e-mail, in Vietnamese, went to the address, with the verification link
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert "xác minh email" in message.subject
    assert "Công ty TNHH Gốm sứ Bát Tràng" in message.body
    assert "mã số thuế 0301234562" in message.body
    assert the_link(message).startswith("http://testserver/register/verify/")
    # and the area says what to do next
    area = client.get(reverse("merchants:area")).content.decode()
    assert "Chờ xác minh email" in area


def test_the_link_verifies_the_address_and_opening_it_twice_is_harmless(register, client):
    # given a business that registered
    register()
    link = the_link(mail.outbox[0])
    client.logout()  # the link works from any browser, signed in or not
    # when its link is opened
    response = client.get(link)
    # then the address is verified and the organisers can decide
    assert response.status_code == 200
    assert "Email đã được xác minh" in response.content.decode()
    merchant = Merchant.objects.get(tax_code=TAX_CODE)
    assert merchant.status == "verified"
    assert merchant.email_verified_at is not None
    verified_at = merchant.email_verified_at
    # when it is opened a second time
    again = client.get(link)
    # then nothing changes and nothing is recorded twice
    assert again.status_code == 200
    merchant.refresh_from_db()
    assert merchant.email_verified_at == verified_at
    assert list(merchant.events.values_list("action", flat=True)) == [
        "registered",
        "email_verified",
    ]


class SignedLongAgo(TimestampSigner):
    """Signs as the clock stood a minute more than the validity of a link ago."""

    def timestamp(self):
        return b62_encode(int(time.time()) - settings.EMAIL_VERIFICATION_MAX_AGE - 60)


def test_an_expired_link_is_refused_and_offers_a_new_one(register, client):
    # given a business that registered, and a link signed longer ago than a link lasts
    register()
    merchant = Merchant.objects.get(tax_code=TAX_CODE)
    old = services.verification_token(
        merchant, signer=SignedLongAgo(salt=services.EMAIL_VERIFICATION_SALT)
    )
    # when it is opened
    response = client.get(reverse("merchants:verify", args=[old]))
    # then it is refused as expired, in Vietnamese, with a form to get a new one
    html = response.content.decode()
    assert response.status_code == 410
    assert "Đường dẫn đã hết hạn" in html
    assert f'action="{reverse("merchants:resend-verification")}"' in html
    merchant.refresh_from_db()
    assert merchant.status == "pending"
    assert merchant.email_verified_at is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: "x" + token,  # the payload
        lambda token: token.split(":")[0],  # no timestamp nor signature
    ],
    ids=["signature", "payload", "truncated"],
)
def test_a_tampered_link_is_refused(register, client, tamper):
    # given the link a business received, changed
    register()
    token = the_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    # when it is opened
    response = client.get(reverse("merchants:verify", args=[tamper(token)]))
    # then it is refused as not working, and nothing is verified
    assert response.status_code == 400
    assert "Đường dẫn không dùng được" in response.content.decode()
    assert Merchant.objects.get(tax_code=TAX_CODE).status == "pending"


def test_a_new_link_never_says_whether_an_address_is_registered(
    register, client, django_capture_on_commit_callbacks
):
    # given a business waiting for verification
    register()
    mail.outbox.clear()
    path = reverse("merchants:resend-verification")
    # when a new link is asked for its address, and for an address nobody registered
    registered = client.post(path, {"email": EMAIL.upper()})
    unknown = client.post(path, {"email": "nobody@example.com"})
    # then both answers are the same page, apart from the address typed
    assert registered.status_code == unknown.status_code == 200
    assert main(registered).replace(EMAIL, "@") == main(unknown).replace("nobody@example.com", "@")
    # and only the registered address got a (working) link
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert client.get(the_link(mail.outbox[0])).status_code == 200
    assert Merchant.objects.get(tax_code=TAX_CODE).status == "verified"


@pytest.mark.parametrize("spelling", ["0100233488", "0100 233 488", "0100-233-488", " 0100233488 "])
def test_a_tax_code_registered_in_another_spelling_is_refused(register, merchant, spelling):
    # given Hoàng Phát registered with 0100233488
    # when another business registers with the same code spelt differently
    response = register(tax_code=spelling, name="Công ty Mạo Danh")
    # then the form says so on the tax code, keeps what was typed, and nothing is created
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Mã số thuế 0100233488 đã được đăng ký: mỗi mã số thuế chỉ đăng ký một nhà bán hàng."
        in html
    )
    assert 'id="id_tax_code_error"' in html
    assert 'value="Công ty Mạo Danh"' in html
    assert Merchant.objects.filter(tax_code="0100233488").get().name == merchant.name
    assert not Merchant.objects.filter(name="Công ty Mạo Danh").exists()
    assert not User.objects.filter(username=EMAIL).exists()
    assert mail.outbox == []


def test_a_branch_is_its_own_merchant_linked_to_its_parent(register, merchant):
    # given the enterprise 0100233488 registered
    # when its branch 001 registers (choosing 'company' by mistake)
    response = register(
        tax_code="0100233488001", business_type="company", name="Chi nhánh Hải Phòng"
    )
    # then the branch is a merchant of its own, a branch, linked to the enterprise
    assert response.status_code == 302
    branch = Merchant.objects.get(tax_code="0100233488-001")
    assert branch.business_type == "branch"
    assert branch.parent == merchant


def test_a_branch_whose_parent_is_not_registered_stands_alone(register):
    assert register(tax_code="0301234562-002").status_code == 302
    assert Merchant.objects.get(tax_code="0301234562-002").parent is None


@pytest.mark.parametrize("business_type", ["company", "cooperative", "branch"])
def test_a_personal_id_is_only_for_a_household_or_an_individual(register, business_type):
    # when a personal identification number comes with a company's business type
    response = register(tax_code="001090012345", business_type=business_type)
    # then the business type is refused, saying which types fit
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_business_type_error"' in html
    assert "hộ kinh doanh hoặc cá nhân" in html
    assert not Merchant.objects.exists()


def test_a_household_registers_with_a_personal_id(register):
    assert register(tax_code="001 090 012 345", business_type="household").status_code == 302
    assert Merchant.objects.get(tax_code="001090012345").business_type == "household"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://shopee.vn/gomsubattrang", "https://"),
        ("https://tiki.vn/gomsubattrang", "không nằm trên Shopee"),
        ("https://shopee.vn.evil.com/gomsubattrang", "không nằm trên Shopee"),
        ("https://evilshopee.vn/gomsubattrang", "không nằm trên Shopee"),
        ("https://shopee.vn@evil.com/gomsubattrang", "@"),
        ("ftp://shopee.vn/gomsubattrang", "https://"),
    ],
)
def test_a_shop_address_off_its_platform_is_refused_on_its_row(register, url, says):
    # given a second shop on Tiki that is right
    tiki = str(Platform.objects.get(code="tiki").pk)
    # when the first row holds an address that is not a Shopee shop on https
    response = register(
        **{
            "shops-0-url": url,
            "shops-1-platform": tiki,
            "shops-1-url": "https://tiki.vn/cua-hang/bat-trang",
        }
    )
    # then that row says what is wrong; the other input is kept; nothing is created
    html = response.content.decode()
    assert response.status_code == 200
    errors = re.search(r'<ul class="errorlist" id="id_shops-0-url_error">(.*?)</ul>', html)
    assert errors, html
    assert says in errors.group(1)
    assert 'id="id_shops-1-url_error"' not in html
    assert 'value="https://tiki.vn/cua-hang/bat-trang"' in html
    assert 'value="Công ty TNHH Gốm sứ Bát Tràng"' in html
    assert 'value="0912 345 678"' in html
    assert not Merchant.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("shopee", "https://mall.shopee.vn/gomsubattrang"),
        ("shopee", "https://SHOPEE.vn/gomsubattrang/"),
        ("website", "https://gomsubattrang.vn/cua-hang"),
        ("shopee", "shopee.vn/gomsubattrang"),  # typed without a scheme: https is assumed
    ],
)
def test_subdomains_and_own_websites_are_accepted(register, platform, url):
    pk = str(Platform.objects.get(code=platform).pk)
    response = register(**{"shops-0-platform": pk, "shops-0-url": url})
    assert response.status_code == 302, response.content.decode()[:3000]
    shop = Merchant.objects.get(tax_code=TAX_CODE).shops.get()
    assert shop.platform.code == platform
    assert shop.url.startswith("https://") and not shop.url.endswith("/")


def test_at_least_one_shop_is_needed(register):
    response = register(**{"shops-0-platform": "", "shops-0-url": ""})
    assert response.status_code == 200
    assert "Hãy thêm ít nhất một gian hàng" in response.content.decode()
    assert not Merchant.objects.exists()


def test_a_shop_registered_by_another_merchant_is_refused(register, shop):
    response = register(**{"shops-0-url": "https://shopee.vn/hoang-phat-official-store/"})
    assert response.status_code == 200
    assert 'id="id_shops-0-url_error"' in response.content.decode()
    assert not Merchant.objects.filter(tax_code=TAX_CODE).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "091234567"}, "phone"),
        ({"phone": "không có"}, "phone"),
        ({"tax_code": "0301234563"}, "tax_code"),
        ({"accept_rules": None}, "accept_rules"),
        ({"categories": None}, "categories"),
        ({"password2": "Gốm-Bát-Tràng-1011"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"province": "99"}, "province"),
    ],
)
def test_each_mistake_is_shown_on_its_field(register, changes, field):
    response = register(**changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert "Một số thông tin cần sửa" in html  # the summary at the top
    assert not Merchant.objects.exists()


def test_an_address_with_an_account_is_refused(register, merchant_user):
    # given a user whose name is the address
    User.objects.create_user(EMAIL, EMAIL, "Mật-khẩu-khác-2021")
    response = register(email=EMAIL.upper())
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert not Merchant.objects.filter(tax_code=TAX_CODE).exists()


def test_registration_is_rate_limited(register, rate_window):
    rate_window(60)
    # when one address sends the form six times in a minute (five allowed)
    statuses = [register(tax_code="sai").status_code for _ in range(6)]
    # then the sixth is refused with a Vietnamese page
    assert statuses == [200] * 5 + [429]
    assert "Quá nhiều lần thử" in register().content.decode()
