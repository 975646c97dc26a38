"""The web server: a JSON API and the web pages built on it, over one store."""
from newsgraph.serve.app import create_app

__all__ = ["create_app"]
