"""Accounts: sign-in, roles (organiser, moderator, merchant user, partner) and who may do what."""
