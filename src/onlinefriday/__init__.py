"""Online Friday: the national online shopping festival and the Go Online programme."""

__version__ = "0.1.0"
