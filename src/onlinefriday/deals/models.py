import uuid

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A goods category shoppers browse by."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """What a merchant sells, identified by its SKU; its price history spans festivals."""

    # Found through the (merchant, SKU) constraint's index; one of its own would only cost writes.
    merchant = models.ForeignKey(
        "merchants.Merchant", on_delete=models.CASCADE, related_name="products", db_index=False
    )
    sku = models.CharField(_("SKU"), max_length=100)
    # Blank until a deal names it: price observations may come first.
    title = models.CharField(_("title"), max_length=300, blank=True)
    brand = models.CharField(_("brand"), max_length=120, blank=True)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", null=True, blank=True
    )
    origin_country = models.CharField(_("country of origin"), max_length=2, blank=True)
    made_in_vietnam = models.BooleanField(_("Vietnamese goods"), default=False)
    image_url = models.URLField(_("image"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.UniqueConstraint(fields=["merchant", "sku"], name="product_unique_sku"),
        ]

    def __str__(self) -> str:
        return self.title


class DealStatus(models.TextChoices):
    """Where a deal is in review. 'Published' and 'expired' follow from the clock, not from here."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REVIEW = "review", _("In review")
    REJECTED = "rejected", _("Rejected")


class DealSource(models.TextChoices):
    FORM = "form", _("Web form")
    FILE = "file", _("File upload")
    API = "api", _("Partner API")
    DEMO = "demo", _("Demo data")


class Deal(models.Model):
    """A product's offer in one festival: prices in integer VND, a link to the marketplace.

    ``status`` is the engine's verdict (or a moderator's decision); whether shoppers see it
    follows from the status and the clock (see ``deals.selectors``).
    """

    # Found through the (festival, product) constraint's index.
    festival = models.ForeignKey(
        "festivals.Festival", on_delete=models.CASCADE, related_name="deals", db_index=False
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="deals")
    platform = models.ForeignKey(
        "merchants.Platform", on_delete=models.PROTECT, related_name="deals", null=True, blank=True
    )
    shop = models.ForeignKey(
        "merchants.Shop", on_delete=models.PROTECT, related_name="deals", null=True, blank=True
    )
    url = models.URLField(_("link"), max_length=1000)
    price = models.PositiveBigIntegerField(_("price before the promotion (VND)"))
    sale_price = models.PositiveBigIntegerField(_("sale price (VND)"))
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    stock = models.PositiveIntegerField(_("promotional stock"), null=True, blank=True)
    coupon_code = models.CharField(_("coupon code"), max_length=60, blank=True)
    genuine_declared = models.BooleanField(_("declared genuine"), default=False)
    description = models.TextField(_("description"), blank=True, default="", db_default="")
    status = models.CharField(
        _("status"), max_length=20, choices=DealStatus.choices, default=DealStatus.SUBMITTED
    )
    featured = models.BooleanField(_("featured"), default=False, db_default=False)
    judged_at = models.DateTimeField(_("judged at"), null=True, blank=True)
    # The last moderator's reason, which the merchant reads beside the status.
    moderation_note = models.TextField(_("moderator's note"), blank=True, default="", db_default="")
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=DealSource.choices,
        default=DealSource.FORM,
        db_default=DealSource.FORM,
    )
    # SHA-256 of the deal as last submitted: the same deal sent again changes nothing.
    submitted_hash = models.CharField(max_length=64, blank=True, default="", db_default="")
    # Set when enough shoppers reported the deal (moderation.reports): off the storefront until
    # a moderator decides.
    hidden_at = models.DateTimeField(_("hidden by shoppers' reports"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        constraints = [
            models.UniqueConstraint(fields=["festival", "product"], name="deal_unique_product"),
        ]
        indexes = [models.Index(fields=["festival", "status", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.product} ({self.sale_price} VND)"


class DealReason(models.Model):
    """One reason the engine gave for a deal's verdict (codes: compliance.rules)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="reasons")
    code = models.CharField(_("rule"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10)
    message = models.TextField(_("message"))
    message_en = models.TextField(_("message in English"))

    class Meta:
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")
        indexes = [models.Index(fields=["code", "deal"])]

    def __str__(self) -> str:
        return self.code


class ObservationSource(models.TextChoices):
    MERCHANT = "merchant", _("Declared by the merchant")
    PLATFORM = "platform", _("Reported by the platform")
    CRAWLER = "crawler", _("Observed on the listing")
    DEMO = "demo", _("Demo data")


class PriceObservation(models.Model):
    """The price a product was sold at, at one moment; the evidence behind every 'before' price.

    One price per product, moment and source: sending the same observation again changes nothing
    (or corrects its price), so uploads and API calls can be retried safely.
    """

    # Found through the (product, moment, source) constraint's index.
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    observed_at = models.DateTimeField(_("observed at"))
    price = models.PositiveBigIntegerField(_("price (VND)"))
    source = models.CharField(_("source"), max_length=20, choices=ObservationSource.choices)

    class Meta:
        ordering = ["product", "observed_at"]
        verbose_name = _("price observation")
        verbose_name_plural = _("price observations")
        # Its index also serves reads by (product, observed_at).
        constraints = [
            models.UniqueConstraint(
                fields=["product", "observed_at", "source"], name="observation_unique_moment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.observed_at:%Y-%m-%d} {self.price}"


def _deal_files():
    """The private storage of uploaded deal files (settings.STORAGES["deal_files"])."""
    return storages["deal_files"]


def _deal_file_name(job: "ImportJob", filename: str) -> str:
    """A name that says nothing of the merchant's own file name (kept in ``original_name``)."""
    return f"{timezone.now():%Y/%m}/{job.merchant_id}-{uuid.uuid4().hex}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Processing")
    DONE = "done", _("Done")
    FAILED = "failed", _("File refused")


class ImportJob(models.Model):
    """A deal file a merchant uploaded, processed in the background row by row.

    The file is stored before anything is read from it and kept for audit. Counters and
    ``last_row`` change in the same transaction as the deals of each chunk of rows, so a job a
    worker left half done resumes after ``last_row`` and ends as an uninterrupted run would.
    """

    merchant = models.ForeignKey(
        "merchants.Merchant", on_delete=models.CASCADE, related_name="import_jobs"
    )
    festival = models.ForeignKey(
        "festivals.Festival", on_delete=models.CASCADE, related_name="import_jobs"
    )
    uploaded_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(_("file"), storage=_deal_files, upload_to=_deal_file_name)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    format = models.CharField(_("format"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    last_row = models.PositiveIntegerField(default=0)  # the file's row number to resume after
    accepted = models.PositiveIntegerField(_("accepted"), default=0)
    review = models.PositiveIntegerField(_("in review"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    invalid = models.PositiveIntegerField(_("invalid"), default=0)
    warnings = models.JSONField(default=list, blank=True)  # [{"message": vi, "message_en": en}]
    error_message = models.TextField(blank=True)  # why the whole file was refused (vi)
    error_message_en = models.TextField(blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    progressed_at = models.DateTimeField(null=True, blank=True)  # a live worker moves it
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        indexes = [
            models.Index(fields=["merchant", "-created_at"]),
            models.Index(fields=["status", "progressed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class RowVerdict(models.TextChoices):
    """A row's outcome: the engine's verdict, or 'invalid' when the row could not be read or
    stored (its errors say why)."""

    ACCEPTED = "accepted", _("Accepted")
    REVIEW = "review", _("In review")
    REJECTED = "rejected", _("Rejected")
    INVALID = "invalid", _("Invalid")


class ImportRow(models.Model):
    """What became of one row of an import job: what the per-row report lists, and the keys
    that find a SKU or link repeated in a later chunk of the same file."""

    # Found through the (job, row) constraint's index.
    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    row = models.PositiveIntegerField(_("row"))
    sku = models.CharField(_("SKU"), max_length=100, blank=True)
    # Empty for a row that never reached the engine: only judged rows count as 'earlier'.
    sku_key = models.CharField(max_length=300, blank=True)
    url_key = models.CharField(max_length=64, blank=True)  # SHA-256 of the link: any length
    verdict = models.CharField(_("verdict"), max_length=10, choices=RowVerdict.choices)
    messages = models.TextField(_("reasons"), blank=True)  # one per line, Vietnamese
    messages_en = models.TextField(blank=True)

    class Meta:
        ordering = ["job", "row"]
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        constraints = [
            models.UniqueConstraint(fields=["job", "row"], name="import_row_unique"),
        ]
        indexes = [
            models.Index(fields=["job", "sku_key"]),
            models.Index(fields=["job", "url_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row} {self.verdict}"
