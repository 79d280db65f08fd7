"""The back office's forms for merchants: the list's filters, one decision, many decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from onlinefriday.dashboard.listing import FilterForm, choice_filter, with_all
from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import BusinessType, Merchant, MerchantStatus, Platform
from onlinefriday.merchants.provinces import province_choices


class MerchantFilterForm(FilterForm):
    """The list's filters, read from the query string; every field may be left empty."""

    q = forms.CharField(
        label=_("Name or tax code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=with_all(MerchantStatus.choices)
    )
    province = forms.TypedChoiceField(
        label=_("Province"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: with_all(province_choices()),
    )
    business_type = forms.ChoiceField(
        label=_("Business type"), required=False, choices=with_all(BusinessType.choices)
    )
    platform = choice_filter(_("Platform"), Platform.objects.all(), "code")
    category = choice_filter(_("Goods category"), Category.objects.all(), "slug")


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
        widget=forms.RadioSelect,  # the list's template draws each choice as a radio button
        error_messages={"required": _("Choose approve or reject.")},
    )
    reason = forms.CharField(
        label=_("Reason or note (a rejection needs a reason)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
