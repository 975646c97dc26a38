"""What the corpus map draws: the country shapes of data/geo/world_110m.tsv (written by
scripts/import_world_map.py), the shapes of the regions that have one (the US states, data/geo/regions_us_10m.tsv,
written by scripts/import_region_shapes.py), and every first-level region's point from the gazetteer (the
population-weighted mean of its towns, data/geo/regions.tsv), where a region without a shape is a circle."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from newsgraph.facts.gazetteer import gazetteer


def _shapes(name: str) -> list[dict[str, str]]:
    """The rows of a shapes file (code, name, SVG path; comment lines start with #)."""
    text = resources.files("newsgraph").joinpath(f"data/geo/{name}").read_text(encoding="utf-8")
    shapes = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, title, path = line.split("\t")
        shapes.append({"code": code, "name": title, "path": path})
    return shapes


@cache
def country_shapes() -> list[dict[str, str]]:
    """Every country's ISO3 code, name and SVG path (equirectangular, a 360 x 180 box)."""
    return _shapes("world_110m.tsv")


@cache
def region_shapes() -> dict[str, str]:
    """The SVG path (same box) of each region that has a shape, by its GDELT ADM1 code."""
    return {shape["code"]: shape["path"] for shape in _shapes("regions_us_10m.tsv")}


def placed_regions(regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The regions (rows with `country` ISO3 and `admin1`, GDELT's ADM1 code such as USTX) with their name,
    their point in the shapes' box (`x` = lon + 180, `y` = 90 - lat) and their `path` where they have a shape
    (else None); one the gazetteer cannot place keeps its code for a name and no point."""
    known = gazetteer()
    shapes = region_shapes()
    out = []
    for row in regions:
        code = row["admin1"]
        # GDELT's ADM1 is the FIPS country code (two letters) and the GeoNames admin-1 code
        region = known.region(row["country"], code[2:]) if row["country"] else None
        if region is not None and region.adm1 == code and region.lat is not None and region.lon is not None:
            out.append({**row, "name": region.name, "x": round(region.lon + 180, 2), "y": round(90 - region.lat, 2),
                        "path": shapes.get(code)})
        else:
            out.append({**row, "name": code, "x": None, "y": None, "path": shapes.get(code)})
    return out
