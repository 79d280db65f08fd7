"""{% load waiting %}{{ delta|in_minutes }}: how long a lockout lasts, for a sentence."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def in_minutes(delta: timedelta) -> int:
    """Whole minutes, rounded up: 'try again in 0 minutes' would be wrong."""
    return math.ceil(delta.total_seconds() / 60)
