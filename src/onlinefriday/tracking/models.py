"""Clicks on deals, as counted after each flush (see ``tracking.flushing``): totals per deal for
the storefront's "most clicked" sort, totals per deal and Vietnam day for the organisers, and the
day's distinct visitors, known only by a hash whose salt is thrown away after two days."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DealClicks(models.Model):
    """Every click on a deal since it was published: people and, apart, known robots."""

    deal = models.OneToOneField(
        "deals.Deal", on_delete=models.CASCADE, primary_key=True, related_name="clicks"
    )
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)
    bot_clicks = models.PositiveBigIntegerField(_("clicks by robots"), default=0)

    class Meta:
        verbose_name = _("clicks on a deal")
        verbose_name_plural = _("clicks on deals")

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.clicks} (+{self.bot_clicks})"


class DailyClicks(models.Model):
    """The clicks on one deal during one day, Vietnam time."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="daily_clicks")
    day = models.DateField(_("day"))
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)
    bot_clicks = models.PositiveBigIntegerField(_("clicks by robots"), default=0)

    class Meta:
        verbose_name = _("clicks of a day")
        verbose_name_plural = _("clicks of each day")
        constraints = [
            models.UniqueConstraint(fields=["deal", "day"], name="daily_clicks_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.day}: {self.clicks} (+{self.bot_clicks})"


class DailyVisitor(models.Model):
    """One person who clicked a deal on a day, by the day's visitor hash: counts distinct
    visitors without keeping who they are."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    visitor_hash = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "day", "visitor_hash"], name="daily_visitor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.day} {self.visitor_hash}"


class VisitorSalt(models.Model):
    """The random salt of one Vietnam day's visitor hashes. Deleted two days later, so that no
    one, not even with the server's secret key, can tell which address a hash stood for."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class FlushedBatch(models.Model):
    """A batch of clicks already added to the counts (a journal file or a Redis list): a flush
    that stopped between counting a batch and deleting it does not count it twice."""

    name = models.CharField(max_length=120, primary_key=True)
    flushed_at = models.DateTimeField(auto_now_add=True)
    clicks = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.clicks}"
