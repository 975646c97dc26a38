"""The one tune/check split of every visible evaluation set, fixed by a hash of the record id.

Rules are studied on `tune` records only; `check` records are scored, never read one by one. A record's
split never changes: it depends only on the data set's name and the record's own id.
"""
from __future__ import annotations

import hashlib

CHECK_SHARE = 3  # one record in three is held out for checking


def split_of(dataset: str, record_id: str) -> str:
    """'tune' or 'check' for record `record_id` of `dataset` (e.g. "plover", "re3d", "india", "case2021")."""
    digest = hashlib.sha256(f"{dataset}:{record_id}".encode()).hexdigest()
    return "check" if int(digest[:8], 16) % CHECK_SHARE == 0 else "tune"


def is_tune(dataset: str, record_id: str) -> bool:
    return split_of(dataset, record_id) == "tune"
