"""Reading a rendered page in tests as a reader would."""

from django.utils.html import strip_tags


def html(response) -> str:
    return response.content.decode()


def visible_text(response) -> str:
    """What a reader sees: tags removed, runs of white space made one space."""
    return " ".join(strip_tags(html(response)).split())
