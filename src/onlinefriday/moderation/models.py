"""Moderators' decisions on deals (an append-only audit log), shoppers' reports, and the jobs
that judge a festival's deals again after a rule changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onlinefriday.deals.models import DealStatus


class AuditLogIsAppendOnly(Exception):
    """A decision, once written, is never changed nor removed: the log is evidence."""


class DecisionQuerySet(models.QuerySet):
    """Bulk changes would bypass ``Decision.save``/``delete``: refused too."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("decisions are never updated")

    def delete(self):
        raise AuditLogIsAppendOnly("decisions are never deleted")


class DecisionAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    REJUDGE = "rejudge", _("Judged again")


class Decision(models.Model):
    """One decision on a deal: who (None for the system), when, from which status to which,
    why (the reason the merchant receives) and the engine's rule codes at that moment."""

    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("deal")
    )
    actor = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=10, choices=DecisionAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=DealStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=DealStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    rule_codes = models.JSONField(_("rule codes"), default=list, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["deal", "at"])]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.action} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("decisions are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("decisions are never deleted")


class ReportReason(models.TextChoices):
    FAKE_DISCOUNT = "fake_discount", _("Fake discount")
    COUNTERFEIT = "counterfeit", _("Counterfeit goods")
    WRONG_PRICE = "wrong_price", _("Wrong price")
    BROKEN_LINK = "broken_link", _("Broken link")
    EXPIRED_COUPON = "expired_coupon", _("Expired coupon")
    OTHER = "other", _("Other")


class ShopperReport(models.Model):
    """A shopper's report that a deal is wrong. Who reported is kept only as a hash (never an
    address), enough to count one shopper once; a moderator's decision on the deal resolves it."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    reporter_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shopper report")
        verbose_name_plural = _("shopper reports")
        indexes = [models.Index(fields=["deal", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.reason}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RejudgeJob(models.Model):
    """Judging every deal of a festival again, in chunks by deal id. ``last_deal_id`` and the
    counts are committed with each chunk, so a worker killed mid-job leaves it resumable."""

    festival = models.ForeignKey(
        "festivals.Festival", on_delete=models.CASCADE, related_name="rejudge_jobs"
    )
    requested_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("deals"), default=0)
    done = models.PositiveIntegerField(_("deals judged"), default=0)
    last_deal_id = models.PositiveBigIntegerField(default=0)
    accepted = models.PositiveIntegerField(_("accepted"), default=0)
    review = models.PositiveIntegerField(_("in review"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    changed = models.PositiveIntegerField(_("status changed"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("re-judging job")
        verbose_name_plural = _("re-judging jobs")

    def __str__(self) -> str:
        return f"{self.festival} {self.status} {self.done}/{self.total}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
