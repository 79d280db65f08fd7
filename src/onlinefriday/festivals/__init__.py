"""Festivals: the shopping window, its flash slots, the week's programme of events."""
