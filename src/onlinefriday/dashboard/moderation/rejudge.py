"""Organisers judge every deal of a festival again after a rule changed: the button, and the
job's progress (a page that refreshes itself, and the JSON its script polls).

Organisers only: a rule change is theirs to make, and so is its effect on every merchant.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from onlinefriday.accounts.roles import organiser_required
from onlinefriday.festivals.models import Festival
from onlinefriday.moderation import rejudging, selectors
from onlinefriday.moderation.models import RejudgeJob


@organiser_required
def festivals(request: HttpRequest) -> HttpResponse:
    """Each festival with its deals, its latest re-judging, and the button to start one."""
    return render(
        request,
        "dashboard/moderation/rejudge.html",
        {"festivals": selectors.festivals_for_rejudging()},
    )


@organiser_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        festival = Festival.objects.get(slug=slug)
    except Festival.DoesNotExist:
        raise Http404(_("There is no festival with this address.")) from None
    job = rejudging.request_rejudge(festival, request.user)
    messages.success(
        request,
        _("Every deal of %(festival)s is being judged again; this page shows the progress.")
        % {"festival": festival.name},
    )
    return redirect("dashboard:moderation:rejudge-job", pk=job.pk)


def _job_or_404(pk: int) -> RejudgeJob:
    try:
        return selectors.rejudge_job(pk)
    except RejudgeJob.DoesNotExist:
        raise Http404(_("There is no re-judging job with this number.")) from None


@organiser_required
@never_cache
def job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(pk)
    return render(
        request, "dashboard/moderation/rejudge_job.html", {"job": job, "progress": progress(job)}
    )


@organiser_required
@never_cache
def job_progress(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(progress(_job_or_404(pk)))


def progress(job: RejudgeJob) -> dict:
    """What the progress bar shows; the page's script updates the page from this."""
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.finished,
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "accepted": job.accepted,
        "review": job.review,
        "rejected": job.rejected,
        "changed": job.changed,
    }
