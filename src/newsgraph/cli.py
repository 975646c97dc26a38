"""The newsgraph command line: a thin layer over the library."""
from __future__ import annotations

import csv
import json
import os
import sys
from typing import Any

import click

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.read.corpus import parse_published


def _error(message: str) -> None:
    click.echo(f"newsgraph: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured records out.

    \b
    Example:
      newsgraph analyze article.txt --format summary
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "summary"]), default="json",
              show_default=True, help="json: one indented object per article; jsonl: one per line.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not give one.")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
def analyze(paths: tuple[str, ...], fmt: str, published: str | None, model: str | None) -> None:
    """Analyse articles: plain text, HTML, JSONL/CSV corpora, folders, or - for stdin.

    \b
    Examples:
      newsgraph analyze article.txt
      newsgraph analyze corpus.jsonl --format jsonl > records.jsonl
      cat page.html | newsgraph analyze - --format summary
    """
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs
    from newsgraph.summary import summarise

    if published is not None:
        value = parse_published(published)
        if value is None:
            _error(Errors.E016.format(value=published))
            sys.exit(2)
        published = value
    failures = produced = 0
    try:
        for result in analyze_articles(read_inputs(paths), model=model, published=published):
            if isinstance(result, NewsgraphError):
                failures += 1
                _error(result.message)
                continue
            produced += 1
            if fmt == "jsonl":
                click.echo(result.to_json())
            elif fmt == "json":
                click.echo(result.to_json(indent=2))
            else:
                click.echo(summarise(result) + "\n")
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    if failures:
        _error(f"{failures} input(s) failed, {produced} analysed")
        sys.exit(1)



def _published_option(published: str | None) -> str | None:
    if published is None:
        return None
    value = parse_published(published)
    if value is None:
        _error(Errors.E016.format(value=published))
        sys.exit(2)
    return value


DB_HELP = "Database: a DuckDB file (default newsgraph.duckdb, or $NEWSGRAPH_DB) or postgresql://user@host:port/db."


def _db(url: str | None) -> str:
    return url or os.environ.get("NEWSGRAPH_DB") or "newsgraph.duckdb"


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local worker processes, each with its own model.")
@click.option("--scheduler", metavar="ADDRESS", help="Run the analysis on a Dask cluster (e.g. tcp://host:8786).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not give one.")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="Articles per batch: one unit of work and one transaction.")
@click.option("--quiet", is_flag=True, help="No progress output, only failures and the summary.")
def ingest(paths: tuple[str, ...], db: str | None, workers: int, scheduler: str | None, published: str | None,
           model: str | None, batch_size: int, quiet: bool) -> None:
    """Analyse articles and store their records; stored articles are skipped, so a rerun resumes.

    \b
    Examples:
      newsgraph ingest articles/ corpus.jsonl
      newsgraph ingest corpus.jsonl --db postgresql://me@localhost/news --workers 4
      newsgraph ingest corpus.jsonl --scheduler tcp://10.0.0.5:8786
    """
    from newsgraph.ingest import ingest as run_ingest
    from newsgraph.store import open_store

    published = _published_option(published)
    try:
        with open_store(_db(db)) as store:
            summary = run_ingest(paths, store, workers=workers, scheduler=scheduler, model=model,
                                 published=published, batch_size=batch_size, progress=not quiet,
                                 on_failure=lambda _id, message: _error(message))
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    except KeyboardInterrupt:
        _error("interrupted; what was stored is kept, run the same command again to resume")
        sys.exit(130)
    click.echo(f"newsgraph: {summary.line()} into {_db(db)}", err=True)
    if summary.failed:  # the rest is stored; the exit status still says not everything was
        sys.exit(1)


def _emit(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        if fmt == "table":
            click.echo("(no rows)", err=True)
        return
    columns = list(rows[0])
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def _cell(value: Any, width: int = 60) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


# What the table format shows of each verb's rows; csv and json get every column.
TABLE_COLUMNS = {
    "events": ("date", "source_code", "source", "cameo", "plover", "target_code", "target", "goldstein",
               "negated", "modality", "evidence"),
    "quotes": ("date", "speaker", "speaker_code", "cue", "kind", "text"),
    "documents": ("id", "published", "title", "events", "quotes"),
}


def _query(verb: str, fmt: str, db: str | None, **kwargs: Any) -> None:
    from newsgraph import query
    from newsgraph.store import open_store

    try:
        with open_store(_db(db), read_only=True) as store:
            rows = query.VERBS[verb](store, **kwargs)
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    if fmt == "table" and verb in TABLE_COLUMNS:
        rows = [{k: row[k] for k in TABLE_COLUMNS[verb]} for row in rows]
    if fmt == "table" and verb == "documents":
        for row in rows:
            row["id"] = row["id"][:12]
    _emit(rows, fmt)


def _query_options(func: Any) -> Any:
    func = click.option("--db", help=DB_HELP)(func)
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                        show_default=True)(func)


def _event_filters(func: Any) -> Any:
    """The options that select events, shared by `query events` and `export`."""
    options = [
        click.option("--actor", help="Source or target: a code (USAGOV) or a canonical name."),
        click.option("--source", help="Source actor: code or name."),
        click.option("--target", help="Target actor: code or name."),
        click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Up to this date, inclusive."),
        click.option("--root", help="CAMEO root code, e.g. 12."),
        click.option("--plover", help="PLOVER event type, e.g. REJECT."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.group()
def query() -> None:
    """Ask the store: events, quotes, pairs, timeline, actors, documents.

    \b
    Examples:
      newsgraph query events --actor USAGOV --since 2021-01
      newsgraph query quotes --speaker Schenker
      newsgraph query pairs --format csv > pairs.csv
      newsgraph query timeline --actor SYRGOV --by month
    """


@query.command("events")
@_event_filters
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@_query_options
def query_events(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Events, oldest first: who did what to whom, with evidence."""
    _query("events", fmt, db, **kwargs)


@query.command("quotes")
@click.option("--speaker", help="A speaker's code, or part of their name.")
@click.option("--text", help="Words the quote contains.")
@click.option("--since", help="Articles published from this date.")
@click.option("--until", help="Articles published up to this date.")
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@_query_options
def query_quotes(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Who said what, newest article first."""
    _query("quotes", fmt, db, **kwargs)


@query.command("pairs")
@click.option("--actor", help="Only pairs with this actor (code or name).")
@click.option("--since", help="From this date.")
@click.option("--until", help="Up to this date.")
@click.option("--root", help="CAMEO root code.")
@click.option("--min-events", type=click.IntRange(1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@_query_options
def query_pairs(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Source-target pairs with event counts and mean Goldstein."""
    _query("pairs", fmt, db, **kwargs)


@query.command("timeline")
@click.option("--actor", help="An actor (code or name); all events if omitted.")
@click.option("--partner", help="With --actor: only events between the two.")
@click.option("--by", type=click.Choice(["year", "month", "day"]), default="month", show_default=True)
@click.option("--since", help="From this date.")
@click.option("--until", help="Up to this date.")
@_query_options
def query_timeline(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Events per period: cooperation against conflict."""
    _query("timeline", fmt, db, **kwargs)


@query.command("actors")
@click.option("--name", help="A code, or part of a name.")
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@_query_options
def query_actors(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Actors across the corpus, by how many articles mention them."""
    _query("actors", fmt, db, **kwargs)


@query.command("documents")
@click.option("--text", help="Words the title or body contains.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True)
@_query_options
def query_documents(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Stored articles, newest first."""
    _query("documents", fmt, db, **kwargs)


@main.command("export")
@click.argument("out")
@click.option("--format", "fmt", type=click.Choice(["gdelt-events", "gdelt-gkg", "parquet", "jsonl"]),
              required=True, help="parquet writes one file per table into the folder OUT.")
@_event_filters
@click.option("--db", help=DB_HELP)
def export_command(out: str, fmt: str, db: str | None, **filters: str | None) -> None:
    """Write the store as GDELT Events/GKG files, Parquet tables or JSONL records.

    The filters of `query events` export a slice: the events they select
    (gdelt-events), or the documents with such an event (gdelt-gkg, jsonl).

    \b
    Examples:
      newsgraph export events.tsv --format gdelt-events
      newsgraph export syria.tsv --format gdelt-events --actor SYRGOV --since 2021-06
      newsgraph export gkg.tsv --format gdelt-gkg --root 12
      newsgraph export tables/ --format parquet
    """
    from newsgraph.export import export
    from newsgraph.store import open_store

    try:
        with open_store(_db(db), read_only=True) as store:
            written = export(store, fmt, out, **filters)
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    unit = "files" if fmt == "parquet" else "rows"
    click.echo(f"newsgraph: wrote {written} {unit} to {out}", err=True)



@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--model", help="spaCy model for the Analyse page (default: the best installed English model).")
def serve(db: str | None, host: str, port: int, model: str | None) -> None:
    """Start the web pages and the JSON API (OpenAPI description at /openapi.json) over a database.

    \b
    Example:
      newsgraph ingest articles/ && newsgraph serve
    """
    try:
        import uvicorn

        from newsgraph.serve import create_app
        from newsgraph.store import open_store
    except ImportError as exc:
        _error(f"the web server needs its extra: pip install 'newsgraph[web]' ({exc.name} is missing)")
        sys.exit(1)
    try:
        store = open_store(_db(db))
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    click.echo(f"newsgraph: serving {_db(db)} at http://{host}:{port}/  (API description: /openapi.json)", err=True)
    uvicorn.run(create_app(store=store, model=model), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
