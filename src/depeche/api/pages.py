"""Every page has a JSON twin: one view function, registered as /api/PATH (JSON) and /PATH (HTML)."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from . import highlight
from .params import EVENT_TYPES, FACTUALITY

WEB = Path(__file__).resolve().parents[1] / "web"

# autoescape everywhere: article text, titles and names are untrusted
TEMPLATES = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(WEB / "templates"),
                                                   autoescape=True, undefined=jinja2.StrictUndefined))


def qs(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None drops one): links keep the filters."""
    params = {k: v for k, v in request.query_params.items() if v != ""}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)


def url_id(value: str) -> str:
    """An id (which may hold ':' or '/') as one path segment."""
    return quote(value, safe="")


TEMPLATES.env.globals.update(qs=qs, event_types=EVENT_TYPES, factualities=FACTUALITY)
TEMPLATES.env.filters.update(url_id=url_id, marked_text=highlight.marked_text,
                             marked_sentence=highlight.marked_sentence)


def _signature(view: Callable[..., Any], *, with_request: bool) -> inspect.Signature:
    sig = inspect.signature(view, eval_str=True)
    params = list(sig.parameters.values())
    if with_request:
        params.insert(0, inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request))
    return sig.replace(parameters=params, return_annotation=inspect.Signature.empty)


def twin(router: APIRouter, path: str, template: str, *, summary: str | None = None,
         responses: dict[int | str, Any] | None = None, plain: bool = False
         ) -> Callable[[Callable[..., dict[str, Any]]], Any]:
    """Register a view (keyword-only parameters, returns a dict) as the JSON route and the HTML page. `plain`: the
    dict holds only JSON types, and is sent as it is, without FastAPI's encoder, which visits every value (half a
    second for the map's 100,000 points)."""

    def register(view: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def as_json(**params: Any) -> Any:
            return JSONResponse(view(**params)) if plain else view(**params)

        def as_html(request: Request, **params: Any) -> HTMLResponse:
            return TEMPLATES.TemplateResponse(request, template, {"data": view(**params)})

        as_json.__signature__ = _signature(view, with_request=False)  # type: ignore[attr-defined]
        as_html.__signature__ = _signature(view, with_request=True)  # type: ignore[attr-defined]
        for fn, suffix in ((as_json, "api"), (as_html, "page")):
            fn.__name__, fn.__doc__ = f"{view.__name__}_{suffix}", view.__doc__
        router.add_api_route("/api" + path, as_json, methods=["GET"], summary=summary, responses=responses)
        router.add_api_route(path, as_html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
        return view

    return register
