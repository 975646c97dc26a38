"""IndiaPoliceEvents articles: are the actors of Indian local news Indian?

Usage: python scripts/eval_india_countries.py EVAL_DIR WORK_DIR [--limit N]

Every article of docs.jsonl (Times of India, 2002) goes through `newsgraph analyze` as a JSONL row with its
publication date from metadata.jsonl. Nearly everyone in these articles is Indian, so the share of actors
with country IND among the actors that have any country measures how often actors get a wrong country.
Printed for the tune and check splits (by document, scripts/evalsplit.py) and all articles, then the ten
commonest other countries with their commonest actor names (the failure classes).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import evalkit
from evalsplit import split_of

DATASET = "india"
HOME = "IND"


def load_articles(eval_dir: Path, limit: int | None = None) -> list[dict]:
    """Articles as JSONL corpus rows {"id", "text", "published", "url"}, in file order."""
    meta = {}
    with (eval_dir / "metadata.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            meta[str(m["doc_id"])] = m
    out = []
    with (eval_dir / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            m = meta.get(str(d["doc_id"]), {})
            row = {"id": str(d["doc_id"]), "text": d["doc_text"], "published": m.get("date"), "url": m.get("url")}
            out.append({k: v for k, v in row.items() if v})
    return out[:limit]


def countries(records: list[dict]) -> Counter:
    """How many actors have each country, over `records` (actors without a country are not counted)."""
    return Counter(a["country"] for r in records for a in r.get("actors", []) if a.get("country"))


def home_share(records: list[dict]) -> tuple[int, int]:
    """(actors with country IND, actors with any country)."""
    c = countries(records)
    return c[HOME], sum(c.values())


def foreign_examples(records: list[dict], n: int = 10) -> list[tuple[str, int, str]]:
    """The `n` commonest non-IND countries: (country, actors, its three commonest actor names and codes)."""
    names: dict[str, Counter] = {}
    for r in records:
        for a in r.get("actors", []):
            if a.get("country") and a["country"] != HOME:
                names.setdefault(a["country"], Counter())[f"{a.get('name')} [{a.get('code')}]"] += 1
    return [(c, k, "; ".join(f"{name} x{m}" for name, m in names[c].most_common(3)))
            for c, k in countries(records).most_common() if c != HOME][:n]


def report(articles: list[dict], records: dict[str, dict]) -> str:
    """Side-by-side IND share, then the failure classes over all articles."""
    by = {s: [records[a["id"]] for a in articles if a["id"] in records
              and (s == "all" or split_of(DATASET, a["id"]) == s)] for s in evalkit.SPLITS}
    shares = {s: home_share(by[s]) for s in evalkit.SPLITS}
    lines = [evalkit.side_by_side("IndiaPoliceEvents actor country share IND",
                                  {s: evalkit.ratio(*shares[s]) for s in evalkit.SPLITS}),
             "  actors with a country: " + " | ".join(f"{s} {shares[s][0]}/{shares[s][1]} in {len(by[s])} articles"
                                                      for s in evalkit.SPLITS),
             f"articles: {len(articles)} (records for {len(by['all'])})",
             "top non-IND countries (actors; commonest names):"]
    lines += [f"  {c} {k}: {ex}" for c, k, ex in foreign_examples(by["all"])]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    eval_dir, work = Path(argv[0]), Path(argv[1])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    articles = load_articles(eval_dir, limit)
    rows = evalkit.write_jsonl(work / "india-articles-rows.jsonl", articles)
    records = evalkit.analyze([str(rows)], work / "india-articles.jsonl")
    print(report(articles, records))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
