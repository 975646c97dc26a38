"""PETRARCH2's unit-test records as a behavioural suite: the share of expected (source, target, root) triples found.

Usage: python scripts/eval_petrarch.py PETRARCH_DIR [--verbose]

PETRARCH_DIR holds PETR.UnitTest.records.xml and the PETR.Validate.* dictionaries. The validation actor
dictionary (mostly Tolkien's places and people) and agent dictionary are loaded as an extra actor source for
this run only: a knowledge base extended with them (`load_knowledge().with_actors(...)`) is passed to the
pipeline, and a private copy of the spaCy model gets their names in its entity ruler; nothing shared changes.
Each sentence is coded with its own date (the dictionaries give some actors different codes over time).

A triple is found when some event that is not negated has the expected source and target codes and the
expected CAMEO root. The suite's codes follow PETRARCH's own verb dictionary, not CAMEO (its synset and
negation tests use invented codes), so the root figure is a lower bound; triples with a null actor ("---")
are left out. Also printed: the share with the actors' first three letters only, by root only, by category,
the (source, target) pairs found with any code, and how many no-event sentences stay without events. Standard library plus newsgraph.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.actors.kb import ExtraActor, SectorTerm, extended_knowledge_base
from newsgraph.knowledge import Knowledge, load_knowledge
from newsgraph.normalise import normalise
from newsgraph.parse import load_model
from newsgraph.pipeline import analyze_parsed
from newsgraph.record import RawArticle, Record

NULL_CODES = {"---", "+++", "###"}


@dataclass
class Case:
    id: str
    category: str
    date: str  # YYYYMMDD
    text: str
    triples: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, CAMEO code)
    no_events: bool = False
    error: str | None = None


@dataclass
class DictActor:
    """One actor dictionary entry: its names and its codes, each valid from/until a date (YYYYMMDD)."""

    names: list[str]
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (code, from, until); "" = open

    def code_at(self, date: str) -> str | None:
        dated = [c for c in self.codes if c[1] or c[2]]
        for code, start, end in dated:
            if (not start or date >= start) and (not end or date <= end):
                return code
        plain = [c for c in self.codes if not (c[1] or c[2])]
        return plain[0][0] if plain else None


def load_cases(path: Path) -> list[Case]:
    """The suite's sentences with their expected codings."""
    root = ET.parse(path).getroot()
    cases = []
    for s in root.iter("Sentence"):
        case = Case(s.get("id", ""), s.get("category", ""), s.get("date", ""),
                    " ".join((s.findtext("Text") or "").split()))
        for coding in s.iter("EventCoding"):
            if coding.get("noevents") == "True":
                case.no_events = True
            elif coding.get("error"):
                case.error = coding.get("error")
            elif coding.get("eventcode"):
                case.triples.append((coding.get("sourcecode", ""), coding.get("targetcode", ""),
                                     coding.get("eventcode", "")))
        if case.text and case.id != "FINAL-RECORD":
            cases.append(case)
    return cases


def _surface(name: str) -> str:
    """A dictionary phrase as news text writes it: underscores are spaces, words in title case except
    short or dotted abbreviations ("U.N.", "IMF", "USSR")."""
    words = [w for w in name.replace("_", " ").split() if w]
    return " ".join(w if len(w) <= 4 and (w.isupper() and len(w) <= 3 or "." in w) else w.title() for w in words)


def _date(text: str) -> str:
    """A dictionary date (YYMMDD or YYYYMMDD) as YYYYMMDD."""
    text = text.strip()
    if len(text) == 6:
        return ("19" if int(text[:2]) > 30 else "20") + text
    return text


_CODE = re.compile(r"\[\s*([^\]\s]+)\s*([^\]]*)\]")


def _code(block: str) -> tuple[str, str, str] | None:
    """'[HOB < 950601]', '[HOBGOV 19950601 - 19990815]', '[ELR/GAL]' → (code, from, until)."""
    m = _CODE.search(block)
    if m is None:
        return None
    code = m.group(1).split("/")[0].upper()
    restriction = m.group(2).replace(" ", "")
    start = end = ""
    if restriction.startswith("<"):
        end = _date(restriction[1:])
    elif restriction.startswith(">"):
        start = _date(restriction[1:])
    elif "-" in restriction:
        start, end = (_date(x) for x in restriction.split("-", 1))
    return code, start, end


def load_actor_dictionary(path: Path) -> list[DictActor]:
    """PETRARCH actor dictionary syntax: 'NAME [CODE]', '+ALIAS' lines, indented '[CODE date]' lines,
    '#' comments, '<!-- -->' blocks; a blank line ends an entry."""
    entries: list[DictActor] = []
    current: DictActor | None = None
    in_comment = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw
        if in_comment or line.lstrip().startswith("<!"):
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("#"):
            continue  # a commented-out line inside an entry does not end it
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            current = None
            continue
        stripped = line.strip()
        if stripped.startswith("+") and current is not None:
            current.names.append(_surface(stripped[1:]))
        elif stripped.startswith("[") and current is not None:
            code = _code(stripped)
            if code:
                current.codes.append(code)
        else:
            name, _, rest = stripped.partition("[")
            current = DictActor([_surface(name)])
            entries.append(current)
            code = _code("[" + rest) if rest else None
            if code:
                current.codes.append(code)
    return [e for e in entries if e.names[0] and e.codes]


def load_agents(path: Path) -> list[SectorTerm]:
    """Agent dictionary lines 'TERM {PLURAL} [~SEC...]' as sector words (the first three letters of the
    agent code); substitution sets ('!PERSON!') are left out."""
    terms = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!") or "!" in line or "[" not in line:
            continue
        name, _, rest = line.partition("[")
        name = name.split("{", 1)[0].strip().replace("_", " ").lower()
        sector = rest.split("]", 1)[0].replace("~", "").strip()[:3].upper()
        if name and sector:
            kind = "group" if name.endswith("s") or name in ("media", "press", "police", "judiciary") else "person"
            terms.append(SectorTerm(name, sector, kind))
            if kind == "person":
                terms.append(SectorTerm(name + "s", sector, "group"))
    return terms


def code_cases(cases: list[Case], petrarch_dir: Path) -> dict[str, Record]:
    """Records for the suite's sentences, coded with the validation dictionaries as an extra actor source."""
    actors = load_actor_dictionary(petrarch_dir / "PETR.Validate.actors.txt")
    terms = load_agents(petrarch_dir / "PETR.Validate.agents.txt")
    nlp = load_model.__wrapped__()  # a private copy: the cached, shared model never sees these names
    nlp.get_pipe("newsgraph_ruler").add_patterns(
        [{"label": "ORG", "pattern": name} for a in actors for name in a.names if len(name) > 1])
    bases: dict[str, Knowledge] = {}
    records = {}
    documents = [normalise(RawArticle(text=c.text, input_id=c.id, published=_iso(c.date))) for c in cases]
    for case, document, doc in zip(cases, documents, nlp.pipe(d.text for d in documents), strict=True):
        if case.date not in bases:
            extra = [ExtraActor(tuple(a.names), code) for a in actors
                     if (code := a.code_at(case.date)) is not None and code not in NULL_CODES]
            bases[case.date] = load_knowledge().with_actors(extended_knowledge_base(extra, terms))
        records[case.id] = analyze_parsed(document, doc, None, bases[case.date])
    return records


def _iso(date: str) -> str | None:
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 and date.isdigit() else None


def found_triples(record: Record) -> set[tuple[str, str, str]]:
    """(source code, target code, root) of the record's events that are not negated."""
    codes = {a.id: a.code or "" for a in record.actors}
    return {(codes.get(e.source or "", ""), codes.get(e.target or "", ""), e.root)
            for e in record.events if not e.negated}


def score(cases: list[Case], records: dict[str, Record], verbose: bool = False) -> list[str]:
    """The report's lines."""
    total = exact = roots3 = root_only = pairs = 0
    by_category: Counter[str] = Counter()
    found_category: Counter[str] = Counter()
    skipped = 0
    quiet = quiet_total = 0
    for case in cases:
        got = found_triples(records[case.id]) if case.id in records else set()
        if case.no_events:
            quiet_total += 1
            quiet += not got
        for source, target, code in case.triples:
            if source[:3] in NULL_CODES or target[:3] in NULL_CODES or not source or not target:
                skipped += 1
                continue
            total += 1
            by_category[case.category] += 1
            root = code[:2]
            hit = (source, target, root) in got
            exact += hit
            found_category[case.category] += hit
            roots3 += any(s[:3] == source[:3] and t[:3] == target[:3] and r == root for s, t, r in got)
            root_only += any(r == root for _, _, r in got)
            pairs += any((s, t) == (source, target) for s, t, _ in got)
            if verbose and not hit:
                print(f"{case.id}: want {(source, target, root)} got {sorted(got)}: {case.text[:80]!r}")
    share = lambda n: f"{n / total:.3f} ({n}/{total})" if total else "n/a"  # noqa: E731
    lines = [
        f"sentences: {len(cases)}, expected triples: {total} (+{skipped} with a null actor, left out)",
        f"(source, target, root) found: {share(exact)}",
        f"same with actors' first three letters: {share(roots3)}",
        f"root only: {share(root_only)}",
        f"(source, target) with any event: {share(pairs)}",
        f"no-event sentences without events: {quiet}/{quiet_total}",
        "by category: " + ", ".join(f"{k} {found_category[k]}/{by_category[k]}" for k in sorted(by_category)),
    ]
    return lines


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    petrarch_dir = Path(args[0])
    cases = load_cases(petrarch_dir / "PETR.UnitTest.records.xml")
    records = code_cases(cases, petrarch_dir)
    for line in score(cases, records, verbose="--verbose" in argv):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
