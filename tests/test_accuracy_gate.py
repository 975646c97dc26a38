"""The accuracy gate: figures of `make eval` on a small fixed subset must not drop below pinned floors.

The subset is analysed once, in-process, and scored with the same scorer code as `make eval` (the scorers of
../shared/tools and the scripts in scripts/). The figures are printed; a figure under its floor fails.
"""
from __future__ import annotations

import importlib
import json
import sys

import pytest

from conftest import ROOT, SEED, SEED_GOLD, SHARED

# Floors, each about 0.02 under the figure measured on this subset on 2026-12-01 (in the comment).
# When a figure improves, raise its floor to about 0.02 under the new value in the same commit.
# Never lower a floor silently: a lower floor needs a reason in the commit message.
FLOORS = {
    "seed score": 0.98,  # 0.980 (the issues' floor: the seed stays at 0.98)
    "seed events F1": 0.91,  # 0.930
    "PLOVER tune type F1": 0.83,  # 0.848
    "PLOVER check type F1": 0.84,  # 0.862
    "PLOVER source": 0.86,  # 0.882
    "PLOVER target": 0.80,  # 0.818
    "re3d entities micro F1": 0.63,  # 0.651
    "re3d Person R": 0.84,  # 0.865
    "re3d places precision": 0.71,  # 0.731
    "re3d places recall": 0.57,  # 0.597
    # events by security forces, as the dataset labels police acts (scripts/eval_india_police.py), then by anyone
    "IndiaPoliceEvents F1": 0.80,  # 0.824 (the subset's 100 positives and 200 negatives, not the corpus's mix)
    # 0.901 (0.912 before the classifier stopped recovering actorless events on verbs the lexicon does not know:
    # "he managed", "tension gripped")
    "IndiaPoliceEvents any source F1": 0.88,
    "CASE 2021 mapped type recall": 0.67,  # 0.700
    "CASE 2021 mapped type precision": 0.66,  # 0.680
    "IndiaPoliceEvents actor country share IND": 0.95,  # 1.000
}
# Counts that must not rise above their ceiling.
CEILINGS = {"seed wrong events": 0}

PLOVER_TUNE, PLOVER_CHECK = 40, 20  # first sentences by sorted id within each split
RE3D_DOCUMENTS = 10  # first documents by sorted id
# first gold-positive and gold-negative sentences in file order: only about one sentence in twenty is positive,
# so the first 300 alone would hold 9 positives and an F1 that one sentence swings
INDIA_POSITIVE, INDIA_NEGATIVE = 100, 200
CASE_SNIPPETS = 20  # first snippets in file order whose label has a PLOVER type
INDIA_ARTICLES = 10  # first articles in file order

EVAL = SHARED / "eval"


def scripts():
    """The evaluation scripts of scripts/ as modules (they import each other by name)."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    return {name: importlib.import_module(name) for name in
            ("evalkit", "evalsplit", "eval_case2021", "eval_india_countries", "eval_india_police", "eval_re3d_facts")}


def plover_subset(evalsplit) -> list[dict]:
    gold = [g for g in json.loads((EVAL / "plover" / "PLOVER_GSR_CAMEO.visible.json").read_text()) if g.get("text")]
    chosen = []
    for split, n in (("tune", PLOVER_TUNE), ("check", PLOVER_CHECK)):
        chosen += sorted((g for g in gold if evalsplit.split_of("plover", str(g["id"])) == split),
                         key=lambda g: str(g["id"]))[:n]
    return chosen


def india_subset(eval_india_police) -> list[dict]:
    sentences = eval_india_police.load_sentences(EVAL / "india_police_events")
    return ([s for s in sentences if s["labels"]][:INDIA_POSITIVE]
            + [s for s in sentences if not s["labels"]][:INDIA_NEGATIVE])


@pytest.fixture(scope="module")
def figures(tmp_path_factory, shared) -> dict[str, float]:
    """Every gated figure, from one in-process analysis of the whole subset."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs
    from newsgraph.record import RawArticle

    m = scripts()
    kit = m["evalkit"]
    work = tmp_path_factory.mktemp("gate")
    score_re3d = kit.load_tool(shared, "score_re3d")
    plover = plover_subset(m["evalsplit"])
    re3d_rows = [json.loads(r) for r in kit.run_tool(score_re3d, "rows", str(EVAL / "re3d")).splitlines()]
    re3d_rows = sorted(re3d_rows, key=lambda r: r["id"])[:RE3D_DOCUMENTS]
    india = india_subset(m["eval_india_police"])
    mapping = m["eval_case2021"].load_mapping()
    case = [s for s in m["eval_case2021"].load_snippets(EVAL / "case2021_task2") if mapping[s["label"]]]
    case = case[:CASE_SNIPPETS]
    articles = m["eval_india_countries"].load_articles(EVAL / "india_police_events", INDIA_ARTICLES)
    inputs = {  # set -> rows of the JSONL corpus `make eval` would write
        "plover": [{"id": g["id"], "text": g["text"]} for g in plover],
        "re3d": re3d_rows,
        "india": [{"id": s["id"], "text": s["text"]} for s in india],
        "case": [{"id": s["id"], "text": s["text"]} for s in case],
        "articles": articles,
    }
    raws = list(read_inputs([str(SEED)]))
    for name, rows in inputs.items():
        raws += [RawArticle(text=r["text"], input_id=f"{name}\t{r['id']}", title=r.get("title"),
                            published=r.get("published"), source=r.get("source"), url=r.get("url")) for r in rows]
    records: dict[str, dict[str, dict]] = {name: {} for name in ("seed", *inputs)}
    for result in analyze_articles(raws):
        if isinstance(result, NewsgraphError):
            continue  # a row that is all page furniture ("Facebook Twitter Linkedin Mail") has no text left
        rec = json.loads(result.to_json())
        name, _, rid = rec["document"]["input_id"].rpartition("\t")
        rec["document"]["input_id"] = rid
        records[name or "seed"][rid] = rec
    out: dict[str, float] = {}

    (seed,) = records["seed"].values()
    seed_path = work / "seed.json"
    seed_path.write_text(json.dumps(seed), encoding="utf-8")
    seed_out = kit.run_tool(kit.load_tool(shared, "score_gold"), str(SEED_GOLD), str(seed_path))
    out["seed score"] = kit.figure(seed_out, r"^score: ([\d.]+)")
    out["seed events F1"] = kit.figure(seed_out, r"^events: .*F1=([\d.]+)")
    out["seed wrong events"] = kit.figure(seed_out, r"^wrong_events: (\d+)")

    score_plover = kit.load_tool(shared, "score_plover")
    plover_records = kit.write_jsonl(work / "plover.jsonl", records["plover"].values())
    for split in ("tune", "check"):
        gold = work / f"plover-{split}.json"
        gold.write_text(json.dumps([g for g in plover if m["evalsplit"].split_of("plover", str(g["id"])) == split]))
        out[f"PLOVER {split} type F1"] = kit.figure(kit.run_tool(score_plover, str(gold), str(plover_records)),
                                                    r"^type: .*F1=([\d.]+)")
    gold = work / "plover.json"
    gold.write_text(json.dumps(plover))
    plover_out = kit.run_tool(score_plover, str(gold), str(plover_records))
    out["PLOVER source"] = kit.figure(plover_out, r"^source: ([\d.]+)")
    out["PLOVER target"] = kit.figure(plover_out, r"^target: ([\d.]+)")

    folder = kit.re3d_folder(EVAL / "re3d", work / "re3d", {r["id"] for r in re3d_rows})
    re3d_records = kit.write_jsonl(work / "re3d.jsonl", records["re3d"].values())
    re3d_out = kit.run_tool(score_re3d, "score", str(folder), str(re3d_records))
    out["re3d entities micro F1"] = kit.figure(re3d_out, r"^all: .*F1=([\d.]+)")
    out["re3d Person R"] = kit.figure(re3d_out, r"^Person: .*R=([\d.]+)")
    facts_out = kit.run_tool(m["eval_re3d_facts"], str(folder), str(re3d_records))
    out["re3d places precision"] = kit.figure(facts_out, r"^place precision: ([\d.]+)")
    out["re3d places recall"] = kit.figure(facts_out, r"^place recall: ([\d.]+)")

    out["IndiaPoliceEvents F1"] = kit.prf(*m["eval_india_police"].tally(india, records["india"], True))[2]
    out["IndiaPoliceEvents any source F1"] = kit.prf(*m["eval_india_police"].tally(india, records["india"]))[2]

    case_score = m["eval_case2021"].score(case, records["case"], mapping)
    out["CASE 2021 mapped type recall"] = case_score.recall()
    out["CASE 2021 mapped type precision"] = case_score.precision()

    out["IndiaPoliceEvents actor country share IND"] = kit.ratio(
        *m["eval_india_countries"].home_share(list(records["articles"].values())))
    return out


def test_accuracy_gate_figures_hold_their_floors(figures, capsys):
    with capsys.disabled():
        print("\naccuracy gate, measured on its fixed subset:")
        for name, value in figures.items():
            bound = f"floor {FLOORS[name]:.2f}" if name in FLOORS else f"ceiling {CEILINGS.get(name)}"
            print(f"  {name:<45} {value if value is not None else float('nan'):.3f}  ({bound})")
    assert set(figures) == set(FLOORS) | set(CEILINGS), "every gated figure needs a pinned bound, and vice versa"
    low = {n: (figures[n], f) for n, f in FLOORS.items() if figures[n] is None or figures[n] < f}
    high = {n: (figures[n], c) for n, c in CEILINGS.items() if figures[n] is None or figures[n] > c}
    assert not low, f"figures under their floor (measured, floor): {low}"
    assert not high, f"figures over their ceiling (measured, ceiling): {high}"
