"""Organisers' view of the deal files merchants uploaded: every job, and each original file as it
was received (the audit copy). Organisers only; the files are never served any other way."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onlinefriday.accounts.roles import organiser_required
from onlinefriday.deals import import_selectors
from onlinefriday.deals.models import ImportJob

PAGE_SIZE = 50


@organiser_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(import_selectors.import_jobs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dashboard/imports/list.html", {"page": page})


@organiser_required
@require_GET
def original_file(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded file, byte for byte, under the name the merchant gave it."""
    try:
        job = import_selectors.import_jobs().get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404(_("There is no deal file with this number.")) from None
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.original_name,
        content_type="application/octet-stream",
    )
