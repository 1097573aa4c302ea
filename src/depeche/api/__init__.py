"""HTTP API and web pages of the analyst's desk (needs the [web] extra: fastapi, uvicorn, jinja2)."""
from .app import create_app, serve

__all__ = ["create_app", "serve"]
