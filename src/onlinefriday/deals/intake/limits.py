"""What one deal file may hold (from settings), and the messages for a file that breaks it or
holds nothing: the same whatever the file's format."""

from dataclasses import dataclass

from django.conf import settings

from onlinefriday.deals.intake.base import IntakeError


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int  # an XLSX's entries, uncompressed, in all
    max_in_memory_unpacked_bytes: int  # an XLSX up to this is read whole (calamine), else streamed
    max_zip_ratio: int  # uncompressed bytes per compressed byte, for any large entry

    @classmethod
    def from_settings(cls, *, max_bytes: int | None = None, max_rows: int | None = None):
        return cls(
            max_bytes=settings.DEAL_FILE_MAX_BYTES if max_bytes is None else max_bytes,
            max_rows=settings.DEAL_FILE_MAX_ROWS if max_rows is None else max_rows,
            max_unpacked_bytes=settings.DEAL_FILE_MAX_UNPACKED_BYTES,
            max_in_memory_unpacked_bytes=settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES,
            max_zip_ratio=settings.DEAL_FILE_MAX_ZIP_RATIO,
        )


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:g}"


def thousands(count: int) -> str:
    """A count as Vietnamese write it: 1.000.000."""
    return f"{count:,}".replace(",", ".")


def too_large(max_bytes: int) -> IntakeError:
    return IntakeError(
        f"Tệp lớn hơn {megabytes(max_bytes)} MB: hãy chia thành nhiều tệp nhỏ hơn.",
        f"The file is larger than {megabytes(max_bytes)} MB: split it into smaller files.",
    )


def empty_file() -> IntakeError:
    return IntakeError(
        "Tệp trống: dòng đầu là tiêu đề cột, mỗi dòng sau là một khuyến mại (xem tệp mẫu).",
        "The file is empty: the first row names the columns, each row after it is a deal "
        "(see the template).",
    )


def headers_only() -> IntakeError:
    return IntakeError(
        "Tệp chỉ có dòng tiêu đề, không có khuyến mại nào: thêm mỗi khuyến mại một dòng bên dưới.",
        "The file has only the header row and no deals: add one row per deal below it.",
    )


def too_many_rows(max_rows: int) -> IntakeError:
    return IntakeError(
        f"Tệp có hơn {thousands(max_rows)} dòng khuyến mại: hãy chia thành nhiều tệp.",
        f"The file has more than {max_rows:,} deal rows: split it into several files.",
    )
