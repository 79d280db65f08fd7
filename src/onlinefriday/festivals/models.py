from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from onlinefriday.compliance.banned import BannedGoods
from onlinefriday.festivals import schedule


class PromotionKind(models.TextChoices):
    """Decree 81/2018 Art. 7 (as amended by 128/2024): the discount cap depends on the kind."""

    CONCENTRATED = "concentrated", _("Concentrated promotion (cap 100%)")
    REGULAR = "regular", _("Regular promotion (cap 50%)")


DISCOUNT_CAP_PERCENT = {PromotionKind.CONCENTRATED: 100, PromotionKind.REGULAR: 50}


class Festival(models.Model):
    """A shopping festival: a window of time in which approved deals are published."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    starts_at = models.DateTimeField(_("shopping window starts"))
    ends_at = models.DateTimeField(_("shopping window ends"))
    promotion_kind = models.CharField(
        _("promotion kind"),
        max_length=20,
        choices=PromotionKind.choices,
        default=PromotionKind.CONCENTRATED,
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    review_closes_at = models.DateTimeField(_("review period ends"), null=True, blank=True)
    programme_title = models.CharField(_("programme title"), max_length=200, blank=True)
    programme_starts_on = models.DateField(_("programme starts on"), null=True, blank=True)
    programme_ends_on = models.DateField(_("programme ends on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    # What the compliance engine asks of this festival's deals (compliance.selectors.terms_for).
    min_price_observations = models.PositiveSmallIntegerField(
        _("price observations needed"),
        default=3,
        help_text=_(
            "Fewer prices seen in the 30 days before a deal starts send it to a moderator "
            "(NO_PRICE_HISTORY)."
        ),
    )
    featured_min_price = models.PositiveBigIntegerField(
        _("featured: lowest price before the promotion (VND)"), default=3_000_000
    )
    featured_min_discount_percent = models.PositiveSmallIntegerField(
        _("featured: smallest discount (%)"), default=30
    )
    featured_min_savings = models.PositiveBigIntegerField(
        _("featured: smallest total saving (VND)"),
        default=30_000_000,
        help_text=_("(price before - sale price) x promotional stock"),
    )
    banned_goods = models.JSONField(
        _("goods that may not be promoted"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: the default list (Decree 81/2018 Art. 5). To replace it, give the same "
            "shape as compliance/banned_goods.toml, as JSON."
        ),
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="festival_window_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def discount_cap_percent(self) -> int:
        return DISCOUNT_CAP_PERCENT[PromotionKind(self.promotion_kind)]

    @property
    def timeline(self) -> schedule.Timeline:
        return schedule.Timeline(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            registration_opens_at=self.registration_opens_at,
            registration_closes_at=self.registration_closes_at,
            review_closes_at=self.review_closes_at,
        )

    def state(self, now=None) -> schedule.State:
        return self.timeline.state_at(now)

    def clean(self) -> None:
        try:
            self.timeline.validate()
        except ValueError as error:
            raise ValidationError(str(error)) from error
        if self.banned_goods is not None:
            try:
                BannedGoods(self.banned_goods)
            except ValueError as error:
                raise ValidationError({"banned_goods": str(error)}) from error
        if (
            self.programme_starts_on
            and self.programme_ends_on
            and self.programme_ends_on < self.programme_starts_on
        ):
            raise ValidationError({"programme_ends_on": _("The programme ends before it starts.")})


class FlashSlot(models.Model):
    """A named time range inside the shopping window (e.g. 'Giờ vàng 0h')."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="flash_slots")
    name = models.CharField(_("name"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("flash slot")
        verbose_name_plural = _("flash slots")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError(_("A flash slot must end after it starts."))
        festival = self.festival if self.festival_id else None
        if festival and self.starts_at and self.ends_at:
            window = (festival.starts_at, festival.ends_at)
            if not (window[0] <= self.starts_at and self.ends_at <= window[1]):
                raise ValidationError(_("A flash slot must lie inside the shopping window."))


class ProgrammeEvent(models.Model):
    """An event of the festival's programme; with no start time it is 'to be announced'."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "starts_at", "id"]
        verbose_name = _("programme event")
        verbose_name_plural = _("programme events")

    def __str__(self) -> str:
        return self.title

    @property
    def time_announced(self) -> bool:
        return self.starts_at is not None

    def clean(self) -> None:
        if self.ends_at and not self.starts_at:
            raise ValidationError({"starts_at": _("An event with an end needs a start.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event ends before it starts.")})
