"""The `depeche` command: thin wrappers over depeche.service."""
from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from . import __version__
from .datefilter import check_range, date_filter
from .errors import DepecheError, ExportWarning, LanguageWarning
from .io.readers import MB, ReadOptions, input_size
from .io.writers import FORMATS, Writer
from .link.display import incident_text
from .progress import Progress, gazetteer_ready, isatty
from .store import Database, EventFilter

# a LIMIT or OFFSET SQLite can hold (past 2**63 - 1 it cannot even be sent)
ROWS = click.IntRange(0, 2**63 - 1)
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CRASH")


def _input_options(fn: Any) -> Any:
    for opt in reversed([
        click.option("--lang", help="Language of .txt input (fr, en); detected when absent."),
        click.option("--published", help="Publication date of .txt input (YYYY-MM-DD)."),
        click.option("--source", help="Source name for .txt input."),
        click.option("--title", help="Title for .txt input."),
        click.option("--encoding", default="utf-8", show_default=True, help="Encoding of input files."),
        click.option("--max-size", default=50, show_default=True, type=click.IntRange(1),
                     help="Largest document, in MB: a .txt, .html or .json file, or one JSONL line (JSONL, "
                          "from a file or stdin, is read line by line, whatever its size)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress and no summary: only errors and warnings."),
    ]):
        fn = opt(fn)
    return fn


def _read_options(kw: dict[str, Any], status: Progress) -> ReadOptions:
    return ReadOptions(lang=kw["lang"], published=kw["published"], source=kw["source"], title=kw["title"],
                       encoding=kw["encoding"], max_bytes=kw["max_size"] * MB,
                       warn=lambda warning: status.echo(str(warning)), on_read=status.read)


def _fail(message: str) -> None:
    click.echo(f"depeche: {message}", err=True)


def _db_option(help_text: str) -> Any:
    return click.option("--db", "db_path", required=True, envvar="DEPECHE_DB", show_envvar=True, help=help_text)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --since or --until checked (and a span such as 7d made a date): one coded line and status 2 if bad."""
    if value is None:
        return None
    try:
        return date_filter(value, f"--{param.name}")
    except DepecheError as err:
        _fail(str(err))
        ctx.exit(2)


def _progress(label: str, files: tuple[str, ...], quiet: bool, *, bar: bool = True) -> Progress:
    """The command's progress display, once the gazetteer is ready (it is built on first use, which is said)."""
    try:
        gazetteer_ready(lambda message: None if quiet else _fail(message))
    except DepecheError as err:
        _fail(str(err))
        sys.exit(2)
    return Progress(label, input_size(list(files)), quiet=quiet, bar=bar)


def _geojson_warning(writer: Writer) -> None:
    if writer.without_coordinates:
        _fail(str(ExportWarning(f"{writer.without_coordinates:,} of {writer.count:,} events have no coordinates and "
                                "are not in the GeoJSON (its member `without_coordinates` says so too)")))


def _cut_notice(noun: str, shown: int, offset: int, limit: int, count: Any) -> None:
    from .listing import cut_notice

    message = cut_notice(noun, shown, offset, limit, count)
    if message:
        _fail(message)


@contextmanager
def _open_db(db_path: str) -> Iterator[Database]:
    """An existing depeche database for reading commands; errors, a damaged page met while reading included,
    end the command with one line and status 2."""
    from .service import open_store, store_failure

    try:
        with open_store(db_path) as db:
            yield db
    except sqlite3.DatabaseError as exc:
        _fail(str(store_failure(db_path, exc)))
        sys.exit(2)
    except DepecheError as err:
        _fail(str(err))
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="depeche")
def main() -> None:
    """depeche: political events (PLOVER) from news articles, offline."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
@_input_options
def extract(files: tuple[str, ...], fmt: str, output: Any, quiet: bool, **kw: Any) -> None:
    """Extract events from FILES (.txt, .json, .jsonl, .html, folders, or - for stdin)."""
    from .service import extract_paths

    status = _progress("extract", files, quiet, bar=not isatty(output))
    current: dict[str, Any] = {}  # the document being written: its url goes in CSV and GeoJSON rows
    writer, counts = Writer(output, fmt, documents=current.get), {"documents": 0, "failed": 0, "unsupported": 0}
    with status:
        for item in extract_paths(list(files), _read_options(kw, status)):
            status.step()
            if isinstance(item, DepecheError):
                status.echo(str(item))
                counts["unsupported" if isinstance(item, LanguageWarning) else "failed"] += 1
                continue
            counts["documents"] += 1
            current.clear()
            current[item[0].id] = {"url": item[0].url, "title": item[0].title, "source": item[0].source}
            writer.write(item[1])
    writer.close()
    _geojson_warning(writer)
    if not quiet:
        click.echo(f"read {counts['documents']:,} documents: {writer.count:,} events; {counts['failed']:,} failed; "
                   f"{counts['unsupported']:,} in a language depeche has no tables for", err=True)
    sys.exit(1 if counts["failed"] else 0)


@main.command()
@click.argument("files", nargs=-1, required=True)
@_db_option("SQLite database file (created if missing).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes (one process writes).")
@_input_options
def ingest(files: tuple[str, ...], db_path: str, workers: int, quiet: bool, **kw: Any) -> None:
    """Extract events from FILES and store documents and events in the database."""
    from .service import ingest_paths

    try:
        db = Database(db_path)
    except DepecheError as err:
        _fail(str(err))
        sys.exit(2)
    status = _progress("ingest", files, quiet)
    try:
        with db, status:
            report = ingest_paths(list(files), db, _read_options(kw, status), workers=workers, progress=status.step)
    except sqlite3.DatabaseError as exc:  # a damaged page the store met outside a document's transaction
        from .service import store_failure

        _fail(str(store_failure(db_path, exc)))
        sys.exit(2)
    for line in report.errors + report.unsupported:
        _fail(line)
    if not quiet:
        click.echo(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged} documents; "
                   f"{report.events} events; {len(report.errors)} failed; {len(report.unsupported)} in a language "
                   "depeche has no tables for", err=True)
    sys.exit(0 if report.ok else 1)


@main.command()
@_db_option("SQLite database file.")
@click.option("--type", "etype", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="Event type.")
@click.option("--actor", help="Actor code (RUS), name or text.")
@click.option("--country", help="Country code of an actor, recipient or the location.")
@click.option("--since", callback=_date, help="Earliest event date: YYYY, YYYY-MM or YYYY-MM-DD, or a span back "
              "from today (7d, 2w, 3m, 1y).")
@click.option("--until", callback=_date, help="Latest event date, in the same forms (2026-03 takes all of March).")
@click.option("--factuality", type=click.Choice(["fact", "possible", "denied", "future"]))
@click.option("--text", help="Words of the article (accents and case ignored).")
@click.option("--claimant", help="Who says so: code, name or words of the mention.")
@click.option("--incident", help="Incident id (an old id merged into another resolves to it).")
@click.option("--limit", default=1000, show_default=True, type=ROWS)
@click.option("--offset", default=0, type=ROWS)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def events(db_path: str, etype: str | None, fmt: str, **kw: Any) -> None:
    """List stored events matching the filters, newest date first; stderr says when --limit cut the list."""
    from . import listing

    with _open_db(db_path) as db:
        check_range(kw["since"], kw["until"])
        f = EventFilter(type=etype, **kw)
        writer = Writer(sys.stdout, fmt, documents=listing.Documents(db))
        writer.write(db.events(f, incident=True))
        writer.close()
        _geojson_warning(writer)
        _cut_notice("events", writer.count, f.offset, f.limit, lambda: listing.count_events(db, f))


@main.command()
@_db_option("SQLite database file.")
@click.option("--speaker", help="Speaker code (RUS), name or words of the mention.")
@click.option("--text", help="Words in the quote.")
@click.option("--doc", "doc_id", help="Only this document.")
@click.option("--limit", default=1000, show_default=True, type=ROWS)
@click.option("--format", "fmt", type=click.Choice(FORMATS[:3]), default="table", show_default=True)
def quotes(db_path: str, speaker: str | None, text: str | None, doc_id: str | None, limit: int, fmt: str) -> None:
    """List stored quotes with their speakers."""
    with _open_db(db_path) as db:
        writer = Writer(sys.stdout, fmt, kind="quote")
        writer.write(db.quotes(speaker=speaker, text=text, doc_id=doc_id, limit=limit))
        writer.close()


@main.command()
@_db_option("SQLite database file.")
@click.option("--type", "etype", type=click.Choice(EVENT_TYPES, case_sensitive=False), help="Event type.")
@click.option("--country", help="Country code of the incident's place.")
@click.option("--since", callback=_date, help="Incidents whose last report date is on or after this date (YYYY, "
              "YYYY-MM, YYYY-MM-DD, or a span back from today: 7d, 2w, 3m, 1y).")
@click.option("--conflicts", is_flag=True, help="Only incidents whose sources disagree.")
@click.option("--limit", default=1000, show_default=True, type=ROWS)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def incidents(db_path: str, etype: str | None, country: str | None, since: str | None, conflicts: bool, limit: int,
              fmt: str) -> None:
    """List incidents: reports of one real-world event grouped across articles."""
    from .listing import count_incidents

    with _open_db(db_path) as db:
        filters = {"etype": etype, "country": country, "since": since, "conflicts_only": conflicts}
        found = db.incidents(**filters, limit=limit)
        _cut_notice("incidents", len(found), 0, limit, lambda: count_incidents(db, **filters))
        for inc in found:
            if fmt == "jsonl":
                click.echo(json.dumps(inc, ensure_ascii=False))
                continue
            dates = inc["first_date"] or "?"
            if inc["last_date"] and inc["last_date"] != inc["first_date"]:
                dates += f"..{inc['last_date']}"
            click.echo(f"{inc['id']}  {inc['type']:<9} {dates:<22} {inc['country'] or '-':<4} "
                       f"{inc['reports']} reports, {inc['sources']} independent sources, {inc['conflicts']} conflicts")


@main.command()
@click.argument("incident_id")
@_db_option("SQLite database file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table", show_default=True,
              help="geojson: its events with their source articles, for a map or a timeline (Bellingcat's TimeMap).")
def incident(incident_id: str, db_path: str, fmt: str) -> None:
    """Show one incident: the conflicts between its sources in words, then each source article with its claims."""
    if fmt == "geojson":
        _incident_geojson(incident_id, db_path)
        return
    with _open_db(db_path) as db:
        inc = db.incident(incident_id)
        articles = db.incident_articles(inc["dispute"]) if inc and fmt == "table" else []
    if inc is None:
        _fail(f"[E501] no incident {incident_id!r}; list them with `depeche incidents --db {db_path}`")
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(inc, ensure_ascii=False, indent=2))
        return
    click.echo(incident_text({**inc, "articles": articles}))


def _incident_geojson(incident_id: str, db_path: str) -> None:
    from .listing import incident_geojson

    with _open_db(db_path) as db:
        data = incident_geojson(db, incident_id)
    if data is None:
        _fail(f"[E501] no incident {incident_id!r}; list them with `depeche incidents --db {db_path}`")
        sys.exit(2)
    click.echo(json.dumps(data, ensure_ascii=False))
    if data["without_coordinates"]:
        _fail(str(ExportWarning(f"{data['without_coordinates']:,} of {data['events']:,} events of the incident have no "
                                "coordinates and are not among its features")))


@main.command()
@click.argument("source")
@click.argument("target")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Format of SOURCE.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, help="Repartition the input into this many partitions.")
def spark(source: str, target: str, fmt: str, master: str, partitions: int | None) -> None:
    """Run the extraction on Spark: SOURCE articles (any path Spark reads) to TARGET/events and TARGET/documents
    as Parquet. Needs the [spark] extra."""
    from .spark import run, session

    try:
        sess = session(master)
    except DepecheError as err:
        _fail(str(err))
        sys.exit(2)
    try:
        counts = run(sess, source, target, fmt=fmt, partitions=partitions)
    finally:
        sess.stop()
    click.echo(json.dumps(counts))


@main.group()
def gazetteer() -> None:
    """The offline gazetteer (built from packaged data on first use)."""


@gazetteer.command("build")
@click.option("--path", "path", type=click.Path(dir_okay=False), help="Where to write it (default: the cache).")
def gazetteer_build(path: str | None) -> None:
    """Build (or rebuild) the gazetteer and say how big it is and how long it took."""
    from pathlib import Path

    from .geo.gazetteer import build, cache_path

    target = Path(path) if path else cache_path()
    stats = build(target)
    click.echo(f"{target}: {stats['towns']} towns, {stats['regions']} regions, {stats['places']} places, "
               f"{stats['aliases']} aliases; {stats['bytes'] / 1e6:.1f} MB in {stats['seconds']} s")


@gazetteer.command("lookup")
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """Places a name can mean, biggest first."""
    from .geo.gazetteer import default_gazetteer

    for p in sorted(default_gazetteer().lookup(name), key=lambda p: -p.population):
        click.echo(f"{p.name}\t{p.kind}\t{p.country or '-'}\t{p.lat:.3f}\t{p.lon:.3f}\t{p.population}")


@main.command()
@_db_option("SQLite database file.")
@click.option("--output", "-o", "target", required=True, type=click.Path(file_okay=False),
              help="Folder to write: OUTPUT/events and OUTPUT/documents (created if missing).")
@click.option("--format", "fmt", type=click.Choice(["parquet"]), default="parquet", show_default=True)
def export(db_path: str, target: str, fmt: str) -> None:
    """Write the store's events (with their incident ids) and documents as Parquet, the layout `depeche spark`
    writes, for pandas, DuckDB or Spark. Needs the [parquet] extra (pyarrow)."""
    try:
        from .io.parquet import export as write
    except ImportError as exc:
        _fail(f"[E601] `depeche export` needs the parquet extra ({exc.name} is missing): pip install 'depeche[parquet]'")
        sys.exit(2)
    with _open_db(db_path) as db:
        counts = write(db, target)
    click.echo(f"{target}: {counts['events']} events, {counts['documents']} documents", err=True)


@main.command()
@click.argument("query")
@_db_option("SQLite database file.")
@click.option("--limit", default=20, show_default=True, type=ROWS)
def search(query: str, db_path: str, limit: int) -> None:
    """Full-text search over stored articles (accents and case ignored)."""
    with _open_db(db_path) as db:
        for hit in db.search_documents(query, limit=limit):
            click.echo(f"{hit['id']}\t{hit['title'] or ''}\t{hit['snippet']}")


@main.command()
@_db_option("SQLite database file; it must exist, unless --create. Without a token it is only read.")
@click.option("--create", is_flag=True, help="Create the database if it does not exist (an empty desk; with a token, "
              "ready for POST /api/documents).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="DEPECHE_TOKEN", help="Bearer token that enables POST /api/documents "
              "(or set DEPECHE_TOKEN); without one, the server opens the database read-only and ingest over HTTP is off.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another name the desk answers to in the Host header, besides --host, localhost, 127.0.0.1 and ::1 "
                   "(repeatable); other names get 400.")
def serve(db_path: str, create: bool, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...]) -> None:
    """Serve the analyst's desk: JSON API and web pages (events, map, timeline, incidents). Needs the [web] extra."""
    try:
        from .api import serve as run
    except ImportError as exc:
        _fail(f"[E600] `depeche serve` needs the web extra ({exc.name} is missing): pip install 'depeche[web]'")
        sys.exit(2)
    try:
        run(db_path, host=host, port=port, token=token, allowed_hosts=allowed_hosts, create=create)
    except DepecheError as err:
        _fail(str(err))
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
