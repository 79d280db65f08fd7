"""The shopper's "Report this deal" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from onlinefriday.moderation.models import ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this deal?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("What you saw, e.g. the price on the platform's page."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact = forms.CharField(
        label=_("Your e-mail or phone (optional)"),
        help_text=_("Only if you want the moderators to be able to ask you about it."),
        required=False,
        max_length=200,
    )
