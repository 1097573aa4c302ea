"""One JSON error envelope for every failure, a request size limit, and HTML error pages for browsers."""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import DepecheError, QueryError, StoreError
from ..service import store_failure
from .params import DATE

log = logging.getLogger("depeche.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "payload_too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


def envelope(status: int, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The error contract: {"error": {"code", "status", "message", "details"?}}."""
    body: dict[str, Any] = {"code": CODES.get(status, "error"), "status": status, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not the API) gets the error as a page; everything else gets JSON."""
    path = request.url.path
    if path.startswith(("/api", "/openapi", "/static")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    body = envelope(status, message, details)
    if wants_html(request):
        from .pages import TEMPLATES

        return TEMPLATES.TemplateResponse(request, "error.html", body["error"], status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _problem(error: dict[str, Any]) -> str:
    # a regular expression means nothing to an analyst who typed a date
    if error.get("type") == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == DATE:
        return "expected a date: YYYY-MM-DD, YYYY-MM or YYYY"
    return error.get("msg", "")


def _details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": _problem(e)} for e in exc.errors()]


async def _http(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error").replace("_", " ")
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    details = _details(exc)
    first = details[0] if details else {"where": "request", "problem": "invalid"}
    return error_response(request, 422, f"invalid {first['where']}: {first['problem']}", details)


async def _depeche(request: Request, exc: DepecheError) -> Response:
    status = 400 if isinstance(exc, QueryError) else 503 if isinstance(exc, StoreError) else 500
    return error_response(request, status, str(exc))


async def _sqlite(request: Request, exc: sqlite3.DatabaseError) -> Response:
    """A damaged page (or a file replaced under the server) met while reading: a coded error naming the file,
    by its name only: the server's folders are none of the client's business."""
    log.error("database error on %s %s: %s", request.method, request.url.path, exc)
    return await _depeche(request, store_failure(Path(request.app.state.desk.path).name, exc))


async def _crash(request: Request, exc: Exception) -> Response:
    # the traceback goes to the log, never to the client
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error; the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(DepecheError, _depeche)
    app.add_exception_handler(sqlite3.DatabaseError, _sqlite)
    app.add_exception_handler(Exception, _crash)


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, whether the size is announced or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        announced = dict(scope["headers"]).get(b"content-length", b"0")
        if not announced.isdigit():
            await JSONResponse(envelope(400, "bad Content-Length header"), status_code=400)(scope, receive, send)
            return
        if int(announced) > self.max_bytes:
            await JSONResponse(envelope(413, self._message()), status_code=413)(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:  # a chunked body that did not say its size
                raise HTTPException(413, self._message())
            return message

        return counted

    def _message(self) -> str:
        size = f"{self.max_bytes / 2**20:g} MB" if self.max_bytes >= 2**20 else f"{self.max_bytes} bytes"
        return f"request body over the {size} limit; send fewer or smaller documents at once"
