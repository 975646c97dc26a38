"""Write the region shapes of the corpus map (src/newsgraph/data/geo/regions_us_10m.tsv) from us-atlas.

Usage (the source package is needed only here, never at run time):
    cd /tmp && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    .venv/bin/python scripts/import_region_shapes.py /tmp/package [--out src/newsgraph/data/geo/regions_us_10m.tsv]

Source: us-atlas 3.0.1 (npm; Mike Bostock's TopoJSON build of the US Census Bureau's cartographic boundary
files, 1:10,000,000; code under the ISC licence, the shapes public domain as the Census Bureau's). Only the US
states (and the District of Columbia) have shapes: no open first-level region shapes for the whole world install offline
in a few MB, so the map draws every other region as a circle at its centre. A state is joined to the
gazetteer's region of the same name (data/geo/regions.tsv), which gives its GDELT ADM1 code (USTX); a shape
the gazetteer has no region for is left out. Each becomes one SVG path in the projection of the country
shapes (scripts/import_world_map.py: x = longitude + 180, y = 90 - latitude, 0.1 degree).
"""
from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

from import_world_map import decode_arcs, svg_path

from newsgraph.data import load_table

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "geo" / "regions_us_10m.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked us-atlas package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((args.package / "states-10m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    by_name = {row["name"]: row["gdelt_adm1"] for row in load_table("geo/regions.tsv")
               if row["country"] == "USA" and row["gdelt_adm1"]}
    rows, missing = [], []
    for geometry in topology["objects"]["states"]["geometries"]:
        name = geometry["properties"]["name"]
        adm1 = by_name.get(name)
        if adm1 is None:
            missing.append(name)
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rows.append((adm1, name, svg_path(polygons, arcs)))
    rows.sort()
    header = [
        "# newsgraph corpus map: one SVG path per first-level region that has a shape (the US states and the",
        "#   District of Columbia), in the projection of world_110m.tsv: equirectangular, a 360 x 180 box",
        "#   (x = lon + 180, y = 90 - lat), 0.1 degree. Columns: adm1 (GDELT ADM1 code, as places.admin1 stores",
        "#   it); name; path.",
        f"# Source: us-atlas {meta['version']} (npm, ISC licence; states-10m.json, US Census Bureau cartographic",
        "#   boundaries 1:10,000,000, public domain); joined to data/geo/regions.tsv by the state's name.",
        "# Gaps: no other country's regions (the map draws those as circles at their centres)"
        + (f"; left out, no region of that name in the gazetteer: {', '.join(sorted(missing))}" if missing else "")
        + ".",
        f"# Written by scripts/import_region_shapes.py on {datetime.date.today().isoformat()}; read by "
        "newsgraph.serve.worldmap.",
    ]
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} regions to {args.out}" + (f" (left out: {', '.join(missing)})" if missing else ""))


if __name__ == "__main__":
    main()
