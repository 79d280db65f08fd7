"""{% load languages %}{% in_language "en" %}: this page's address in another language.

The language is in the address (/ Vietnamese, /en/ English), so switching is a plain link: no
form and no CSRF token, which keeps pages that every visitor sees cacheable as they are.
"""

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def in_language(context, code: str) -> str:
    request = context.get("request")
    if request is None:
        return "/" if code == "vi" else f"/{code}/"
    return translate_url(request.get_full_path(), code)
