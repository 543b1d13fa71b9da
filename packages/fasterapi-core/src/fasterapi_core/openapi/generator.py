"""The OpenAPI 3.1 document of an application, built from its routes' dependency plans.

Everything comes from what the routes already planned at registration (``route.dependant``):
parameters of every source including those of (sub-)dependencies, JSON/form/multipart bodies,
security helpers found among the dependencies. Schemas come from msgspec's JSON Schema support.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import http
import inspect
import re
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from .._json_lines import JSONLinesResponse
from ..dependencies import Dependant, ParamPlan
from ..model_adapters import adapted_model
from ..routing import OPENAPI_PATH_OPTION, APIRoute
from ..security.base import SecurityBase
from ..uploads import is_upload_annotation
from ._app import DocumentedApp, RoutedApp
from ._schemas import SchemaRegistry, annotated_with, field_title, rewrite_refs

__all__ = ["app_openapi", "generate_openapi", "get_openapi"]

OPENAPI_VERSION = "3.1.0"
_CONVERTER = re.compile(r"\{([^}:]+):[^}]*\}")
_NON_WORD = re.compile(r"\W")
_METHOD_ORDER = ("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE")

_VALIDATION_ERROR = {
    "title": "ValidationError",
    "type": "object",
    "properties": {
        "loc": {"title": "Location", "type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"title": "Message", "type": "string"},
        "type": {"title": "Error Type", "type": "string"},
        "input": {"title": "Input"},
        "ctx": {"title": "Context", "type": "object"},
    },
    "required": ["loc", "msg", "type"],
}
_HTTP_VALIDATION_ERROR = {
    "title": "HTTPValidationError",
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}
    },
}


def _jsonable(value: Any) -> tuple[bool, Any]:
    """``(True, value as JSON data)`` when ``value`` can appear in the document, else ``(False, None)``."""
    try:
        data = msgspec.to_builtins(value, str_keys=True)
        msgspec.json.encode(data)
    except Exception:
        return False, None
    return True, data


class _Builder:
    """Builds one document; holds the schema registry and the operation ids used so far."""

    def __init__(self, separate_input_output_schemas: bool = True) -> None:
        self.schemas = SchemaRegistry(separate_input_output_schemas)
        self.security_schemes: dict[str, Any] = {}
        self.operation_ids: set[str] = set()
        self.needs_validation_error = False

    # -- walking the plans ------------------------------------------------------------------

    @staticmethod
    def _walk(dependant: Dependant) -> Iterable[Dependant]:
        seen: set[int] = set()
        stack = [dependant]
        while stack:
            current = stack.pop(0)
            if id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            stack[0:0] = [sub.dependant for sub in current.dependencies]

    def _security(self, dependant: Dependant) -> list[dict[str, list[str]]]:
        requirements: list[dict[str, list[str]]] = []
        for node in self._walk(dependant):
            call = node.call
            if not isinstance(call, SecurityBase):
                continue
            self.security_schemes.setdefault(call.scheme_name, copy.deepcopy(call.model))
            scopes = list(node.security_scopes) if call.model.get("type") in ("oauth2", "openIdConnect") else []
            requirement = {call.scheme_name: scopes}
            if requirement not in requirements:
                requirements.append(requirement)
        return requirements

    def _field_schema(
        self, annotation: Any, field: Any, *, name: str, required: bool, default: Any, files: bool = False
    ) -> dict[str, Any]:
        """One parameter's or body field's schema as FastAPI writes it: constraints on the type; title
        (the name in title case unless given), description, examples and a non-null default beside it."""
        tp = annotated_with(annotation, **_constraints(field))
        outer: dict[str, Any] = {"title": field.title or field_title(name)}
        if field.description:
            outer["description"] = field.description
        if field.deprecated:
            outer["deprecated"] = True
        if field.examples:
            ok, examples = _jsonable(field.examples)
            if ok:
                outer["examples"] = examples
        extra = getattr(field, "extra", None) or {}
        if isinstance(extra.get("json_schema_extra"), dict):
            ok, schema_extra = _jsonable(extra["json_schema_extra"])
            if ok:
                outer.update(schema_extra)
        if not required and default is not None and getattr(field, "default_factory", None) is None:
            ok, value = _jsonable(default)
            if ok:
                outer["default"] = value
        return self.schemas.add_field(tp, outer, files=files)

    def _param_schema(self, plan: ParamPlan, *, files: bool = False) -> dict[str, Any]:
        default = None if plan.default_factory is not None else plan.default
        return self._field_schema(
            plan.annotation, plan.field, name=plan.public_name, required=plan.required, default=default, files=files
        )

    def _parameters(self, dependant: Dependant) -> list[dict[str, Any]]:
        """Grouped by location (path, query, header, cookie) as FastAPI lists them; within a group the
        route's own parameters come first, then those of its dependencies in the order they are declared."""
        parameters: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        nodes = list(self._walk(dependant))
        for location in ("path_params", "query_params", "header_params", "cookie_params"):
            for node in nodes:
                source = location.split("_")[0]
                own = getattr(node, location)
                documented = [plan for plan in node.openapi_params if plan.source == source]
                for plan in [*own, *documented] if documented else own:
                    key = (plan.source, plan.alias)
                    if key in seen or not plan.field.include_in_schema:
                        continue
                    seen.add(key)
                    parameter: dict[str, Any] = {
                        "name": plan.public_name,
                        "in": plan.source,
                        "required": True if plan.source == "path" else plan.required,
                        "schema": self._param_schema(plan),
                    }
                    field = plan.field
                    if field.description:
                        parameter["description"] = field.description
                    if field.deprecated:
                        parameter["deprecated"] = True
                    if field.openapi_examples:
                        ok, examples = _jsonable(field.openapi_examples)
                        if ok:
                            parameter["examples"] = examples
                    parameters.append(parameter)
        return parameters

    def _request_body(self, dependant: Dependant, operation_id: str) -> dict[str, Any] | None:
        form_plans: list[ParamPlan] = []
        body = None
        for node in self._walk(dependant):
            form_plans.extend(p for p in node.form_params if p.field.include_in_schema)
            if body is None and node.body is not None:
                body = node.body
        if form_plans:
            return self._form_body(form_plans, operation_id)
        if body is None:
            return None
        if not body.embed:
            _, alias, annotation, field = body.params[0]
            schema = self._field_schema(annotation, field, name=alias, required=True, default=None)
        else:
            properties: dict[str, Any] = {}
            required: list[str] = []
            for _, alias, annotation, field in body.params:
                properties[alias] = self._field_schema(
                    annotation, field, name=alias, required=field.required, default=field.default
                )
                if field.required:
                    required.append(alias)
            schema = self._object_component(f"Body_{operation_id}", properties, required)
        request_body: dict[str, Any] = {"content": {body.media_type: {"schema": schema}}}
        if body.required:
            request_body["required"] = True
        return request_body

    def _form_body(self, plans: list[ParamPlan], operation_id: str) -> dict[str, Any]:
        has_files = any(p.source == "file" or is_upload_annotation(p.annotation) for p in plans)
        media_type = "multipart/form-data" if has_files else "application/x-www-form-urlencoded"
        if len(plans) == 1 and (_is_model(plans[0].annotation) or adapted_model(plans[0].annotation) is not None):
            schema = self.schemas.add(plans[0].annotation)
            body: dict[str, Any] = {"content": {media_type: {"schema": schema}}}
            if plans[0].required:
                body["required"] = True
            return body
        properties: dict[str, Any] = {}
        required: list[str] = []
        for plan in plans:
            properties[plan.alias] = self._param_schema(plan, files=True)
            if plan.required:
                required.append(plan.alias)
        ref = self._object_component(f"Body_{operation_id}", properties, required)
        result: dict[str, Any] = {"content": {media_type: {"schema": ref}}}
        if required:
            result["required"] = True
        return result

    def _object_component(self, name: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
        """A ``Body_<operation id>`` component holding several fields; returns the ``$ref`` to it."""
        component: dict[str, Any] = {"title": name, "type": "object", "properties": properties}
        if required:
            component["required"] = required
        return self.schemas.add_component(name, component)

    # -- operations ----------------------------------------------------------------------------

    def operation_id(self, route: APIRoute, method: str, path: str) -> str:
        explicit = route.options.get("operation_id")
        if explicit:
            candidate = str(explicit)
        else:
            generator = route.options.get("generate_unique_id_function")
            if callable(generator):
                candidate = str(generator(route))
            else:
                candidate = _NON_WORD.sub("_", f"{route.name or 'endpoint'}{path}") + f"_{method.lower()}"
        unique, n = candidate, 2
        while unique in self.operation_ids:
            unique, n = f"{candidate}_{n}", n + 1
        self.operation_ids.add(unique)
        return unique

    def operation(self, route: APIRoute, method: str, path: str) -> dict[str, Any]:
        opts = route.options
        dependant: Dependant = route.dependant
        operation: dict[str, Any] = {}
        tags = [tag.value if isinstance(tag, enum.Enum) else tag for tag in opts.get("tags") or ()]
        if tags:
            operation["tags"] = list(dict.fromkeys(tags))
        name = route.name or str(getattr(route.endpoint, "__name__", "endpoint"))
        operation["summary"] = opts.get("summary") or name.replace("_", " ").title()
        description = opts.get("description")
        if description is None:
            doc = inspect.getdoc(route.endpoint)
            description = doc.split("\f", 1)[0].strip() if doc else None
        if description:
            operation["description"] = description
        operation_id = self.operation_id(route, method, path)
        operation["operationId"] = operation_id
        if opts.get("deprecated"):
            operation["deprecated"] = True
        parameters = self._parameters(dependant)
        if parameters:
            operation["parameters"] = parameters
        request_body = self._request_body(dependant, operation_id)
        if request_body is not None:
            operation["requestBody"] = request_body
        operation["responses"] = self._responses(route, operation_id, _validates(dependant))
        security = self._security(dependant)
        if security:
            operation["security"] = security
        if opts.get("callbacks"):
            callbacks = self._callbacks(opts["callbacks"])
            if callbacks:
                operation["callbacks"] = callbacks
        extra = opts.get("openapi_extra")
        if extra:
            _deep_merge(operation, copy.deepcopy(extra))
        return operation

    def _callbacks(self, callbacks: Any) -> dict[str, Any] | None:
        """``callbacks=``: routes (FastAPI's ``callback_router.routes``), keyed by name then path; or a dict."""
        if isinstance(callbacks, dict):
            ok, data = _jsonable(callbacks)
            return data if ok else None
        documented: dict[str, Any] = {}
        for route in _documented_routes(callbacks):
            path = str(route.options.get(OPENAPI_PATH_OPTION, route.path))
            item = documented.setdefault(route.name or "callback", {}).setdefault(path, {})
            for method in _route_methods(route):
                item[method.lower()] = self.operation(route, method, path)
        return documented or None

    def _responses(self, route: APIRoute, operation_id: str, validates: bool) -> dict[str, Any]:
        opts = route.options
        response_class = getattr(route, "response_class", None)
        status = int(
            getattr(route, "status_code", None) or opts.get("status_code") or _default_status(response_class) or 200
        )
        # A response class without a media type (a redirect, a file) documents no content, as in FastAPI.
        media_type = getattr(response_class, "media_type", None) if response_class is not None else "application/json"
        responses: dict[str, Any] = {}
        main: dict[str, Any] = {"description": opts.get("response_description") or "Successful Response"}
        if status >= 200 and status not in (204, 304) and media_type:
            model = getattr(route, "response_model", None)
            item_type = getattr(route, "stream_item_type", None)
            schema: dict[str, Any] = {}
            if media_type == JSONLinesResponse.media_type:
                # One document per line: OpenAPI 3.2's ``itemSchema`` describes each, as FastAPI writes it.
                if item_type is not None:
                    schema = self.schemas.add_field(item_type, {}, output=True)
                main["content"] = {media_type: {"itemSchema": schema}}
            else:
                if "json" not in media_type:
                    schema = {"type": "string"}
                elif model is not None:
                    title = field_title(f"Response_{operation_id}")
                    schema = self.schemas.add_field(model, {"title": title}, output=True)
                main["content"] = {media_type: {"schema": schema}}
        responses[str(status)] = main
        for code, spec in (opts.get("responses") or {}).items():
            key = str(code.value if isinstance(code, enum.Enum) else code)
            responses[key] = self._extra_response(key, spec or {}, responses.get(key), media_type or "application/json")
        if validates and "422" not in responses:
            self.needs_validation_error = True
            responses["422"] = {
                "description": "Validation Error",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}},
            }
        return responses

    def _extra_response(self, key: str, spec: dict[str, Any], existing: Any, media_type: str) -> dict[str, Any]:
        # Merged in place: ``existing`` may hold schema slots that ``resolve()`` fills later (a copy would stay empty).
        response: dict[str, Any] = existing if existing is not None else {}
        description = spec.get("description")
        if description is None and "description" not in response:
            try:
                description = http.HTTPStatus(int(key)).phrase
            except ValueError:
                description = "Additional Response"
        if description is not None:
            response["description"] = description
        if "model" in spec and spec["model"] is not None:
            content = response.setdefault("content", {})
            content.setdefault("application/json" if "json" not in media_type else media_type, {})
            for entry in content.values():
                entry["schema"] = self.schemas.add(spec["model"], output=True)
        if "content" in spec:
            ok, content = _jsonable(spec["content"])
            if ok:
                _deep_merge(response.setdefault("content", {}), content)
        if "headers" in spec:
            ok, headers = _jsonable(spec["headers"])
            if ok:
                response["headers"] = headers
        if "links" in spec:
            ok, links = _jsonable(spec["links"])
            if ok:
                response["links"] = links
        return response


def _constraints(field: Any) -> dict[str, Any]:
    """The validation constraints of a ``Body(...)``/``Query(...)``: the document states every one the server checks."""
    return {
        "gt": field.gt,
        "ge": field.ge,
        "lt": field.lt,
        "le": field.le,
        "min_length": field.min_length,
        "max_length": field.max_length,
        "pattern": field.pattern,
    }


def _validates(dependant: Dependant) -> bool:
    """True when the request can fail validation: FastAPI then documents the 422 (hidden parameters count)."""
    for node in _Builder._walk(dependant):
        if node.path_params or node.query_params or node.header_params or node.cookie_params:
            return True
        if node.form_params or node.body is not None or node.openapi_params:
            return True
    return False


def _default_status(response_class: Any) -> int | None:
    """The ``status_code`` a response class defaults to (307 for ``RedirectResponse``), as FastAPI reads it."""
    try:
        parameter = inspect.signature(response_class.__init__).parameters.get("status_code")
    except (TypeError, ValueError):
        return None
    default = getattr(parameter, "default", None)
    return default if isinstance(default, int) and not isinstance(default, bool) else None


def _is_model(tp: Any) -> bool:
    return (isinstance(tp, type) and issubclass(tp, msgspec.Struct)) or (
        isinstance(tp, type) and dataclasses.is_dataclass(tp)
    )


def _deep_merge(target: dict[str, Any], extra: dict[str, Any]) -> None:
    """``extra`` merged into ``target``: dicts key by key, lists appended (FastAPI merges ``openapi_extra`` so)."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        elif isinstance(value, list) and isinstance(target.get(key), list):
            target[key] = target[key] + value
        else:
            target[key] = value


def _route_methods(route: APIRoute) -> list[str]:
    methods = set(route.methods)
    if "GET" in methods:
        methods.discard("HEAD")
    return [m for m in _METHOD_ORDER if m in methods]


def _documented_routes(routes: Iterable[Any]) -> list[APIRoute]:
    """The planned HTTP routes (any class with a ``dependant``: custom route classes too) left in the schema."""
    documented: list[APIRoute] = []
    for route in routes:
        if getattr(route, "dependant", None) is None or "WEBSOCKET" in route.methods:
            continue
        if route.options.get("include_in_schema", True) is False:
            continue
        documented.append(route)
    return documented


def _webhook_paths(builder: _Builder, webhooks: Any) -> dict[str, Any] | None:
    """``webhooks`` as the document wants them: from routes (``app.webhooks`` or its ``.routes``) or a dict."""
    if not webhooks:
        return None
    if isinstance(webhooks, dict):
        ok, data = _jsonable(webhooks)
        return data if ok else None
    paths: dict[str, dict[str, Any]] = {}
    for route in _documented_routes(getattr(webhooks, "routes", webhooks)):
        name = str(route.options.get(OPENAPI_PATH_OPTION, route.path))
        item = paths.setdefault(name, {})
        for method in _route_methods(route):
            item[method.lower()] = builder.operation(route, method, name)
    return paths or None


def get_openapi(
    *,
    title: str,
    version: str,
    routes: Sequence[Any],
    openapi_version: str = OPENAPI_VERSION,
    summary: str | None = None,
    description: str | None = None,
    tags: list[dict[str, Any]] | None = None,
    servers: list[dict[str, Any]] | None = None,
    terms_of_service: str | None = None,
    contact: dict[str, Any] | None = None,
    license_info: dict[str, Any] | None = None,
    webhooks: Any = None,
    separate_input_output_schemas: bool = True,
) -> dict[str, Any]:
    """FastAPI's ``get_openapi``: the document for ``routes`` with the given ``info`` (a fresh dict)."""
    info: dict[str, Any] = {"title": title, "version": version}
    if summary:
        info["summary"] = summary
    if description:
        info["description"] = description
    if terms_of_service:
        info["termsOfService"] = terms_of_service
    if contact:
        info["contact"] = dict(contact)
    if license_info:
        info["license"] = dict(license_info)
    document: dict[str, Any] = {"openapi": openapi_version, "info": info}
    if servers:
        document["servers"] = [dict(server) for server in servers]
    builder = _Builder(separate_input_output_schemas)
    paths: dict[str, dict[str, Any]] = {}
    for route in _documented_routes(routes):
        path = _CONVERTER.sub(r"{\1}", route.path)
        item = paths.setdefault(path, {})
        for method in _route_methods(route):
            item[method.lower()] = builder.operation(route, method, path)
    document["paths"] = paths
    webhook_paths = _webhook_paths(builder, webhooks)
    builder.schemas.resolve()
    components: dict[str, Any] = {}
    schemas = dict(builder.schemas.components)
    if builder.needs_validation_error:
        schemas.setdefault("ValidationError", _VALIDATION_ERROR)
        schemas.setdefault("HTTPValidationError", _HTTP_VALIDATION_ERROR)
    if schemas:
        components["schemas"] = dict(sorted(schemas.items()))
    if builder.security_schemes:
        components["securitySchemes"] = builder.security_schemes
    if components:
        document["components"] = components
    if builder.schemas.rename_refs:
        rewrite_refs(document, builder.schemas.rename_refs)
    if tags:
        document["tags"] = [dict(tag) for tag in tags]
    if webhook_paths:
        document["webhooks"] = webhook_paths
    result: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(document))
    return result


def generate_openapi(
    app: RoutedApp,
    *,
    title: str | None = None,
    version: str | None = None,
    description: str | None = None,
    openapi_tags: list[dict[str, Any]] | None = None,
    terms_of_service: str | None = None,
    contact: dict[str, Any] | None = None,
    license_info: dict[str, Any] | None = None,
    summary: str | None = None,
    servers: list[dict[str, Any]] | None = None,
    openapi_version: str = OPENAPI_VERSION,
) -> dict[str, Any]:
    """faster-api-web's ``generate_openapi``: ``app``'s document; keywords default to the app's settings.

    Always a new dict, safe to modify (the app's cached copy is not touched).
    """
    return get_openapi(
        title=title if title is not None else getattr(app, "title", "FasterAPI"),
        version=version if version is not None else getattr(app, "version", "0.1.0"),
        routes=app.routes,
        openapi_version=openapi_version,
        summary=summary if summary is not None else getattr(app, "summary", None),
        description=description if description is not None else getattr(app, "description", None),
        tags=openapi_tags if openapi_tags is not None else getattr(app, "openapi_tags", None),
        servers=servers if servers is not None else getattr(app, "servers", None),
        terms_of_service=terms_of_service if terms_of_service is not None else getattr(app, "terms_of_service", None),
        contact=contact if contact is not None else getattr(app, "contact", None),
        license_info=license_info if license_info is not None else getattr(app, "license_info", None),
        webhooks=getattr(app, "webhooks", None),
    )


def _routes_key(app: DocumentedApp) -> tuple[object, ...]:
    return (
        tuple(map(id, app.routes)),
        app.title,
        app.version,
        getattr(app, "summary", None),
        app.description,
        id(app.openapi_tags),
        id(getattr(app, "servers", None)),
    )


def app_openapi(app: DocumentedApp) -> dict[str, Any]:
    """What ``app.openapi()`` returns: cached in ``app.openapi_schema`` and rebuilt when the routes change.

    A document the user assigned to ``app.openapi_schema`` is returned as is.
    """
    current = app.openapi_schema
    generated = app._openapi_generated
    if current is not None and (generated is None or current is not generated[1]):
        result: dict[str, Any] = current
        return result
    key = _routes_key(app)
    if current is not None and generated is not None and generated[0] == key:
        cached: dict[str, Any] = current
        return cached
    document = generate_openapi(app)
    app.openapi_schema = document
    app._openapi_generated = (key, document)
    return document
