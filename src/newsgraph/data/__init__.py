"""The one loader for newsgraph's data files (TSV with a commented header).

Format: lines starting with "#" say what a row means and where the facts came
from; the first other line names the columns; every later line is one row of
tab-separated fields. Multi-valued fields separate values with "|".
"""
from __future__ import annotations

from functools import cache
from importlib import resources


def split_values(field: str) -> list[str]:
    return [v.strip() for v in field.split("|") if v.strip()]


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data file `name` (a path under newsgraph/data, e.g. "kb/countries.tsv") as dicts."""
    text = resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r").split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        elif len(cells) > len(header):
            raise ValueError(f"{name}:{number}: {len(cells)} fields, header has {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return tuple(rows)
