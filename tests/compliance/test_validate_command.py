"""`onlinefriday validate FILE --festival SLUG [--json]`: the validate API's dry run on a deal file
of any format, its table, its JSON (the API's answer, each result with its row) and its exit
codes."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.fixtures.submissions import SEEDED, a_deal, accepted_rejected_and_review

pytestmark = pytest.mark.django_db


def validate(*args: str) -> tuple[int, str, str]:
    """Run the command as the console script would; return exit code, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("validate", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def deal_file(tmp_path):
    """Write deals (or any JSON value, or raw text) to a file; return its path as text."""

    def write(content, name: str = "deals.json") -> str:
        path = tmp_path / name
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_json_output_is_the_apis_answer_with_each_row(client, deal_file):
    # given the same three deals in a file and in an API call
    deals = accepted_rejected_and_review()
    api = client.post(
        "/api/v1/deals/validate",
        {"festival": SEEDED, "deals": deals},
        content_type="application/json",
    )

    # when
    code, out, err = validate(deal_file(deals), "--festival", SEEDED, "--json")

    # then the command prints the API's results, each with its row (a JSON file numbers its
    # deals from 1), Vietnamese unescaped, no row it could not read, and exits 1 (one rejected)
    answer = json.loads(out)
    assert api.status_code == 200
    assert [result.pop("row") for result in answer["results"]] == [1, 2, 3]
    assert answer == {**api.json(), "errors": []}
    assert "Giá trước khuyến mại" in out
    assert (code, err) == (1, "")


def test_the_apis_body_is_read_too(deal_file):
    # when the file holds {"festival": ..., "deals": [...]}, as sent to the API
    code, out, _ = validate(
        deal_file({"festival": SEEDED, "deals": [a_deal()]}), "--festival", SEEDED, "--json"
    )

    # then
    assert code == 0
    assert json.loads(out)["results"][0]["verdict"] == "accepted"


def test_the_table_shows_each_deal_its_verdict_and_reasons_in_vietnamese(deal_file):
    # given an accepted and featured, a rejected and a to-review deal
    featured, rejected, review = accepted_rejected_and_review()
    featured["sale_price"] = 18_000_000

    # when
    code, out, err = validate(deal_file([featured, rejected, review]), "--festival", SEEDED)

    # then one line per deal, its reasons indented below it
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["1", "IP13-128", "Đã", "chấp"]
    assert "★" in lines[0]
    assert lines[1].split()[:4] == ["2", "TV-55", "Bị", "từ"]
    assert lines[2].startswith("     – Giá trước khuyến mại khai báo 15.000.000 ₫")
    assert lines[3].startswith("     – Đường dẫn dẫn tới tiki.vn")
    assert lines[4].split()[:4] == ["3", "AO-01", "Đang", "xét"]
    assert "★" not in lines[1] + lines[4]
    assert lines[5].startswith("     – Chỉ có 0 lần ghi nhận giá")
    assert len(lines) == 7  # and the summary
    assert (code, err) == (1, "")


def test_the_table_ends_with_a_summary(deal_file, in_english):
    # when
    _, out, _ = validate(deal_file(accepted_rejected_and_review()), "--festival", SEEDED)

    # then
    assert out.splitlines()[0] == "1  IP13-128  Accepted"
    assert out.splitlines()[-1] == ("3 deals: 1 accepted (0 featured), 1 to review, 1 rejected.")


def test_nothing_rejected_exits_0(deal_file):
    # given one deal accepted and one to review
    deals = [a_deal(), a_deal(sku="AO-01", url="https://shopee.vn/ao", price_history=[])]

    # when
    code, out, err = validate(deal_file(deals), "--festival", SEEDED)

    # then
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 4


def test_more_than_a_thousand_deals_are_judged_as_one_submission(deal_file):
    # given more than one API call may carry, the last repeating the third's SKU
    deals = [a_deal(sku=f"S{n}", url=f"https://shopee.vn/p-{n}") for n in range(1, 1_200)]
    deals.append(a_deal(sku="S3", url="https://shopee.vn/p-3-lan-hai"))

    # when
    code, out, _ = validate(deal_file(deals), "--festival", SEEDED, "--json")

    # then all are judged, and the repeat in a later chunk is rejected, naming the first
    results = json.loads(out)["results"]
    assert len(results) == 1_200
    assert [result["verdict"] for result in results[:-1]] == ["accepted"] * 1_199
    assert [reason["code"] for reason in results[-1]["reasons"]] == ["DUPLICATE_DEAL"]
    assert "(ưu đãi thứ 3)" in results[-1]["reasons"][0]["message"]
    assert code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[\n  {"sku": "A"\n  {"sku": "B"}\n]',
            "Invalid JSON at line 3, column 3: a comma is missing.",
        ),
        ('{"sku": "A"}', "A JSON file must be a list of deals [...] or an object with "),
        ('{"deals": {"sku": "A"}}', "A JSON file must be a list of deals [...] or an object "),
        ('{"deals": []}', "The file is empty: the first row names the columns"),
    ],
    ids=["malformed", "one deal, not a list", "deals not a list", "no deal"],
)
def test_a_file_that_is_not_a_list_of_deals_exits_2(deal_file, in_english, content, message):
    # when
    path = deal_file(content)
    code, out, err = validate(path, "--festival", SEEDED)

    # then the file is named, and where it breaks
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: {message}")


def test_a_row_that_cannot_be_read_is_named_and_the_others_are_judged(deal_file, in_english):
    # given a price in words in the second deal, and a field no one knows in the third
    deals = [
        a_deal(),
        a_deal(sku="B", url="https://shopee.vn/b", price="mười triệu"),
        a_deal(sku="C", url="https://shopee.vn/c", colour="đen"),
    ]
    path = deal_file(deals)

    # when
    code, out, err = validate(path, "--festival", SEEDED)
    _, as_json, _ = validate(path, "--festival", SEEDED, "--json")

    # then the second is named with what is wrong, the others judged, the field ignored aloud
    lines = out.splitlines()
    assert lines[1:3] == [
        "2  B         Invalid",
        "     – Trường “price”: “mười triệu” không phải số tiền: ghi số đồng, ví dụ 1500000 "
        "hoặc 1.500.000.",
    ]
    assert lines[-1] == "1 row could not be read."
    assert (
        err == f"{path}: Ignored 1 unknown column(s): 'colour'. The column names are listed "
        "on the “Hướng dẫn” (guide) sheet of the template.\n"
    )
    assert code == 1
    answer = json.loads(as_json)
    assert [result["row"] for result in answer["results"]] == [1, 3]
    assert answer["errors"] == [
        {
            "row": 2,
            "sku": "B",
            "field": "price",
            "message": "Trường “price”: “mười triệu” không phải số tiền: ghi số đồng, ví dụ "
            "1500000 hoặc 1.500.000.",
            "message_en": answer["errors"][0]["message_en"],
        }
    ]


def test_a_spreadsheet_is_judged_with_its_row_numbers(tmp_path, in_english):
    # given the three deals as a CSV file saved from Excel (semicolons, UTF-8 with a BOM)
    path = tmp_path / "uu-dai.csv"
    path.write_text(
        "Mã SKU;Tên sản phẩm;Đường dẫn sản phẩm;Giá trước khuyến mại (VND);Giá khuyến mại (VND)\n"
        "IP13-128;iPhone 13;https://shopee.vn/ip-13;26.000.000;19.990.000\n"
        "AO-01;Áo thun;https://shopee.vn/ao-01;200.000;150.000\n"
        "IP13-128;iPhone 13 lần hai;https://shopee.vn/ip-13-b;26.000.000;19.990.000\n",
        encoding="utf-8-sig",
    )

    # when
    code, out, _ = validate(str(path), "--festival", SEEDED, "--json")

    # then rows count from 2 (the header is row 1), and the repeated SKU names its first row
    results = json.loads(out)["results"]
    assert [(result["row"], result["sku"]) for result in results] == [
        (2, "IP13-128"),
        (3, "AO-01"),
        (4, "IP13-128"),
    ]
    [duplicate] = [r for r in results[2]["reasons"] if r["code"] == "DUPLICATE_DEAL"]
    assert duplicate["message_en"] == (
        "SKU 'IP13-128' already appears earlier in this submission (row 2)."
    )
    assert code == 1


def test_an_unknown_festival_exits_2(deal_file, in_english):
    # when
    code, out, err = validate(deal_file([a_deal()]), "--festival", "online-friday-1999")

    # then
    assert (code, out) == (2, "")
    assert err == (
        "There is no festival 'online-friday-1999': `onlinefriday festival list` shows them.\n"
    )


def test_a_missing_file_exits_2_in_vietnamese(tmp_path):
    # when
    code, _, err = validate(str(tmp_path / "khong-co.json"), "--festival", SEEDED)

    # then
    assert code == 2
    assert err == f"Không đọc được {tmp_path / 'khong-co.json'}: No such file or directory.\n"


def test_the_console_script_exits_2_without_a_festival(tmp_path):
    # when the console script is called without --festival
    run = subprocess.run(
        [sys.executable, "-m", "onlinefriday", "validate", str(tmp_path / "deals.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "onlinefriday.settings"},
    )

    # then
    assert run.returncode == 2
    assert "--festival" in run.stderr
    assert run.stdout == ""
