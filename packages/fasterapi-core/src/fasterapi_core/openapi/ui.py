"""HTML pages for the interactive docs: Swagger UI and ReDoc, loading their assets from a CDN by default.

Pass your own asset URLs (``swagger_js_url``, ``swagger_css_url``, ``redoc_js_url``) to serve them
yourself, e.g. offline; the default favicon is inline, so it needs no network either.

Every value placed in the page (title, URLs, options) is escaped for HTML or encoded as JSON, so
a title or URL cannot inject markup or script.
"""

from __future__ import annotations

import html
import json
from typing import Any

from ..responses import HTMLResponse

__all__ = [
    "REDOC_JS_URL",
    "SWAGGER_CSS_URL",
    "SWAGGER_FAVICON_URL",
    "SWAGGER_JS_URL",
    "get_redoc_html",
    "get_swagger_ui_html",
    "get_swagger_ui_oauth2_redirect_html",
    "redoc_html",
    "swagger_ui_html",
    "swagger_ui_oauth2_redirect_html",
]

SWAGGER_JS_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"
SWAGGER_CSS_URL = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"
# An inline icon (a lightning bolt): the pages fetch nothing from a third party's site for it.
SWAGGER_FAVICON_URL = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
    "%3Crect width='32' height='32' rx='6' fill='%23009485'/%3E"
    "%3Cpath d='M18 3 7 18h7l-2 11 11-15h-7z' fill='white'/%3E%3C/svg%3E"
)
REDOC_JS_URL = "https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"

_DEFAULT_SWAGGER_PARAMETERS: dict[str, Any] = {
    "dom_id": "#swagger-ui",
    "layout": "BaseLayout",
    "deepLinking": True,
    "showExtensions": True,
    "showCommonExtensions": True,
}


def _js(value: Any) -> str:
    """JSON for a ``<script>`` block, spaced as ``json.dumps`` spaces it (``{"clientId": "abc"}``: the text
    FastAPI's pages have, which tests and scripts search for); ``<``, ``>`` and ``&`` escaped so it cannot
    close the tag."""
    return _escape_script(json.dumps(value))


def _js_quoted(text: str) -> str:
    """A single-quoted JavaScript string (``'/openapi.json'``), escaped like ``_js``."""
    return "'" + _escape_script(json.dumps(text)[1:-1].replace("'", "\\'")) + "'"


def _escape_script(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def swagger_ui_html(
    openapi_url: str,
    title: str,
    *,
    swagger_js_url: str = SWAGGER_JS_URL,
    swagger_css_url: str = SWAGGER_CSS_URL,
    swagger_favicon_url: str = SWAGGER_FAVICON_URL,
    oauth2_redirect_url: str | None = None,
    init_oauth: dict[str, Any] | None = None,
    swagger_ui_parameters: dict[str, Any] | None = None,
) -> str:
    """The Swagger UI page (a str) showing the document at ``openapi_url``."""
    # One option a line, ``"deepLinking": false,``: the page FastAPI serves has this shape.
    config = {**_DEFAULT_SWAGGER_PARAMETERS, **(swagger_ui_parameters or {})}
    setup = ["const ui = SwaggerUIBundle({", f"  url: {_js_quoted(openapi_url)},"]
    setup += [f"  {_js(key)}: {_js(value)}," for key, value in config.items()]
    if oauth2_redirect_url:
        setup.append(f"  oauth2RedirectUrl: window.location.origin + {_js_quoted(oauth2_redirect_url)},")
    setup += ["  presets: [", "    SwaggerUIBundle.presets.apis,", "    SwaggerUIBundle.SwaggerUIStandalonePreset"]
    setup.append("  ],")
    setup.append("});")
    if init_oauth:
        setup.append(f"ui.initOAuth({_js(init_oauth)});")
    script = "\n".join(setup)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link type="text/css" rel="stylesheet" href="{html.escape(swagger_css_url)}">
<link rel="shortcut icon" href="{html.escape(swagger_favicon_url)}">
<title>{html.escape(title)}</title>
</head>
<body>
<div id="swagger-ui"></div>
<script src="{html.escape(swagger_js_url)}"></script>
<script>
{script}
</script>
</body>
</html>
"""


def redoc_html(
    openapi_url: str,
    title: str,
    *,
    redoc_js_url: str = REDOC_JS_URL,
    redoc_favicon_url: str = SWAGGER_FAVICON_URL,
    with_google_fonts: bool = False,
) -> str:
    """The ReDoc page (a str) showing the document at ``openapi_url``."""
    fonts = (
        '<link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" '
        'rel="stylesheet">\n'
        if with_google_fonts
        else ""
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<title>{html.escape(title)}</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{fonts}<link rel="shortcut icon" href="{html.escape(redoc_favicon_url)}">
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>
<redoc spec-url="{html.escape(openapi_url)}"></redoc>
<script src="{html.escape(redoc_js_url)}"></script>
</body>
</html>
"""


def swagger_ui_oauth2_redirect_html() -> str:
    """The page Swagger UI's OAuth2 flows return to; it hands the result back to the opener window."""
    return """<!DOCTYPE html>
<html lang="en-US">
<head><title>Swagger UI: OAuth2 Redirect</title></head>
<body>
<script>
'use strict';
(function () {
  var oauth2 = window.opener.swaggerUIRedirectOauth2;
  var sentState = oauth2.state;
  var redirectUrl = oauth2.redirectUrl;
  var query = /code|token|error/.test(window.location.hash)
    ? window.location.hash.substring(1).replace('?', '&')
    : location.search.substring(1);
  var params = {};
  query.split('&').forEach(function (pair) {
    if (!pair) { return; }
    var index = pair.indexOf('=');
    var key = decodeURIComponent(index < 0 ? pair : pair.slice(0, index));
    params[key] = index < 0 ? '' : decodeURIComponent(pair.slice(index + 1).replace(/\\+/g, ' '));
  });
  var isValid = params.state === sentState;
  var flow = oauth2.auth.schema.get('flow');
  if ((flow === 'accessCode' || flow === 'authorizationCode' || flow === 'authorization_code') && !oauth2.auth.code) {
    if (!isValid) {
      oauth2.errCb({authId: oauth2.auth.name, source: 'auth', level: 'warning',
                    message: 'Authorization may be unsafe, passed state was changed in server.'});
    }
    if (params.code) {
      delete oauth2.state;
      oauth2.auth.code = params.code;
      oauth2.callback({auth: oauth2.auth, redirectUrl: redirectUrl});
    } else {
      oauth2.errCb({authId: oauth2.auth.name, source: 'auth', level: 'error',
                    message: params.error ? params.error + ': ' + (params.error_description || '')
                                          : 'Authorization failed: no code received from the server.'});
    }
  } else {
    oauth2.callback({auth: oauth2.auth, token: params, isValid: isValid, redirectUrl: redirectUrl});
  }
  window.close();
})();
</script>
</body>
</html>
"""


def get_swagger_ui_html(
    *,
    openapi_url: str,
    title: str,
    swagger_js_url: str = SWAGGER_JS_URL,
    swagger_css_url: str = SWAGGER_CSS_URL,
    swagger_favicon_url: str = SWAGGER_FAVICON_URL,
    oauth2_redirect_url: str | None = None,
    init_oauth: dict[str, Any] | None = None,
    swagger_ui_parameters: dict[str, Any] | None = None,
) -> HTMLResponse:
    """FastAPI's name: the Swagger UI page as an ``HTMLResponse``."""
    return HTMLResponse(
        swagger_ui_html(
            openapi_url,
            title,
            swagger_js_url=swagger_js_url,
            swagger_css_url=swagger_css_url,
            swagger_favicon_url=swagger_favicon_url,
            oauth2_redirect_url=oauth2_redirect_url,
            init_oauth=init_oauth,
            swagger_ui_parameters=swagger_ui_parameters,
        )
    )


def get_redoc_html(
    *,
    openapi_url: str,
    title: str,
    redoc_js_url: str = REDOC_JS_URL,
    redoc_favicon_url: str = SWAGGER_FAVICON_URL,
    with_google_fonts: bool = True,
) -> HTMLResponse:
    """FastAPI's name: the ReDoc page as an ``HTMLResponse``."""
    return HTMLResponse(
        redoc_html(
            openapi_url,
            title,
            redoc_js_url=redoc_js_url,
            redoc_favicon_url=redoc_favicon_url,
            with_google_fonts=with_google_fonts,
        )
    )


def get_swagger_ui_oauth2_redirect_html() -> HTMLResponse:
    """FastAPI's name: the OAuth2 redirect page as an ``HTMLResponse``."""
    return HTMLResponse(swagger_ui_oauth2_redirect_html())
