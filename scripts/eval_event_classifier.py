"""What the learned event-type classifier could add to the rule-based coder, sentence by sentence.

Usage: python scripts/eval_event_classifier.py SHARED_DIR RECORDS_DIR [--model DIR] [--choose] [--recover T] [--veto V]

RECORDS_DIR holds the rule coder's records (`newsgraph analyze ROWS.jsonl --format jsonl`) of every PLOVER
visible sentence (plover.jsonl), IndiaPoliceEvents sentence (india.jsonl, ids DOC-SENT) and CASE 2021 snippet
(case.jsonl). For each set and split it prints the classifier alone and four simulated combinations:
- rule: the coder's asserted (not negated) events as they are;
- + recover: when the coder asserted no event, add one of the classifier's best type if its p >= T;
- + veto: drop an asserted event whose type the classifier gives p < V;
- + both.
Measures as the set's own scorer defines them: PLOVER (gold type, old names read as current) and CASE 2021
(label mapped by scripts/data/acled_plover.tsv, labels with no PLOVER type left out): recall = sentences where an
event has the gold type, precision = events of the gold type / events; IndiaPoliceEvents: a sentence is
predicted positive when an event is ASSAULT or COERCE, gold positive with a KILL, FORCE or ARREST label
(sentence-level P/R/F1 as scripts/eval_india_police.py).

--choose picks T and V on the tune records only (PLOVER and India; CASE 2021 has no tune split): the pair that
raises the summed F1 most while neither set's precision drops below the rule coder's. Run it with a model
trained with --hold-out, whose scores on the held-out tune records are honest, restricted to those records.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import evalkit
from eval_case2021 import load_mapping, load_snippets
from evalsplit import split_of
from train_event_classifier import RENAMED

from newsgraph.events import classifier

INDIA_GOLD = {"KILL", "FORCE", "ARREST"}
INDIA_TYPES = {"ASSAULT", "COERCE"}
RECOVER_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
VETO_GRID = (0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05)


@dataclass
class Item:
    """One scored sentence: its gold, the rule coder's asserted types, the classifier's scores."""

    id: str
    split: str
    gold: str | bool  # a PLOVER type, or for India whether a KILL/FORCE/ARREST label is present
    rule: list[str]
    scores: dict[str, float]


def asserted_types(record: dict) -> list[str]:
    return [(e.get("plover") or "").upper() for e in record.get("events", []) if not e.get("negated")]


def combine(item: Item, recover: float | None, veto: float | None) -> list[str]:
    """The event types a coder with the policy would assert for `item`."""
    types = list(item.rule)
    if veto is not None:
        types = [t for t in types if item.scores.get(t, 0.0) >= veto]
    if recover is not None and not item.rule:
        kind, p = classifier.best_type(item.scores)
        if p >= recover:
            types = [kind]
    return types


def typed_prf(items: list[Item], recover: float | None, veto: float | None) -> tuple[float, float, float]:
    """(P, R, F1) with the gold type: recall by sentence, precision by event."""
    found = right = events = 0
    for item in items:
        types = combine(item, recover, veto)
        found += item.gold in types
        right += types.count(item.gold)
        events += len(types)
    p, r = (right / events if events else 0.0), (found / len(items) if items else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def india_prf(items: list[Item], recover: float | None, veto: float | None) -> tuple[float, float, float]:
    """Sentence-level (P, R, F1) of ASSAULT/COERCE against KILL/FORCE/ARREST."""
    tp = fp = fn = 0
    for item in items:
        got = bool(INDIA_TYPES & set(combine(item, recover, veto)))
        tp, fp, fn = tp + (got and item.gold), fp + (got and not item.gold), fn + (item.gold and not got)
    return evalkit.prf(tp, fp, fn)


def classifier_alone(items: list[Item], india: bool, threshold: float = 0.5) -> tuple[float, float, float]:
    """The classifier as a coder: its best type when p >= threshold, nothing otherwise."""
    alone = [Item(i.id, i.split, i.gold, [], i.scores) for i in items]
    return (india_prf if india else typed_prf)(alone, threshold, None)


def records(path: Path) -> dict[str, dict]:
    return evalkit.records_by_id(evalkit.read_jsonl(path))


MODEL: Path | None = None  # --model: a model directory other than the packaged one


def score_all(texts: list[str]) -> list[dict[str, float]]:
    return classifier.type_scores(texts, MODEL)


def plover_items(shared: Path, recs: dict[str, dict]) -> list[Item]:
    gold = json.loads((shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.visible.json").read_text(encoding="utf-8"))
    gold = [g for g in gold if g.get("text") and g.get("event") not in (None, "", "DOCUMENT")]
    scores = score_all([g["text"] for g in gold])
    return [Item(str(g["id"]), split_of("plover", str(g["id"])), RENAMED.get(g["event"], g["event"]),
                 asserted_types(recs.get(str(g["id"]), {})), s) for g, s in zip(gold, scores, strict=True)]


def india_items(shared: Path, recs: dict[str, dict]) -> list[Item]:
    rows = []
    with (shared / "eval" / "india_police_events" / "sents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            s = json.loads(line)
            if s["sent_text"].strip():
                rows.append(s)
    scores = score_all([s["sent_text"] for s in rows])
    return [Item(f"{s['doc_id']}-{s['sent_id']}", split_of("india", str(s["doc_id"])),
                 bool(INDIA_GOLD & set(s["sent_labels"])), asserted_types(recs.get(f"{s['doc_id']}-{s['sent_id']}", {})),
                 sc) for s, sc in zip(rows, scores, strict=True)]


def case_items(shared: Path, recs: dict[str, dict]) -> list[Item]:
    mapping = load_mapping()
    snippets = [s for s in load_snippets(shared / "eval" / "case2021_task2") if mapping.get(s["label"])]
    scores = score_all([s["text"] for s in snippets])
    return [Item(str(s["id"]), "check", mapping[s["label"]], asserted_types(recs.get(str(s["id"]), {})), sc)
            for s, sc in zip(snippets, scores, strict=True)]


def policies(recover: float, veto: float) -> dict[str, tuple[float | None, float | None]]:
    return {"rule": (None, None), f"+recover {recover}": (recover, None), f"+veto {veto}": (None, veto),
            "+both": (recover, veto)}


def table(sets: dict[str, tuple[list[Item], bool]], split: str, recover: float, veto: float) -> str:
    """One line per set: P/R/F1 of the classifier alone and of each policy, on `split`."""
    lines = [f"-- {split} split (P/R/F1)"]
    for name, (items, india) in sets.items():
        chosen = [i for i in items if split == "all" or i.split == split]
        if not chosen:
            continue
        prf = india_prf if india else typed_prf
        cells = [f"classifier alone {'/'.join(f'{x:.3f}' for x in classifier_alone(chosen, india))}"]
        cells += [f"{label} {'/'.join(f'{x:.3f}' for x in prf(chosen, *pol))}"
                  for label, pol in policies(recover, veto).items()]
        lines.append(f"{name} ({len(chosen)}): " + " | ".join(cells))
    return "\n".join(lines)


def choose(sets: dict[str, tuple[list[Item], bool]], keep: set[str] | None) -> tuple[float, float]:
    """The (T, V) that raise the summed tune F1 most with no set's precision below the rule coder's."""
    tune = {name: ([i for i in items if i.split == "tune" and (keep is None or i.id in keep)], india)
            for name, (items, india) in sets.items()}
    tune = {k: v for k, v in tune.items() if v[0]}
    base = {k: (india_prf if india else typed_prf)(items, None, None) for k, (items, india) in tune.items()}
    best, best_gain = (1.0, 0.0), 0.0
    for t in (*RECOVER_GRID, 1.01):
        for v in (0.0, *VETO_GRID):
            figures = {k: (india_prf if india else typed_prf)(items, t, v) for k, (items, india) in tune.items()}
            if any(figures[k][0] < base[k][0] for k in tune):
                continue
            gain = sum(figures[k][2] - base[k][2] for k in tune)
            print(f"  T={t} V={v}: " + ", ".join(f"{k} P/R/F1 {'/'.join(f'{x:.3f}' for x in figures[k])}"
                                                 for k in tune) + f"  gain {gain:+.3f}")
            if gain > best_gain + 1e-9:
                best, best_gain = (t, v), gain
    print(f"chosen on tune: T={best[0]} V={best[1]} (summed F1 gain {best_gain:+.3f})")
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("records", type=Path)
    parser.add_argument("--model", type=Path, help="a model directory other than the packaged one")
    parser.add_argument("--choose", action="store_true", help="choose T and V on held-out tune records")
    parser.add_argument("--recover", type=float, default=0.7)
    parser.add_argument("--veto", type=float, default=0.005)
    args = parser.parse_args(argv)
    global MODEL
    MODEL = args.model
    sets = {"PLOVER": (plover_items(args.shared, records(args.records / "plover.jsonl")), False),
            "India": (india_items(args.shared, records(args.records / "india.jsonl")), True)}
    if args.choose:
        # only tune records the hold-out model never saw (train_event_classifier.py --hold-out)
        held = {i.id for items, _ in sets.values() for i in items
                if split_of("clf-dev", i.id if i.id.startswith("PLOVER") else f"india-{i.id.split('-')[0]}") == "check"}
        choose(sets, held)
        return 0
    sets["CASE 2021"] = (case_items(args.shared, records(args.records / "case.jsonl")), False)
    for split in ("tune", "check"):
        print(table(sets, split, args.recover, args.veto))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
