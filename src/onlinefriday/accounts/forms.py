"""Sign-in form: merchants sign in with their e-mail address, staff with a user name."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


def normalise_username(username: str) -> str:
    """Merchants' user names are their e-mail addresses, stored in lower case: an address typed
    with capitals is the same person. Other user names are kept as they are."""
    username = (username or "").strip()
    return username.lower() if "@" in username else username


def axes_username(request, credentials: dict | None) -> str:
    """settings.AXES_USERNAME_CALLABLE: the lockout counts failures per person, so 'A@x.vn'
    and 'a@x.vn' share one count instead of giving each spelling five more tries."""
    posted = getattr(request, "POST", {})
    username = (credentials or {}).get("username") or posted.get("username", "")
    return normalise_username(username)


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail or user name")

    def clean_username(self) -> str:
        return normalise_username(self.cleaned_data["username"])
