"""Places, dates and counts of newsgraph records against re3d's Location, Temporal and Quantity entities.

Usage: python scripts/eval_re3d_facts.py RE3D_DIR RECORDS.jsonl

re3d marks spans, not countries, so:
- place recall: gold Locations (confidence >= 0.5) that a record place covers (one's content words a subset of
  the other's); place precision: record places of the gold documents that cover a gold Location of any
  confidence (re3d marks only some mentions, so this is a floor);
- country accuracy: of the gold Locations that name a country (by pycountry, a resolver newsgraph does not use)
  and were found, those whose place has that country's ISO code;
- date recall / count recall: gold Temporal / Quantity entities that a record date / count overlaps.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pycountry

STOP = {"the", "a", "an", "of", "'s", "s"}


def words(s: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", s.lower().replace("\u2019", "'")) if w not in STOP)


def country_of(value: str) -> str | None:
    name = re.sub(r"^the\s+", "", value.strip(), flags=re.I)
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    root, records_path = Path(argv[0]), Path(argv[1])
    records = {str(r["document"]["input_id"]): r for r in read_jsonl(records_path)}
    found = asked = c_right = c_asked = d_found = d_asked = q_found = q_asked = 0
    gold_places: dict[str, list[frozenset[str]]] = {}
    for entities in sorted(root.glob("*/entities.json")):
        for e in read_jsonl(entities):
            if e["type"] == "Location":
                gold_places.setdefault(e["documentId"], []).append(words(e["value"]))
            if float(e.get("confidence", 1)) < 0.5:
                continue
            rec = records.get(e["documentId"], {})
            gold = words(e["value"])
            if e["type"] == "Location" and gold:
                asked += 1
                hit = next((p for p in rec.get("places", []) if (w := words(p["text"])) and (w <= gold or gold <= w)),
                           None)
                if hit is None:
                    continue
                found += 1
                iso3 = country_of(e["value"])
                if iso3:
                    c_asked += 1
                    c_right += hit.get("country") == iso3
            elif e["type"] == "Temporal":
                d_asked += 1
                d_found += any(words(d["text"]) & gold for d in rec.get("dates", []))
            elif e["type"] == "Quantity":
                q_asked += 1
                q_found += any(words(c["text"]) & gold for c in rec.get("counts", []))
    shown = right = 0
    for doc_id, golds in gold_places.items():
        for p in records.get(doc_id, {}).get("places", []):
            if w := words(p["text"]):
                shown += 1
                right += any(g and (w <= g or g <= w) for g in golds)
    print(f"place recall: {found / max(asked, 1):.3f} ({found}/{asked})")
    print(f"place precision: {right / max(shown, 1):.3f} ({right}/{shown})")
    print(f"country accuracy (gold locations naming a country): {c_right / max(c_asked, 1):.3f} ({c_right}/{c_asked})")
    print(f"date recall (Temporal): {d_found / max(d_asked, 1):.3f} ({d_found}/{d_asked})")
    print(f"count recall (Quantity, any quantity, not only counts of people): {q_found / max(q_asked, 1):.3f} "
          f"({q_found}/{q_asked})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
