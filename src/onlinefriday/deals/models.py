from django.db import models
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

    merchant = models.ForeignKey(
        "merchants.Merchant", on_delete=models.CASCADE, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
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


class Deal(models.Model):
    """A product's offer in one festival: prices in integer VND, a link to the marketplace."""

    festival = models.ForeignKey(
        "festivals.Festival", on_delete=models.CASCADE, related_name="deals"
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="deals")
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
    status = models.CharField(
        _("status"), max_length=20, choices=DealStatus.choices, default=DealStatus.SUBMITTED
    )
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


class ObservationSource(models.TextChoices):
    MERCHANT = "merchant", _("Declared by the merchant")
    PLATFORM = "platform", _("Reported by the platform")
    CRAWLER = "crawler", _("Observed on the listing")
    DEMO = "demo", _("Demo data")


class PriceObservation(models.Model):
    """The price a product was sold at, at one moment; the evidence behind every 'before' price."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="observations")
    observed_at = models.DateTimeField(_("observed at"))
    price = models.PositiveBigIntegerField(_("price (VND)"))
    source = models.CharField(_("source"), max_length=20, choices=ObservationSource.choices)

    class Meta:
        ordering = ["product", "observed_at"]
        verbose_name = _("price observation")
        verbose_name_plural = _("price observations")
        indexes = [models.Index(fields=["product", "observed_at"])]

    def __str__(self) -> str:
        return f"{self.product_id} {self.observed_at:%Y-%m-%d} {self.price}"
