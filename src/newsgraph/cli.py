"""The newsgraph command line: a thin layer over the library."""
from __future__ import annotations

import csv
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from newsgraph.errors import NewsgraphError, from_exception
from newsgraph.read.dates import DATE_ORDERS

if TYPE_CHECKING:
    from newsgraph.read.corpus import ReadOptions


def _error(message: str) -> None:
    click.echo(f"newsgraph: {message}", err=True)


def _report(err: NewsgraphError, debug: bool) -> None:
    """One line for the user; the traceback behind it only with --debug."""
    _error(err.message)
    if debug and err.detail:
        click.echo(err.detail.rstrip(), err=True)


DEBUG_OPTION = click.option("--debug", is_flag=True, help="Print the traceback behind each failure.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured records out.

    \b
    Example:
      newsgraph analyze article.txt --format summary
    """


def _warn(message: str) -> None:
    click.echo(f"newsgraph: warning: {message}", err=True)


def _reading_options(func: Any) -> Any:
    """The options that say how to read corpora whose fields have other names, and slashed dates."""
    options = [
        click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text."),
        click.option("--id-field", default="id", show_default=True, help="Field holding the article's id."),
        click.option("--title-field", default="title", show_default=True, help="Field holding the title."),
        click.option("--date-field", default="published", show_default=True,
                     help="Field holding the publication date (ISO, 'March 3, 2022', '3 March 2022', RFC 2822, ...)."),
        click.option("--date-order", type=click.Choice(DATE_ORDERS, case_sensitive=False),
                     help="How to read slashed dates such as 10/03/2022: DMY or MDY (else they stay unread)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _read_options(text_field: str, id_field: str, title_field: str, date_field: str,
                  date_order: str | None) -> ReadOptions:
    from newsgraph.read.corpus import ReadOptions  # the readers: not imported by the verbs that read no article

    return ReadOptions(text_field=text_field, id_field=id_field, title_field=title_field, date_field=date_field,
                       date_order=date_order.upper() if date_order else None, on_warning=_warn)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "summary"]), default="json",
              show_default=True, help="json: one indented object per article; jsonl: one per line.")
@click.option("--published", help="Publication date for articles whose field, page, dateline and file name "
              "give none.")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
@_reading_options
@DEBUG_OPTION
def analyze(paths: tuple[str, ...], fmt: str, published: str | None, model: str | None, debug: bool,
            **reading: Any) -> None:
    """Analyse articles: plain text, HTML, JSONL/CSV corpora, folders, or - for stdin.

    \b
    Examples:
      newsgraph analyze article.txt
      newsgraph analyze corpus.jsonl --format jsonl > records.jsonl
      cat page.html | newsgraph analyze - --format summary
      newsgraph analyze docs.jsonl --text-field doc_text --id-field doc_id
    """
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs
    from newsgraph.summary import summarise

    published = _published_option(published)
    failures = produced = 0
    try:
        for result in analyze_articles(read_inputs(paths, _read_options(**reading)), model=model,
                                       published=published):
            if isinstance(result, NewsgraphError):
                failures += 1
                _report(result, debug)
                continue
            produced += 1
            if fmt == "jsonl":
                click.echo(result.to_json())
            elif fmt == "json":
                click.echo(result.to_json(indent=2))
            else:
                click.echo(summarise(result) + "\n")
    except NewsgraphError as err:
        _report(err, debug)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a failure outside any one article (the model itself): still one line
        _report(from_exception(exc, "-", "the run"), debug)
        sys.exit(1)
    if failures:
        _error(f"{failures} input(s) failed, {produced} analysed")
        sys.exit(1)



def _published_option(published: str | None) -> str | None:
    from newsgraph import validate

    try:
        return validate.published(published, "--published")
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(2)


DB_HELP = "Database: a DuckDB file (default newsgraph.duckdb, or $NEWSGRAPH_DB) or postgresql://user@host:port/db."


def _db(url: str | None) -> str:
    return url or os.environ.get("NEWSGRAPH_DB") or "newsgraph.duckdb"


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local worker processes, each with its own model.")
@click.option("--scheduler", metavar="ADDRESS", help="Run the analysis on a Dask cluster (e.g. tcp://host:8786).")
@click.option("--published", help="Publication date for articles whose field, page, dateline and file name "
              "give none.")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="Articles per batch: one unit of work and one transaction.")
@click.option("--quiet", is_flag=True, help="No progress output, only failures and the summary.")
@click.option("--reanalyse", is_flag=True,
              help="First analyse again the stored articles an older (or other) newsgraph analysed.")
@_reading_options
@DEBUG_OPTION
def ingest(paths: tuple[str, ...], db: str | None, workers: int, scheduler: str | None, published: str | None,
           model: str | None, batch_size: int, quiet: bool, reanalyse: bool, debug: bool, **reading: Any) -> None:
    """Analyse articles and store their records; stored articles are skipped, so a rerun resumes.

    \b
    Examples:
      newsgraph ingest articles/ corpus.jsonl
      newsgraph ingest corpus.jsonl --db postgresql://me@localhost/news --workers 4
      newsgraph ingest corpus.jsonl --scheduler tcp://10.0.0.5:8786
      newsgraph ingest docs.jsonl --text-field doc_text --date-field date --date-order DMY
      newsgraph ingest --reanalyse                 # after upgrading newsgraph
    """
    from newsgraph.ingest import ingest as run_ingest
    from newsgraph.ingest import reanalyse as run_reanalyse
    from newsgraph.store import open_store
    from newsgraph.version import analyser_version

    if not paths and not reanalyse:
        raise click.UsageError("give the articles to ingest (files, folders, corpora, -), or --reanalyse")
    published = _published_option(published)
    engine = {"workers": workers, "scheduler": scheduler, "model": model, "batch_size": batch_size,
              "progress": not quiet, "on_failure": lambda err: _report(err, debug)}
    failed = 0
    try:
        # transient: the file is free between batches, so a server on it keeps answering; reanalysing reads the
        # store from the worker pool's thread while it writes, which needs the connection held
        with open_store(_db(db), transient=not reanalyse) as store:
            stale = 0 if reanalyse else store.count_stale(analyser_version())
            if stale:  # their files, read again now, may normalise to new ids and be stored a second time
                _warn(f"{stale} stored articles were analysed by another newsgraph version; add --reanalyse "
                      f"(or run newsgraph reanalyse --db {_db(db)}) to bring them up to date")
            if reanalyse:
                again = run_reanalyse(store, **engine)
                _say(_reanalysed_line(again), again.undated_line())
                failed += again.failed
            if paths:
                summary = run_ingest(paths, store, published=published, read_options=_read_options(**reading),
                                     **engine)
                _say(f"{summary.line()} into {_db(db)}", summary.undated_line())
                failed += summary.failed
    except NewsgraphError as err:
        _report(err, debug)
        sys.exit(1)
    except KeyboardInterrupt:
        _error("interrupted; what was stored is kept, run the same command again to resume")
        sys.exit(130)
    if failed:  # the rest is stored; the exit status still says not everything was
        sys.exit(1)


def _reanalysed_line(summary: Any) -> str:
    return (f"{summary.read} stored articles analysed again: {summary.added} replaced, {summary.known} now the "
            f"same as another stored article, {summary.failed} failed (kept as they were), in "
            f"{summary.seconds:.1f} s")


def _say(*lines: str) -> None:
    for line in lines:
        if line:
            click.echo(f"newsgraph: {line}", err=True)


@main.command("reanalyse")
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local worker processes, each with its own model.")
@click.option("--scheduler", metavar="ADDRESS", help="Run the analysis on a Dask cluster (e.g. tcp://host:8786).")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="Articles per batch: one unit of work and one transaction.")
@click.option("--quiet", is_flag=True, help="No progress output, only failures and the summary.")
def reanalyse_command(db: str | None, workers: int, scheduler: str | None, model: str | None, batch_size: int,
                      quiet: bool) -> None:
    """Analyse again the stored articles another newsgraph version analysed, replacing their records.

    Resumable like ingest: each batch is one transaction, and a rerun picks up what is left.

    \b
    Example:
      newsgraph reanalyse --db news.duckdb --workers 2
    """
    from newsgraph.ingest import reanalyse as run_reanalyse
    from newsgraph.store import open_store

    try:
        with open_store(_db(db)) as store:
            summary = run_reanalyse(store, workers=workers, scheduler=scheduler, model=model, batch_size=batch_size,
                                    progress=not quiet, on_failure=lambda _id, message: _error(message))
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    except KeyboardInterrupt:
        _error("interrupted; what was replaced is kept, run the same command again to resume")
        sys.exit(130)
    _say(_reanalysed_line(summary), summary.undated_line())
    if summary.failed:
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
    "documents": ("id", "published", "published_from", "title", "events", "quotes", "analyser"),
}


def _query(verb: str, fmt: str, db: str | None, **kwargs: Any) -> None:
    from newsgraph import query
    from newsgraph.store import open_store

    note = None
    try:
        with open_store(_db(db), read_only=True) as store:
            rows = query.VERBS[verb](store, **kwargs)
            if verb == "timeline" or (verb in ("events", "pairs") and (kwargs.get("since") or kwargs.get("until"))):
                what = "this timeline" if verb == "timeline" else "these results (they have no date to filter on)"
                note = query.undated_note(query.undated(store, kwargs.get("actor"), kwargs.get("partner")), what)
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    if fmt == "table" and verb in TABLE_COLUMNS:
        rows = [{k: row[k] for k in TABLE_COLUMNS[verb]} for row in rows]
    if fmt == "table" and verb == "documents":
        for row in rows:
            row["id"] = row["id"][:12]
    _emit(rows, fmt)
    if note:
        click.echo(f"newsgraph: {note}", err=True)


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
        click.option("--country", help="An actor's country on either side (ISO3, e.g. SYR)."),
        click.option("--region", help="Articles naming a place in this first-level region (ADM1 code, e.g. USTX)."),
        click.option("--outlet", help="The articles' source (a site or agency)."),
        click.option("--quad-class", help="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                     "4 material conflict."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


SHARED_FILTERS = ("country", "region", "outlet", "quad_class")  # the pages' filter, as the API takes it


def _shared_filter(kwargs: dict[str, Any]) -> Any:
    """Take the pages' filter options out of `kwargs`: the query.Filter they make, or None when none is given."""
    from newsgraph.query import Filter

    values = {k: kwargs.pop(k, None) for k in SHARED_FILTERS}
    return Filter.of(values) if any(v is not None for v in values.values()) else None


@main.group()
def query() -> None:
    """Ask the store: events, quotes, pairs, timeline, actors, documents.

    \b
    Examples:
      newsgraph query events --actor TURGOV --since 2024-01
      newsgraph query quotes --speaker Lavrov
      newsgraph query pairs --format csv > pairs.csv
      newsgraph query timeline --actor SYRGOV --by month
    """


@query.command("events")
@_event_filters
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@_query_options
def query_events(fmt: str, db: str | None, **kwargs: Any) -> None:
    """Events, oldest first: who did what to whom, with evidence."""
    try:
        kwargs["filters"] = _shared_filter(kwargs)
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
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
        shared = _shared_filter(filters)
        with open_store(_db(db), read_only=True) as store:
            written = export(store, fmt, out, shared, **filters)
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
@click.option("--analysis-workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that run POST /api/analyze (each loads the model).")
@click.option("--analysis-seconds", type=click.FloatRange(1), default=60, show_default=True,
              help="Time limit for one analysis; slower ones are stopped with 504.")
@click.option("--create", is_flag=True, help="Start an empty DuckDB file when --db names none (otherwise a "
              "missing file is an error, so a mistyped path is not served as an empty store).")
def serve(db: str | None, host: str, port: int, model: str | None, analysis_workers: int,
          analysis_seconds: float, create: bool) -> None:
    """Start the web pages and the JSON API (OpenAPI description at /openapi.json) over a database.

    \b
    Example:
      newsgraph ingest articles/ && newsgraph serve
    """
    try:
        import uvicorn

        from newsgraph.serve import create_app
        from newsgraph.serve.analysis import AnalysisPool
    except ImportError as exc:
        _error(f"the web server needs its extra: pip install 'newsgraph[web]' ({exc.name} is missing)")
        sys.exit(1)
    pool = AnalysisPool(model, workers=analysis_workers, seconds=analysis_seconds)
    try:
        app = create_app(db=_db(db), model=model, analysis=pool, create=create)
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    pool.start()  # the workers load the model while the first pages are served
    click.echo(f"newsgraph: serving {_db(db)} at http://{host}:{port}/  (API description: /openapi.json)", err=True)
    # A client gets 5 s between requests on a kept-alive connection; past 200 open connections new
    # ones get 503, so slow clients cannot take every socket.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5, limit_concurrency=200)
    pool.close()


if __name__ == "__main__":
    main()
