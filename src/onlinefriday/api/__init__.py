"""The public HTTP API, versioned under /api/v1/; one router module per area."""
