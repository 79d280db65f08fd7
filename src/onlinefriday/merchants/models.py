from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.Model):
    """A marketplace (Shopee, Tiki, ...) or 'the merchant's own website'; links are checked
    against its domains."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    is_marketplace = models.BooleanField(_("marketplace"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")

    def __str__(self) -> str:
        return self.name


class BusinessType(models.TextChoices):
    COMPANY = "company", _("Company")
    BRANCH = "branch", _("Branch")
    HOUSEHOLD = "household", _("Household business")
    INDIVIDUAL = "individual", _("Individual")
    COOPERATIVE = "cooperative", _("Cooperative")


class MerchantStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail verification")
    VERIFIED = "verified", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Merchant(models.Model):
    """A business identified by its tax code (10 or 13 digits, or a 12-digit personal ID)."""

    name = models.CharField(_("business name"), max_length=250)
    tax_code = models.CharField(_("tax code"), max_length=14, unique=True)
    business_type = models.CharField(
        _("business type"), max_length=20, choices=BusinessType.choices
    )
    province_code = models.PositiveSmallIntegerField(_("province"), null=True, blank=True)
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=20, choices=MerchantStatus.choices, default=MerchantStatus.PENDING
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")

    def __str__(self) -> str:
        return f"{self.name} ({self.tax_code})"


class Shop(models.Model):
    """A merchant's shop on one platform."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="shops")
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="shops")
    name = models.CharField(_("shop name"), max_length=200)
    url = models.URLField(_("shop URL"), max_length=500)

    class Meta:
        ordering = ["platform__name", "name"]
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        constraints = [models.UniqueConstraint(fields=["platform", "url"], name="shop_unique_url")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.platform}"
