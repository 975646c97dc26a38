"""What the corpus map draws: the country shapes of data/geo/world_110m.tsv (written by
scripts/import_world_map.py), and the first-level regions as points from the gazetteer (no region shapes ship:
a region is a circle at its centre, the population-weighted mean of its towns, data/geo/regions.tsv)."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from newsgraph.facts.gazetteer import gazetteer


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


def placed_regions(regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The regions (rows with `country` ISO3 and `admin1`, GDELT's ADM1 code such as USTX) with their name and
    their point in the shapes' box (`x` = lon + 180, `y` = 90 - lat); one the gazetteer cannot place keeps
    its code for a name and no point."""
    known = gazetteer()
    out = []
    for row in regions:
        code = row["admin1"]
        # GDELT's ADM1 is the FIPS country code (two letters) and the GeoNames admin-1 code
        region = known.region(row["country"], code[2:]) if row["country"] else None
        if region is not None and region.adm1 == code and region.lat is not None and region.lon is not None:
            out.append({**row, "name": region.name, "x": round(region.lon + 180, 2), "y": round(90 - region.lat, 2)})
        else:
            out.append({**row, "name": code, "x": None, "y": None})
    return out
