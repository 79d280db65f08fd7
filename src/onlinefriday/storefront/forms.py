"""The search page's filters, read from the query string into a ``DealSearch``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onlinefriday.core.formatting import format_vnd
from onlinefriday.storefront.page_selectors import categories, platforms
from onlinefriday.storefront.search import DealSearch, Sort
from onlinefriday.storefront.templatetags.storefront import localized_name

# Sale price bands in VND, and discount bands in whole percent: (lowest, highest), None = open.
PRICE_BANDS = [(None, 499_999), (500_000, 1_999_999), (2_000_000, 9_999_999), (10_000_000, None)]
DISCOUNT_BANDS = [(None, 29), (30, 49), (50, 69), (70, None)]
SORT_LABELS = {
    Sort.RELEVANCE: pgettext_lazy("sort", "Most relevant"),
    Sort.DISCOUNT: pgettext_lazy("sort", "Biggest discount"),
    Sort.PRICE: pgettext_lazy("sort", "Lowest price"),
    Sort.NEWEST: pgettext_lazy("sort", "Newest"),
    Sort.CLICKS: pgettext_lazy("sort", "Most clicked"),
}


def _band_value(band: tuple[int | None, int | None]) -> str:
    low, high = band
    return f"{'' if low is None else low}-{'' if high is None else high}"


def _price_label(band) -> str:
    low, high = band
    if low is None:
        return _("Under %(amount)s") % {"amount": format_vnd(high + 1)}
    if high is None:
        return _("%(amount)s or more") % {"amount": format_vnd(low)}
    return f"{format_vnd(low)} – {format_vnd(high + 1)}"


def _discount_label(band) -> str:
    low, high = band
    if low is None:
        return _("Under %(percent)d%%") % {"percent": high + 1}
    if high is None:
        return _("%(percent)d%% or more") % {"percent": low}
    return f"{low}–{high}%"


def _band(value: str) -> tuple[int | None, int | None]:
    low, high = value.split("-")
    return (int(low) if low else None, int(high) if high else None)


class SearchForm(forms.Form):
    """Every field is optional; a value the form does not offer is ignored, not an error, so an
    old or hand-made address still shows results."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    price = forms.ChoiceField(label=_("Sale price"), required=False)
    discount = forms.ChoiceField(label=_("Discount"), required=False)
    vn = forms.BooleanField(label=_("Vietnamese goods only"), required=False)
    featured = forms.BooleanField(label=_("Featured deals only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_LABELS.items())
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, fixed: str = ""):
        """``fixed``: 'category' or 'platform' on the pages that are about one of them."""
        super().__init__(data)
        if fixed:
            del self.fields[fixed]
        anything = [("", _("All"))]
        if "category" in self.fields:
            self.fields["category"].choices = anything + [
                (category.slug, localized_name(category)) for category in categories()
            ]
        if "platform" in self.fields:
            self.fields["platform"].choices = anything + [
                (platform.code, platform.name) for platform in platforms()
            ]
        self.fields["price"].choices = anything + [
            (_band_value(band), _price_label(band)) for band in PRICE_BANDS
        ]
        self.fields["discount"].choices = anything + [
            (_band_value(band), _discount_label(band)) for band in DISCOUNT_BANDS
        ]

    def search(self, **fixed) -> DealSearch:
        """The search the valid fields ask for, with ``fixed`` values (a category's slug...)."""
        self.is_valid()
        data = self.cleaned_data
        min_price, max_price = _band(data["price"]) if data.get("price") else (None, None)
        low, high = _band(data["discount"]) if data.get("discount") else (None, None)
        values = dict(
            q=data.get("q", ""),
            category=data.get("category", ""),
            platform=data.get("platform", ""),
            min_price=min_price,
            max_price=max_price,
            min_discount=low,
            max_discount=high,
            made_in_vietnam=True if data.get("vn") else None,
            featured=True if data.get("featured") else None,
            sort=Sort(data.get("sort") or Sort.RELEVANCE),
            page=data.get("page") or 1,
        )
        return DealSearch(**(values | fixed))
