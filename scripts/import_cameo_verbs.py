"""Import PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt) as newsgraph lexicon data.

Usage: python scripts/import_cameo_verbs.py ../shared/knowledge/petrarch2/CAMEO.2.0.txt [--date YYYY-MM-DD]

Writes src/newsgraph/data/cameo_verbs.tsv (one row per pattern and member verb),
src/newsgraph/data/cameo_synsets.tsv (the synonym sets the patterns name as &SET) and
scripts/cameo_verbs_disagreements.tsv (patterns that code the same lemma, preposition and object as the
hand-written data/verbs.tsv with another CAMEO root, for a person to review).

The dictionary's syntax, as PETRARCH2's reader and the file's header define it:
  &NAME / +WORD lines      a synonym set; "_" joins the words of a phrase, a trailing "_" stops plurals
  --- NAME [code] ---      a verb block; the code is the block's default for a bare member verb
  VERB {FORMS} [code]      a member verb, its irregular forms, its own code for the bare verb;
                           "+ASK_FOR" and "RE_+ARREST" are multi-word verbs, "+" marking the verb itself
  - PRE * POST [code]      a phrase pattern: "*" is the verb; bare words are nouns (phrase heads),
                           {a b c} a noun phrase headed by its last word, (prep ...) a prepositional
                           phrase, &SET any member of a synonym set, "+" the target, "$" the source,
                           "%" an actor that is both, "^" any noun phrase skipped;
                           [a:b] codes a for source->target and b for target->source, "---" no event
  ~ ...                    a transformation of embedded events (read, counted, not imported)
Comments start at "#" (or the legacy ";").
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsgraph" / "data"
SOURCE_REPO = "openeventdata/petrarch2"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
NULL = "---"
# codes PETRARCH uses that cameo.tsv lacks: a typo, and CAMEO 2.0 additions mapped to their nearest parent
CODE_FIXES = {"080!": "080"}
TOKEN = re.compile(r"[(){}]|[^\s(){}]+")


@dataclass
class Block:
    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class Verb:
    lemma: str
    forms: list[str]
    phrase: str  # the multi-word verb with "*" for the verb ("* for", "re *"), empty for one word
    code: str
    own_code: bool  # the verb line gives its own code, rather than taking the block's
    line: int


@dataclass
class Pattern:
    before: str
    after: str
    code: str
    paired: str
    found_with: str
    line: int


@dataclass
class Dictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    transformations: int = 0
    problems: list[str] = field(default_factory=list)


def strip_comment(line: str) -> str:
    """The line without its "#" or legacy ";" comment."""
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def read_dictionary(path: Path) -> Dictionary:
    """Every synonym set, verb block, pattern and transformation of the file."""
    d = Dictionary()
    synset: str | None = None
    block: Block | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("####### VERB PATTERNS"):
            synset = None
        line = strip_comment(raw)
        if not line.strip():
            continue
        if line.startswith("&"):
            synset = line.strip().lower()
            d.synsets[synset] = []
        elif line.startswith("+") and synset is not None:
            d.synsets[synset].append(_synset_phrase(line[1:].strip()))
        elif line.startswith("~"):
            d.transformations += 1
        elif line.startswith("---"):
            name, code = _block_header(line)
            block, synset = Block(name, code), None
            d.blocks.append(block)
        elif line.startswith("-"):
            if block is None:
                d.problems.append(f"line {number}: a pattern before any verb block")
                continue
            block.patterns.append(_pattern(line[1:], raw, number, d.problems))
        elif block is not None:
            block.verbs.append(_verb(line, block.code, number))
        else:
            d.problems.append(f"line {number}: not understood: {raw.strip()}")
    return d


def _synset_phrase(term: str) -> str:
    """A synonym's words in lower case, space-separated; "_" only joins words or stops plurals."""
    return " ".join(term.lower().replace("_", " ").split())


def _block_header(line: str) -> tuple[str, str]:
    name = line.strip("- ").split("[")[0].strip()
    code = re.search(r"\[([^\]]*)\]", line)
    return name, (code.group(1).strip() or NULL if code else NULL)


def _verb(line: str, block_code: str, number: int) -> Verb:
    """A member verb line: 'SPEED {SPEEDING SPEEDS SPED } [code]', '+ASK_FOR {+ASKED_FOR ...}'."""
    code = re.search(r"\[([^\]]*)\]", line)
    forms_text = re.search(r"\{([^}]*)\}", line)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()[0]
    lemma, phrase = _verb_word(head)
    forms = [_verb_word(f)[0] for f in forms_text.group(1).split()] if forms_text else []
    return Verb(lemma, forms, phrase, code.group(1).strip() if code else block_code, code is not None, number)


def _verb_word(word: str) -> tuple[str, str]:
    """'+ASK_FOR' -> ('ask', '* for'); 'RE_+ARREST' -> ('arrest', 're *'); 'ASK' -> ('ask', '')."""
    parts = word.lower().split("_")
    if len(parts) == 1:
        return parts[0].lstrip("+"), ""
    at = next((k for k, p in enumerate(parts) if p.startswith("+")), 0)
    verb = parts[at].lstrip("+")
    return verb, " ".join("*" if k == at else p for k, p in enumerate(parts) if p or k == at)


def _pattern(body: str, raw: str, number: int, problems: list[str]) -> Pattern:
    """'- PRE * POST [code] # VERB': the parts around the verb in normal form, and the codes."""
    found_with = raw.split("#", 1)[1].split()[0].lower() if "#" in raw and raw.split("#", 1)[1].split() else ""
    codes = re.findall(r"\[([^\]]*)\]", body)
    text = re.sub(r"\[[^\]]*\]", " ", body)
    if not codes:
        problems.append(f"line {number}: a pattern with no code")
        codes = [NULL]
    code, _, paired = codes[-1].partition(":")
    if "*" not in text:
        problems.append(f"line {number}: a pattern with no verb '*'")
    before, _, after = text.partition("*")
    return Pattern(_normal(before, number, problems), _normal(after, number, problems), code.strip() or NULL,
                   paired.strip(), found_with, number)


def _normal(part: str, number: int, problems: list[str]) -> str:
    """A pattern part in newsgraph's notation: lower case, groups balanced, "A_B" as the phrase {a b}."""
    out: list[str] = []
    depth: list[str] = []
    for tok in TOKEN.findall(part.lower()):
        if tok in "({":
            if tok == "{" and "{" in depth:
                problems.append(f"line {number}: a noun phrase inside a noun phrase; inner braces dropped")
                continue
            depth.append(tok)
            out.append(tok)
        elif tok in ")}":
            want = "(" if tok == ")" else "{"
            if not depth or depth[-1] != want:
                problems.append(f"line {number}: an unbalanced '{tok}' dropped")
                continue
            depth.pop()
            out.append(tok)
        elif "_" in tok.strip("_") and "{" not in depth:
            out.extend(["{", *[w for w in tok.split("_") if w], "}"])
        else:
            out.append(tok.strip("_") or tok)
    for opened in reversed(depth):
        problems.append(f"line {number}: an unclosed '{opened}' closed at the end")
        out.append(")" if opened == "(" else "}")
    return re.sub(r"([({]) ", r"\1", re.sub(r" ([)}])", r"\1", " ".join(out)))


def known_codes() -> set[str]:
    """The codes of data/cameo.tsv."""
    rows = [line.split("\t")[0] for line in (DATA / "cameo.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return set(rows[1:])


def map_code(code: str, known: set[str], mapped: dict[str, str]) -> str:
    """`code` as cameo.tsv has it: typos fixed, CAMEO 2.0 codes the table lacks cut back to their parent."""
    if code == NULL or not code or code in known:
        return code or NULL
    fixed = CODE_FIXES.get(code, code)
    while fixed not in known and len(fixed) > 2:
        fixed = fixed[:-1]
    if fixed not in known:
        raise SystemExit(f"PETRARCH code {code!r} has no counterpart in cameo.tsv; add it to CODE_FIXES")
    mapped[code] = fixed
    return fixed


ELEMENT = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")


def summary(after: str, phrase: str, synsets: dict[str, list[str]]) -> tuple[str, list[str]]:
    """The preposition nearest the verb and the first object's words (synonym sets expanded), as verbs.tsv
    has them: what the coder's Pattern.prep and Pattern.objects summarise."""
    prep = phrase.split("*")[1].strip() if "*" in phrase and phrase.split("*")[1].strip() else ""
    objects: list[str] = []
    for element in ELEMENT.findall(after):
        if element.startswith("(") and not prep:
            prep = element[1:-1].split()[0] if element[1:-1].split() else ""
        elif not element.startswith("(") and element not in ("+", "$", "%", "^") and not objects:
            head = element.strip("{}").split()[-1] if element.strip("{}").split() else ""
            objects = [p.split()[-1] for p in synsets.get(head, [])] if head.startswith("&") else [head]
    return prep, sorted(set(objects))


def roles(before: str, after: str, paired_only: bool) -> tuple[str, str, str, str]:
    """Where the pattern puts the source and the target, and the subject's role: a pattern coded only
    target->source ([:173]) swaps them."""
    if paired_only:
        before, after = _swap(before), _swap(after)
    subject = "target" if "+" in before.split() else "both" if "%" in before.split() else "source"
    if "$" in before.split():
        subject = "source"
    return before, after, subject, ""


def _swap(text: str) -> str:
    out = []
    for tok in TOKEN.findall(text):
        out.append("$" if tok == "+" else "+" if tok == "$" else tok)
    return re.sub(r"([({]) ", r"\1", re.sub(r" ([)}])", r"\1", " ".join(out)))


def rows(d: Dictionary, known: set[str], mapped: dict[str, str]) -> list[dict[str, str]]:
    """One row per member verb alone (when its code is an event) and per member verb and pattern."""
    out: list[dict[str, str]] = []
    for block in d.blocks:
        for verb in block.verbs:
            base = {"lemma": verb.lemma, "pos": "VERB", "forms": "|".join(verb.forms), "phrase": verb.phrase,
                    "block": block.name.lower()}
            first, _, second = verb.code.partition(":")
            code, paired = map_code(first.strip(), known, mapped), map_code(second.strip(), known, mapped)
            if code != NULL or paired not in (NULL, ""):
                prep, _ = summary("", verb.phrase, d.synsets)
                subject = "source" if code != NULL else "target"  # "OFFEND [:110]": the offended disapproves
                out.append(base | {"prep": prep, "object": "", "before": "", "after": "", "subject": subject,
                                   "cameo": code if code != NULL else paired,
                                   "paired": paired if code != NULL and paired != NULL else "",
                                   "found_with": verb.lemma if verb.own_code else "", "line": str(verb.line)})
            for p in block.patterns:
                code, paired = map_code(p.code, known, mapped), map_code(p.paired, known, mapped) if p.paired else ""
                paired_only = code == NULL and bool(paired) and paired != NULL
                before, after, subject, _ = roles(p.before, p.after, paired_only)
                if paired_only:
                    code, paired = paired, ""
                prep, objects = summary(after, verb.phrase, d.synsets)
                out.append(base | {"prep": prep, "object": "|".join(objects), "before": before, "after": after,
                                   "subject": subject, "cameo": code, "paired": "" if paired == NULL else paired,
                                   "found_with": p.found_with, "line": str(p.line)})
    return out


COLUMNS = ["lemma", "pos", "prep", "object", "cameo", "forms", "phrase", "before", "after", "subject", "paired",
           "block", "found_with", "line"]


def header(source: Path, date: str, d: Dictionary, mapped: dict[str, str], n_patterns: int) -> list[str]:
    """The provenance and format header of cameo_verbs.tsv."""
    fixes = ", ".join(f"{k} -> {v}" for k, v in sorted(mapped.items())) or "none"
    return [
        "# CAMEO verb-pattern lexicon from PETRARCH2's verb dictionary: one row = one way a verb (a member of one of its",
        "#   verb blocks) signals one CAMEO event, alone or in a phrase pattern; read by newsgraph.events.lexicon after",
        "#   the hand-written verbs.tsv, whose rows win where both match.",
        f"# Source: {SOURCE_REPO} @ {SOURCE_COMMIT}, petrarch2/data/dictionaries/{source.name}",
        "#   (a composite of the TABARI CAMEO dictionaries and WordNet synonym sets).",
        "# Licence: MIT. Copyright (c) 2015 Open Event Data Alliance. The MIT licence text is in the source file's",
        "#   header and in LICENSES/ of the PETRARCH2 repository; this file is a derived, reformatted copy.",
        f"# Imported {date} by scripts/import_cameo_verbs.py (re-run it to regenerate this file; do not edit by hand).",
        "# Columns: lemma, pos, prep, object, cameo as in verbs.tsv (prep = the particle or preposition nearest the verb the",
        "#   pattern needs; object = '|'-separated words of the first noun it needs, synonym sets expanded: a summary of",
        "#   the pattern for the coder and for the disagreement review; the matcher reads before/after);",
        "#   forms = the verb's irregular forms from the dictionary's {...}, '|'-separated (empty = regular);",
        "#   phrase = a multi-word verb with '*' for the verb ('* for' = ask_for, 're *' = re-arrest), its words adjacent;",
        "#   before / after = what the pattern needs before / after the verb, in PETRARCH's notation, lower case: a bare",
        "#   word is a noun (or particle) heading a phrase, {a b c} a noun phrase headed by its last word, (prep ...) a",
        "#   prepositional phrase, &SET any phrase of that set in cameo_synsets.tsv, '+' the target, '$' the source,",
        "#   '%' an actor that is both, '^' any noun phrase; A_B in the source is written {a b};",
        "#   subject = the role of the verb's subject: source (default), target ('+' before the verb) or both ('%');",
        "#   cameo = the code for source -> target; paired = PETRARCH's second code ([a:b]) for target -> source;",
        "#   a pattern with only a second code ([:173]) is written with cameo = that code and '+'/'$' swapped;",
        "#   cameo '---' = the pattern blocks any event (PETRARCH's null code), it wins over less specific rows;",
        "#   block = the PETRARCH verb block; found_with = the verb the pattern was written for (the source's comment),",
        "#   and for a bare-verb row the verb itself when its line gives its own code, empty when it takes the block's;",
        "#   line = the source line (of the pattern, or of the verb for a bare-verb row).",
        f"# Code mapping: codes cameo.tsv lacks were mapped: {fixes} (a typo, and CAMEO 2.0 codes cut to their parent).",
        f"# Counts: {len(d.blocks)} verb blocks, {sum(len(b.verbs) for b in d.blocks)} member verbs, {n_patterns} phrase"
        f" patterns, {len(d.synsets)} synonym sets; {d.transformations} transformations (~ lines) are not imported:",
        "#   the coder handles embedded events itself.",
        "# Known problems: patterns apply to every member verb of a block, as in PETRARCH, though many were written for one",
        "#   (found_with); many patterns only restate the block's default or were written for TABARI's noun/verb",
        "#   disambiguation; old linear patterns use bare prepositions ('* CALL ON + TO RESIGN'), read here as words",
        "#   that must follow in order; the bare-verb codes of blocks like ASK [020] are broad.",
        *[f"#   parse note: {p}" for p in d.problems],
    ]


def synset_rows(d: Dictionary) -> list[str]:
    """cameo_synsets.tsv: header and one row per set and phrase."""
    out = [
        "# Synonym sets of PETRARCH2's CAMEO verb dictionary, named as &SET in cameo_verbs.tsv: one row = one phrase",
        "#   of one set; the phrase's last word is its head, the words before it must precede it.",
        f"# Source: {SOURCE_REPO} @ {SOURCE_COMMIT}, petrarch2/data/dictionaries/CAMEO.2.0.txt (mostly WordNet).",
        "# Licence: MIT. Copyright (c) 2015 Open Event Data Alliance.",
        "# Written by scripts/import_cameo_verbs.py; plurals are not listed: the matcher compares lemmas.",
        "set\tphrase",
    ]
    for name, phrases in d.synsets.items():
        out.extend(f"{name}\t{p}" for p in phrases)
    return out


def hand_rows() -> list[dict[str, str]]:
    """The rows of the hand-written data/verbs.tsv."""
    lines = [x for x in (DATA / "verbs.tsv").read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    names = lines[0].split("\t")
    return [dict(zip(names, (c.strip() for c in (x.split("\t") + [""] * len(names))[: len(names)]), strict=True))
            for x in lines[1:]]


def disagreements(imported: list[dict[str, str]]) -> list[str]:
    """verbs.tsv and PETRARCH rows with the same lemma, preposition and object but another CAMEO root."""
    out = ["# Disagreements between the hand-written src/newsgraph/data/verbs.tsv and the imported cameo_verbs.tsv: one row",
           "#   = a hand-written row and a PETRARCH pattern with the same lemma and preposition, and a shared object",
           "#   word (or neither needs one), whose CAMEO roots differ. verbs.tsv wins at run time; review each row and fix",
           "#   whichever side is wrong. Written by scripts/import_cameo_verbs.py.",
           "lemma\tprep\tobject\tverbs_cameo\tpetrarch_cameo\tpetrarch_pattern\tpetrarch_line"]
    by_key: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in imported:
        if r["cameo"] != NULL and not r["before"]:
            by_key.setdefault((r["lemma"], r["prep"]), []).append(r)
    seen = set()
    for h in hand_rows():
        if h["pos"] != "VERB":
            continue
        hand_objects = {v.strip() for v in h["object"].split("|") if v.strip()}
        for r in by_key.get((h["lemma"], h["prep"]), []):
            objects = set(r["object"].split("|")) - {""}
            if bool(hand_objects) != bool(objects) or hand_objects and not hand_objects & objects:
                continue
            if r["cameo"][:2] == h["cameo"][:2]:
                continue
            shared = "|".join(sorted(hand_objects & objects))
            key = (h["lemma"], h["prep"], shared, h["cameo"], r["cameo"], r["after"])
            if key not in seen:
                seen.add(key)
                out.append("\t".join([h["lemma"], h["prep"], shared, h["cameo"], r["cameo"],
                                      f"{r['before']} * {r['after']}".strip(), r["line"]]))
    return out


def main(argv: list[str] | None = None) -> int:
    """Read the dictionary, write the lexicon, its synonym sets and the review list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="PETRARCH2's CAMEO.2.0.txt")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="import date for the header")
    parser.add_argument("--out", type=Path, default=DATA, help="directory for the two data files")
    parser.add_argument("--review", type=Path, default=ROOT / "scripts" / "cameo_verbs_disagreements.tsv")
    args = parser.parse_args(argv)
    d = read_dictionary(args.source)
    mapped: dict[str, str] = {}
    imported = rows(d, known_codes(), mapped)
    n_patterns = sum(len(b.patterns) for b in d.blocks)
    lines = header(args.source, args.date, d, mapped, n_patterns) + ["\t".join(COLUMNS)]
    lines += ["\t".join(r[c] for c in COLUMNS) for r in imported]
    (args.out / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "cameo_synsets.tsv").write_text("\n".join(synset_rows(d)) + "\n", encoding="utf-8")
    review = disagreements(imported)
    args.review.write_text("\n".join(review) + "\n", encoding="utf-8")
    print(f"{len(d.blocks)} blocks, {n_patterns} patterns, {len(d.synsets)} synsets -> {len(imported)} rows; "
          f"{len(review) - 5} disagreements; codes mapped: {mapped}; {len(d.problems)} parse notes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
