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
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    for path, doc in zip(paths, nlp.pipe(texts), strict=True):
        quotes = []
        try:
            found = list(direct_quotations(doc))
        except (ValueError, IndexError):  # textacy gives up on a document with unbalanced quote marks
            found = []
        for k, q in enumerate(found):
            content = q.content
            quotes.append({
                "id": f"q{k + 1}", "kind": "direct", "text": content.text,
                "start": content.start_char, "end": content.end_char,
                "speaker_mention": {"text": " ".join(t.text for t in q.speaker)},
                "cue": {"text": " ".join(t.text for t in q.cue)},
            })
        print(json.dumps({"document": {"input_id": path}, "actors": [], "quotes": quotes}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
