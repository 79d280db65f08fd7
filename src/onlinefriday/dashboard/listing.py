"""What the back office's lists share: filters read from the query string, a page of the rows
they keep, one decision on the rows ticked in a list, and the way back to a list with the
filters it was showing."""

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onlinefriday.core.pagination import paginate

# The service that makes a decision on the ticked rows (called with ``reason=``), and what the
# user is told after, an ``ngettext_lazy`` with the number named ``count``.
Decide = tuple[Callable[..., object], str]


def with_all(choices) -> list:
    return [("", gettext_lazy("All")), *choices]


def choice_filter(label, queryset, to_field_name: str) -> forms.ModelChoiceField:
    """A filter on one of ``queryset``'s rows, named in the query string by ``to_field_name``."""
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        to_field_name=to_field_name,
        empty_label=gettext_lazy("All"),
    )


class FilterForm(forms.Form):
    """A list's filters; every field may be left empty."""

    def valid_filters(self) -> dict:
        """The filters that hold a valid value; an invalid one is dropped, never an error page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    def invalid_labels(self) -> list[str]:
        """The labels of the filters whose value was not understood (and so was ignored)."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def read_filters(request: HttpRequest, form_class: type[FilterForm]) -> tuple[FilterForm, dict]:
    """The list's filter form bound to the query string, and its valid filters; the filters not
    understood are named in a warning."""
    filters = form_class(request.GET or None)
    valid = filters.valid_filters() if request.GET else {}
    if request.GET and (ignored := filters.invalid_labels()):
        messages.warning(
            request,
            _("Some filters were not understood and were ignored: %(names)s.")
            % {"names": ", ".join(ignored)},
        )
    return filters, valid


def filtered_page(
    request: HttpRequest, form_class: type[FilterForm], rows: Callable[[dict], Iterable]
) -> dict:
    """A filtered list's context: its filter form (``filters``), the ``page`` of
    ``rows(valid filters)`` the query string asks for, and the ``query`` string that keeps the
    filters in the links to the other pages."""
    filters, valid = read_filters(request, form_class)
    page, query = paginate(request, rows(valid))
    return {"filters": filters, "page": page, "query": query}


def decide_ticked(
    request: HttpRequest,
    form: forms.Form,
    *,
    ticked: str,
    back_to: str,
    decisions: dict[str, Decide],
    refused: type[Exception],
) -> HttpResponse:
    """Make the decision the bound ``form`` chose on the rows ticked in its field ``ticked``,
    all or none, then go back to the list ``back_to`` with the filters it was showing. The
    service raises ``refused`` (with a ``message``) to change nothing; the form's errors and
    that message are shown on the list."""
    back = list_url(back_to, request.POST.get("query", ""))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    rows = list(form.cleaned_data[ticked])
    decide, done = decisions[form.cleaned_data["decision"]]
    try:
        decide(rows, reason=form.cleaned_data["reason"])
    except refused as error:
        messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": error.message})
    else:
        messages.success(request, done % {"count": len(rows)})
    return redirect(back)


def list_url(viewname: str, query: str) -> str:
    """The list with the filters it was showing; re-encoded so only a query string comes back."""
    query = QueryDict(query).urlencode()
    url = reverse(viewname)
    return f"{url}?{query}" if query else url
