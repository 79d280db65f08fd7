"""How money and durations read on the site; one place so pages, e-mails and exports agree."""

from datetime import timedelta

from django.utils.translation import get_language, gettext, npgettext

UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def format_vnd(amount: int) -> str:
    """Vietnamese money style: dots between thousands, the đồng sign after ('1.234.000 ₫')."""
    return f"{amount:,} ₫".replace(",", ".")


def in_current_language(message: str, message_en: str) -> str:
    """A message kept in both languages (a file's error, a rule's reason), in the active one."""
    return message_en if (get_language() or "").startswith("en") else message


def split_duration(remaining: timedelta) -> dict[str, int]:
    """Whole days, hours, minutes and seconds left; nothing is left once the moment has passed."""
    rest = max(0, int(remaining.total_seconds()))
    parts = {}
    for unit, size in UNITS:
        parts[unit], rest = divmod(rest, size)
    return parts


def countdown_labels() -> dict[str, str | list[str]]:
    """The countdown's words in the active language: the sentence, then each unit's singular and
    plural form (%(count)s stands for the number). countdown.js ticks with these same words."""
    return {
        "left": gettext("%(duration)s left"),
        "day": [npgettext("countdown", "%(count)s day", "%(count)s days", n) for n in (1, 2)],
        "hour": [npgettext("countdown", "%(count)s hour", "%(count)s hours", n) for n in (1, 2)],
        "minute": [
            npgettext("countdown", "%(count)s minute", "%(count)s minutes", n) for n in (1, 2)
        ],
        "second": [
            npgettext("countdown", "%(count)s second", "%(count)s seconds", n) for n in (1, 2)
        ],
    }


def format_countdown(remaining: timedelta) -> str:
    """'Còn 2 ngày 03 giờ 15 phút 07 giây': days only when there are some, the rest two digits."""
    labels = countdown_labels()
    words = []
    for unit, count in split_duration(remaining).items():
        if unit == "day" and count == 0:
            continue
        singular, plural = labels[unit]
        number = str(count) if unit == "day" else f"{count:02d}"
        words.append((singular if count == 1 else plural) % {"count": number})
    return labels["left"] % {"duration": " ".join(words)}
