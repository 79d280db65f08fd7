"""``onlinefriday role grant|revoke USERNAME organiser|moderator``: give staff their roles.

The first organiser is made from a terminal (after ``onlinefriday createsuperuser``, or for any
existing user); later ones can also be granted in the admin, as the groups are ordinary groups.
"""

import sys

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from onlinefriday.accounts.roles import MODERATOR, ORGANISER


class Command(BaseCommand):
    help = "Grant or revoke the organiser or moderator role."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke"])
        parser.add_argument("username")
        parser.add_argument("role", choices=[ORGANISER, MODERATOR])

    def handle(self, *args, action: str, username: str, role: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            self.stderr.write(f"There is no user '{username}': create it first (createsuperuser).")
            sys.exit(2)
        group = Group.objects.get(name=role)
        if action == "grant":
            user.groups.add(group)
        else:
            user.groups.remove(group)
        self.stdout.write(f"{username}: {action} {role}")
