"""fasterapi-ws."""
