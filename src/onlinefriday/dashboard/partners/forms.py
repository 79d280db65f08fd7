"""The back office's forms for partners: a new partner, the merchants it represents, a new key.

They only read what was typed; the services (``merchants.partner_services``) judge it, so each
refusal is written once.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class _Form(forms.Form):
    """Labels without Django's trailing colon, as in the rest of the back office."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PartnerForm(_Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the partner's name.")},
    )
    code = forms.CharField(
        label=_("Code (optional)"),
        required=False,
        max_length=60,
        help_text=_(
            "Letters, digits and dashes, such as shopee-affiliate; made from the name if left "
            "empty."
        ),
    )


class RepresentedMerchantsForm(_Form):
    tax_codes = forms.CharField(
        label=_("Tax codes of the merchants it represents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "One per line (commas and semicolons also separate them), in any spelling; an empty "
            "list means no merchant."
        ),
    )

    def codes(self) -> list[str]:
        return re.split(r"[\n,;]+", self.cleaned_data["tax_codes"])


class ApiKeyForm(_Form):
    name = forms.CharField(
        label=_("Name of the new key"),
        max_length=100,
        help_text=_("Where the key will be used, such as 'production server'."),
        error_messages={
            "required": _("Name the key after where it is used, such as 'production server'.")
        },
    )
