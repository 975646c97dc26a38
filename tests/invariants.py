"""The output contract's invariants, as one checker every test can call."""
from __future__ import annotations

from newsgraph.record import Record


def spans_of(data: dict):
    """Every (container, item) that carries start/end/text in a record's dict."""
    for key in ("entities", "quotes", "counts", "dates", "places"):
        for item in data.get(key, []):
            yield key, item
    for actor in data["actors"]:
        for m in actor["mentions"]:
            yield "actor mention", m
    for q in data["quotes"]:
        for part in ("speaker_mention", "cue"):
            if q.get(part):
                yield f"quote {part}", q[part]
    for e in data["events"]:
        yield "event evidence", e["evidence"]


def assert_invariants(record: Record) -> None:
    data = record.to_dict()
    doc = data["document"]
    text, title = doc["text"], doc["title"] or ""
    for where, item in spans_of(data):
        if "text" not in item:
            continue
        base = title if item.get("in") == "title" else text
        assert base[item["start"]:item["end"]] == item["text"], (where, item)
    for s, e in doc["paragraphs"]:
        assert 0 <= s <= e <= len(text)
        assert text[s:e].strip() == text[s:e] and text[s:e]
    ids = {a["id"] for a in data["actors"]}
    assert len(ids) == len(data["actors"])
    for ent in data["entities"]:
        assert ent["actor"] is None or ent["actor"] in ids
    for q in data["quotes"]:
        for field in ("speaker", "addressee", "medium"):
            assert q[field] is None or q[field] in ids
    for e in data["events"]:
        assert e["source"] is None or e["source"] in ids
        assert e["target"] is None or e["target"] in ids
        assert e["root"] == e["cameo"][:2]
    assert data["schema"] == "newsgraph/1"
    import hashlib

    assert doc["id"] == hashlib.sha256(text.encode()).hexdigest()
