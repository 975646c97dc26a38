"""newsgraph: news articles in, structured records out (actors, quotes, events, facts, with evidence)."""
from newsgraph.errors import NewsgraphError
from newsgraph.lazy import lazy_attributes

# The analysis (spaCy, the model, the knowledge) loads only when asked for: `query`, `export` and `serve`,
# and a resumed ingest with nothing new, never pay for it.
__getattr__ = lazy_attributes(__name__, {"analyze": "newsgraph.pipeline", "analyze_articles": "newsgraph.pipeline",
                                         "Record": "newsgraph.record"})


def open(db: str | None = None, read_only: bool = False):  # noqa: A001 - mirrors the CLI's --db
    """Open a store (a DuckDB file, default newsgraph.duckdb, or postgresql://...); see newsgraph.query."""
    from newsgraph.store import open_store

    return open_store(db, read_only=read_only)


__all__ = ["analyze", "analyze_articles", "open", "NewsgraphError", "Record"]
__version__ = "0.1.0"
