"""Does analysis time grow linearly with the text? Time per KB of pathological inputs at growing sizes.

Usage: python bench/scaling.py [--sizes 10,100,1000] [--kinds quote_storm,...] [--limit 1.5]

For each kind of input (tests/adversarial.py: quote storms, quoted paragraphs,
nested quotes, one-line articles, entity storms, HTML entities) and each size in
KB, one article of that size goes through `analyze_articles` (the model loaded
beforehand) and its seconds per KB are printed. The check: from each size to the
next, the time per KB may grow by at most `--limit` (1.5); anything worse is a
stage slower than linear. Sizes up to 100 KB count their best of three runs.
Exit status 1 when a kind fails it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from adversarial import KINDS  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.parse import load_model  # noqa: E402
from newsgraph.pipeline import analyze_articles  # noqa: E402
from newsgraph.record import RawArticle  # noqa: E402


def seconds_for(text: str) -> float:
    """Wall time of one article through the whole analysis."""
    start = time.perf_counter()
    (result,) = list(analyze_articles([RawArticle(text=text, input_id="bench", published="2024-01-01")]))
    elapsed = time.perf_counter() - start
    if isinstance(result, NewsgraphError):
        raise SystemExit(f"the analysis failed: {result.message}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="sizes in KB, smallest first")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--limit", type=float, default=1.5, help="most growth of the time per KB between sizes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load_model()
    seconds_for(KINDS["one_line_article"](2000))  # warm the caches (tables, gazetteer) outside the timing
    failed = []
    print(f"{'kind':<18}" + "".join(f"{f'{s} KB s/KB':>14}" for s in sizes) + f"{'worst growth':>14}")
    for kind in args.kinds.split(","):
        per_kb = []
        for size in sizes:
            # best of a few runs for the small sizes, whose second or less a stray job can double
            runs = max(1, min(3, 300 // size))
            per_kb.append(min(seconds_for(KINDS[kind](size * 1024)) for _ in range(runs)) / size)
            print(f"  ({kind} at {size} KB: {per_kb[-1] * size:.1f} s)", file=sys.stderr, flush=True)
        growth = max((b / a for a, b in zip(per_kb, per_kb[1:], strict=False)), default=1.0)
        verdict = "ok" if growth <= args.limit else "SUPER-LINEAR"
        print(f"{kind:<18}" + "".join(f"{v:>14.4f}" for v in per_kb) + f"{growth:>13.2f}x {verdict}", flush=True)
        if growth > args.limit:
            failed.append(kind)
    if failed:
        print(f"slower than linear (time per KB grew over {args.limit}x): {', '.join(failed)}")
        return 1
    print(f"all kinds linear: time per KB grew at most {args.limit}x between sizes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
