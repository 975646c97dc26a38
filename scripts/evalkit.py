"""What the evaluation scripts share: running newsgraph as a user would, reading records, loading the scorers
of ../shared/tools, and printing a figure for the tune split, the check split and all records side by side."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from evalsplit import split_of

SPLITS = ("tune", "check", "all")


def write_jsonl(path: Path, rows: Iterable[dict]) -> Path:
    """Write `rows` one JSON object a line; returns `path`."""
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def analyze(inputs: list[str], out: Path) -> dict[str, dict]:
    """`newsgraph analyze INPUTS --format jsonl` in a subprocess, records kept in `out`, keyed by input id."""
    with out.open("wb") as fh:
        proc = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", *inputs, "--format", "jsonl"],
                              stdout=fh, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):  # 1: some inputs failed, the others were analysed
        sys.exit(f"newsgraph analyze failed: {proc.stderr.decode()[-500:]}")
    return records_by_id(read_jsonl(out))


def records_by_id(records: Iterable[dict]) -> dict[str, dict]:
    return {str(r["document"]["input_id"]): r for r in records}


def load_tool(shared: Path, name: str) -> ModuleType:
    """A scorer of ../shared/tools (standard-library scripts) imported as a module, e.g. "score_plover"."""
    path = shared / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"shared_tools_{name}", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tool(tool: ModuleType, *args: str) -> str:
    """A scorer's printed output for command-line arguments `args`."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        tool.main(list(args))
    return out.getvalue().strip()


def figure(text: str, pattern: str) -> float | None:
    """The number that regex `pattern`'s first group captures in a scorer's output (None if absent)."""
    m = re.search(pattern, text, flags=re.M)
    return float(m.group(1)) if m else None


def by_split(dataset: str, ids: Iterable[str]) -> dict[str, set[str]]:
    """Record ids grouped as tune, check and all, by the one split (scripts/evalsplit.py)."""
    groups: dict[str, set[str]] = {s: set() for s in SPLITS}
    for i in ids:
        groups[split_of(dataset, str(i))].add(str(i))
        groups["all"].add(str(i))
    return groups


def re3d_folder(root: Path, folder: Path, ids: set[str]) -> Path:
    """A copy of the re3d folders under `root` holding only documents `ids` and their entities (score_re3d.py and
    eval_re3d_facts.py score every document they find)."""
    for src in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        (folder / src.name).mkdir(parents=True, exist_ok=True)
        for name, key in (("documents.json", "_id"), ("entities.json", "documentId")):
            write_jsonl(folder / src.name / name, (r for r in read_jsonl(src / name) if r[key] in ids))
    return folder


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def side_by_side(name: str, values: dict[str, float | None], note: str = "") -> str:
    """One line: `NAME: tune 0.xxx | check 0.xxx | all 0.xxx` (a split that is absent is left out)."""
    cells = " | ".join(f"{s} {fmt(values[s])}" for s in SPLITS if s in values)
    return f"{name}: {cells}" + (f"  ({note})" if note else "")


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
