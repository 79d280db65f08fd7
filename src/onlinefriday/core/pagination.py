"""Long lists, a page at a time, keeping the filters of the query string in the page links."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, items, size: int = PAGE_SIZE) -> tuple[Page, str]:
    """The page of ``items`` the query string asks for, and the query string without the page
    number, for the links to the other pages (``dashboard/_pagination.html``)."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
