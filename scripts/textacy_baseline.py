"""The peer baseline for quotes: textacy's `direct_quotations`, written as newsgraph-shaped records.

Usage: python scripts/textacy_baseline.py FILE... > records.jsonl

Same model, same text as given; only `document.input_id` and `quotes` are filled,
which is all score_polnear.py reads.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from textacy.extract.triples import direct_quotations

from newsgraph.parse import load_model


def main(paths: list[str]) -> int:
    nlp = load_model()
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        # paragraph by paragraph, so one unbalanced quote mark costs textacy one paragraph, not the article
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        quotes = []
        for doc in nlp.pipe(paragraphs):
            try:
                found = list(direct_quotations(doc))
            except (ValueError, IndexError):
                found = []
            for q in found:
                quotes.append({
                    "id": f"q{len(quotes) + 1}", "kind": "direct", "text": q.content.text,
                    "speaker_mention": {"text": " ".join(t.text for t in q.speaker)},
                    "cue": {"text": " ".join(t.text for t in q.cue)},
                })
        print(json.dumps({"document": {"input_id": path}, "actors": [], "quotes": quotes}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
