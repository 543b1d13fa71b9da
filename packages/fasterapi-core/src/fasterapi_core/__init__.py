"""fasterapi-core."""
