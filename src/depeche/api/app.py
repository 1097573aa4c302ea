"""The analyst's desk as an ASGI app: JSON API, HTML pages, static files, one error envelope."""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import errors, export, ingest, views
from .deps import MAX_BODY, Desk
from .hosts import LOCAL_HOSTS, HostCheck
from .pages import WEB

# no inline script can run, even if an article's text slipped through unescaped
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db_path: str | Path, *, token: str | None = None, max_body: int = MAX_BODY,
               hosts: Iterable[str] = LOCAL_HOSTS, create: bool = False) -> FastAPI:
    """The desk over one SQLite file, which must exist unless `create` (then an empty one is made). With `token`,
    ingest is on; without, the file is only read. Bodies over `max_body` get 413; a Host header not in `hosts`, 400."""
    desk = Desk(Path(db_path), token=token or None, max_body=max_body, create=create)
    desk.open()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        desk.close()

    app = FastAPI(title="depeche", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political events (PLOVER) read from news articles: who did what to whom, where, "
                              "when, and who says so. Errors share one envelope: "
                              '{"error": {"code", "status", "message", "details"?}}.')
    app.state.desk = desk
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=max_body)
    app.add_middleware(HostCheck, hosts=hosts)  # before anything else reads the request
    app.middleware("http")(_headers)
    app.include_router(export.router)  # before /api/events/{id}, which would take "events.csv" otherwise
    app.include_router(ingest.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.add_api_route("/", _home, methods=["GET"], include_in_schema=False)
    app.add_api_route("/api", _index, methods=["GET"], summary="What the API serves")
    return app


async def _headers(request: Request, call_next: Any) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def _home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=303)


def _index(request: Request) -> dict[str, Any]:
    routes = sorted(p for p in request.app.openapi()["paths"] if p.startswith("/api/"))
    return {"name": "depeche", "version": __version__, "openapi": "/openapi.json", "endpoints": routes}


def serve(db_path: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          allowed_hosts: Iterable[str] = (), create: bool = False) -> None:
    """Run the desk with uvicorn until interrupted; it answers to `host`, the loopback names and `allowed_hosts`."""
    import uvicorn

    app = create_app(db_path, token=token, hosts=(host, *LOCAL_HOSTS, *allowed_hosts), create=create)
    uvicorn.run(app, host=host, port=port, log_level="info")
