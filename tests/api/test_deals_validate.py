"""POST /api/v1/deals/validate: the engine's dry run for partners, open to anyone, storing nothing;
and GET /api/v1/deals/rules, the codes its reasons carry."""

import json
import re

import pytest
from django.db import connection

from onlinefriday.compliance.rules import RULES
from tests.fixtures.submissions import SEEDED, a_deal, accepted_rejected_and_review

VALIDATE = "/api/v1/deals/validate"
RULES_URL = "/api/v1/deals/rules"

pytestmark = pytest.mark.django_db


def validate(client, body, **extra):
    """POST ``body`` (a dict, or JSON text sent as it is)."""
    text = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(VALIDATE, text, content_type="application/json", **extra)


def codes(result: dict) -> list[str]:
    return [reason["code"] for reason in result["reasons"]]


def error_locs(response) -> list[str]:
    return [error["loc"] for error in response.json()["errors"]]


def test_each_deal_gets_its_verdict_in_the_order_sent(client):
    # given an accepted, a rejected and a to-review deal
    deals = accepted_rejected_and_review()

    # when
    response = validate(client, {"festival": SEEDED, "deals": deals})

    # then
    assert response.status_code == 200
    accepted, rejected, review = response.json()["results"]
    assert accepted == {"sku": "IP13-128", "verdict": "accepted", "featured": False, "reasons": []}
    assert (rejected["sku"], rejected["verdict"]) == ("TV-55", "rejected")
    assert codes(rejected) == ["INFLATED_REFERENCE_PRICE", "LINK_PLATFORM_MISMATCH"]
    assert (review["sku"], review["verdict"], codes(review)) == (
        "AO-01",
        "review",
        ["NO_PRICE_HISTORY"],
    )


def test_a_reason_says_the_numbers_in_vietnamese_and_english(client):
    # given a TV declared at 15,000,000 whose lowest price in the month was 11,000,000
    tv = accepted_rejected_and_review()[1]

    # when
    result = validate(client, {"festival": SEEDED, "deals": [tv]}).json()["results"][0]

    # then
    inflated = result["reasons"][0]
    assert inflated["code"] == "INFLATED_REFERENCE_PRICE"
    assert inflated["severity"] == "reject"
    assert "15.000.000 ₫" in inflated["message"] and "11.000.000 ₫" in inflated["message"]
    assert "15,000,000 VND" in inflated["message_en"]
    assert "11,000,000 VND" in inflated["message_en"]


def test_a_featured_deal_says_so(client):
    # given 40 phones at 26,000,000, sold at 18,000,000 (30.8% off, 320,000,000 VND of savings)
    deal = a_deal(sale_price=18_000_000)

    # when
    result = validate(client, {"festival": SEEDED, "deals": [deal]}).json()["results"][0]

    # then
    assert (result["verdict"], result["featured"]) == ("accepted", True)


def test_the_order_of_many_deals_is_kept(client):
    # given 30 deals, every third without an origin
    deals = [
        a_deal(sku=f"SKU-{n}", url=f"https://shopee.vn/p-{n}", origin_country="" if n % 3 else "VN")
        for n in range(30)
    ]

    # when
    results = validate(client, {"festival": SEEDED, "deals": deals}).json()["results"]

    # then
    assert [result["sku"] for result in results] == [f"SKU-{n}" for n in range(30)]
    assert [result["verdict"] == "accepted" for result in results] == [
        n % 3 == 0 for n in range(30)
    ]


def test_a_fractional_price_is_judged_exactly_not_rounded(client):
    # given a price of 1,000,000.5 VND, and one of 26,000,000.0 (a whole number written so)
    text = (
        '{"festival": "online-friday-2021", "deals": ['
        + json.dumps(a_deal(sku="HALF"))[:-1]
        + ', "price": 1000000.5}, '
        + json.dumps(a_deal(sku="WHOLE", url="https://shopee.vn/whole"))[:-1]
        + ', "price": 26000000.0}]}'
    )

    # when
    half, whole = validate(client, text).json()["results"]

    # then the half đồng is caught, as a float would have caught it only by luck
    assert codes(half) == ["INVALID_PRICE"]
    assert "1000000.5" in half["reasons"][0]["message_en"]
    assert whole["verdict"] == "accepted"


def test_a_thousand_deals_are_judged_but_not_one_more(client):
    # given
    deals = [a_deal(sku=f"S{n}", url=f"https://shopee.vn/p-{n}") for n in range(1_001)]

    # when
    too_many = validate(client, {"festival": SEEDED, "deals": deals})
    enough = validate(client, {"festival": SEEDED, "deals": deals[:1_000]})

    # then
    assert enough.status_code == 200
    assert len(enough.json()["results"]) == 1_000
    assert too_many.status_code == 422
    assert error_locs(too_many) == ["deals"]
    assert too_many.json()["detail_en"] == (
        "deals: At most 1000 deals in one call, not 1001: send the rest in further calls."
    )
    assert "1000" in too_many.json()["detail"] and "1001" in too_many.json()["detail"]


def test_malformed_json_is_refused_with_its_line_and_column(client):
    # given a body whose third line lacks the value after "deals":
    text = '{\n  "festival": "online-friday-2021",\n  "deals": ]\n}'

    # when
    response = validate(client, text)

    # then
    assert response.status_code == 400
    body = response.json()
    assert body["detail_en"] == "Invalid JSON at line 3, column 12: a value is expected here."
    assert re.search(r"\b3\b.*\b12\b", body["detail"])
    assert body["errors"] == [
        {"loc": "", "message": body["detail"], "message_en": body["detail_en"]}
    ]


def test_a_body_that_is_not_utf8_is_refused_with_400(client):
    # when a body comes in Latin-1
    response = validate(client, '{"festival": "café", "deals": []}'.encode("latin-1"))

    # then
    assert response.status_code == 400
    assert response.json()["detail_en"] == "This is not JSON text in UTF-8."


def test_a_field_of_the_wrong_type_is_named_by_its_path(client):
    # given a price sent as text in the first deal, and stock as text in the third
    deals = [a_deal(price="26000000"), a_deal(), a_deal(stock="nhiều")]

    # when
    response = validate(client, {"festival": SEEDED, "deals": deals})

    # then
    assert response.status_code == 422
    body = response.json()
    assert error_locs(response) == ["deals.0.price", "deals.2.stock"]
    assert body["errors"][0]["message_en"] == "Must be a JSON number (without quotes), in đồng."
    assert body["detail_en"] == (
        "deals.0.price: Must be a JSON number (without quotes), in đồng. "
        "deals.2.stock: Must be a whole number."
    )
    assert "deals.0.price" in body["detail"] and "deals.2.stock" in body["detail"]


def test_an_observation_of_the_wrong_type_is_named_by_its_path(client):
    # given
    deal = a_deal()
    deal["price_history"][1]["observed_at"] = "hôm qua"

    # when
    response = validate(client, {"festival": SEEDED, "deals": [deal]})

    # then
    assert response.status_code == 422
    assert error_locs(response) == ["deals.0.price_history.1.observed_at"]


def test_a_wrong_observation_is_named_by_its_path(client):
    # given an observation with an unknown field, and one that is a list, not an object
    deal = a_deal()
    deal["price_history"][0]["source"] = "crawler"
    deal["price_history"][2] = ["2021-11-30T00:00:00+07:00", 26_000_000]

    # when
    response = validate(client, {"festival": SEEDED, "deals": [deal]})

    # then
    assert response.status_code == 422
    assert [(error["loc"], error["message_en"]) for error in response.json()["errors"]] == [
        (
            "deals.0.price_history.0.source",
            "Unknown field: check its name against the API's documentation.",
        ),
        ("deals.0.price_history.2", "Must be an object {...}."),
    ]


def test_unknown_fields_are_named(client):
    # given a misspelt field in the second deal and one beside the deals
    body = {"festival": SEEDED, "deals": [a_deal(), a_deal(colour="đen")], "merchant": 7}

    # when
    response = validate(client, body)

    # then
    assert response.status_code == 422
    assert error_locs(response) == ["deals.1.colour", "merchant"]
    assert response.json()["errors"][0]["message_en"].startswith("Unknown field")


def test_a_body_that_is_not_an_object_is_refused(client):
    # when
    response = validate(client, [a_deal()])

    # then
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ""
    assert response.json()["detail_en"] == "The request body must be a JSON object {...}."


def test_an_empty_body_is_refused(client):
    # when
    response = validate(client, "")

    # then
    assert response.status_code == 422
    assert response.json()["detail_en"] == "The request body is empty: send a JSON object {...}."


def test_many_problems_are_summed_up_in_detail_and_listed_in_errors(client):
    # given 150 deals with a price as text
    deals = [a_deal(price="1")] * 150

    # when
    body = validate(client, {"festival": SEEDED, "deals": deals}).json()

    # then
    assert len(body["errors"]) == 100
    assert body["detail_en"].endswith("(And 147 more problems, listed in 'errors'.)")
    assert body["detail_en"].count("Must be a JSON number") == 3


def test_an_unknown_festival_is_404_in_both_languages(client):
    # when
    response = validate(client, {"festival": "online-friday-1999", "deals": [a_deal()]})

    # then
    assert response.status_code == 404
    assert response.json() == {
        "detail": response.json()["detail"],
        "detail_en": "There is no festival with this slug: GET /api/v1/festivals lists them.",
    }


def test_a_body_over_the_size_limit_is_413(client, settings):
    # given a limit of 1 MB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    deals = [a_deal(title="x" * 300, sku=f"S{n}") for n in range(2_000)]

    # when
    response = validate(client, {"festival": SEEDED, "deals": deals})

    # then
    assert response.status_code == 413
    assert response.json()["detail_en"] == (
        "The request is too large: at most 1 MB. Send the deals in several calls."
    )


def test_validating_writes_nothing(client):
    # given the number of rows in every table of the database
    def rows() -> dict[str, int]:
        with connection.cursor() as cursor:
            counts = {}
            for table in connection.introspection.table_names(cursor):
                quoted = connection.ops.quote_name(table)  # a name from the database itself
                cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
                counts[table] = cursor.fetchone()[0]
        return counts

    before = rows()

    # when deals of every verdict, and refused bodies, are sent
    judged = validate(client, {"festival": SEEDED, "deals": accepted_rejected_and_review()})
    refused = validate(client, {"festival": SEEDED, "deals": [a_deal(price="1")]})

    # then nothing was stored: no table has a row more or less
    assert (judged.status_code, refused.status_code) == (200, 422)
    assert rows() == before


def test_no_sign_in_is_needed_but_calls_are_limited_per_address(client, settings):
    # given a limit of 2 calls a minute
    settings.API_RATE_LIMIT = "2/min"
    body = {"festival": SEEDED, "deals": [a_deal()]}

    # when one address calls three times, and another once
    answers = [validate(client, body) for _ in range(3)]
    other = validate(client, body, REMOTE_ADDR="198.51.100.7")

    # then the third call waits, in both languages; the other address does not
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) > 0
    assert answers[2].json() == {
        "detail": "Quá nhiều yêu cầu: hãy chờ một phút rồi thử lại.",
        "detail_en": "Too many requests: wait a minute and try again.",
    }
    assert other.status_code == 200


def test_the_rules_list_every_code_with_its_severity_and_basis(client):
    # when
    response = client.get(RULES_URL)

    # then the 14 codes of the issue, in the order reasons are reported
    assert response.status_code == 200
    rules = response.json()
    assert {rule["code"] for rule in rules} == {
        "NOT_A_DISCOUNT",
        "DISCOUNT_OVER_CAP",
        "INFLATED_REFERENCE_PRICE",
        "NO_PRICE_HISTORY",
        "BANNED_GOODS",
        "MISSING_ORIGIN",
        "MISSING_GENUINE_DECLARATION",
        "OUTSIDE_FESTIVAL_WINDOW",
        "CURRENCY_NOT_VND",
        "INVALID_PRICE",
        "INVALID_LINK",
        "LINK_PLATFORM_MISMATCH",
        "DUPLICATE_DEAL",
        "PROMOTION_DAYS_EXCEEDED",
    }
    assert [rule["code"] for rule in rules] == [rule.code for rule in RULES]
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["NO_PRICE_HISTORY"]["severity"] == "review"
    assert by_code["BANNED_GOODS"] == {
        "code": "BANNED_GOODS",
        "severity": "reject",
        "description_en": "Alcohol, tobacco, lottery, breast-milk substitutes, human "
        "medicines, ...",
        "basis": "Nghị định 81/2018/NĐ-CP, Điều 5 (hàng hóa không được khuyến mại)",
        "basis_en": "Decree 81/2018/ND-CP, Article 5 (goods that may not be promoted)",
    }
    assert all(rule["description_en"] and rule["basis"] for rule in rules)


def test_the_openapi_schema_documents_both_addresses_and_the_answer(client):
    # when
    schema = client.get("/api/v1/openapi.json").json()

    # then
    validate_op = schema["paths"]["/api/v1/deals/validate"]["post"]
    assert schema["paths"]["/api/v1/deals/rules"]["get"]
    assert validate_op.get("security") is None  # open without signing in
    body_ref = validate_op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.endswith("/Submission")
    assert set(validate_op["responses"]) == {"200", "400", "404", "413", "422", "429"}
    components = schema["components"]["schemas"]
    assert set(components["ResultOut"]["properties"]) == {"sku", "verdict", "featured", "reasons"}
    assert set(components["ReasonOut"]["properties"]) == {
        "code",
        "severity",
        "message",
        "message_en",
    }
    assert "INFLATED_REFERENCE_PRICE" in components["RuleCode"]["enum"]
    assert set(components["InputErrorOut"]["properties"]) == {"loc", "message", "message_en"}
    assert set(components["DealIn"]["properties"]) >= {"sku", "price", "price_history"}
