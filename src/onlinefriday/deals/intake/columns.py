"""The columns of a deal file: one table for the readers, the template and the messages.

A column is found by any of its names, compared through ``folded_key`` (case, diacritics,
spacing and punctuation do not matter): the template's Vietnamese header, the API's field name,
Google Merchant Center's attribute name and a few names merchants commonly write.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from onlinefriday.core.text import folded_key
from onlinefriday.deals.intake import values
from onlinefriday.deals.intake.base import IntakeError, Warning
from onlinefriday.deals.intake.values import Cell

Reader = Callable[[str, Cell], dict[str, Any]]  # (API field, cell) -> DealIn fields


def _text(field: str, cell: Cell) -> dict[str, Any]:
    return {field: values.text(cell)}


def _code(field: str, cell: Cell) -> dict[str, Any]:
    return {field: values.code(cell)}


def _amount(field: str, cell: Cell) -> dict[str, Any]:
    amount, currency = values.amount(cell)
    # a currency written with the amount ("65.00 USD") must agree with the row's others
    return {field: amount} if currency is None else {field: amount, WRITTEN_CURRENCY: currency}


def _boolean(field: str, cell: Cell) -> dict[str, Any]:
    return {field: values.boolean(cell)}


def _moment(field: str, cell: Cell) -> dict[str, Any]:
    return {field: values.moment(cell)}


def _whole_number(field: str, cell: Cell) -> dict[str, Any]:
    return {field: values.whole_number(cell)}


def _period(field: str, cell: Cell) -> dict[str, Any]:
    starts_at, ends_at = values.period(cell)
    return {"starts_at": starts_at, "ends_at": ends_at}


def _availability(field: str, cell: Cell) -> dict[str, Any]:
    stock = values.stock_from_availability(cell)
    return {} if stock is None else {"stock": stock}


def _as_is(field: str, cell: Cell) -> dict[str, Any]:
    return {field: cell}


WRITTEN_CURRENCY = "currency written with an amount"


@dataclass(frozen=True)
class Column:
    field: str  # the API's field name (or, for a Google-only column, Google's name)
    header: str  # Vietnamese, as the template writes it ("" for columns not in the template)
    label_en: str
    read: Reader
    required: bool = False  # in our template's or the API's format
    google: tuple[str, ...] = ()  # Google Merchant Center's attribute names for it
    aliases: tuple[str, ...] = ()  # other names merchants write
    google_required: bool = False  # in a Google Merchant Center feed
    help: str = ""  # Vietnamese: what to write, for the template's guide
    example: Any = ""  # the template's example row

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(
            name for name in (self.header, self.field, *self.google, *self.aliases) if name
        )

    @property
    def google_name(self) -> str:
        return self.google[0] if self.google else self.field

    def label(self, google_feed: bool) -> str:
        """How a message names the column to the merchant: as their kind of file names it."""
        return self.google_name if google_feed or not self.header else self.header


YES_NO = "có / không (hoặc x cho có)"
COLUMNS = (
    Column(
        "sku", "Mã SKU", "SKU", _text, required=True, google=("id",),
        aliases=("Mã sản phẩm", "Mã hàng"), google_required=True,
        help="Mã sản phẩm của cửa hàng, mỗi khuyến mại một mã (tối đa 100 ký tự).",
        example="IP15-128-DEN",
    ),
    Column(
        "title", "Tên sản phẩm", "Product name", _text, required=True, google=("title",),
        aliases=("Tên hàng",), google_required=True,
        help="Tên đầy đủ như trên trang bán (tối đa 300 ký tự).",
        example="Điện thoại iPhone 15 128GB màu đen",
    ),
    Column(
        "category", "Danh mục", "Category", _text, google=("google_product_category",),
        aliases=("Ngành hàng",),
        help="Mã danh mục trong danh sách bên dưới.",
    ),
    Column(
        "brand", "Thương hiệu", "Brand", _text, google=("brand",), aliases=("Nhãn hiệu",),
        help="Tên thương hiệu (tối đa 120 ký tự).", example="Apple",
    ),
    Column(
        "gtin", "Mã vạch (GTIN)", "Barcode (GTIN)", _text, google=("gtin",),
        aliases=("Mã vạch", "Barcode", "EAN"),
        help="Mã vạch GTIN/EAN 8 đến 14 chữ số, nếu có.", example="0195949036354",
    ),
    Column(
        "url", "Đường dẫn sản phẩm", "Product link", _text, required=True, google=("link",),
        aliases=("Đường dẫn", "Link sản phẩm"), google_required=True,
        help="Đường dẫn https tới trang sản phẩm trên sàn hoặc website đã đăng ký.",
        example="https://shopee.vn/iphone-15-128gb-den-i.123456.789012",
    ),
    Column(
        "platform", "Nền tảng", "Platform", _text, aliases=("Sàn",),
        help="Mã nền tảng trong danh sách bên dưới; để trống thì tính theo đường dẫn.",
    ),
    Column(
        "price", "Giá trước khuyến mại (VND)", "Price before the promotion (VND)", _amount,
        required=True, google=("price",), aliases=("Giá trước khuyến mại", "Giá gốc"),
        google_required=True,
        help="Giá bán thực tế ngay trước khuyến mại, số đồng nguyên (ví dụ 22990000 hoặc "
        "22.990.000). Không được cao hơn giá thấp nhất trong 30 ngày trước khuyến mại.",
        example=22_990_000,
    ),
    Column(
        "sale_price", "Giá khuyến mại (VND)", "Sale price (VND)", _amount, required=True,
        google=("sale_price",), aliases=("Giá khuyến mại", "Giá sau khuyến mại"),
        help="Giá bán trong thời gian khuyến mại, số đồng nguyên.", example=18_990_000,
    ),
    Column(
        "currency", "Tiền tệ", "Currency", _code, aliases=("Đơn vị tiền tệ",),
        help="VND (để trống là VND).", example="VND",
    ),
    Column(
        "starts_at", "Bắt đầu", "Starts", _moment, aliases=("Thời gian bắt đầu", "Ngày bắt đầu"),
        help="Ngày giờ bắt đầu, dd/mm/yyyy hh:mm (giờ Việt Nam); để trống là lúc chương trình bắt "
        "đầu.",
    ),
    Column(
        "ends_at", "Kết thúc", "Ends", _moment, aliases=("Thời gian kết thúc", "Ngày kết thúc"),
        help="Ngày giờ kết thúc, dd/mm/yyyy hh:mm (giờ Việt Nam); chỉ ghi ngày là 00:00 của "
        "ngày đó; để trống là lúc chương trình kết thúc.",
    ),
    Column(
        "origin_country", "Xuất xứ (mã nước)", "Origin (country code)", _code,
        aliases=("Xuất xứ", "Nước sản xuất"),
        help="Mã nước hai chữ cái ISO 3166-1, ví dụ VN, CN, US.", example="CN",
    ),
    Column(
        "genuine", "Cam kết chính hãng", "Genuine guarantee", _boolean, aliases=("Chính hãng",),
        help=f"Cửa hàng cam kết hàng chính hãng: {YES_NO}. Chỉ hàng được cam kết chính hãng "
        "mới được tham gia.",
        example="có",
    ),
    Column(
        "made_in_vietnam", "Hàng Việt Nam", "Made in Vietnam", _boolean,
        aliases=("Hàng Việt", "Sản xuất tại Việt Nam"),
        help=f"Hàng sản xuất tại Việt Nam: {YES_NO}; để trống là không.", example="không",
    ),
    Column(
        "coupon_code", "Mã giảm giá", "Coupon code", _text, aliases=("Voucher", "Coupon"),
        help="Mã người mua nhập để được giá khuyến mại, nếu có.",
    ),
    Column(
        "stock", "Số lượng khuyến mại", "Promotion stock", _whole_number,
        aliases=("Số lượng", "Tồn kho"),
        help="Số sản phẩm bán với giá khuyến mại; để trống nếu không giới hạn.", example=500,
    ),
    Column(
        "image_url", "Ảnh sản phẩm", "Product image", _text, google=("image_link",),
        aliases=("Link ảnh", "Ảnh"),
        help="Đường dẫn https tới ảnh sản phẩm.",
        example="https://cf.shopee.vn/file/iphone-15-den.jpg",
    ),
    Column(
        "description", "Mô tả", "Description", _text, google=("description",),
        aliases=("Mô tả sản phẩm",), help="Mô tả ngắn (tối đa 5.000 ký tự).",
        example="Hàng chính hãng VN/A, bảo hành 12 tháng.",
    ),
    Column(
        "discount_days_past_year", "Số ngày đã giảm giá trong năm qua",
        "Discount days in the past year", _whole_number,
        help="Số ngày sản phẩm đã được giảm giá trong 365 ngày trước khi bắt đầu, trong các "
        "chương trình tính vào giới hạn 120 ngày một năm (để trống là 0).", example=12,
    ),
    Column(
        "sale_price_effective_date", "", "Sale period", _period,
        google=("sale_price_effective_date",),
    ),
    Column("availability", "", "Availability", _availability, google=("availability",)),
    Column("price_history", "", "Price history", _as_is),  # JSON only: a list of observations
)  # fmt: skip
BY_NAME = {folded_key(name): column for column in COLUMNS for name in column.names}
# Names only Google Merchant Center uses: a file that has one is a Google feed.
GOOGLE_ONLY = {
    folded_key(name)
    for name in (
        "id",
        "link",
        "image_link",
        "google_product_category",
        "sale_price_effective_date",
        "availability",
    )
}
TEMPLATE_COLUMNS = tuple(column for column in COLUMNS if column.header)


@dataclass(frozen=True)
class Mapped:
    column: Column
    header: str  # as the file writes it
    index: int  # its position in the header row


@dataclass(frozen=True)
class HeaderMap:
    """Which of the file's columns is which, and the ones that are not ours (ignored)."""

    mapped: tuple[Mapped, ...]
    unknown: tuple[str, ...]
    google_feed: bool  # Google Merchant Center's names: its required columns, its names in messages

    def cells(self, row: Sequence[Cell]) -> Iterator[tuple[Mapped, Cell]]:
        """Each known column's cell in a row read by position (a short row has blanks)."""
        for mapped in self.mapped:
            yield mapped, row[mapped.index] if mapped.index < len(row) else None

    def keyed(self, row: dict[str, Cell]) -> Iterator[tuple[Mapped, Cell]]:
        """Each known column's value in a row read by name (a feed's item, a JSON object)."""
        for mapped in self.mapped:
            yield mapped, row.get(mapped.header)

    @property
    def columns(self) -> dict[str, str]:
        return {mapped.column.field: mapped.header for mapped in self.mapped}

    @property
    def warnings(self) -> list[Warning]:
        if not self.unknown:
            return []
        names = ", ".join(f"“{name}”" for name in self.unknown)
        names_en = ", ".join(f"'{name}'" for name in self.unknown)
        return [
            Warning(
                f"Đã bỏ qua {len(self.unknown)} cột không nhận ra: {names}. Tên các cột xem ở "
                "trang “Hướng dẫn” của tệp mẫu.",
                f"Ignored {len(self.unknown)} unknown column(s): {names_en}. The column names "
                "are listed on the “Hướng dẫn” (guide) sheet of the template.",
            )
        ]


def map_headers(headers: Iterable[str], *, google_feed: bool | None = None) -> HeaderMap:
    """Find our columns among the file's headers. A Google feed (``google_feed=None``: judged
    from the headers) needs Google's required columns, any other file ours. Raises IntakeError
    naming the missing required columns, or a column written twice."""
    headers = [str(header).strip() for header in headers]
    keys = [folded_key(header) for header in headers]
    if google_feed is None:
        google_feed = any(key in GOOGLE_ONLY for key in keys)
    mapped: dict[str, Mapped] = {}
    unknown = []
    for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
        column = BY_NAME.get(key)
        if column is None:
            if header:
                unknown.append(header)
            continue
        if column.field in mapped:
            first = mapped[column.field].header
            label, label_en = column.label(google_feed), column.label_en
            raise IntakeError(
                f"Hai cột “{first}” và “{header}” cùng là {label}: giữ lại một cột.",
                f"The columns '{first}' and '{header}' are both {label_en}: keep one.",
            )
        mapped[column.field] = Mapped(column, header, index)
    missing = [
        column
        for column in COLUMNS
        if (column.google_required if google_feed else column.required)
        and column.field not in mapped
    ]
    if missing:
        raise _missing_columns(missing, google_feed)
    return HeaderMap(tuple(mapped.values()), tuple(unknown), google_feed)


def _missing_columns(missing: list[Column], google_feed: bool) -> IntakeError:
    names = ", ".join(column.label(google_feed) for column in missing)
    names_en = ", ".join(
        column.google_name if google_feed else column.label_en for column in missing
    )
    if google_feed:
        return IntakeError(
            f"Thiếu cột bắt buộc: {names}. Nguồn cấp Google Merchant Center cần các thuộc tính "
            "id, title, link và price.",
            f"Missing required columns: {names_en}. A Google Merchant Center feed needs the "
            "attributes id, title, link and price.",
        )
    fields = ", ".join(column.field for column in missing)
    return IntakeError(
        f"Thiếu cột bắt buộc: {names}. Thêm vào dòng tiêu đề (dòng 1) như trong tệp mẫu; tên "
        f"trường của API ({fields}) cũng được.",
        f"Missing required columns: {names_en}. Add them to the header row (row 1) as in the "
        f"template; the API's field names ({fields}) work too.",
    )
