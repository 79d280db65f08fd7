from django import forms
from django.utils.translation import gettext_lazy as _

from onlinefriday.festivals.models import Festival

# What the file picker offers; the format is detected from the content, never from the name.
ACCEPTED_FILES = ".csv,.txt,.tsv,.xlsx,.xml,.json,text/csv,text/plain,text/tab-separated-values"


class DealFileForm(forms.Form):
    """A deal file for one festival; its size is checked by ``import_services``, its content
    by ``intake`` in the background."""

    festival = forms.ModelChoiceField(
        label=_("Festival"), queryset=Festival.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Deal file"),
        help_text=_(
            "CSV (from Excel or Google Sheets), Excel (XLSX) or a Google Merchant Center feed "
            "(XML or tab-separated text)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )

    def __init__(self, *args, festivals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["festival"].queryset = festivals
