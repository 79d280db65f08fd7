"""Vietnamese text compared the way people type it: with or without marks, in either case.

Unicode NFD separates vowel and tone marks but leaves đ/Đ whole, so those are mapped by hand;
NFC first, so 'hoà' and 'hòa' (two ways of placing the mark) fold the same.

Folding maps each character of the NFC, lower-case text to one character, so a match found in
the folded text sits at the same place in the marked one (``fold(lower_nfc(t))`` has the length
of ``lower_nfc(t)`` whenever the text holds no stray combining marks).
"""

import re
import unicodedata


def _fold_table() -> dict[int, str]:
    """Every precomposed Latin letter to its bare letter ('ệ' -> 'e'), and đ/Đ to d/D."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        bare = "".join(
            ch for ch in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(ch)
        )
        if len(bare) == 1 and bare != chr(code):
            table[code] = bare
    return table


FOLD_TABLE = _fold_table()
COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def lower_nfc(text: str) -> str:
    """The text in NFC and lower case: how marked text is compared."""
    return unicodedata.normalize("NFC", text).lower()


def fold(text: str) -> str:
    """Lower case without any marks: 'Thành phố Hà Nội' -> 'thanh pho ha noi'."""
    folded = lower_nfc(text).translate(FOLD_TABLE)
    if folded.isascii():
        return folded
    # Marks that have no precomposed letter (rare) are left standing alone: drop them.
    return COMBINING_MARKS.sub("", folded)


def folded_key(text: str) -> str:
    """``fold`` with every run of other characters made one underscore: a name to look up by
    ('Mã số thuế' -> 'ma_so_thue', 'Tỉnh/Thành phố' -> 'tinh_thanh_pho')."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
