"""Deterministic demo data at any size, for a live-looking site and for benchmarks."""
