"""Validation of the national identifiers a person can carry, and the phonetic keys used by search."""

import re

import jellyfish

from alongside.codes import UPN_LA_CODES

NHS_NUMBER_INVALID = "Enter an NHS number with 10 digits, like 943 476 5919"
NHS_NUMBER_BAD_CHECK = "Enter a valid NHS number: the last digit does not match the others"
UPN_INVALID = "Enter a UPN of 13 characters, like A123456789012"

_UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_NOT_LETTER = re.compile(r"[^a-z]")


def normalise_nhs_number(raw: str) -> str:
    """Digits only, so '943 476 5919' and '943-476-5919' are the same number."""
    return re.sub(r"[\s-]", "", raw or "")


def nhs_number_error(raw: str) -> str | None:
    """The plain-words problem with an NHS number, or None if it is valid (modulus 11 check)."""
    number = normalise_nhs_number(raw)
    if not re.fullmatch(r"\d{10}", number):
        return NHS_NUMBER_INVALID
    total = sum(int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(number[9]):
        return NHS_NUMBER_BAD_CHECK
    return None


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None where no valid NHS number starts with them."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def upn_check_letter(body: str) -> str:
    """The DfE check letter for characters 2-13 of a UPN."""
    total = 0
    for position, char in enumerate(body, start=2):
        # A temporary UPN ends in a letter, valued by its place in the check-letter alphabet.
        value = int(char) if char.isdigit() else _UPN_CHECK_LETTERS.index(char)
        total += value * position
    return _UPN_CHECK_LETTERS[total % 23]


def upn_error(raw: str) -> str | None:
    """Checks a UPN as the CIN census rules 1510-1560 do: check letter, LA digits, body, last char."""
    upn = (raw or "").strip().upper()
    if not re.fullmatch(r"[A-Z]\d{3}\d{8}[0-9A-HJ-NPQRT-Z]", upn):
        return UPN_INVALID
    if upn[1:4] not in UPN_LA_CODES:
        return "Enter a UPN whose characters 2 to 4 are a DfE local authority number"
    if upn_check_letter(upn[1:]) != upn[0]:
        return "Enter a valid UPN: the first letter does not match the rest"
    return None


def phonetic_key(name: str) -> str:
    """A sound-alike key for one name, so 'Jon Smyth' finds 'John Smith'.

    Metaphone handles the spelling variation common in English, Irish and transliterated names
    (Smyth/Smith, Katherine/Kathryn, Mohammed/Muhammad); the ranking step sorts out near misses.
    """
    letters = _NOT_LETTER.sub("", (name or "").lower())
    if not letters:
        return ""
    return jellyfish.metaphone(letters)[:12]
