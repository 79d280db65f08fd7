"""Vietnamese text compared the way people type it: with or without marks, in either case.

Unicode NFD separates vowel and tone marks but leaves đ/Đ whole, so those are mapped by hand;
NFC first, so 'hoà' and 'hòa' (two ways of placing the mark) fold the same.
"""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without any marks: 'Thành phố Hà Nội' -> 'thanh pho ha noi'."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def folded_key(text: str) -> str:
    """``fold`` with every run of other characters made one underscore: a name to look up by
    ('Mã số thuế' -> 'ma_so_thue', 'Tỉnh/Thành phố' -> 'tinh_thanh_pho')."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
