"""The platform's roles and the one place that answers 'may this user do that?'.

Organisers and moderators are Django groups (so the admin can grant them); a merchant user is a
user with a MerchantMembership; a partner calls the API with a key, not as a user.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

ORGANISER = "organiser"
MODERATOR = "moderator"


def in_group(user, name: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=name).exists()


def is_organiser(user) -> bool:
    return in_group(user, ORGANISER)


def is_moderator(user) -> bool:
    """Moderators judge deals; organisers may do that too."""
    return in_group(user, MODERATOR) or is_organiser(user)


def merchant_of(user):
    """The merchant this user works for, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    membership = getattr(user, "merchant_membership", None)
    return membership.merchant if membership else None


def role_required(check):
    """A view decorator: anonymous users go to the login page, others without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


organiser_required = role_required(is_organiser)
moderator_required = role_required(is_moderator)
merchant_user_required = role_required(lambda user: merchant_of(user) is not None)
