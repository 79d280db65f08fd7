from django import forms
from django.utils.translation import gettext_lazy as _


class PriceUploadForm(forms.Form):
    """A CSV file of observed prices; what is in it is checked by ``deals.price_csv``."""

    file = forms.FileField(
        label=_("CSV file of prices"),
        help_text=_("Columns: SKU, time, price. Saved from Excel as CSV or Unicode text."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )
