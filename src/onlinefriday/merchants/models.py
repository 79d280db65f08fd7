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


class RulesVersion(models.Model):
    """A version of the festival's rules that merchants accept when they register."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Merchant(models.Model):
    """A business identified by its tax code (10 or 13 digits, or a 12-digit personal ID).

    ``tax_code`` is stored normalised (``0100233488``, ``0100233488-001``, 12 digits), so one
    code in any spelling is one merchant. Personal data (representative, phone, a personal ID)
    is shown only to organisers and to the merchant itself.
    """

    name = models.CharField(_("business name"), max_length=250)
    tax_code = models.CharField(_("tax code"), max_length=14, unique=True)
    business_type = models.CharField(
        _("business type"), max_length=20, choices=BusinessType.choices
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("parent enterprise"),
    )
    representative = models.CharField(_("legal representative"), max_length=200, blank=True)
    province_code = models.PositiveSmallIntegerField(_("province"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"))
    categories = models.ManyToManyField(
        "deals.Category", blank=True, related_name="merchants", verbose_name=_("goods categories")
    )
    rules_version = models.ForeignKey(
        RulesVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merchants",
        verbose_name=_("rules accepted"),
    )
    rules_accepted_at = models.DateTimeField(_("rules accepted at"), null=True, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MerchantStatus.choices, default=MerchantStatus.PENDING
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
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


class MerchantEvent(models.Model):
    """The merchant's history: registration, verification and every decision (append-only)."""

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        EMAIL_VERIFIED = "email_verified", _("E-mail verified")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        USER_INVITED = "user_invited", _("User invited")

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("merchant event")
        verbose_name_plural = _("merchant events")

    def __str__(self) -> str:
        return f"{self.merchant_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class MerchantMembership(models.Model):
    """A user who works for a merchant; a user belongs to one merchant, a merchant has several."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="merchant_membership"
    )
    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="memberships")
    invited_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant user")
        verbose_name_plural = _("merchant users")

    def __str__(self) -> str:
        return f"{self.user} @ {self.merchant}"


class Partner(models.Model):
    """A platform or affiliate network that calls the API for the merchants it represents."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    merchants = models.ManyToManyField(
        Merchant, blank=True, related_name="partners", verbose_name=_("merchants represented")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class PartnerApiKey(models.Model):
    """An API key of a partner: only its SHA-256 is stored; the key is shown once, at creation."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def __str__(self) -> str:
        return f"{self.partner} {self.prefix}…"
