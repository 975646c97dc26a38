"""UniversalPetrarch's validation records: real wire sentences with the CAMEO codings a coder should give.

Usage: python scripts/eval_universal_petrarch.py UP_DIR WORK_DIR

A check-only set (never tuned on): the 78 sentences of PETR2_GSR_validation.xml, each with its expected
(source, target, CAMEO code) triples or "no events". Each sentence goes through `newsgraph analyze` as a JSONL
row with its own date; only asserted (not negated) events count.

- root accuracy: sentences with expected events where some expected root (first two digits) is among the
  record's event roots; full code accuracy: the same with the whole CAMEO code;
- triple recall: expected (source country, target country, root) triples found, a side's country being the
  code's first three letters ("---" for an unknown one) against the record actor's country, or the first
  three letters of its code for international bodies (IGO...), "---" when the actor is missing or has none;
- no-event sentences that stay without any asserted event.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import evalkit

GOLD = "PETR2_GSR_validation.xml"
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Case:
    id: str
    date: str | None  # YYYY-MM-DD, when the record gives a valid one
    text: str
    triples: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, CAMEO code)
    no_events: bool = False


def _date(value: str) -> str | None:
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value)
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def load_cases(up_dir: Path) -> list[Case]:
    """The sentences marked for evaluation, with their expected codings (the file is not strict XML)."""
    text = (up_dir / GOLD).read_text(encoding="utf-8")
    cases = []
    for block in re.split(r"(?=<Sentence\s)", text)[1:]:
        head = dict(ATTRIBUTE.findall(block[:block.index(">")]))
        body = re.search(r"<Text>(.*?)</Text>", block, flags=re.S)
        if head.get("evaluate") != "true" or not body:
            continue
        case = Case(head["id"], _date(head.get("date", "")), " ".join(body[1].split()))
        for coding in re.findall(r"<EventCoding\s[^>]*>", block):
            attrs = dict(ATTRIBUTE.findall(coding))
            if attrs.get("noevents") == "True":
                case.no_events = True
            elif attrs.get("eventcode"):
                case.triples.append((attrs.get("sourcecode", ""), attrs.get("targetcode", ""), attrs["eventcode"]))
        cases.append(case)
    return cases


def root_of(code: str) -> str:
    return code[:2]


def side(actor: dict | None) -> str:
    """An event side's country as the gold writes it: ISO3, IGO code prefix, or "---" when unknown."""
    if not actor:
        return "---"
    code = actor.get("code") or ""
    if actor.get("type") == "igo" or code.startswith("IGO"):
        return code[:3] or "---"
    return actor.get("country") or code[:3] or "---"


def coded(record: dict) -> list[tuple[str, str, str]]:
    """(source side, target side, CAMEO code) of a record's asserted events."""
    actors = {a["id"]: a for a in record.get("actors", [])}
    return [(side(actors.get(e.get("source"))), side(actors.get(e.get("target"))), e.get("cameo") or "")
            for e in record.get("events", []) if not e.get("negated")]


def score(cases: list[Case], records: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """(hits, asked) for each measure."""
    out = {k: [0, 0] for k in ("root", "code", "triple", "no_events")}
    for case in cases:
        events = coded(records.get(case.id, {}))
        if case.no_events and not case.triples:
            out["no_events"][1] += 1
            out["no_events"][0] += not events
            continue
        roots = {root_of(c) for _, _, c in events}
        out["root"][1] += 1
        out["root"][0] += any(root_of(c) in roots for _, _, c in case.triples)
        out["code"][1] += 1
        out["code"][0] += any(c in {code for _, _, code in events} for _, _, c in case.triples)
        found = {(s, t, root_of(c)) for s, t, c in events}
        for s, t, c in case.triples:
            out["triple"][1] += 1
            out["triple"][0] += (s[:3], t[:3], root_of(c)) in found
    return {k: (v[0], v[1]) for k, v in out.items()}


def report(figures: dict[str, tuple[int, int]]) -> str:
    names = {"root": "root accuracy", "code": "full code accuracy",
             "triple": "(source country, target country, root) triple recall",
             "no_events": "no-event sentences without events"}
    return "\n".join(evalkit.side_by_side(f"UniversalPetrarch {names[k]}", {"check": evalkit.ratio(*v)},
                                          f"{v[0]}/{v[1]}") for k, v in figures.items())


def main(argv: list[str]) -> int:
    up_dir, work = Path(argv[0]), Path(argv[1])
    cases = load_cases(up_dir)
    rows = evalkit.write_jsonl(work / "universal-petrarch-rows.jsonl",
                               ({"id": c.id, "text": c.text, **({"published": c.date} if c.date else {})}
                                for c in cases))
    records = evalkit.analyze([str(rows)], work / "universal-petrarch.jsonl")
    print(f"sentences: {len(cases)} ({sum(1 for c in cases if c.triples)} with expected events)")
    print(report(score(cases, records)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
