"""Deals: products, their offers in a festival, and the prices observed for them over time."""
