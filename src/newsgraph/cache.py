"""A deterministic on-disk cache for knowledge that is slow to build and changes only with the package.

An object is stored under a key that hashes (with hashlib, never `hash()`) the package's data files and
the source files of the code that builds it, so an edited data file or a new release builds afresh.
The cache lives in `$NEWSGRAPH_CACHE`, else `$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`; a
cache that cannot be read or written is skipped, never an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("NEWSGRAPH_CACHE"):
        return Path(os.environ["NEWSGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def _files(root) -> Iterable:
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.is_dir():
            yield from _files(item)
        elif not item.name.startswith(".") and not item.name.endswith(".pyc"):
            yield item


@cache
def data_hash() -> str:
    """A hash of every package data file (newsgraph/data/**), by path and content."""
    digest = hashlib.sha256()
    root = resources.files("newsgraph.data")
    for item in _files(root):
        digest.update(str(item).split("newsgraph/data/", 1)[-1].encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()


def cached(name: str, build: Callable[[], T], code: Iterable[str]) -> T:
    """`build()`, or its result from an earlier process with the same data files and building code
    (`code`: module names whose source goes into the key)."""
    digest = hashlib.sha256(data_hash().encode())
    for module in code:
        spec = __import__(module, fromlist=["__file__"])
        digest.update(Path(spec.__file__).read_bytes())
    path = cache_dir() / f"{name}-{digest.hexdigest()[:20]}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache only costs a rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError:
        pass
    return value
