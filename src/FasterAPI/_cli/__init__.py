"""Implementation of the ``fasterapi`` command, one module per subcommand (see ``FasterAPI.cli``)."""

__all__: list[str] = []
