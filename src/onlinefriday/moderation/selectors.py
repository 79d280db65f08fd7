"""Reads for moderators: the queue, one deal's evidence, the audit log, re-judging jobs."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from onlinefriday.deals.models import Deal, DealReason, DealStatus
from onlinefriday.festivals.models import Festival
from onlinefriday.moderation.models import Decision, RejudgeJob, ShopperReport


def _open_reports_count() -> Subquery:
    reports = (
        ShopperReport.objects.filter(deal=OuterRef("pk"), resolved_at__isnull=True)
        .order_by()
        .values("deal")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(reports, output_field=IntegerField()), 0)


def moderation_queue(filters: dict) -> QuerySet[Deal]:
    """Deals in review and deals with shoppers' reports not yet answered, the reported first,
    then the longest waiting. ``filters`` (all optional): ``rule`` (a rule code), ``category``,
    ``platform``, ``festival`` (model instances), ``merchant`` (part of a name, or a tax code)."""
    reported = ShopperReport.objects.filter(resolved_at__isnull=True).values("deal_id")
    deals = Deal.objects.filter(Q(status=DealStatus.REVIEW) | Q(pk__in=reported)).annotate(
        open_reports=_open_reports_count()
    )
    if rule := filters.get("rule"):
        deals = deals.filter(Exists(DealReason.objects.filter(deal=OuterRef("pk"), code=rule)))
    for name in ("category", "platform", "festival"):
        if value := filters.get(name):
            lookup = "product__category" if name == "category" else name
            deals = deals.filter(**{lookup: value})
    if merchant := filters.get("merchant"):
        deals = deals.filter(
            Q(product__merchant__name__icontains=merchant)
            | Q(product__merchant__tax_code=merchant.replace(" ", ""))
        )
    return (
        deals.select_related("product__merchant", "product__category", "platform", "festival")
        .prefetch_related("reasons")
        .order_by("-open_reports", "judged_at", "pk")
    )


def deal_evidence(pk: int) -> Deal:
    """A deal with what a moderator decides on: the engine's reasons, the shoppers' reports and
    the decisions so far (newest first). Raises Deal.DoesNotExist."""
    return (
        Deal.objects.select_related(
            "product__merchant", "product__category", "platform", "festival", "shop"
        )
        .prefetch_related(
            "reasons",
            Prefetch("reports", ShopperReport.objects.order_by("-created_at", "-pk")),
            Prefetch("decisions", Decision.objects.select_related("actor")),
        )
        .annotate(open_reports=_open_reports_count())
        .get(pk=pk)
    )


def decision_log(festival: Festival | None = None) -> QuerySet[Decision]:
    """Every decision, newest first; of one festival's deals when given."""
    decisions = Decision.objects.select_related(
        "deal__product__merchant", "deal__festival", "actor"
    )
    if festival is not None:
        decisions = decisions.filter(deal__festival=festival)
    return decisions


def festivals_for_rejudging() -> list[Festival]:
    """Every festival with its number of deals and its latest re-judging job (or None)."""
    festivals = list(Festival.objects.annotate(deal_count=Count("deals")))
    latest = {}
    for job in RejudgeJob.objects.filter(festival__in=festivals).order_by("created_at", "pk"):
        latest[job.festival_id] = job
    for festival in festivals:
        festival.latest_job = latest.get(festival.pk)
    return festivals


def rejudge_job(pk: int) -> RejudgeJob:
    """Raises RejudgeJob.DoesNotExist."""
    return RejudgeJob.objects.select_related("festival", "requested_by").get(pk=pk)
