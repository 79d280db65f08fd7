"""The price history chart of ``core.charts`` in templates, with its words in the active language:
{% load charts %}{% price_chart before end=deal.ends_at declared=deal.price sale=deal.sale_price %}
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from onlinefriday.core.charts import ChartText, price_chart_svg
from onlinefriday.core.formatting import format_vnd

register = template.Library()


@register.simple_tag
def price_chart(
    before,
    *,
    end: datetime,
    declared: int | None = None,
    sale: int | None = None,
    chart_id: str = "price-chart",
) -> SafeString:
    """``before`` is a ``deals.selectors.PriceBeforeStart``: the steps of its chart, its window,
    and what its numbers say, read out as the chart's description."""
    text = ChartText(
        title=_("Price history before the promotion"),
        description=_description(before, declared, sale),
        window=_("%(days)d days before the start") % {"days": before.days},
        start=_("Start"),
        declared=_("Declared 'before' price"),
        sale=_("Sale price"),
    )
    svg = price_chart_svg(
        before.chart,
        start=before.start,
        end=end,
        text=text,
        window_days=before.days,
        declared_price=declared,
        sale_price=sale,
        chart_id=chart_id,
        tz=timezone.get_current_timezone(),
    )
    return mark_safe(svg)  # noqa: S308 - price_chart_svg escapes every text it writes


def _description(before, declared: int | None, sale: int | None) -> str:
    sentences = []
    if before.lowest is None:
        sentences.append(
            _("No price was recorded in the %(days)d days before the start.")
            % {"days": before.days}
        )
    else:
        sentences.append(
            _(
                "Lowest price in the %(days)d days before the start: %(lowest)s, from "
                "%(count)d recorded prices; the price immediately before the start: %(last)s."
            )
            % {
                "days": before.days,
                "lowest": format_vnd(before.lowest),
                "count": before.observations,
                "last": format_vnd(before.price_before_start),
            }
        )
    if declared is not None and sale is not None:
        sentences.append(
            _("Declared 'before' price: %(declared)s; sale price: %(sale)s.")
            % {"declared": format_vnd(declared), "sale": format_vnd(sale)}
        )
    return " ".join(sentences)
