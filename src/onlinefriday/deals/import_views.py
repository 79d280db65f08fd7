"""The merchant area's deal files: upload, the job's progress, the per-row reports, the template.

A user only ever sees its own merchant's jobs: another merchant's job number answers 404, as a
number that does not exist. The file is stored and queued by ``import_services``; nothing in it is
read inside the request.
"""

import tempfile

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from onlinefriday.accounts.roles import merchant_of, merchant_user_required
from onlinefriday.core.formatting import in_current_language
from onlinefriday.deals import import_selectors, import_services
from onlinefriday.deals.import_forms import DealFileForm
from onlinefriday.deals.intake import IntakeError
from onlinefriday.deals.intake.limits import megabytes, too_large
from onlinefriday.deals.intake.template import deal_template_xlsx
from onlinefriday.deals.models import Category, ImportJob
from onlinefriday.deals.submitting import SubmissionRefused
from onlinefriday.merchants.models import Platform

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}
JOBS_PER_PAGE = 50
# A multipart body carries the form's other fields and boundaries beside the file.
MULTIPART_MARGIN = 64 * 1024


@merchant_user_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Choose the festival and the file; the job's page follows the processing."""
    festivals = import_selectors.festivals_taking_deals()
    context = {
        "max_megabytes": megabytes(settings.DEAL_FILE_MAX_BYTES),
        "max_rows": settings.DEAL_FILE_MAX_ROWS,
        "has_festivals": festivals.exists(),
    }
    over_limit = int(request.META.get("CONTENT_LENGTH") or 0) > (
        settings.DEAL_FILE_MAX_BYTES + MULTIPART_MARGIN
    )
    if request.method == "POST" and over_limit:  # refused before the body is read
        refused = too_large(settings.DEAL_FILE_MAX_BYTES)
        context["refused"] = in_current_language(refused.message, refused.message_en)
        form = DealFileForm(festivals=festivals)
        return render(request, "deals/imports/upload.html", {**context, "form": form}, status=413)
    form = DealFileForm(request.POST or None, request.FILES or None, festivals=festivals)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_services.create_import_job(
                user=request.user,
                merchant=merchant_of(request.user),
                festival=form.cleaned_data["festival"],
                uploaded_file=form.cleaned_data["file"],
            )
        except (IntakeError, SubmissionRefused) as refused:
            form.add_error("file", in_current_language(refused.message, refused.message_en))
        else:
            return redirect("deals:import-detail", pk=job.pk)
    status = 400 if form.errors else 200
    return render(request, "deals/imports/upload.html", {**context, "form": form}, status=status)


@merchant_user_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    jobs = import_selectors.import_jobs_of(merchant_of(request.user))
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "deals/imports/list.html", {"page": page})


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    try:
        return import_selectors.import_job_of(merchant_of(request.user), pk)
    except ImportJob.DoesNotExist:
        raise Http404(_("You have no deal file with this number.")) from None


@merchant_user_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress (moved by a small script, or by reloading without one), its
    warnings, why the file was refused, and the reports once it is done."""
    job = _job_or_404(request, pk)
    return render(
        request,
        "deals/imports/detail.html",
        {
            "job": job,
            "error": in_current_language(job.error_message, job.error_message_en),
            "warnings": [in_current_language(w["message"], w["message_en"]) for w in job.warnings],
        },
    )


@merchant_user_required
@require_GET
@never_cache
def import_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """What the job page's script polls."""
    job = _job_or_404(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.finished,
            "total_rows": job.total_rows,
            "rows_done": job.rows_done,
            "accepted": job.accepted,
            "review": job.review,
            "rejected": job.rejected,
            "invalid": job.invalid,
        }
    )


@merchant_user_required
@require_GET
def import_report(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """Every row's verdict and reasons, written to a temporary file and streamed from it."""
    job = _job_or_404(request, pk)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response streams it, then closes it
    import_selectors.write_report(job, kind, out)
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"bao-cao-tep-{job.pk}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )


@merchant_user_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The XLSX template, with today's categories and platforms to choose from."""
    content = deal_template_xlsx(
        list(Category.objects.values_list("slug", "name")),
        list(Platform.objects.values_list("code", "name")),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-uu-dai-online-friday.xlsx"'
    return response
