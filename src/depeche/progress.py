"""Progress of a long command on stderr: a bar with documents/s and ETA on a terminal, a line now and then in a log."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

EVERY_DOCS = 1000  # a plain line at least this often, in documents ...
EVERY_SECONDS = 10.0  # ... or in seconds, whichever comes first
REDRAW_SECONDS = 0.2  # the bar is redrawn at most this often


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


class Progress:
    """Counts documents done and input bytes read. On a terminal, with the input's size known, a bar (click's)
    by bytes, with documents/s and the time left; otherwise a plain line every EVERY_DOCS documents or
    EVERY_SECONDS; nothing when `quiet` (`bar` False: lines even on a terminal, as when the output goes there too).
    Errors and warnings go through `echo`, so that they do not break the bar."""

    def __init__(self, label: str, total: int | None, *, quiet: bool = False, bar: bool = True,
                 stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic):
        self.label, self.total, self.quiet, self.clock = label, total, quiet, clock
        self.stream = stream if stream is not None else sys.stderr  # looked up now: a test runner swaps it
        self.docs = self.bytes = self._pending = self._said_docs = 0
        self.start = self._said = self._drawn = clock()
        self.bar: Any = None
        if bar and not quiet and total and isatty(self.stream):
            self.bar = click.progressbar(length=total, label=label, file=self.stream, show_eta=False,
                                         show_percent=True, item_show_func=lambda _: self._speed())
            self.bar.__enter__()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def read(self, n: int) -> None:
        """`n` more bytes of input were read (a ReadOptions.on_read)."""
        self.bytes += n
        self._pending += n

    def step(self, *_: Any) -> None:
        """One more document done (its arguments, such as an ingest's report so far, are not needed)."""
        self.docs += 1
        now = self.clock()
        if self.bar is not None:
            if now - self._drawn >= REDRAW_SECONDS:
                self._draw(now)
        elif not self.quiet and (self.docs - self._said_docs >= EVERY_DOCS or now - self._said >= EVERY_SECONDS):
            self._said, self._said_docs = now, self.docs
            left = self._left(now)
            self._line(f"{self.label}: {self.docs:,} documents{self._share()}, {self._rate(now)}"
                       + (f", about {left} left" if left else ""))

    def echo(self, message: str) -> None:
        """A line on stderr (an error, a warning), above the bar when there is one."""
        if self.bar is not None:
            self.stream.write("\r\033[K")  # the bar's line, cleared; it is drawn again below the message
        self._line(message)
        if self.bar is not None:
            self.bar.render_progress()

    def close(self) -> None:
        if self.bar is not None:
            self._draw(self.clock())
            self.bar.render_finish()  # ends the bar's line and shows the cursor again
            self.bar = None

    def _draw(self, now: float) -> None:
        self._drawn = now
        self.bar.update(min(self._pending, max(self.total - self.bar.pos, 0)) if self.total else self._pending)
        self._pending = 0

    def _line(self, text: str) -> None:
        click.echo(f"depeche: {text}", file=self.stream)

    def _speed(self) -> str:
        now = self.clock()
        left = self._left(now)
        return f"{self.docs:,} docs, {self._rate(now)}" + (f", ETA {left}" if left else "")

    def _rate(self, now: float) -> str:
        return f"{self.docs / max(now - self.start, 1e-9):,.1f} docs/s"

    def _share(self) -> str:
        return f" ({min(self.bytes / self.total, 1):.0%} of the input)" if self.total else ""

    def _left(self, now: float) -> str:
        """The time left, from the share of the input read so far; '' when it cannot be told."""
        if not self.total or not self.bytes or self.bytes >= self.total:
            return ""
        return _duration((now - self.start) * (self.total - self.bytes) / self.bytes)


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02}:{s % 60:02}"


def gazetteer_ready(say: Callable[[str], None]) -> None:
    """Build the place gazetteer now if this is its first use, and say so: it takes a while (some 15 s), once,
    and is then read from the cache ($DEPECHE_CACHE, else ~/.cache/depeche)."""
    from .geo.gazetteer import cache_path, default_gazetteer

    path = cache_path()
    if path.exists():
        return
    say(f"building the place gazetteer, once (about 15 s): {path}")
    start = time.monotonic()
    default_gazetteer()
    say(f"gazetteer built in {time.monotonic() - start:.0f} s")
