"""The web form for one deal: the fields of the API's ``DealIn``, typed as Vietnamese write them
(prices as '1.500.000', countries and categories by their Vietnamese names)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from onlinefriday.compliance.submission import DealIn
from onlinefriday.core.formatting import in_current_language
from onlinefriday.core.tabular import CellError, parse_whole_vnd
from onlinefriday.deals.models import Category, Deal
from onlinefriday.merchants.forms import CHOOSE
from onlinefriday.merchants.models import Platform

LOCAL_MOMENT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows
MAX_AMOUNT_LENGTH = 30  # '1.000.000.000.000 ₫' and then some; more is not a price
# Also with seconds, and as typed where a browser shows a plain text box.
MOMENT_FORMATS = [LOCAL_MOMENT, "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"]


class VndField(forms.Field):
    """A whole number of đồng as people type it: '1500000', '1.500.000', '1,500,000 ₫'."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": MAX_AMOUNT_LENGTH})

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if len(value) > MAX_AMOUNT_LENGTH:
            raise ValidationError(_("Too many digits: write the price in đồng, e.g. 1.500.000."))
        try:
            return parse_whole_vnd(value)
        except CellError as error:
            raise ValidationError(in_current_language(error.message, error.message_en)) from None

    def prepare_value(self, value):
        """A stored amount shows as Vietnamese write it: 1.500.000."""
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class CategoryField(forms.ModelChoiceField):
    """A goods category named in the page's language."""

    def label_from_instance(self, obj: Category) -> str:
        return in_current_language(obj.name, obj.name_en)


def country_choices() -> list[tuple[str, str]]:
    """Vietnam first, then every country by its name in the page's language."""
    others = ((c.code, c.name) for c in countries if c.code != "VN")
    return [CHOOSE, ("VN", countries.name("VN")), *others]


def _moment_field(label, help_text) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=MOMENT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MOMENT),
    )


class DealForm(forms.Form):
    """One deal of the signed-in merchant. When editing, the SKU cannot change: it is what the
    deal is known by (sending another SKU makes another deal)."""

    sku = forms.CharField(
        label=_("SKU"),
        max_length=100,
        help_text=_(
            "Your code for the product. Sending a SKU that already has a deal in this festival "
            "replaces that deal."
        ),
    )
    title = forms.CharField(label=_("Product name"), max_length=300)
    category = CategoryField(
        label=_("Goods category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=CHOOSE[1],
    )
    brand = forms.CharField(label=_("Brand"), max_length=120, required=False)
    gtin = forms.CharField(label=_("Barcode (GTIN)"), max_length=14, required=False)
    origin_country = forms.ChoiceField(
        label=_("Country of origin"), required=False, choices=country_choices
    )
    genuine = forms.BooleanField(
        label=_("I declare the goods genuine and of clear origin"), required=False
    )
    made_in_vietnam = forms.BooleanField(
        label=_("Vietnamese goods (made in Vietnam)"), required=False
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        queryset=Platform.objects.all(),
        to_field_name="code",
        empty_label=CHOOSE[1],
    )
    url = forms.CharField(
        label=_("Link to the product on the platform"),
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    price = VndField(
        label=_("Price before the promotion (VND)"),
        help_text=_(
            "The price the product sold at right before the promotion, e.g. 1.500.000. It may "
            "be at most the lowest price of the 30 days before the promotion starts."
        ),
    )
    sale_price = VndField(label=_("Sale price (VND)"))
    starts_at = _moment_field(_("Promotion starts"), _("Empty: when the festival starts."))
    ends_at = _moment_field(_("Promotion ends"), _("Empty: when the festival ends."))
    stock = forms.IntegerField(label=_("Promotional stock"), min_value=0, required=False)
    coupon_code = forms.CharField(label=_("Coupon code"), max_length=60, required=False)
    image_url = forms.CharField(
        label=_("Image link"), max_length=500, required=False, widget=forms.URLInput
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].disabled = editing

    def deal_in(self) -> DealIn:
        """The deal as every channel sends it. Unticked 'genuine' is 'not declared'."""
        data = self.cleaned_data
        return DealIn(
            sku=data["sku"],
            title=data["title"],
            category=data["category"].slug,
            brand=data["brand"],
            gtin=data["gtin"],
            url=data["url"],
            platform=data["platform"].code,
            price=data["price"],
            sale_price=data["sale_price"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            origin_country=data["origin_country"],
            genuine=True if data["genuine"] else None,
            made_in_vietnam=data["made_in_vietnam"],
            coupon_code=data["coupon_code"],
            stock=data["stock"],
            image_url=data["image_url"],
            description=data["description"],
        )


def initial_from(deal: Deal) -> dict:
    """A stored deal as the form shows it for editing."""
    product = deal.product
    return {
        "sku": product.sku,
        "title": product.title,
        "category": product.category.slug if product.category else None,
        "brand": product.brand,
        "gtin": product.gtin,
        "origin_country": product.origin_country,
        "genuine": deal.genuine_declared,
        "made_in_vietnam": product.made_in_vietnam,
        "platform": deal.platform.code if deal.platform else None,
        "url": deal.url,
        "price": deal.price,
        "sale_price": deal.sale_price,
        "starts_at": deal.starts_at,
        "ends_at": deal.ends_at,
        "stock": deal.stock,
        "coupon_code": deal.coupon_code,
        "image_url": product.image_url,
        "description": deal.description,
    }
