"""The back office's forms for merchants: the list's filters, one decision, many decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import BusinessType, Merchant, MerchantStatus, Platform
from onlinefriday.merchants.provinces import province_choices


def _with_all(choices) -> list:
    return [("", _("All")), *choices]


class MerchantFilterForm(forms.Form):
    """The list's filters, read from the query string; every field may be left empty."""

    q = forms.CharField(
        label=_("Name or tax code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_all(MerchantStatus.choices)
    )
    province = forms.TypedChoiceField(
        label=_("Province"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: _with_all(province_choices()),
    )
    business_type = forms.ChoiceField(
        label=_("Business type"), required=False, choices=_with_all(BusinessType.choices)
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        required=False,
        queryset=Platform.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )
    category = forms.ModelChoiceField(
        label=_("Goods category"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("All"),
    )

    def valid_filters(self) -> dict:
        """The filters that hold a valid value; an invalid one is dropped, never an error page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

    def invalid_labels(self) -> list[str]:
        """The labels of the filters whose value was not understood (and so was ignored)."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the merchant (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    # Not required here: the service refuses an empty reason, so the message lives in one place.
    reason = forms.CharField(
        label=_("Reason for the rejection (sent to the merchant)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


GONE = _("A merchant ticked in the list no longer exists: reload the list.")


class BulkDecisionForm(forms.Form):
    """One decision on the merchants ticked in the list."""

    APPROVE = "approve"
    REJECT = "reject"

    merchants = forms.ModelMultipleChoiceField(
        label=_("Merchants"),
        queryset=Merchant.objects.all(),
        error_messages={
            "required": _("Tick at least one merchant in the list."),
            "invalid_choice": GONE,
            "invalid_pk_value": GONE,
        },
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        error_messages={"required": _("Choose approve or reject.")},
    )
    reason = forms.CharField(
        label=_("Reason or note (a rejection needs a reason)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
