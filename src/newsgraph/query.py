"""Questions a user asks of a store: a few verbs, each one SQL query, rows as dicts.

The CLI (`newsgraph query VERB`) and the REST API call these same functions.
An actor is named by its code (`USAGOV`: every actor with that code) or by its
canonical name (case-insensitive). Dates are the event's own date when the
text gives one, else the article's publication date; `since`/`until` take
ISO prefixes (2021, 2021-06, 2021-06-15), both inclusive. Negated events (the
text says they did not happen) are listed by `events` but counted nowhere else.
"""
from __future__ import annotations

import re
from typing import Any

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.store import Store

Rows = list[dict[str, Any]]

EVENT_DATE = "coalesce(e.date, d.published)"
PERIODS = {"year": 4, "month": 7, "day": 10}
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _check_date(name: str, value: str | None) -> None:
    if value is not None and not _ISO_PREFIX.fullmatch(value):
        raise NewsgraphError(Errors.E023, what=f"--{name}", value=value, why="use YYYY, YYYY-MM or YYYY-MM-DD")


def _date_filter(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    _check_date("since", since)
    _check_date("until", until)
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        # compare as many characters as `until` has, so --until 2021-06 keeps 2021-06-30
        where.append(f"substr({column}, 1, {len(until)}) <= ?")
        params.append(until)
    return where, params


def _contains(value: str) -> str:
    """A LIKE pattern for `value` anywhere, its own % and _ (and the escape) matching only themselves."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


LIKE = "LIKE ? ESCAPE '\\'"


def _has_text(store: Store, column: str) -> str:
    """`column` contains a `_contains` pattern, case-insensitively: PostgreSQL matches lower(column), which its
    trigram indexes cover; DuckDB's ILIKE scans the text without making a lowered copy of it (twice as fast)."""
    if store.engine == "duckdb":
        return f"{column} I{LIKE}"
    return f"lower({column}) {LIKE}"


def _actor_match(alias: str) -> str:
    return f"({alias}.code = ? OR lower({alias}.name) = lower(?))"


def _events_of(actor: str | None) -> tuple[str, list[Any]]:
    """The events relation (FROM clause) and its parameters: every event, or only those whose source or target
    is `actor`, found through the actor's rows (its indexes) instead of by joining every event to its actors."""
    if not actor:
        return "events", []
    match = "(a.code = ? OR lower(a.name) = lower(?))"
    side = "SELECT e.* FROM events e JOIN actors a ON a.doc_id = e.doc_id AND a.id = e.{} WHERE " + match
    return f"({side.format('source')} UNION {side.format('target')})", [actor] * 4


def _page(limit: int | None, offset: int) -> str:
    if limit is not None and limit < 0 or offset < 0:
        raise NewsgraphError(Errors.E023, what="limit/offset", value=f"{limit}/{offset}", why="must be >= 0")
    return (f" LIMIT {int(limit)}" if limit is not None else "") + (f" OFFSET {int(offset)}" if offset else "")


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def events(store: Store, actor: str | None = None, source: str | None = None, target: str | None = None,
           since: str | None = None, until: str | None = None, root: str | None = None,
           plover: str | None = None, doc_id: str | None = None,
           limit: int | None = None, offset: int = 0) -> Rows:
    """Events, oldest first, with their actors' names and codes and the evidence text."""
    relation, params = _events_of(actor)
    where, date_params = _date_filter(EVENT_DATE, since, until)
    params += date_params
    if source:
        where.append(_actor_match("s"))
        params += [source] * 2
    if target:
        where.append(_actor_match("t"))
        params += [target] * 2
    if root:
        where.append("e.root = ?")
        params.append(root)
    if plover:
        where.append("e.plover = ?")
        params.append(plover.upper())
    if doc_id:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    sql = f"""
        SELECT {EVENT_DATE} AS date, s.code AS source_code, s.name AS source, e.cameo, e.plover,
               t.code AS target_code, t.name AS target, e.goldstein, e.quad_class, e.negated, e.modality,
               e.evidence_text AS evidence, e.doc_id, e.id AS event_id, e.evidence_start, e.evidence_end,
               e.evidence_in, d.title
        FROM {relation} e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        {_where(where)}
        ORDER BY {EVENT_DATE} NULLS LAST, e.doc_id, e.sentence, e.id {_page(limit, offset)}"""
    return store.fetch(sql, params)


def quotes(store: Store, speaker: str | None = None, text: str | None = None, since: str | None = None,
           until: str | None = None, doc_id: str | None = None, limit: int | None = None, offset: int = 0) -> Rows:
    """Quotes, newest article first; `speaker` matches a code, or part of a name or of the speaker's words."""
    where, params = _date_filter("d.published", since, until)
    if speaker:
        where.append(f"(a.code = ? OR lower(a.name) {LIKE} OR lower(q.speaker_text) {LIKE})")
        needle = _contains(speaker)
        params += [speaker, needle, needle]
    if text:
        where.append(_has_text(store, "q.text"))
        params.append(_contains(text))
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    sql = f"""
        SELECT d.published AS date, a.name AS speaker, a.code AS speaker_code, q.speaker_text, q.cue_lemma AS cue,
               q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char, d.title
        FROM quotes q JOIN documents d ON d.id = q.doc_id
        LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.id = q.speaker
        {_where(where)}
        ORDER BY d.published DESC NULLS LAST, q.doc_id, q.start_char {_page(limit, offset)}"""
    return store.fetch(sql, params)


def _rounded(rows: Rows, *keys: str) -> Rows:
    for row in rows:
        for key in keys:
            if row.get(key) is not None:
                row[key] = round(float(row[key]), 2)
    return rows


def pairs(store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
          root: str | None = None, min_events: int = 1, limit: int | None = None, offset: int = 0) -> Rows:
    """Who does what to whom: (source, target) with event counts and mean Goldstein, busiest first."""
    relation, params = _events_of(actor)
    where, date_params = _date_filter(EVENT_DATE, since, until)
    params += date_params
    where += ["NOT e.negated", "e.source IS NOT NULL", "e.target IS NOT NULL"]
    if root:
        where.append("e.root = ?")
        params.append(root)
    sql = f"""
        SELECT coalesce(s.code, s.name) AS source, coalesce(t.code, t.name) AS target, count(*) AS events,
               avg(e.goldstein) AS mean_goldstein,
               sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict
        FROM {relation} e JOIN documents d ON d.id = e.doc_id
        JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        {_where(where)}
        GROUP BY coalesce(s.code, s.name), coalesce(t.code, t.name)
        HAVING count(*) >= {int(min_events)}
        ORDER BY count(*) DESC, coalesce(s.code, s.name), coalesce(t.code, t.name) {_page(limit, offset)}"""
    return _rounded(_ints(store.fetch(sql, params), "events", "cooperation", "conflict"), "mean_goldstein")


def _ints(rows: Rows, *keys: str) -> Rows:
    # PostgreSQL sums to numeric, DuckDB to hugeint: both become plain ints.
    for row in rows:
        for key in keys:
            row[key] = int(row[key] or 0)
    return rows


def timeline(store: Store, actor: str | None = None, partner: str | None = None, by: str = "month",
             since: str | None = None, until: str | None = None) -> Rows:
    """Events per period for an actor (or a pair, or everyone): cooperation vs conflict."""
    if by not in PERIODS:
        raise NewsgraphError(Errors.E023, what="--by", value=by, why=f"use one of {', '.join(PERIODS)}")
    width = PERIODS[by]
    relation, params = _events_of(actor if not partner else None)
    where, date_params = _date_filter(EVENT_DATE, since, until)
    params += date_params
    where += ["NOT e.negated", f"length({EVENT_DATE}) >= {width}"]
    who, who_params = _actor_filter(actor, partner) if partner else ([], [])
    where += who
    params += who_params
    period = f"substr({EVENT_DATE}, 1, {width})"
    sql = f"""
        SELECT {period} AS period, count(*) AS events,
               sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict,
               avg(e.goldstein) AS mean_goldstein
        FROM {relation} e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        {_where(where)}
        GROUP BY {period} ORDER BY {period}"""
    return _rounded(_ints(store.fetch(sql, params), "events", "cooperation", "conflict"), "mean_goldstein")


def _actor_filter(actor: str | None, partner: str | None) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (over source `s` and target `t`) for an actor, or a pair, or everyone."""
    if actor and partner:
        return ([f"(({_actor_match('s')} AND {_actor_match('t')}) OR ({_actor_match('s')} AND "
                 f"{_actor_match('t')}))"], [actor, actor, partner, partner, partner, partner, actor, actor])
    if actor:
        return [f"({_actor_match('s')} OR {_actor_match('t')})"], [actor] * 4
    return [], []


def undated(store: Store, actor: str | None = None, partner: str | None = None) -> dict[str, int]:
    """How many events (of an actor, a pair, or everyone) and articles have no date: no date filter and
    no timeline can show them."""
    where, params = _actor_filter(actor, partner)
    where += ["NOT e.negated", f"{EVENT_DATE} IS NULL"]
    events_sql = f"""
        SELECT count(*) AS events, count(DISTINCT e.doc_id) AS articles
        FROM events e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN actors s ON s.doc_id = e.doc_id AND s.id = e.source
        LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target
        {_where(where)}"""
    counts = _ints(store.fetch(events_sql, params), "events", "articles")[0]
    if not actor:
        counts["articles"] = int(store.fetch("SELECT count(*) AS n FROM documents WHERE published IS NULL")[0]["n"])
    return counts


def undated_note(counts: dict[str, int], what: str = "this timeline") -> str | None:
    """The sentence that tells a user what a date-bound answer leaves out; None when nothing is undated."""
    if not counts["events"] and not counts["articles"]:
        return None
    return (f"{counts['events']} events ({counts['articles']} articles) have no date: they are not on {what}")


def actors(store: Store, name: str | None = None, limit: int | None = 100, offset: int = 0) -> Rows:
    """Actors across the corpus (by code and canonical name), most documents first: the totals the store keeps
    up to date as it stores each batch (migration 006), not an aggregate over every actor and mention."""
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append(f"(a.code = ? OR lower(a.name) {LIKE})")
        params += [name, _contains(name)]
    sql = f"""
        SELECT a.name, a.code, a.type, a.country, a.sector, a.documents, a.mentions
        FROM actor_totals a
        {_where(where)}
        ORDER BY a.documents DESC, a.mentions DESC, a.name, a.key {_page(limit, offset)}"""
    return _ints(store.fetch(sql, params), "documents", "mentions")


def documents(store: Store, text: str | None = None, limit: int | None = 50, offset: int = 0) -> Rows:
    """Stored articles, newest first; `text` searches titles and bodies (case-insensitive)."""
    where: list[str] = []
    params: list[Any] = []
    if text:
        title = "coalesce(d.title, '')"
        where.append(f"({_has_text(store, 'd.text')} OR {_has_text(store, title)})")
        params += [_contains(text)] * 2
    # the page of documents first, then the events and quotes of those documents only (not of every one)
    sql = f"""
        SELECT d.id, d.input_id, d.title, d.published, d.published_from, d.source, d.url, d.analyser,
               (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
               (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes,
               d.lead
        FROM (SELECT d.id, d.input_id, d.title, d.published, d.published_from, d.source, d.url, d.analyser,
                     substr(d.text, 1, 240) AS lead
              FROM documents d {_where(where)}
              ORDER BY d.published DESC NULLS LAST, d.id {_page(limit, offset)}) AS d
        ORDER BY d.published DESC NULLS LAST, d.id"""
    return _ints(store.fetch(sql, params), "events", "quotes")


VERBS = {"events": events, "quotes": quotes, "pairs": pairs, "timeline": timeline, "actors": actors,
         "documents": documents}
