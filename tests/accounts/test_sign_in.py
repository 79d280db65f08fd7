"""Signing in and out: Argon2 hashes, each role sent where it works, lockout after five wrong
passwords, rate limits, and the menu that follows who is signed in."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

LOGIN = "/accounts/login/"
EMAIL = "banhang@hoangphat.example"


def main(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def merchant_email_user(merchant, password):
    """A merchant user whose user name is the e-mail address, as registration makes them."""
    from onlinefriday.merchants.models import MerchantMembership

    user = User.objects.create_user(EMAIL, EMAIL, password)
    MerchantMembership.objects.create(user=user, merchant=merchant)
    return user


def test_passwords_are_stored_as_argon2_hashes(merchant_user, password):
    assert merchant_user.password.startswith("argon2")
    assert password not in merchant_user.password


def test_the_sign_in_page_is_in_vietnamese(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Email hoặc tên đăng nhập" in html
    assert f'href="{reverse("accounts:password_reset")}"' in html


def test_a_merchant_user_signs_in_with_the_address_in_any_case_and_reaches_the_area(
    client, merchant_email_user, password
):
    # when the merchant's user signs in typing the address with capitals
    response = client.post(LOGIN, {"username": EMAIL.upper(), "password": password}, follow=True)
    # then it lands in its merchant area
    assert response.redirect_chain[-1][0] == reverse("merchants:area")
    assert response.status_code == 200
    assert "Công ty TNHH Thương mại Hoàng Phát" in main(response)


@pytest.mark.parametrize(
    ("role", "destination"),
    [
        ("organiser", "dashboard:merchants:list"),
        ("merchant_user", "merchants:area"),
        ("moderator", "dashboard:moderation:queue"),
    ],
)
def test_each_role_is_sent_where_it_works(db, client, request, password, role, destination):
    user = request.getfixturevalue(role)
    response = client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home"))["Location"] == reverse(destination)


def test_signing_in_comes_back_to_the_page_asked_for(client, merchant_user, password):
    area = reverse("merchants:area")
    response = client.post(
        f"{LOGIN}?next={area}", {"username": "hoangphat", "password": password, "next": area}
    )
    assert response["Location"] == area


def test_a_wrong_password_says_so_in_vietnamese(client, merchant_user):
    response = client.post(LOGIN, {"username": "hoangphat", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "mật khẩu" in main(response)
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_out_from_that_address(
    client, merchant_user, password
):
    # when someone tries five wrong passwords for one user
    statuses = [
        client.post(LOGIN, {"username": "hoangphat", "password": f"sai-{n}"}).status_code
        for n in range(5)
    ]
    # then the fifth is answered with the lockout page, in Vietnamese
    assert statuses == [200, 200, 200, 200, 429]
    # and even the right password is refused now
    response = client.post(LOGIN, {"username": "hoangphat", "password": password})
    assert response.status_code == 429
    assert "Tạm dừng đăng nhập" in main(response)
    assert "60 phút" in main(response)
    assert "_auth_user_id" not in client.session


def test_capitals_do_not_buy_more_tries(client, merchant_email_user, password):
    spellings = [EMAIL, EMAIL.upper(), EMAIL.title(), EMAIL.capitalize(), EMAIL.swapcase()]
    statuses = [
        client.post(LOGIN, {"username": spelling, "password": "sai"}).status_code
        for spelling in spellings
    ]
    assert statuses[-1] == 429


def test_sign_in_is_rate_limited_per_address(client, db, settings, rate_window):
    # given a fast hasher (each failed sign-in hashes the password typed, and Argon2 is slow on
    # purpose), so that the eleven tries surely fall in one minute of counting
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    rate_window(60)
    # when one address tries ten different user names in a minute, then an eleventh
    statuses = [
        client.post(LOGIN, {"username": f"ai-{n}", "password": "x"}).status_code for n in range(11)
    ]
    # then the eleventh is refused as too many, in Vietnamese
    assert statuses == [200] * 10 + [429]
    assert "Quá nhiều lần thử" in main(client.post(LOGIN, {"username": "ai", "password": "x"}))


def test_signing_out_takes_a_post(client, merchant_user):
    client.force_login(merchant_user)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("festivals:home")
    assert "_auth_user_id" not in client.session


def test_the_menu_offers_registering_and_signing_in_to_visitors(client, db):
    html = client.get("/").content.decode()
    assert "Đăng ký bán hàng" in html
    assert f'href="{reverse("merchants:register")}"' in html
    assert "Đăng nhập" in html
    assert "Đăng xuất" not in html


@pytest.mark.parametrize(
    ("role", "link", "label"),
    [
        ("merchant_user", "merchants:area", "Khu vực nhà bán hàng"),
        ("organiser", "dashboard:merchants:list", "Quản trị"),
    ],
)
def test_the_menu_leads_a_signed_in_user_to_its_work(db, client, request, role, link, label):
    client.force_login(request.getfixturevalue(role))
    html = client.get("/").content.decode()
    assert f'href="{reverse(link)}"' in html
    assert label in html
    assert f'action="{reverse("accounts:logout")}" method="post"' in html
    assert "Đăng xuất" in html
    assert "Đăng ký bán hàng" not in html
