"""newsgraph: news articles in, structured records out (actors, quotes, events, facts, with evidence)."""
from typing import Any

from newsgraph.errors import NewsgraphError

# The analysis (spaCy, the model, the knowledge) loads only when asked for: `query`, `export` and `serve`,
# and a resumed ingest with nothing new, never pay for it.
_LAZY = {"analyze": "newsgraph.pipeline", "analyze_articles": "newsgraph.pipeline", "Record": "newsgraph.record"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


def open(db: str | None = None, read_only: bool = False):  # noqa: A001 - mirrors the CLI's --db
    """Open a store (a DuckDB file, default newsgraph.duckdb, or postgresql://...); see newsgraph.query."""
    from newsgraph.store import open_store

    return open_store(db, read_only=read_only)


__all__ = ["analyze", "analyze_articles", "open", "NewsgraphError", "Record"]
__version__ = "0.1.0"
