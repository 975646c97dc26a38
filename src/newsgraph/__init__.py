"""newsgraph: news articles in, structured records out (actors, quotes, events, facts, with evidence)."""
from newsgraph.errors import NewsgraphError
from newsgraph.pipeline import analyze, analyze_articles
from newsgraph.record import Record

__all__ = ["analyze", "analyze_articles", "NewsgraphError", "Record"]
__version__ = "0.1.0"
