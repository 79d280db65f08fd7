"""Which encoding a text file is in: the ones spreadsheet tools save, and nothing else."""

import pytest

from onlinefriday.core.text_encoding import (
    CHUNK,
    UnreadableText,
    decode_bytes,
    file_encoding,
    text_lines,
)

TEXT = "Mã SKU;Tên sản phẩm;Giá\nSP1;Điện thoại Samsung chính hãng, Ấn Độ;1.500.000\n"
# TEXT as old Vietnamese Windows saves it: tone marks apart from their letters
WINDOWS_1258 = (
    b"Ma\xde SKU;T\xean sa\xd2n ph\xe2\xd2m;Gi\xe1\nSP1;\xd0i\xea\xf2n thoa\xf2i Samsung "
    b"ch\xednh ha\xdeng, \xc2\xecn \xd0\xf4\xf2;1.500.000\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode(), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode(), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (WINDOWS_1258, "cp1258"),
    ],
)
def test_the_encodings_spreadsheets_save_give_the_same_text(data, encoding, tmp_path):
    # given the same text in an encoding a spreadsheet tool saves
    path = tmp_path / "deals.csv"
    path.write_bytes(data)
    # when it is decoded, in memory and from a file
    # then the encoding is found and the text is the same, in NFC
    assert decode_bytes(data) == (TEXT, encoding)
    assert file_encoding(path) == encoding
    assert "".join(text_lines(path, encoding)) == TEXT


def test_a_utf8_error_far_into_a_file_is_found(tmp_path):
    # given a file in Windows-1258 whose first megabytes are plain ASCII
    path = tmp_path / "deals.csv"
    path.write_bytes(b"a" * (CHUNK + 10) + b"\n" + WINDOWS_1258)
    # when its encoding is found
    # then it is Windows-1258, not UTF-8 (decoding stops at nothing on its first chunk)
    assert file_encoding(path) == "cp1258"


@pytest.mark.parametrize(
    ("data", "message_en"),
    [
        (TEXT.encode("utf-32"), "it is in UTF-32"),
        (TEXT.encode("utf-16-le"), "it contains NUL bytes"),
        (b"a,b\n" * 10 + b"c\x00d\n", "it contains NUL bytes"),
        ("商品コード,価格\nA1,東京都の緑茶\n".encode("shift_jis"), "is not recognised"),
        ("しょうひん,なまえ\nあいうえお,かきくけこ\n".encode("shift_jis"), "is not recognised"),
    ],
)
def test_other_encodings_are_refused_rather_than_read_as_garbage(data, message_en):
    # given text in an encoding spreadsheets do not save CSV in (or no text at all)
    # when it is decoded
    with pytest.raises(UnreadableText) as refused:
        decode_bytes(data)
    # then the message says the text cannot be read and why
    assert refused.value.message.startswith("Không đọc được chữ trong tệp: ")
    assert refused.value.message_en.startswith("The file's text cannot be read: ")
    assert message_en in refused.value.message_en
