"""The Host allow-list: a page from elsewhere that rebinds its own name to this address gets 400, not the desk."""
from __future__ import annotations

from collections.abc import Iterable

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import envelope

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without its port: 'Example.org:8000' -> 'example.org', '[::1]:80' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    if header.count(":") == 1:
        header = header.partition(":")[0]
    return header.rstrip(".")


class HostCheck:
    """Answer only requests whose Host header names one of `hosts`. A browser sends the name it looked up, so a
    site whose name an attacker points at 127.0.0.1 (DNS rebinding) cannot read the desk from the user's browser."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]):
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts if h)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_name(given) in self.hosts:
            await self.app(scope, receive, send)
            return
        message = (f"this desk does not answer to the host {given[:100]!r}; if that name is meant to reach it, "
                   "start the server with --allowed-host NAME")
        await JSONResponse(envelope(400, message), status_code=400)(scope, receive, send)
