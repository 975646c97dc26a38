"""Headlines and datelines on real files: `python scripts/eval_headlines.py --shared ../shared`.

PolNeAR dev: every file's first line is its headline; newsgraph should take it as the title (with the
subheadline a "Headline; " line carries on the next line, when there is one) and never take a body
sentence instead. The same files with their headline block removed check the other side: their first
paragraph should not become a title. IndiaPoliceEvents: the first 200 articles that open with a dateline line
("This story is from March 10, 2002") should get that date (checked against the corpus's own
metadata.jsonl) and never the dateline as their title. Only reading and normalising run here (no
model), through the same functions `newsgraph analyze` uses.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.normalise import normalise, repair
from newsgraph.read import read_inputs
from newsgraph.read.corpus import ReadOptions, row_to_article

INDIA_ARTICLES = 200


def polnear_headlines(text_dir: Path) -> str:
    """Headlines found, body sentences taken as titles, and the misses, on every file in the folder."""
    files = sorted(text_dir.glob("*.txt"))
    found = wrong = 0
    misses: list[str] = []
    for item in read_inputs(str(f) for f in files):
        if isinstance(item, NewsgraphError):
            misses.append(item.message)
            continue
        text = repair(item.text).strip()
        headline = text.split("\n", 1)[0].strip()
        block = " ".join(line.strip() for line in text.split("\n\n", 1)[0].split("\n"))
        title = normalise(item).title
        if title in (headline, block):
            found += 1
        elif title is None:
            misses.append(f"untitled: {Path(item.input_id).name}: {headline[:90]}")
        else:
            wrong += 1
            misses.append(f"wrong title: {Path(item.input_id).name}: {title[:90]}")
    lines = [f"headlines found {found}/{len(files)}; body sentences taken as titles {wrong}"]
    return "\n".join(lines + [f"  {m}" for m in misses])


def polnear_headless(text_dir: Path) -> str:
    """The files without their headline block: how many first paragraphs are (wrongly) taken as titles."""
    files = sorted(text_dir.glob("*.txt"))
    taken: list[str] = []
    for item in read_inputs(str(f) for f in files):
        if isinstance(item, NewsgraphError):
            continue
        parts = repair(item.text).strip().split("\n\n", 1)
        if len(parts) < 2:
            continue
        item.text = parts[1]
        title = normalise(item).title
        if title is not None:
            taken.append(f"{Path(item.input_id).name}: {title[:90]}")
    lines = [f"first paragraphs taken as titles with the headline removed {len(taken)}/{len(files)} (some are "
             f"section labels such as ABSTRACT. or a second headline block)"]
    return "\n".join(lines + [f"  {t}" for t in taken[:10]])


def india_datelines(folder: Path, limit: int = INDIA_ARTICLES) -> str:
    """Dateline dates found (and right) on the first `limit` articles that open with one."""
    gold = {}
    with (folder / "metadata.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold[str(row["doc_id"])] = row["date"]
    rows = []
    with (folder / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["doc_text"].startswith("This story is from"):
                rows.append(row)
            if len(rows) == limit:
                break
    found = right = as_title = 0
    misses: list[str] = []
    options = ReadOptions(text_field="doc_text", id_field="doc_id")
    for number, row in enumerate(rows, start=1):
        doc = normalise(row_to_article(row, "docs.jsonl", number, options))
        if doc.published_from == "dateline":
            found += 1
            right += doc.published == gold[str(row["doc_id"])]
        if doc.published != gold[str(row["doc_id"])]:
            misses.append(f"doc {row['doc_id']}: {doc.published} from {doc.published_from}, "
                          f"gold {gold[str(row['doc_id'])]}")
        if doc.title and "story is from" in doc.title.lower():
            as_title += 1
    share = found / len(rows) if rows else 0.0
    titled = _india_titles(folder)
    lines = [f"dateline dates found {found}/{len(rows)} ({share:.1%}), equal to metadata.jsonl {right}; "
             f"datelines taken as titles {as_title}; titles taken in all {titled[1]} articles (none has a "
             f"headline) {titled[0]}"]
    return "\n".join(lines + [f"  {m}" for m in misses[:20]])


def _india_titles(folder: Path) -> tuple[int, int]:
    """(titles found, articles) over the whole corpus, whose articles carry no headline at all."""
    options = ReadOptions(text_field="doc_text", id_field="doc_id")
    titled = total = 0
    with (folder / "docs.jsonl").open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            total += 1
            titled += normalise(row_to_article(json.loads(line), "docs.jsonl", number, options)).title is not None
    return titled, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    evals = args.shared / "eval"
    if not evals.is_dir():
        sys.exit(f"no {evals}")
    print("PolNeAR dev headlines:", polnear_headlines(evals / "polnear" / "dev" / "text"))
    print("PolNeAR dev without headlines:", polnear_headless(evals / "polnear" / "dev" / "text"))
    print("IndiaPoliceEvents datelines:", india_datelines(evals / "india_police_events"))


if __name__ == "__main__":
    main()
