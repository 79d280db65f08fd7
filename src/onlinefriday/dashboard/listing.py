"""What the back office's lists share: filters read from the query string, and the way back to
a list with the filters it was showing."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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


def list_url(viewname: str, query: str) -> str:
    """The list with the filters it was showing; re-encoded so only a query string comes back."""
    query = QueryDict(query).urlencode()
    url = reverse(viewname)
    return f"{url}?{query}" if query else url
