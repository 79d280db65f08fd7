"""Password reset by e-mail, in Vietnamese, without telling who has an account."""

import re

from django.core import mail
from django.urls import reverse

RESET = "/accounts/password-reset/"


def main(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_a_reset_link_comes_in_vietnamese_and_sets_a_new_password(client, merchant_user):
    # given a merchant user who has forgotten the password
    # when it asks for a link with its address (typed in capitals)
    response = client.post(RESET, {"email": "HOANGPHAT@example.com"})
    # then it is told to check its e-mail, and one Vietnamese e-mail brings a link
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoangphat@example.com"]
    assert message.subject == "Online Friday: đặt lại mật khẩu"
    assert "đặt mật khẩu mới" in message.body
    assert "hoangphat" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    # when it opens the link and chooses a new password
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Chọn mật khẩu" in main(form_page)
    set_password = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password, {"new_password1": "Mới-toanh-2025!", "new_password2": "Mới-toanh-2025!"}
    )
    # then the password is changed, stored as Argon2, and signing in works with it
    assert done["Location"] == reverse("accounts:password_reset_complete")
    merchant_user.refresh_from_db()
    assert merchant_user.password.startswith("argon2")
    assert merchant_user.check_password("Mới-toanh-2025!")
    signed_in = client.post(
        reverse("accounts:login"), {"username": "hoangphat", "password": "Mới-toanh-2025!"}
    )
    assert signed_in.status_code == 302
    # and the link works only once
    assert "không dùng được nữa" in main(client.get(link, follow=True))


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post(RESET, {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    assert "Kiểm tra email" in main(client.get(response["Location"]))


def test_password_reset_is_rate_limited(client, merchant_user, rate_window):
    rate_window(3600)
    statuses = [
        client.post(RESET, {"email": "hoangphat@example.com"}).status_code for _ in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5
