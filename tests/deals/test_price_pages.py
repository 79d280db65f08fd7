"""The merchant area's price upload: a merchant's user uploads a CSV of observed prices for its own
products and reads what was saved and which rows to correct; no one else uploads there."""

import html
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from onlinefriday.deals.models import PriceObservation, Product
from onlinefriday.deals.services import RecordedPrices

pytestmark = pytest.mark.django_db

PAGE = reverse("deals:prices")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

GOOD_AND_BAD = (
    "Mã SKU;Thời điểm;Giá;Ghi chú\n"
    "IP15PM-256;01/11/2021 08:00;26.990.000 ₫;\n"
    "IP15PM-256;15/11/2021 08:00;25.990.000,5;sai\n"
    ";20/11/2021;25.990.000;\n"
    "ST25-5KG;2021-11-01;189000;\n"
).encode("utf-8-sig")


def csv_file(data: bytes, name: str = "gia.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def signed_in(client, merchant_user) -> Client:
    client.force_login(merchant_user)
    return client


def test_the_page_explains_the_columns_and_offers_an_example(signed_in):
    # given a merchant's user
    # when the user opens the price page
    response = signed_in.get(PAGE)
    # then it names the columns with the headers accepted, links the example, offers the form
    page = response.content.decode()
    assert response.status_code == 200
    for header in ("Mã SKU", "Thời điểm", "Giá", "observed_at"):
        assert header in page
    assert "/static/onlinefriday/price-history-example.csv" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_merchant_home_page_links_to_it(signed_in):
    # given a merchant's user
    # when the user opens the merchant area
    page = signed_in.get(reverse("merchants:area")).content.decode()
    # then it links to the price page
    assert f'href="{PAGE}"' in page


def test_valid_rows_are_saved_and_bad_rows_listed_with_row_column_and_reason(
    signed_in, merchant, product
):
    # given a file with two good rows, two bad ones and a column the page does not use
    # when the merchant's user uploads it
    response = signed_in.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then the good rows are saved as the merchant's declarations
    assert response.status_code == 200
    assert response.context["recorded"] == RecordedPrices(
        created=2, updated=0, unchanged=0, products_created=1
    )
    assert list(
        PriceObservation.objects.order_by("observed_at").values_list(
            "product__sku", "observed_at", "price", "source"
        )
    ) == [
        ("ST25-5KG", datetime(2021, 11, 1, 0, 0, tzinfo=VIETNAM), 189_000, "merchant"),
        ("IP15PM-256", datetime(2021, 11, 1, 8, 0, tzinfo=VIETNAM), 26_990_000, "merchant"),
    ]
    # and the bad rows are listed in a table: row as the spreadsheet numbers it, column, reason
    page = html.unescape(response.content.decode())
    assert (
        "<tr><td>3</td><td>Giá</td><td>“25.990.000,5” không phải số đồng nguyên: "
        "bỏ phần lẻ sau dấu thập phân.</td></tr>"
    ) in page
    assert "<tr><td>4</td><td>Mã SKU</td><td>Mã SKU trống.</td></tr>" in page
    assert "Cột “Ghi chú” không dùng đến và được bỏ qua." in page


def test_uploading_the_same_file_again_changes_nothing(signed_in, merchant, product):
    # given a file uploaded once
    signed_in.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    before = list(PriceObservation.objects.order_by("pk").values_list("pk", "price"))
    # when it is uploaded again
    response = signed_in.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then both good rows count as unchanged and the stored prices are the same
    assert response.context["recorded"] == RecordedPrices(
        created=0, updated=0, unchanged=2, products_created=0
    )
    assert list(PriceObservation.objects.order_by("pk").values_list("pk", "price")) == before


def test_the_page_reads_in_english_too(signed_in, merchant, product):
    # given a merchant's user reading the site in English
    # when the user uploads the file on the English page
    response = signed_in.post("/en" + PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then the problems are told in English
    page = html.unescape(response.content.decode())
    assert "'25.990.000,5' is not a whole number of đồng: remove the decimals." in page
    assert "The SKU is empty." in page


def test_a_file_that_cannot_be_read_saves_nothing_and_says_why(signed_in, merchant):
    # given an Excel workbook instead of a CSV
    workbook = b"PK\x03\x04" + b"\x00" * 100
    # when it is uploaded
    response = signed_in.post(PAGE, {"file": csv_file(workbook, "gia.xlsx")})
    # then the page says what to do, and nothing is saved
    page = html.unescape(response.content.decode())
    assert "Đây là tệp Excel hoặc tệp nén, không phải CSV" in page
    assert not PriceObservation.objects.exists()
    assert not Product.objects.exists()


def test_a_file_over_the_size_limit_is_refused(signed_in, merchant, settings):
    # given a limit of 1 KiB, and a valid file of more than that
    settings.PRICE_CSV_MAX_BYTES = 1024
    rows = "".join(f"SKU-{n},2021-11-01,100000\n" for n in range(100))
    # when it is uploaded
    response = signed_in.post(PAGE, {"file": csv_file(f"sku,observed_at,price\n{rows}".encode())})
    # then it is refused as a whole
    page = html.unescape(response.content.decode())
    assert "Tệp lớn hơn 1 KB: hãy chia thành nhiều tệp nhỏ hơn." in page
    assert not PriceObservation.objects.exists()


def test_posting_without_a_file_shows_the_form_again_with_an_error(signed_in):
    # given a merchant's user
    # when the form is sent without a file
    response = signed_in.post(PAGE, {})
    # then the form says the file is missing
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert "recorded" not in response.context


def test_the_upload_needs_the_csrf_token(merchant_user):
    # given a browser that checks CSRF as a real one, signed in as a merchant's user
    client = Client(enforce_csrf_checks=True)
    client.force_login(merchant_user)
    # when a file is posted without the page's token
    response = client.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then it is refused and nothing is saved
    assert response.status_code == 403
    assert not PriceObservation.objects.exists()


def test_only_get_and_post_are_answered(signed_in):
    # given a merchant's user
    # when another method is used
    response = signed_in.put(PAGE)
    # then it is not allowed
    assert response.status_code == 405


def test_another_merchants_user_uploads_for_its_own_merchant_only(
    client, other_merchant_user, other_merchant, merchant, product
):
    # given a user of another merchant that also sells an item under SKU IP15PM-256
    client.force_login(other_merchant_user)
    # when that user uploads the file
    client.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then the prices went to that merchant's products; the first merchant's product has none
    assert product.observations.count() == 0
    assert set(PriceObservation.objects.values_list("product__merchant", flat=True).distinct()) == {
        other_merchant.pk
    }
    assert Product.objects.get(merchant=other_merchant, sku="IP15PM-256").title == ""


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, method):
    # given a visitor who is not signed in
    # when the visitor opens the page or posts a file
    response = getattr(client, method)(
        PAGE, {"file": csv_file(GOOD_AND_BAD)} if method == "post" else {}
    )
    # then the visitor is sent to the sign-in page and nothing is saved
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not PriceObservation.objects.exists()


def test_an_organiser_is_not_a_merchant_and_is_refused(client, organiser):
    # given an organiser, who works for no merchant
    client.force_login(organiser)
    # when the organiser posts a file
    response = client.post(PAGE, {"file": csv_file(GOOD_AND_BAD)})
    # then it is refused
    assert response.status_code == 403
    assert not PriceObservation.objects.exists()
