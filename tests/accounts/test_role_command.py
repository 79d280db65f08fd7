"""``onlinefriday role``: how the first organiser gets the role."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from onlinefriday.accounts.roles import is_moderator, is_organiser

pytestmark = pytest.mark.django_db


def test_grant_then_revoke_the_organiser_role(capsys):
    # given
    user = User.objects.create_user("chi.mai", "mai@example.com", "x")

    # when
    call_command("role", "grant", "chi.mai", "organiser")

    # then
    assert is_organiser(User.objects.get(pk=user.pk))
    assert "chi.mai: grant organiser" in capsys.readouterr().out

    # when
    call_command("role", "revoke", "chi.mai", "organiser")

    # then
    assert not is_organiser(User.objects.get(pk=user.pk))
    assert not is_moderator(User.objects.get(pk=user.pk))


def test_an_unknown_user_is_one_line_and_exit_2(capsys):
    # when
    with pytest.raises(SystemExit) as exit_:
        call_command("role", "grant", "nobody", "moderator")

    # then
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip() == (
        "There is no user 'nobody': create it first (createsuperuser)."
    )
