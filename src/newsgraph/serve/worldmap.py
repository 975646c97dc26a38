"""The country shapes of the corpus map: data/geo/world_110m.tsv (written by scripts/import_world_map.py)."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def country_shapes() -> list[dict[str, str]]:
    """Every country's ISO3 code, name and SVG path (equirectangular, a 360 x 180 box)."""
    text = resources.files("newsgraph").joinpath("data/geo/world_110m.tsv").read_text(encoding="utf-8")
    shapes = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        iso3, name, path = line.split("\t")
        shapes.append({"code": iso3, "name": name, "path": path})
    return shapes
