"""What the event-type classifier would cost if every sentence of every article went through it.

Usage: python bench/classifier_cost.py TEXT_DIR [--repeat N]

Times `newsgraph analyze` on the articles, then the classifier (newsgraph.events.classifier.type_scores) on
all their sentences (as the model's parser splits them) in one batch; prints the model's load time, its cost
per sentence and its share of the analysis time with it added (goal: <= 10%). Each side runs N times (default
3) and its best run counts.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsgraph.events import classifier
from newsgraph.parse import load_model
from newsgraph.pipeline import analyze_articles
from newsgraph.read import read_inputs


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in args.text_dir.glob("*.txt"))
    if not paths:
        sys.exit(f"no .txt files in {args.text_dir}")
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    sentences = [s.text for doc in load_model().pipe(texts) for s in doc.sents if s.text.strip()]
    start = time.perf_counter()
    classifier.load_classifier()
    t_load = time.perf_counter() - start

    def analyze() -> None:
        for record in analyze_articles(read_inputs(paths)):
            record.to_json()

    analyze()  # warm caches before timing
    t_analyze = best_of(args.repeat, analyze)
    t_classify = best_of(args.repeat, lambda: classifier.type_scores(sentences))
    print(f"{len(paths)} articles, {len(sentences)} sentences; best of {args.repeat}")
    print(f"classifier load: {t_load:.2f}s (once per process)")
    print(f"analysis: {t_analyze:.2f}s ({1000 * t_analyze / len(sentences):.2f} ms/sentence)")
    print(f"classifier: {t_classify:.2f}s ({1000 * t_classify / len(sentences):.3f} ms/sentence), "
          f"{100 * t_classify / (t_analyze + t_classify):.1f}% of analysis time with it (goal <= 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
