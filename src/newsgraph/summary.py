"""A record as a short, readable text: what `newsgraph analyze --format summary` prints."""
from __future__ import annotations

from collections import Counter

from newsgraph.record import Record


def summarise(record: Record) -> str:
    doc = record.document
    actors = {a.id: a for a in record.actors}
    lines = [f"== {doc.title or '(no title)'}",
             f"   {doc.input_id} | id {doc.id[:12]} | {len(doc.paragraphs)} paragraphs | "
             f"published {doc.published or 'unknown'}"]

    def name(actor_id: str | None) -> str:
        a = actors.get(actor_id or "")
        return f"{a.name} [{a.code or '-'}]" if a else "?"

    ranked = sorted(record.actors, key=lambda a: (-len(a.mentions), a.id))
    lines.append(f"Actors ({len(record.actors)}):")
    for a in ranked:
        forms = Counter(m.text for m in a.mentions if m.kind != "pronoun")
        shown = ", ".join(f for f, _ in forms.most_common(4))
        lines.append(f"  {a.code or '-':10} {a.name} ({a.type}, {len(a.mentions)} mentions: {shown})")
    if record.quotes:
        lines.append(f"Quotes ({len(record.quotes)}):")
        for q in record.quotes:
            cue = q.cue.lemma if q.cue else "-"
            text = q.text if len(q.text) <= 90 else q.text[:87] + "..."
            lines.append(f"  {name(q.speaker)} --{cue}--> \"{text}\" ({q.kind})")
    if record.events:
        lines.append(f"Events ({len(record.events)}):")
        for e in record.events:
            flags = " NOT" if e.negated else ""
            flags += f" ({e.modality})" if e.modality != "asserted" else ""
            date = f" on {e.date}" if e.date else ""
            lines.append(f"  {name(e.source)} -> {e.cameo} {e.plover or '-'}{flags} -> "
                         f"{name(e.target) if e.target else '-'}{date} | goldstein {e.goldstein:+.1f}")
    if record.counts:
        lines.append("Counts: " + "; ".join(f"{c.kind} {c.number:,} {c.object or ''}".strip() for c in record.counts))
    if record.dates:
        lines.append("Dates: " + "; ".join(f"{d.text} = {d.value or '?'}" for d in record.dates))
    if record.places:
        lines.append("Places: " + "; ".join(f"{p.text} ({p.country or '?'})" for p in record.places))
    return "\n".join(lines)
