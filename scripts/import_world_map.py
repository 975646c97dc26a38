"""Write the country shapes of the corpus map (src/newsgraph/data/geo/world_110m.tsv) from world-atlas.

Usage (the source package is needed only here, never at run time):
    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/pip install pycountry==26.2.16         (in the gazetteer-import extra)
    .venv/bin/python scripts/import_world_map.py /tmp/package [--out src/newsgraph/data/geo/world_110m.tsv]

Source: world-atlas 2.0.2 (npm; Mike Bostock's TopoJSON build of Natural Earth's 1:110m Admin 0 countries;
code under the ISC licence, the shapes public domain as Natural Earth's). Its ids are ISO 3166-1 numeric
codes, turned into the ISO3 codes the gazetteer and the actors use with pycountry; the few shapes without
an ISO number (Kosovo, Northern Cyprus, Somaliland) keep the codes GDELT-style data uses for them (XKX) or
are left out. Each country becomes one SVG path in an equirectangular projection of a 360 x 180 box
(x = longitude + 180, y = 90 - latitude), rounded to 0.1 degree, so the page draws it with no library.
"""
from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "geo" / "world_110m.tsv"
NO_ISO_NUMBER = {"Kosovo": "XKX"}  # the rest without a number (N. Cyprus, Somaliland) are no ISO country


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One closed ring from its arcs (a negative index ~i is arc i reversed), shared end points once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) kept continuous: a jump of more than 180 degrees
    of longitude is taken the short way round, so the ring runs past the box's edge (and is clipped there)
    instead of drawing a band across the whole map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            step = lon + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def svg_path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    parts = []
    for polygon in polygons:
        for rings in polygon:
            pts = []
            for lon, lat in unwrapped(ring(arcs, rings)):
                point = f"{lon + 180:.1f} {90 - lat:.1f}"
                if not pts or pts[-1] != point:
                    pts.append(point)
            if len(pts) >= 3:
                parts.append("M" + "L".join(p.replace(" ", ",") for p in pts) + "Z")
    return "".join(parts)


def main() -> None:
    import pycountry

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((args.package / "countries-110m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        number = geometry.get("id")
        country = pycountry.countries.get(numeric=number) if number else None
        iso3 = country.alpha_3 if country else NO_ISO_NUMBER.get(name)
        if iso3 is None:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rows.append((iso3, name, svg_path(polygons, arcs)))
    rows.sort()
    header = [
        "# newsgraph corpus map: one SVG path per country, equirectangular, in a 360 x 180 box (x = lon + 180,",
        "#   y = 90 - lat), 0.1 degree. Columns: iso3; name (Natural Earth's); path.",
        f"# Source: world-atlas {meta['version']} (npm, ISC licence; countries-110m.json, Natural Earth 1:110m",
        "#   Admin 0 countries, public domain); ISO 3166-1 numeric ids to ISO3 by pycountry.",
        f"# Written by scripts/import_world_map.py on {datetime.date.today().isoformat()}; read by "
        "newsgraph.serve.worldmap.",
    ]
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} countries to {args.out}")


if __name__ == "__main__":
    main()
