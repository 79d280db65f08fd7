"""`onlinefriday merchant import FILE.csv`: many merchants at once, one report line per row (its
number as a spreadsheet shows it, the tax code as written, and 'created <code>' or the reason),
the valid rows kept when others fail; exit 0 all created, 1 some refused, 2 file unreadable."""

from io import StringIO

import pytest
from django.core.management import call_command

from onlinefriday.merchants.importing import read_merchant_rows
from onlinefriday.merchants.models import Merchant

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_csv(tmp_path):
    """Write ``text`` to a file and import it; return exit code, stdout lines and stderr."""

    def run(text: str, *args: str, encoding: str = "utf-8") -> tuple[int, list[str], str]:
        path = tmp_path / "nha-ban-hang.csv"
        path.write_bytes(text.encode(encoding))
        out, err = StringIO(), StringIO()
        try:
            call_command("merchant", "import", str(path), *args, stdout=out, stderr=err)
        except SystemExit as exit_:
            return exit_.code, out.getvalue().splitlines(), err.getvalue()
        return 0, out.getvalue().splitlines(), err.getvalue()

    return run


def codes() -> set[str]:
    return set(Merchant.objects.values_list("tax_code", flat=True))


def test_valid_rows_are_kept_and_each_refused_row_says_why(merchant, import_csv, in_english):
    # given a file with two good rows, a wrong check digit, a code repeated in another spelling,
    # a code already registered (0100233488, the fixture merchant), a bad e-mail, and a blank
    # line that a spreadsheet would still number
    text = (
        "tax_code,name,email,province\n"
        "0101245486,Công ty Sách Trí Việt,sach@triviet.vn,Hà Nội\n"
        "0300588568,Công ty Sai Số,saiso@example.vn,\n"
        "\n"
        "0300588569,Công ty Điện máy Sài Gòn,dienmay@saigon.vn,79\n"
        "0101-245-486,Trí Việt lần hai,lan2@triviet.vn,\n"
        "0100 233 488,Hoàng Phát lần hai,lan2@hoangphat.vn,\n"
        "0102721191,Công ty Thiếu Thư,khong-co-a-cong,\n"
    )

    # when
    code, lines, err = import_csv(text)

    # then
    assert code == 1
    assert lines == [
        "2\t0101245486\tcreated 0101245486",
        "3\t0300588568\tThe check digit of tax code 0300588568 is wrong: check the number.",
        "5\t0300588569\tcreated 0300588569",
        "6\t0101-245-486\tThe same tax code as row 2: a merchant is listed once.",
        "7\t0100 233 488\tTax code 0100233488 is already registered: one merchant per tax code.",
        "8\t0102721191\tkhong-co-a-cong is not an e-mail address.",
    ]
    assert err == "6 rows read: 2 created, 4 refused.\n"
    assert codes() == {"0100233488", "0101245486", "0300588569"}
    created = Merchant.objects.get(tax_code="0300588569")
    assert (created.name, created.province_code, created.status) == (
        "Công ty Điện máy Sài Gòn",
        79,
        "verified",
    )


def test_excel_file_with_bom_semicolons_and_vietnamese_headers(import_csv, in_english):
    # given what Excel saves as 'CSV UTF-8' in a Vietnamese locale: a byte-order mark,
    # semicolons, Vietnamese headers, a name with a semicolon in quotes, and a column we don't use
    text = (
        "\ufeffMã số thuế;Tên doanh nghiệp;Email;Tỉnh/Thành phố;Loại hình;"
        "Người đại diện;Số điện thoại;Địa chỉ;Ghi chú\n"
        "2400123458;Hợp tác xã Nông sản Lục Ngạn;htx@lucngan.vn;Bắc Ninh;Hợp tác xã;"
        "Nguyễn Văn Bình;0912 345 678;Thị trấn Chũ, Lục Ngạn;vải thiều\n"
        '001085012345;"Hộ kinh doanh Hoa; cây cảnh";hoa@example.vn;ha noi;Hộ kinh doanh;'
        "Trần Thị Hoa;;;\n"
    )

    # when
    code, lines, err = import_csv(text)

    # then
    assert code == 0
    assert lines == [
        "2\t2400123458\tcreated 2400123458",
        "3\t001085012345\tcreated 001085012345",
    ]
    assert err == "Columns not used: Ghi chú.\n2 rows read: 2 created, 0 refused.\n"
    cooperative = Merchant.objects.get(tax_code="2400123458")
    assert cooperative.business_type == "cooperative"
    assert cooperative.province_code == 24
    assert cooperative.representative == "Nguyễn Văn Bình"
    assert cooperative.phone == "+84912345678"
    assert cooperative.address == "Thị trấn Chũ, Lục Ngạn"
    household = Merchant.objects.get(tax_code="001085012345")
    assert household.name == "Hộ kinh doanh Hoa; cây cảnh"
    assert (household.business_type, household.province_code) == ("household", 1)


def test_row_judged_without_a_database_names_each_problem(in_english):
    # given rows with an empty name, an unknown province, an unknown business type, a phone
    # number not in use, and a personal ID declared as a company
    data = (
        "tax_code,name,email,province,business_type,phone\n"
        "0101245486,,a@example.vn,,,\n"
        "0300588569,B,b@example.vn,Atlantis,,\n"
        "0102721191,C,c@example.vn,,tập đoàn,\n"
        "0309532909,D,d@example.vn,,,0123\n"
        "0100109106,E,e@example.vn,,company,\n"
    ).encode()

    # when
    rows = read_merchant_rows(data).rows

    # then
    assert [(row.number, row.problem) for row in rows] == [
        (2, "The business name is empty."),
        (3, "'Atlantis' is not one of the 34 provinces: write its name, such as Hà Nội."),
        (
            4,
            "'tập đoàn' is not a business type: write company, branch, household, individual "
            "or cooperative (or Công ty, Chi nhánh, Hộ kinh doanh, Cá nhân, Hợp tác xã).",
        ),
        (5, "This is not a phone number in use: write it as 0912 345 678 or 024 3825 1234."),
        (6, None),
    ]
    assert rows[4].values["business_type"] == "company"


def test_a_personal_id_declared_as_a_company_is_refused_by_the_service(import_csv, in_english):
    # when
    code, lines, _ = import_csv(
        "tax_code,name,email,business_type\n001085012345,Cô Hoa,hoa@example.vn,company\n"
    )

    # then
    assert code == 1
    assert lines[0].startswith("2\t001085012345\tA 12-digit personal identification number is")
    assert not Merchant.objects.exists()


def test_approve_approves_every_created_row(import_csv):
    # when
    code, lines, _ = import_csv(
        "tax_code,name,email\n0101245486,Sách Trí Việt,sach@triviet.vn\n", "--approve"
    )

    # then
    assert (code, lines) == (0, ["2\t0101245486\tcreated 0101245486"])
    merchant = Merchant.objects.get(tax_code="0101245486")
    assert merchant.status == "approved"
    assert merchant.events.get(action="approved").reason == "onlinefriday merchant import --approve"


def test_the_report_speaks_vietnamese_by_default(import_csv):
    # when
    code, lines, err = import_csv("tax_code,name,email\n0300588568,Sai Số,saiso@example.vn\n")

    # then
    assert code == 1
    assert lines == [
        "2\t0300588568\tChữ số kiểm tra của mã số thuế 0300588568 không đúng: hãy kiểm tra lại."
    ]
    assert err == "Đọc 1 dòng: tạo 0, từ chối 1.\n"


@pytest.mark.parametrize(
    ("text", "encoding", "says"),
    [
        (
            "tax_code;name;province\n0101245486;Sách Trí Việt;Hà Nội\n",
            "utf-8",
            "The file has no column 'email'",
        ),
        ("Mã số thuế,Tên\n0101245486,Sách\n", "utf-8", "The file has no column 'email'"),
        (
            "tax_code,name,email\n0101245486,Công ty Sách,sach@triviet.vn\n",
            "latin-1",
            "The file is not in UTF-8",
        ),
        ("PK\x03\x04\x14\x00\x00\x00\x08\x00", "latin-1", "This is not a CSV file"),
        ("", "utf-8", "The file is empty"),
        (
            "tax_code,name,Name,email\n0101245486,A,B,a@example.vn\n",
            "utf-8",
            "The columns 'name' and 'Name' say the same thing",
        ),
    ],
    ids=["missing email column", "vietnamese headers", "latin-1", "xlsx", "empty", "twice"],
)
def test_a_file_that_cannot_be_read_exits_2_and_creates_nothing(
    import_csv, in_english, text, encoding, says
):
    # when
    code, lines, err = import_csv(text, encoding=encoding)

    # then
    assert (code, lines) == (2, [])
    assert "nha-ban-hang.csv: " + says in err
    assert err.count("\n") == 1
    assert not Merchant.objects.exists()


def test_a_missing_file_exits_2(tmp_path, in_english):
    # when
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("merchant", "import", str(tmp_path / "khong-co.csv"), stderr=err)

    # then
    assert exit_.value.code == 2
    assert err.getvalue().startswith(f"{tmp_path / 'khong-co.csv'} cannot be read: ")
