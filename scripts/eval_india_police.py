"""IndiaPoliceEvents: does newsgraph find violent and coercive police events, sentence by sentence?

Usage: python scripts/eval_india_police.py EVAL_DIR WORK_DIR [--limit N]

Each labelled sentence (lower-case Times of India text with mojibake) goes through `newsgraph analyze` as
a JSONL row; a sentence is predicted positive when a record event that is not negated has the PLOVER type
ASSAULT or COERCE, and gold positive when it carries a KILL, FORCE or ARREST label. Prints precision,
recall and F1, overall and by label.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

GOLD_LABELS = {"KILL", "FORCE", "ARREST"}
PREDICTED_TYPES = {"ASSAULT", "COERCE"}


def main(argv: list[str]) -> int:
    eval_dir, work = Path(argv[0]), Path(argv[1])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    gold = {}
    rows = work / "india-rows.jsonl"
    with rows.open("w", encoding="utf-8") as out, (eval_dir / "sents.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            s = json.loads(line)
            if not s["sent_text"].strip():
                continue
            sid = f"{s['doc_id']}-{s['sent_id']}"
            gold[sid] = set(s["sent_labels"]) & GOLD_LABELS
            out.write(json.dumps({"id": sid, "text": s["sent_text"]}) + "\n")
    records = work / "india.jsonl"
    with records.open("wb") as fh:
        subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", str(rows), "--format", "jsonl"],
                       stdout=fh, stderr=subprocess.DEVNULL)
    predicted = {}
    for line in records.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        predicted[rec["document"]["input_id"]] = any(
            e.get("plover") in PREDICTED_TYPES and not e.get("negated") for e in rec.get("events", []))
    tp = sum(1 for sid, labels in gold.items() if labels and predicted.get(sid))
    fp = sum(1 for sid, labels in gold.items() if not labels and predicted.get(sid))
    fn = sum(1 for sid, labels in gold.items() if labels and not predicted.get(sid))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"sentences: {len(gold)}, gold positive (KILL/FORCE/ARREST): {tp + fn}")
    print(f"ASSAULT/COERCE vs KILL/FORCE/ARREST: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    by_label = Counter()
    found = Counter()
    for sid, labels in gold.items():
        for label in labels:
            by_label[label] += 1
            found[label] += bool(predicted.get(sid))
    print("recall by label: " + ", ".join(f"{k} {found[k] / by_label[k]:.3f} ({found[k]}/{by_label[k]})"
                                          for k in sorted(by_label)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
