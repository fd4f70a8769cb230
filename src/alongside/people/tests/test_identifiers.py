import pytest

from alongside.people.identifiers import (
    NHS_NUMBER_BAD_CHECK,
    NHS_NUMBER_INVALID,
    nhs_number_error,
    phonetic_key,
    upn_check_letter,
    upn_error,
)


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919"])
def test_a_valid_nhs_number_passes_however_it_is_spaced(number):
    assert nhs_number_error(number) is None


def test_an_nhs_number_with_the_wrong_check_digit_is_refused():
    assert nhs_number_error("9434765918") == NHS_NUMBER_BAD_CHECK


@pytest.mark.parametrize("number", ["12345", "94347659190", "943476591X", ""])
def test_an_nhs_number_that_is_not_ten_digits_is_refused(number):
    assert nhs_number_error(number) == NHS_NUMBER_INVALID


def test_upn_check_letter_follows_the_dfe_algorithm():
    # Positions 2..13 hold 8,0,1,2,3,4,5,6,7,8,9,0: 16+0+4+10+18+28+40+54+70+88+108+0 = 436;
    # 436 mod 23 = 22, the last letter of ABCDEFGHJKLMNPQRTUVWXYZ.
    assert upn_check_letter("801234567890") == "Z"
    assert upn_error("Z801234567890") is None


def test_upn_with_a_wrong_check_letter_or_unknown_la_is_refused():
    assert "first letter" in upn_error("A801234567890")
    assert "local authority" in upn_error("A999234567890")


@pytest.mark.parametrize(
    "a,b",
    [
        ("Jon", "John"),
        ("Smyth", "Smith"),
        ("Katherine", "Kathryn"),
        ("Mohammed", "Muhammad"),
        ("Stephen", "Steven"),
        ("O'Brien", "OBrien"),
    ],
)
def test_names_that_sound_alike_share_a_key(a, b):
    assert phonetic_key(a) == phonetic_key(b)
