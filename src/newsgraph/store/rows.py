"""A record as table rows: the one projection of the record onto the SQL schema.

Column lists here follow the schema the sql/ migrations build; `rows_of` returns, for every
table, the rows one record contributes.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

TONE_FIELDS = ("tone", "positive", "negative", "polarity", "activity", "self_group", "words")
TONE_COLUMNS = tuple(f if f == "tone" else f"tone_{f}" for f in TONE_FIELDS)

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "input_id", "title", "text", "published", "source", "url", "language", "schema", "record",
                  "published_from", "analyser", "stored_at", *TONE_COLUMNS),
    "actors": ("doc_id", "id", "name", "code", "country", "sector", "type", "wikidata"),
    "mentions": ("doc_id", "actor_id", "n", "start_char", "end_char", "text", "kind", "in_part"),
    "entities": ("doc_id", "n", "start_char", "end_char", "text", "label", "actor_id", "in_part"),
    "quotes": ("doc_id", "id", "kind", "text", "start_char", "end_char", "speaker", "speaker_start", "speaker_end",
               "speaker_text", "speaker_in", "cue_start", "cue_end", "cue_text", "cue_lemma", "addressee", "medium"),
    "events": ("doc_id", "id", "source", "target", "cameo", "root", "plover", "goldstein", "quad_class", "negated",
               "modality", "date", "quote", "sentence", "evidence_start", "evidence_end", "evidence_text",
               "evidence_in", "location"),
    "counts": ("doc_id", "n", "kind", "number", "object", "approximate", "start_char", "end_char", "text"),
    "dates": ("doc_id", "n", "start_char", "end_char", "text", "value", "in_part"),
    "places": ("doc_id", "n", "start_char", "end_char", "text", "country", "lat", "lon", "geonames", "in_part",
               "feature", "admin1"),
}

# The key that orders each table's rows, for exports and comparisons.
ORDER: dict[str, str] = {
    "documents": "id",
    "actors": "doc_id, id",
    "mentions": "doc_id, actor_id, n",
    "entities": "doc_id, n",
    "quotes": "doc_id, id",
    "events": "doc_id, id",
    "counts": "doc_id, n",
    "dates": "doc_id, n",
    "places": "doc_id, n",
}

Row = tuple[Any, ...]

# Store-internal columns (migration 009), after the record's own in the events and quotes tables: what the query
# verbs filter, group and sort by, carried on the item's row so a query reads that table alone (not joined to
# the actors and documents by 64-character ids). Not part of the record: exports and `Store.table` leave them out.
DERIVED: dict[str, tuple[str, ...]] = {
    "documents": ("lead",),  # migration 017: the text's first LEAD_CHARS characters, what a list of articles shows
    "events": ("event_date", "source_code", "source_name", "source_country", "target_code", "target_name",
               "target_country"),
    "quotes": ("published", "speaker_code", "speaker_name", "speaker_country"),
}
LEAD_CHARS = 240
# Every column a table's rows are stored with: the record's, then the derived ones.
STORED_COLUMNS: dict[str, tuple[str, ...]] = {name: cols + DERIVED.get(name, ()) for name, cols in COLUMNS.items()}


def _span(span: dict[str, Any] | None) -> tuple[Any, Any, Any, Any]:
    if not span:
        return None, None, None, None
    return span["start"], span["end"], span["text"], span.get("in")


def rows_of(record: dict[str, Any], stored_at: datetime | None = None) -> dict[str, list[Row]]:
    """Every table's rows for one record (a `Record.to_dict()`), stored at `stored_at` (UTC)."""
    doc = record["document"]
    tone = doc.get("tone") or {}
    doc_id = doc["id"]
    out: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    out["documents"].append((
        doc_id, doc.get("input_id"), doc.get("title"), doc["text"], doc.get("published"), doc.get("source"),
        doc.get("url"), doc.get("language"), record["schema"],
        json.dumps(record, ensure_ascii=False, sort_keys=True), doc.get("published_from"), doc.get("analyser"),
        stored_at, *(tone.get(f) for f in TONE_FIELDS),
    ))
    for actor in record["actors"]:
        out["actors"].append((doc_id, actor["id"], actor["name"], actor.get("code") or None, actor.get("country"),
                              actor.get("sector"), actor.get("type"), actor.get("wikidata")))
        for n, m in enumerate(actor["mentions"]):
            out["mentions"].append((doc_id, actor["id"], n, m["start"], m["end"], m["text"], m.get("kind"),
                                    m.get("in")))
    for n, e in enumerate(record["entities"]):
        out["entities"].append((doc_id, n, e["start"], e["end"], e["text"], e.get("label"), e.get("actor"),
                                e.get("in")))
    for q in record["quotes"]:
        cue = q.get("cue") or {}
        out["quotes"].append((doc_id, q["id"], q["kind"], q["text"], q["start"], q["end"], q.get("speaker"),
                              *_span(q.get("speaker_mention")), cue.get("start"), cue.get("end"), cue.get("text"),
                              cue.get("lemma"), q.get("addressee"), q.get("medium")))
    for v in record["events"]:
        out["events"].append((doc_id, v["id"], v.get("source"), v.get("target"), v["cameo"], v["root"],
                              v.get("plover"), float(v["goldstein"]), v["quad_class"], bool(v["negated"]),
                              v["modality"], v.get("date"), v.get("quote"), v.get("sentence"),
                              *_span(v["evidence"]), v.get("location")))
    for n, c in enumerate(record["counts"]):
        out["counts"].append((doc_id, n, c["kind"], float(c["number"]), c.get("object"), bool(c.get("approximate")),
                              c["start"], c["end"], c["text"]))
    for n, d in enumerate(record["dates"]):
        out["dates"].append((doc_id, n, d["start"], d["end"], d["text"], d.get("value"), d.get("in")))
    for n, p in enumerate(record["places"]):
        out["places"].append((doc_id, n, p["start"], p["end"], p["text"], p.get("country"), p.get("lat"),
                              p.get("lon"), p.get("geonames"), p.get("in"), p.get("feature"), p.get("admin1")))
    return out


def stored_rows(record: dict[str, Any], stored_at: datetime | None = None) -> dict[str, list[Row]]:
    """Every table's rows for one record as stored (`STORED_COLUMNS`): `rows_of`'s, with their derived columns
    (a document's lead; for events and quotes) the values migration 009 gives the rows stored before it (a date is the event's own, else
    the article's; an actor id the document does not hold names no actor, as a LEFT JOIN finds none)."""
    out = rows_of(record, stored_at)
    published = record["document"].get("published")
    actors = {a["id"]: a for a in record["actors"]}

    def actor(actor_id: str | None) -> tuple[Any, Any, Any]:
        found = actors.get(actor_id) if actor_id is not None else None
        return (found.get("code") or None, found["name"], found.get("country")) if found else (None, None, None)

    out["documents"] = [(*row, record["document"]["text"][:LEAD_CHARS]) for row in out["documents"]]
    out["events"] = [(*row, v.get("date") if v.get("date") is not None else published, *actor(v.get("source")),
                      *actor(v.get("target"))) for row, v in zip(out["events"], record["events"], strict=True)]
    out["quotes"] = [(*row, published, *actor(q.get("speaker")))
                     for row, q in zip(out["quotes"], record["quotes"], strict=True)]
    return out
