"""What a request needs: the desk's settings, a read connection of its own, the single writer."""
from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from ..errors import MissingStoreError, StoreError
from ..service import open_store
from ..store import Database
from .queries import ReadOnlyDatabase

MAX_BODY = 5 * 2**20


@dataclass
class Desk:
    """One server's state: where the database is, the ingest token, and the one writer with its lock (only with
    a token: without one the desk only reads)."""

    path: Path
    token: str | None = None
    max_body: int = MAX_BODY
    writer: Database | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    create: bool = False

    def open(self) -> None:
        """A missing file is made an empty depeche database only when asked (`create`), else refused. With a
        token, the writer migrates it and brings the dispute views up to date (an ingest cut short may have left
        some to recompute). Without one nothing else may write: the file must be a depeche database, or the server
        does not start."""
        if not self.path.exists():
            if not self.create:
                raise MissingStoreError(f"no such database; create it with `depeche ingest FILES --db {self.path}`, "
                                        "or start the server with --create for an empty one", path=str(self.path))
            Database(self.path).close()
        if not self.token:
            open_store(str(self.path), readonly=True).close()
            return
        # a file with content is checked first: another program's SQLite file is refused, not given depeche tables
        existing = self.path.exists() and self.path.stat().st_size > 0
        self.writer = open_store(str(self.path)) if existing else Database(self.path)
        self.writer.refresh_incidents()

    def store(self) -> Database:
        if self.writer is None:
            raise StoreError("the desk's database is not open (the server is starting or stopping)", path=str(self.path))
        return self.writer

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def desk(request: Request) -> Desk:
    return request.app.state.desk


def reader(d: Annotated[Desk, Depends(desk)]) -> Iterator[Database]:
    db = ReadOnlyDatabase(d.path)
    try:
        yield db
    finally:
        db.close()


def require_token(d: Annotated[Desk, Depends(desk)], authorization: Annotated[str | None, Header()] = None) -> None:
    """Ingest is off without a configured token; with one, the request must bear it."""
    if not d.token:
        raise HTTPException(403, "ingest is disabled: start the server with --token or DEPECHE_TOKEN set")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), d.token.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
