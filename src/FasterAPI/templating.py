"""``fastapi.templating`` equivalent: Jinja2 templates (Jinja2 is loaded on first use; ``[templates]`` extra)."""

from fasterapi_core.templating import Jinja2Templates as Jinja2Templates

__all__ = ["Jinja2Templates"]
