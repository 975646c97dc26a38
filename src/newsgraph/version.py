"""What produced a record: the package version plus a hash of the package's data files.

A record stored by one analyser is re-analysed by `newsgraph reanalyse` when the analyser differs, so a
fix in the code (a new version) or in the knowledge (a changed data file) reaches stores users have.
"""
from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.abc import Traversable

DATA_HASH_CHARS = 8


def data_fingerprint(root: Traversable) -> str:
    """A hash of every file under `root`: their paths (sorted) and bytes."""
    digest = hashlib.sha256()
    for path, entry in sorted(_files(root, "")):
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(entry.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:DATA_HASH_CHARS]


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                found.extend(_files(entry, name + "/"))
        elif not entry.name.endswith(".pyc"):
            found.append((name, entry))
    return found


@cache
def analyser_version() -> str:
    """This process's analyser: "<package version>+data.<hash of src/newsgraph/data/**>", computed once."""
    from newsgraph import __version__

    return f"{__version__}+data.{data_fingerprint(resources.files('newsgraph.data'))}"
