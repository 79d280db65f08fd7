"""Tax codes and personal identification numbers, checked without a database.

Vectors: the enterprise code 0100233488 (weights 31,29,23,19,17,13,7,5,3 over 010023348 give
0+29+0+0+34+39+21+20+24 = 167; 167 mod 11 = 2; check digit 10 - 2 = 8), its branch 001, and
personal IDs whose parts a reader can split by eye: 001 (Hà Nội) 0 (born 19xx) 90 012345.
"""

from datetime import date

import pytest

from onlinefriday.merchants.identity import IdentityError, IdentityKind, parse_tax_code

TODAY = date(2025, 7, 1)


def message(text: str) -> str:
    with pytest.raises(IdentityError) as caught:
        parse_tax_code(text, today=TODAY)
    return str(caught.value.message)


@pytest.mark.parametrize("spelling", ["0100233488", " 0100233488 ", "0100 233 488", "010.023.3488"])
def test_a_valid_ten_digit_code_in_any_spelling_is_one_enterprise(spelling):
    # given a valid enterprise code written with spaces or dots
    # when it is parsed
    identity = parse_tax_code(spelling, today=TODAY)
    # then it is the enterprise, stored as its ten digits
    assert identity.kind is IdentityKind.ENTERPRISE
    assert identity.code == "0100233488"
    assert identity.parent_code is None


@pytest.mark.parametrize(
    "spelling", ["0100233488-001", "0100233488001", "0100233488 001", "0100 233 488 - 001"]
)
def test_a_valid_thirteen_digit_code_is_a_branch_of_its_enterprise(spelling):
    # given the branch suffix 001, with a dash, without, or with spaces
    # when it is parsed
    identity = parse_tax_code(spelling, today=TODAY)
    # then it is a branch stored with a dash, and its parent is the ten-digit enterprise
    assert identity.kind is IdentityKind.BRANCH
    assert identity.code == "0100233488-001"
    assert identity.parent_code == "0100233488"


def test_a_wrong_check_digit_is_refused_naming_the_check_digit():
    # given 0100233488 with its last digit changed to 9
    # when it is parsed, then the check digit is named as the fault
    assert "Chữ số kiểm tra" in message("0100233489")


def test_a_wrong_check_digit_in_a_branch_code_is_refused():
    assert "Chữ số kiểm tra" in message("0100233489-001")


@pytest.mark.parametrize(
    ("text", "count"), [("010023348", 9), ("01002334880", 11), ("01002334880011", 14)]
)
def test_wrong_lengths_are_refused_saying_how_many_digits(text, count):
    # given 9, 11 and 14 digits (neither 10, 12 nor 13)
    # when parsed, then the message says how many digits a code has and how many this one has
    text_of_error = message(text)
    assert "10" in text_of_error and "13" in text_of_error and "12" in text_of_error
    assert str(count) in text_of_error


def test_a_zero_sequence_is_refused():
    # given province 01, sequence 0000000 and the check digit that sum gives (29 mod 11 = 7 -> 3)
    # when parsed, then the impossible part is named
    assert "toàn số 0" in message("0100000003")


def test_a_000_branch_suffix_is_refused():
    # given a valid enterprise with the suffix 000
    # when parsed, then the message says branch suffixes run from 001 to 999
    assert "001 đến 999" in message("0100233488-000")


@pytest.mark.parametrize("text", ["", "   ", "-"])
def test_nothing_typed_asks_for_a_code(text):
    assert "Hãy nhập mã số thuế" in message(text)


@pytest.mark.parametrize("spelling", ["001090012345", "001 090 012 345", "079201012345"])
def test_a_personal_id_is_accepted_as_the_tax_code_of_a_person(spelling):
    # given 12 digits: Hà Nội (001) born 1990, or Hồ Chí Minh City (079) born 2001
    # when parsed
    identity = parse_tax_code(spelling, today=TODAY)
    # then it is a personal tax code, stored as its 12 digits
    assert identity.kind is IdentityKind.PERSONAL
    assert identity.code == spelling.replace(" ", "")
    assert identity.parent_code is None


def test_a_personal_id_with_an_unknown_province_code_is_refused():
    # given province code 003, which no province has ever had
    # when parsed, then the province code is named
    assert "003 không phải là mã tỉnh" in message("003090012345")


def test_a_personal_id_born_in_the_future_is_refused():
    # given century digit 2 (born 2000-2099) and year 26, parsed on 1/7/2025
    # when parsed, then the birth year 2026 is said to be in the future
    assert "(2026)" in message("001226012345")


def test_a_person_born_this_year_is_accepted():
    # given a child born in 2025 (century digit 3: a girl born 2000-2099), parsed in 2025
    assert parse_tax_code("001325012345", today=TODAY).code == "001325012345"


@pytest.mark.parametrize("text", ["00109001234A", "0100233488/001", "O100233488"])
def test_letters_and_other_signs_are_refused(text):
    assert "chỉ gồm chữ số" in message(text)
