"""{% load roles %}{% workplace user as place %}: where the menu sends a signed-in user."""

from django import template

from onlinefriday.accounts.roles import is_organiser, merchant_of

register = template.Library()


@register.simple_tag
def workplace(user) -> str:
    """'back-office' for organisers, 'merchant' for merchant users, '' for anyone else."""
    if is_organiser(user):
        return "back-office"
    if merchant_of(user) is not None:
        return "merchant"
    return ""
