"""Merchants: businesses that sell in a festival, and their shops on each platform."""
