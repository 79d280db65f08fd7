"""The back office for organisers (and later moderators): one small module per area of work."""
