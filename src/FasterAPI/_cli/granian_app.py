"""The app factory granian's worker processes call: the user's app behind the same proxy-header handling
uvicorn gives ``fasterapi run``.

Granian imports its target by name in each worker, so ``serve`` passes what to load through the
environment (inherited by the workers) and names ``create`` as a factory.
"""

from __future__ import annotations

import os
from typing import Any

from .loading import AppTarget, load_app

__all__ = ["ENV_APP", "ENV_APP_DIR", "ENV_FORWARDED_ALLOW_IPS", "ENV_PROXY_HEADERS", "create"]

ENV_APP = "FASTERAPI_SERVE_APP"
ENV_APP_DIR = "FASTERAPI_SERVE_APP_DIR"
ENV_PROXY_HEADERS = "FASTERAPI_SERVE_PROXY_HEADERS"
ENV_FORWARDED_ALLOW_IPS = "FASTERAPI_SERVE_FORWARDED_ALLOW_IPS"


def create() -> Any:
    module, _, attr = os.environ[ENV_APP].partition(":")
    app = load_app(AppTarget(module=module, attr=attr, app_dir=os.environ[ENV_APP_DIR]))
    if os.environ.get(ENV_PROXY_HEADERS) == "1":
        # uvicorn is a dependency of faster-api-web; its middleware is what `--server uvicorn` applies too.
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        trusted = os.environ.get(ENV_FORWARDED_ALLOW_IPS) or "127.0.0.1"
        app = ProxyHeadersMiddleware(app, trusted_hosts=trusted)
    return app
