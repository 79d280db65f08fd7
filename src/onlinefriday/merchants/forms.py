"""The merchant's own forms: registration (with its shops), a new verification link, an invitation.

Forms check what a person typed and say in their language what is wrong and where; the services
in ``merchants.services`` write, and check again what must hold whoever calls them.
"""

import phonenumbers
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from onlinefriday.deals.models import Category
from onlinefriday.merchants import selectors, services
from onlinefriday.merchants.models import BusinessType, Platform, RulesVersion
from onlinefriday.merchants.provinces import province_choices
from onlinefriday.merchants.shops import normalise_shop_url, shop_url_problem

CHOOSE = ("", _("Choose…"))
MAX_SHOPS = 10


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    """Goods categories named in the page's language (the catalogue keeps both names)."""

    def label_from_instance(self, obj: Category) -> str:
        return obj.name_en if (get_language() or "").startswith("en") else obj.name


class RegistrationForm(forms.Form):
    """A business and its first user; the shops come in ``ShopFormSet`` beside it."""

    name = forms.CharField(label=_("Business name"), max_length=250)
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=20,
        help_text=_(
            "10 digits, or 13 for a branch (such as 0100233488-001). A household business or an "
            "individual enters the 12-digit personal identification number."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    business_type = forms.ChoiceField(
        label=_("Business type"), choices=[CHOOSE, *BusinessType.choices]
    )
    representative = forms.CharField(label=_("Legal representative"), max_length=200)
    province = forms.TypedChoiceField(
        label=_("Province or city"),
        coerce=int,
        choices=lambda: [CHOOSE, *province_choices()],
    )
    address = forms.CharField(label=_("Address"), max_length=300)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("Such as 0912 345 678 or 024 3825 1234."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send a link to check it. It is also your user name to sign in."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    categories = CategoryChoiceField(
        label=_("Goods categories"),
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category of goods you sell.")},
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # The version shown on the page; a newer one published meanwhile must be read first.
    rules_version = forms.CharField(widget=forms.HiddenInput, required=False)
    accept_rules = forms.BooleanField(
        label=_("I have read the festival's rules and accept them."),
        error_messages={"required": _("Accept the festival's rules to register.")},
    )

    def __init__(self, *args, rules: RulesVersion | None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.identity = None
        if rules is not None:
            self.fields["rules_version"].initial = rules.version

    def clean_tax_code(self) -> str:
        try:
            self.identity = services.parse_identity(self.cleaned_data["tax_code"])
        except services.MerchantError as error:
            raise ValidationError(error.message) from None
        return self.identity.code

    def clean_phone(self) -> str:
        """Any spelling of a number that exists, stored as +84...; a Vietnamese one by default."""
        invalid = ValidationError(
            _("This is not a phone number in use: write it as 0912 345 678 or 024 3825 1234.")
        )
        try:
            number = phonenumbers.parse(self.cleaned_data["phone"], "VN")
        except phonenumbers.NumberParseException:
            raise invalid from None
        if not phonenumbers.is_valid_number(number):
            raise invalid
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        if self.rules is None:
            raise ValidationError(
                _("The festival's rules are not published yet: registration opens with them.")
            )
        if data.get("rules_version") and data["rules_version"] != self.rules.version:
            self.add_error(
                "accept_rules",
                _("The rules have changed since you opened this page: read them again below."),
            )
        if self.identity is not None and data.get("business_type"):
            try:
                data["business_type"] = services.business_type_for(
                    self.identity, data["business_type"]
                )
            except services.MerchantError as error:
                self.add_error("business_type", error.message)
        self._check_passwords(data)
        return data

    def _check_passwords(self, data: dict) -> None:
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ: type the same one twice."))
            return
        if first:
            email = data.get("email", "")
            someone = get_user_model()(username=email, email=email)
            try:
                password_validation.validate_password(first, someone)
            except ValidationError as error:
                self.add_error("password1", error)

    def service_arguments(self) -> dict:
        """What ``services.register_merchant`` needs, from the cleaned form."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "tax_code": data["tax_code"],
            "business_type": data["business_type"],
            "representative": data["representative"],
            "province_code": data["province"],
            "address": data["address"],
            "phone": data["phone"],
            "email": data["email"],
            "categories": data["categories"],
            "rules_version": self.rules,
            "password": data["password1"],
        }


class ShopForm(forms.Form):
    """One shop: the platform and the shop's address there. A row left empty is skipped."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    platform = forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.all(), empty_label=_("Choose…")
    )
    url = forms.URLField(
        label=_("Shop address"),
        max_length=500,
        assume_scheme="https",
        # Text, not type=url: the browser would refuse "shopee.vn/..." that https:// completes.
        widget=forms.TextInput(
            attrs={"placeholder": "https://shopee.vn/…", "inputmode": "url", "autocomplete": "url"}
        ),
    )

    def clean(self) -> dict:
        data = super().clean()
        platform, url = data.get("platform"), data.get("url")
        if platform is None or not url:
            return data
        problem = shop_url_problem(url, platform_name=platform.name, domains=platform.domains)
        if problem:
            self.add_error("url", problem)
            return data
        data["url"] = normalise_shop_url(url)
        if selectors.shop_is_registered(platform, data["url"]):
            self.add_error("url", _("This shop is already registered by a merchant."))
        return data


class BaseShopFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        """Each row's labels name its number, so an error listed at the top of the page says
        which shop it is about."""
        super().add_fields(form, index)
        if index is not None:
            number = {"number": index + 1}
            form.fields["platform"].label = _("Platform of shop %(number)d") % number
            form.fields["url"].label = _("Address of shop %(number)d") % number

    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.cleaned_data:
                continue
            key = (form.cleaned_data["platform"].pk, form.cleaned_data["url"])
            if key in seen:
                form.add_error("url", _("This shop is already listed above."))
            seen.add(key)
        if not seen:
            raise ValidationError(
                _("Add at least one shop: the platform and the address of your shop.")
            )

    def shops(self) -> list[tuple[Platform, str]]:
        """(platform, address) of every row filled in."""
        return [
            (form.cleaned_data["platform"], form.cleaned_data["url"])
            for form in self.forms
            if form.cleaned_data
        ]


ShopFormSet = forms.formset_factory(
    ShopForm, formset=BaseShopFormSet, extra=3, max_num=MAX_SHOPS, validate_max=True
)


class EmailForm(forms.Form):
    """One e-mail address: to send a new verification link, or to invite a colleague."""

    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class InviteForm(EmailForm):
    email = forms.EmailField(
        label=_("Your colleague's e-mail"),
        help_text=_("They get an e-mail with a link to choose a password."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
