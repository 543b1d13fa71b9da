"""fasterapi-testclient."""
