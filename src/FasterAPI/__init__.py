"""FasterAPI."""
