"""`onlinefriday merchant add`: an operator enters one merchant from a terminal; what it prints,
what it stores and its exit codes (0 created, 1 the tax code was judged, 2 a wrong call)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from onlinefriday.merchants.management.commands.merchant import Command
from onlinefriday.merchants.models import Merchant

pytestmark = pytest.mark.django_db


def merchant_command(*args: str) -> tuple[int, str, str]:
    """Run the command in this process (so on the test database); exit code, stdout, stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("merchant", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def add(tax_code: str, *more: str, name: str = "Công ty Sách Trí Việt", email="sach@triviet.vn"):
    return merchant_command("add", "--tax-code", tax_code, "--name", name, "--email", email, *more)


def test_a_branch_written_with_a_space_is_stored_normalised_and_linked_to_its_parent(
    merchant, in_english
):
    # given the enterprise 0100233488 is registered
    # when the operator adds its branch 001, typed with a space instead of a dash
    code, out, err = add(
        "0100233488 001",
        name="Chi nhánh Hoàng Phát Hải Phòng",
        email="HaiPhong@HoangPhat.example",
    )

    # then it prints the code as stored, and only that
    assert (code, out, err) == (0, "0100233488-001\n", "")
    branch = Merchant.objects.get(tax_code="0100233488-001")
    assert branch.parent == merchant
    assert branch.business_type == "branch"
    assert branch.email == "haiphong@hoangphat.example"
    # entered by an operator: no user could verify an address, so it waits for approval
    assert branch.status == "verified"
    assert branch.email_verified_at is None
    assert list(branch.events.values_list("action", flat=True)) == ["registered"]


def test_a_wrong_check_digit_exits_1_with_the_reason_on_stderr(in_english):
    # when the last digit of 0100233488 is mistyped
    code, out, err = add("0100233489")

    # then
    assert (code, out) == (1, "")
    assert err == "The check digit of tax code 0100233489 is wrong: check the number.\n"
    assert not Merchant.objects.exists()


def test_the_reason_is_in_vietnamese_by_default():
    # when (the console speaks the site's language)
    code, _, err = add("0100233489")

    # then
    assert code == 1
    assert err == "Chữ số kiểm tra của mã số thuế 0100233489 không đúng: hãy kiểm tra lại.\n"


def test_a_code_registered_in_another_spelling_exits_1_saying_so(merchant, in_english):
    # given 0100233488 is registered
    # when the operator adds it again with dashes
    code, out, err = add("0100-233-488", name="Hoàng Phát (lần hai)")

    # then
    assert (code, out) == (1, "")
    assert err == "Tax code 0100233488 is already registered: one merchant per tax code.\n"
    assert Merchant.objects.filter(tax_code="0100233488").count() == 1
    assert not Merchant.objects.filter(name="Hoàng Phát (lần hai)").exists()


def test_approve_approves_at_once_with_the_command_as_reason_and_tells_the_merchant(
    django_capture_on_commit_callbacks,
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        code, out, err = add("0101245486", "--approve")

    # then
    assert (code, out, err) == (0, "0101245486\n", "")
    merchant = Merchant.objects.get(tax_code="0101245486")
    assert merchant.status == "approved"
    history = list(merchant.events.values_list("action", "reason", "actor"))
    assert history == [
        ("registered", "", None),
        ("approved", "onlinefriday merchant add --approve", None),
    ]
    assert [message.to for message in mail.outbox] == [["sach@triviet.vn"]]
    assert "đã được phê duyệt" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Hà Nội", 1),
        ("Thành phố Hà Nội", 1),
        ("ha_noi", 1),
        ("ha noi", 1),
        ("01", 1),
        ("TP. Hồ Chí Minh", 79),
        ("79", 79),
        ("Khánh Hoà", 56),  # the tone mark placed the other way than the package writes it
        ("ĐÀ NẴNG", 48),
    ],
)
def test_province_by_code_codename_or_name_in_any_spelling(written, code):
    # when
    exit_code, out, err = add("0300588569", "--province", written)

    # then
    assert (exit_code, out, err) == (0, "0300588569\n", "")
    assert Merchant.objects.get(tax_code="0300588569").province_code == code


@pytest.mark.parametrize("written", ["Atlantis", "2", "Hà Tây"])
def test_an_unknown_province_is_a_wrong_call_naming_it(written, in_english):
    # when (Hà Tây merged into Hà Nội in 2008; 2 was Hà Giang's code before 2025)
    code, out, err = add("0300588569", "--province", written)

    # then
    assert (code, out) == (2, "")
    assert err == f"'{written}' is not one of the 34 provinces: write its name, such as Hà Nội.\n"
    assert not Merchant.objects.exists()


def test_an_invalid_email_is_a_wrong_call(in_english):
    # when
    code, out, err = add("0300588569", email="sach-at-triviet.vn")

    # then
    assert (code, out, err) == (2, "", "sach-at-triviet.vn is not an e-mail address.\n")
    assert not Merchant.objects.exists()


def test_a_missing_option_exits_2_naming_it(capsys):
    # when the console script is called without --email
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["onlinefriday", "merchant", "add", "--tax-code", "0300588569", "--name", "Sách"]
        )

    # then
    assert exit_.value.code == 2
    assert "--email" in capsys.readouterr().err
    assert not Merchant.objects.exists()
