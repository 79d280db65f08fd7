"""The 34 provincial units in force since 1/7/2025 (Resolution 202/2025/QH15), from the
``vietnam-provinces`` package: one place for forms, filters and pages to name a province."""

from functools import cache

from vietnam_provinces import Province, ProvinceCode

from onlinefriday.core.text import folded_key


@cache
def province_choices() -> tuple[tuple[int, str], ...]:
    """(code, name) pairs in the official order of their codes (Hà Nội first), for a select box."""
    provinces = sorted(Province.iter_all(), key=lambda province: province.code.value)
    return tuple((province.code.value, province.name) for province in provinces)


def province_name(code: int | None) -> str:
    """The province's name, or an empty string for a code that is not one of the 34."""
    if code is None:
        return ""
    try:
        return Province.from_code(ProvinceCode(int(code))).name
    except (ValueError, KeyError):
        return ""


# How people write a province: with or without 'Thành phố'/'Tỉnh'/'TP.', marks or case.
_PREFIXES = ("thanh_pho_", "tinh_", "tp_")


def _bare(key: str) -> str:
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


@cache
def _codes_by_name() -> dict[str, int]:
    names: dict[str, int] = {}
    for province in Province.iter_all():
        for spelling in (province.name, province.codename):
            names[_bare(folded_key(spelling))] = province.code.value
    return names


def find_province(text: str) -> int | None:
    """The code of one of the 34 provinces from its code ('1', '01', '79'), its codename
    ('ha_noi') or its name in any spelling ('Hà Nội', 'Thành phố Hà Nội', 'ha noi', 'TP. Hồ Chí
    Minh'); None when it names none of them (the caller says so)."""
    text = str(text).strip()
    if text.isdigit():
        return int(text) if province_name(int(text)) else None
    return _codes_by_name().get(_bare(folded_key(text)))
