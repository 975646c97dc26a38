"""Module attributes that load when first asked for (PEP 562): a process that never uses them never imports
what they need (the analysis for `query`, the readers for a query's CLI)."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_attributes(module: str, sources: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `module` that imports each name in `sources` from its module there on first
    use and keeps it, so later lookups are plain attributes."""
    def attribute(name: str) -> Any:
        if name not in sources:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(sources[name]), name)
        setattr(sys.modules[module], name, value)
        return value

    return attribute
