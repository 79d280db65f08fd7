"""Every rule, in the order its reasons are reported; the codes are part of the public API."""

from onlinefriday.compliance.rules.batch import duplicate_deal
from onlinefriday.compliance.rules.goods import (
    banned_goods,
    missing_genuine_declaration,
    missing_origin,
)
from onlinefriday.compliance.rules.history import (
    inflated_reference_price,
    no_price_history,
    promotion_days_exceeded,
)
from onlinefriday.compliance.rules.links import invalid_link, link_platform_mismatch
from onlinefriday.compliance.rules.pricing import (
    currency_not_vnd,
    discount_over_cap,
    invalid_price,
    not_a_discount,
)
from onlinefriday.compliance.rules.window import outside_festival_window

# Judged one deal at a time.
DEAL_RULES = (
    not_a_discount,
    discount_over_cap,
    inflated_reference_price,
    no_price_history,
    banned_goods,
    missing_origin,
    missing_genuine_declaration,
    outside_festival_window,
    currency_not_vnd,
    invalid_price,
    invalid_link,
    link_platform_mismatch,
    promotion_days_exceeded,
)
# Judged over a whole submission: check(deals, places, earlier) -> {index: messages}.
BATCH_RULES = (duplicate_deal,)
RULES = DEAL_RULES + BATCH_RULES
