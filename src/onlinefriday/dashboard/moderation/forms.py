"""The moderation queue's filters and decisions; one deal's decisions reuse the merchants'
approve and reject forms (a note, a reason the service requires to reject)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from onlinefriday.compliance.rules import RULES
from onlinefriday.dashboard.listing import FilterForm, choice_filter, with_all
from onlinefriday.dashboard.merchants import forms as merchant_forms
from onlinefriday.deals.models import Category, Deal
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Platform

ApproveForm = merchant_forms.ApproveForm
RejectForm = merchant_forms.RejectForm


class QueueFilterForm(FilterForm):
    rule = forms.ChoiceField(
        label=_("Rule"),
        required=False,
        choices=with_all(sorted((rule.code, rule.code) for rule in RULES)),
    )
    category = choice_filter(_("Goods category"), Category.objects.all(), "slug")
    merchant = forms.CharField(
        label=_("Merchant (name or tax code)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    platform = choice_filter(_("Platform"), Platform.objects.all(), "code")
    festival = choice_filter(_("Festival"), Festival.objects.all(), "slug")


class DecisionLogFilterForm(FilterForm):
    festival = choice_filter(_("Festival"), Festival.objects.all(), "slug")


GONE = _("A deal ticked in the list no longer exists: reload the list.")


class BulkDecisionForm(merchant_forms.BulkDecisionForm):
    """One decision, with one reason, on the deals ticked in the queue."""

    merchants = None
    deals = forms.ModelMultipleChoiceField(
        label=_("Deals"),
        queryset=Deal.objects.all(),
        error_messages={
            "required": _("Tick at least one deal in the list."),
            "invalid_choice": GONE,
            "invalid_pk_value": GONE,
        },
    )
