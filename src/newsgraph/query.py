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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, NamedTuple

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.store import IN_LIST, Store, index_rows

Rows = list[dict[str, Any]]

# An event's date: its own, else its article's publication date (migration 009 carries it on the event's row).
EVENT_DATE = "e.event_date"
PERIODS = {"year": 4, "month": 7, "day": 10}
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ADM1 = re.compile(r"[A-Za-z]{2}[A-Za-z0-9]{1,10}")  # GDELT ADM1: FIPS country code + admin-1 code


def _check_date(name: str, value: str | None) -> None:
    # named as the parameter is everywhere (CLI --since, API ?since=, the pages' "since" field)
    if value is not None and not _ISO_PREFIX.fullmatch(value):
        raise NewsgraphError(Errors.E023, what=name, value=value, why="use YYYY, YYYY-MM or YYYY-MM-DD")


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


def _like(pattern: str) -> str:
    """`LIKE ?` for a `_contains` `pattern`, naming the escape character only when the pattern uses it: DuckDB
    matches a pattern that has an ESCAPE clause by its general, slow path (ILIKE '%trump%' over the speakers of
    1.6 million quotes: 137 ms with it, 8 without)."""
    return "LIKE ? ESCAPE '\\'" if "\\" in pattern else "LIKE ?"


def _has_text(store: Store, column: str, pattern: str) -> str:
    """`column` contains the `_contains` `pattern` (the next parameter), case-insensitively: PostgreSQL matches
    lower(column), which its trigram indexes cover; DuckDB's ILIKE scans the text without making a lowered copy
    of it (twice as fast)."""
    if store.engine == "duckdb":
        return f"{column} I{_like(pattern)}"
    return f"lower({column}) {_like(pattern)}"


def _actor_tests(prefix: str) -> tuple[str, str]:
    """The two tests of `_actor_match`: by code, by name in any case (each taking one parameter)."""
    return f"{prefix}_code = ?", f"lower({prefix}_name) = lower(?)"


def _actor_match(prefix: str) -> str:
    """The actor whose code and canonical name are the columns `PREFIX_code` and `PREFIX_name` (an event's
    `e.source`/`e.target`, a quote's `q.speaker`: migration 009) is the one named by the next two parameters:
    its code, or its name in any case."""
    return f"({' OR '.join(_actor_tests(prefix))})"


def _event_side(engine: str | None, side: str) -> str:
    """The event's actor on `side` ("source" or "target") is the actor named by the next two parameters: a test
    of the event's own row (migration 009), which PostgreSQL answers from its indexes (migration 010) and DuckDB
    in its scan of the events. Before, each event was joined to its actors by their 64-character ids (DuckDB:
    426 / 632 ms p50 / p99 for USAGOV's events at 100,000 articles; PostgreSQL 1.06 / 1.15 s). `engine` is kept
    for callers that pass it: both engines now take the same form."""
    return _actor_match(f"e.{side}")


def _event_actor(engine: str | None) -> str:
    """The event's source or target is the actor named by the next four parameters (the name twice)."""
    return f"({_event_side(engine, 'source')} OR {_event_side(engine, 'target')})"


_DOCUMENT_ALIAS = re.compile(r"\bd\.")


def _reads_documents(*sql: str) -> bool:
    """Whether SQL over an item table reads its article's (`d.`) columns."""
    return any(_DOCUMENT_ALIAS.search(part) for part in sql)


def _page(limit: int | None, offset: int) -> str:
    if limit is not None and limit < 0 or offset < 0:
        raise NewsgraphError(Errors.E023, what="limit/offset", value=f"{limit}/{offset}", why="must be >= 0")
    return (f" LIMIT {int(limit)}" if limit is not None else "") + (f" OFFSET {int(offset)}" if offset else "")


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


@dataclass(frozen=True)
class Filter:
    """The one filter the pages, the API and the downloads share (the URL's parameters of the same names).

    `outlet` is the article's source (documents.source: a site or agency); `actor` an actor code or
    canonical name on either side of an event (for quotes: the speaker); `country` an actor's country
    code; `region` a first-level region (GDELT's ADM1 code, USTX): the articles that name a place in it,
    with their events and quotes (what the map counts per region); `root`, `plover` and `quad_class`
    select events by type (quotes have none: those three leave quotes unfiltered). Dates are ISO
    prefixes, both ends inclusive.
    """

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    actor: str | None = None
    country: str | None = None
    region: str | None = None
    root: str | None = None
    plover: str | None = None
    quad_class: int | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, values: dict[str, Any]) -> Filter:
        """The filter from a mapping (query parameters): blanks are absent, values are checked."""
        given = {k: (str(v).strip() or None) if v is not None else None for k, v in values.items()
                 if k in cls.names()}
        quad = given.pop("quad_class", None)
        if quad is not None and quad not in ("1", "2", "3", "4"):
            raise NewsgraphError(Errors.E023, what="quad_class", value=quad,
                                 why="use 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) "
                                     "or 4 (material conflict)")
        region = given.get("region")
        if region is not None and not _ADM1.fullmatch(region):
            raise NewsgraphError(Errors.E023, what="region", value=region,
                                 why="use a first-level region's ADM1 code: the FIPS country code and the region's "
                                     "code, e.g. USTX")
        made = cls(quad_class=int(quad) if quad else None, **given)
        _check_date("since", made.since)
        _check_date("until", made.until)
        return made

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in ((f.name, getattr(self, f.name)) for f in fields(self)) if v not in (None, "")}


EVENT_TYPES = ("root", "plover", "quad_class")


def filter_sql(view: Filter | None, over: str = "events", engine: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and their parameters for `view` over a query's tables: "events" (aliases e, d and the
    actors s, t), "quotes" (q, d and the speaker a) or "documents" (d alone: an article passes when
    any of its actors or events does). `engine` (the store's) lets an actor clause over events take the
    engine's faster form (`_event_side`)."""
    if view is None:
        return [], []
    if over not in ("events", "quotes", "documents"):
        raise ValueError(over)
    date = {"events": EVENT_DATE, "quotes": "q.published"}.get(over, "d.published")
    where, params = _date_filter(date, view.since, view.until)
    if view.outlet:
        where.append("lower(d.source) = lower(?)")
        params.append(view.outlet)
    if view.region:  # d is the article in every view: its events and quotes go with it
        where.append("EXISTS (SELECT 1 FROM places fp WHERE fp.doc_id = d.id AND fp.admin1 = upper(?))")
        params.append(view.region)
    if over == "events":
        if view.actor:
            where.append(_event_actor(engine))
            params += [view.actor] * 4
        if view.country:
            where.append("(upper(e.source_country) = upper(?) OR upper(e.target_country) = upper(?))")
            params += [view.country] * 2
        types, type_params = _event_type_sql(view, "e")
        return where + types, params + type_params
    if over == "quotes":
        if view.actor:
            where.append(_actor_match("q.speaker"))
            params += [view.actor] * 2
        if view.country:
            where.append("upper(q.speaker_country) = upper(?)")
            params.append(view.country)
        return where, params
    if view.actor:
        where.append(f"EXISTS (SELECT 1 FROM actors fa WHERE fa.doc_id = d.id AND {_named('fa')})")
        params += [view.actor] * 2
    if view.country:
        where.append("EXISTS (SELECT 1 FROM actors fc WHERE fc.doc_id = d.id AND upper(fc.country) = upper(?))")
        params.append(view.country)
    types, type_params = _event_type_sql(view, "fe")
    if types:
        where.append(f"EXISTS (SELECT 1 FROM events fe WHERE fe.doc_id = d.id AND {' AND '.join(types)})")
        params += type_params
    return where, params


def _named(alias: str) -> str:
    """The actor row `alias` is the one named by the next two parameters (its code, or its name in any case)."""
    return f"({alias}.code = ? OR lower({alias}.name) = lower(?))"


def _event_type_sql(view: Filter, alias: str) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if view.root:
        where.append(f"{alias}.root = ?")
        params.append(view.root)
    if view.plover:
        where.append(f"{alias}.plover = ?")
        params.append(view.plover.upper())
    if view.quad_class:
        where.append(f"{alias}.quad_class = ?")
        params.append(int(view.quad_class))
    return where, params


# The columns a browser table may sort by (a name from the URL never reaches the SQL itself).
EVENT_SORTS = {"date": EVENT_DATE, "source": "coalesce(e.source_name, '')", "type": "e.cameo",
               "target": "coalesce(e.target_name, '')", "goldstein": "e.goldstein", "article": "coalesce(d.title, '')"}
QUOTE_SORTS = {"date": "q.published", "speaker": "coalesce(q.speaker_name, q.speaker_text, '')", "cue": "q.cue_lemma",
               "text": "q.text", "article": "coalesce(d.title, '')"}


def _order(sorts: dict[str, str], sort: str | None, descending: bool, default: str) -> str:
    if sort is None:
        return default
    if sort not in sorts:
        raise NewsgraphError(Errors.E023, what="sort", value=sort, why=f"use one of {', '.join(sorts)}")
    return f"{sorts[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, {default}"


EVENTS_FROM = "FROM events e JOIN documents d ON d.id = e.doc_id"
# How far a page of events or quotes counts the rows it is cut from, at least (the API's and the pages' tables):
# beyond it they say "more than" (an exact count of a big subset reads it all, on every page)
COUNT_CAP = 10_000
# ... and a page of quotes matched by their text, this many: each candidate quote's text is matched to count it
# (PostgreSQL, "election" at 100,000 articles: 0.70 s to count 10,000 quotes, 0.17 s to count 1,000)
TEXT_COUNT_CAP = 1_000


def _events_where(engine: str, actor: str | None, source: str | None, target: str | None, since: str | None,
                  until: str | None, root: str | None, plover: str | None, doc_id: str | None,
                  filters: Filter | None, partner: str | None = None) -> tuple[list[str], list[Any]]:
    where, params = _date_filter(EVENT_DATE, since, until)
    if partner:  # with an actor (here or in the filter) on one side: the events between the two
        where.append(_event_actor(engine))
        params += [partner] * 4
    if actor:
        where.append(_event_actor(engine))
        params += [actor] * 4
    if source:
        where.append(_event_side(engine, "source"))
        params += [source] * 2
    if target:
        where.append(_event_side(engine, "target"))
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
    shared, shared_params = filter_sql(filters, "events", engine)
    return where + shared, params + shared_params


def _events_from(*sql: str) -> str:
    """The events' tables for a query whose other parts are `sql`: the events, joined to their articles only
    when those parts read an article's column (an outlet, a region)."""
    return EVENTS_FROM if _reads_documents(*sql) else "FROM events e"


def events(store: Store, actor: str | None = None, source: str | None = None, target: str | None = None,
           since: str | None = None, until: str | None = None, root: str | None = None,
           plover: str | None = None, doc_id: str | None = None,
           limit: int | None = None, offset: int = 0, *, filters: Filter | None = None,
           sort: str | None = None, descending: bool = False, counted: bool = False,
           partner: str | None = None, count_cap: int | None = None) -> Rows:
    """Events, oldest first (or by `sort`), with their actors' names and codes and the evidence text;
    `counted` adds `total_rows`, how many all pages hold (one query instead of two for a table's page), counted
    up to `count_cap` + 1 when a cap is given (`total_rows` > `count_cap`: more than `count_cap`)."""
    where, params = _events_where(store.engine, actor, source, target, since, until, root, plover, doc_id,
                                  filters, partner)
    order = _order(EVENT_SORTS, sort, descending, f"{EVENT_DATE} NULLS LAST, e.doc_id, e.sentence, e.id")
    # The page first, then its actors' names: joining every event to its two actors before sorting cost
    # most of a page's time (DuckDB hashes the whole actors table for each side).
    page_order = _order(dict.fromkeys(EVENT_SORTS, "p.sort_key"), sort, descending,
                        "p.date NULLS LAST, p.doc_id, p.sentence, p.event_id")
    # The page first (from the events' own columns, migration 009), then its articles' titles.
    with _date_bound(store, "events e", EVENT_DATE, False, where, sort, limit, offset) as (bound, bound_params):
        sql = _titled_page(
            f"""{EVENT_DATE} AS date, e.source_code, e.source_name AS source, e.cameo, e.plover, e.target_code,
                e.target_name AS target, e.goldstein, e.quad_class, e.negated, e.modality,
                e.evidence_text AS evidence, e.doc_id, e.id AS event_id, e.evidence_start, e.evidence_end,
                e.evidence_in, e.sentence""",
            """p.date, p.source_code, p.source, p.cameo, p.plover, p.target_code, p.target, p.goldstein,
               p.quad_class, p.negated, p.modality, p.evidence, p.doc_id, p.event_id, p.evidence_start,
               p.evidence_end, p.evidence_in""",
            _page_extras(store, "events", EVENT_SORTS, sort, _events_from(*where), where, counted, count_cap),
            _events_from(order, *where), where + bound, order, page_order, limit, offset, counted)
        return store.fetch(sql, (params if counted else []) + params + bound_params)


def _titled_page(columns: str, listed: str, extras: str, tables: str, where: list[str], order: str,
                 page_order: str, limit: int | None, offset: int, counted: bool, by_row_id: str | None = None) -> str:
    """SQL of a page of events or quotes: the page cut first from the items' own `columns` (migration 009) and
    `extras` (`_page_extras`) in `tables`, then the `listed` columns of the page `p` with its articles' titles.
    `by_row_id` (DuckDB; the table and its alias) cuts the page from the rows' ids and what orders them, then
    reads the page's rows by their ids: that costs a scan of the table's row ids (13 ms at 100,000 articles), but
    cutting the page from every column decompresses the texts of every row that passes the conditions."""
    if by_row_id:
        table, alias = by_row_id.split()
        page = f"""ids AS MATERIALIZED (SELECT {alias}.rowid AS row_id {extras}
                   {tables}
                   {_where(where)}
                   ORDER BY {order} {_page(limit, offset)}),
             p AS MATERIALIZED (SELECT {columns}, ids.* EXCLUDE (row_id)
                                FROM ids JOIN {table} {alias} ON {alias}.rowid = ids.row_id)"""
    else:
        page = f"""p AS MATERIALIZED (SELECT {columns} {extras}
                   {tables}
                   {_where(where)}
                   ORDER BY {order} {_page(limit, offset)})"""
    return f"""
        WITH {page}
        SELECT {listed}, d.title{", p.total_rows" if counted else ""}
        FROM p LEFT JOIN documents d ON d.id = p.doc_id
        ORDER BY {page_order}"""


# DuckDB has no index that reads a table in order, so the first page of all the events, quotes or articles by
# date was a top-N over every row (the quotes' took 108 CPU-ms at 100,000 articles). A top-N of the date alone is
# cheap (the scan skips what cannot beat the dates it holds); its last value bounds the page, whose own top-N
# then sorts only the rows on or beyond that date. Up to this many rows deep; past it, the plain top-N.
BOUNDED_PAGE_ROWS = 10_000


@contextmanager
def _date_bound(store: Store, table: str, key: str, descending: bool, where: list[str], sort: str | None,
                limit: int | None, offset: int) -> Iterator[tuple[list[str], list[Any]]]:
    """DuckDB, a page of a whole table (no condition) in its own date order: the condition that keeps the rows
    whose date `key` reaches the page's last date, and its parameter (none when the page is not bounded). The
    page is to be read inside: a bound is read in a `Store.snapshot` that holds until the page is read, since a
    write between the two reads could move the page's last date (other pages need no snapshot: one read)."""
    deep = offset + (limit or 0)
    if store.engine != "duckdb" or where or sort is not None or not limit or deep > BOUNDED_PAGE_ROWS:
        yield [], []
        return
    with store.snapshot():
        rows = store.fetch(f"SELECT {key} AS last FROM {table} ORDER BY {key} {'DESC' if descending else 'ASC'} "
                           f"NULLS LAST LIMIT 1 OFFSET {deep - 1}")
        if not rows or rows[0]["last"] is None:  # fewer dated rows than the page reaches: every row may be on it
            yield [], []
        else:
            yield [f"{key} {'>=' if descending else '<='} ?"], [rows[0]["last"]]


def _page_extras(store: Store, items: str, sorts: dict[str, str], sort: str | None, tables: str, where: list[str],
                 counted: bool, cap: int | None = None) -> str:
    """A page's optional columns: its sort key, and the count of all the rows it is cut from."""
    key = f", {sorts[sort]} AS sort_key" if sort else ""
    return key + (f", ({_count_sql(store, items, tables, where, cap)}) AS total_rows" if counted else "")


def _count_sql(store: Store, items: str, tables: str, where: list[str], cap: int | None = None) -> str:
    """A count of the rows a page of `items` (events, quotes) is taken from, as a column of the page: with no
    condition, the total the store keeps (migration 016; PostgreSQL counted 1.6 million quotes for each page),
    else a count (a window count, `count(*) OVER ()`, keeps every row with all its columns before the page is
    cut: twice as slow on DuckDB), which stops at `cap` + 1 rows when a cap is given (an actor on 43% of 838,000
    events took PostgreSQL 150-300 ms to count)."""
    if not where and store.item_totals():
        return f"SELECT n FROM item_totals WHERE name = '{items}'"
    if cap is not None:
        return f"SELECT count(*) FROM (SELECT 1 AS one {tables} {_where(where)} LIMIT {int(cap) + 1}) capped"
    return f"SELECT count(*) {tables} {_where(where)}"


def count_events(store: Store, actor: str | None = None, source: str | None = None, target: str | None = None,
                 since: str | None = None, until: str | None = None, root: str | None = None,
                 plover: str | None = None, doc_id: str | None = None, *, filters: Filter | None = None,
                 partner: str | None = None) -> int:
    """How many events `events` lists for the same arguments (all pages together)."""
    where, params = _events_where(store.engine, actor, source, target, since, until, root, plover, doc_id,
                                  filters, partner)
    return _first(store.fetch(_count_sql(store, "events", _events_from(*where), where), params))


def _first(rows: Rows) -> int:
    """The one value of a one-row, one-column answer (a count), as an int."""
    return int(next(iter(rows[0].values())))


QUOTES_FROM = "FROM quotes q JOIN documents d ON d.id = q.doc_id"


def _quotes_where(store: Store, speaker: str | None, text: str | None, since: str | None, until: str | None,
                  doc_id: str | None, filters: Filter | None) -> tuple[list[str], list[Any]]:
    where, params = _date_filter("d.published", since, until)
    if speaker:  # the speaker's code and name are the quote's own columns (migration 009)
        needle = _contains(speaker)
        where.append(f"(q.speaker_code = ? OR {_has_text(store, 'q.speaker_name', needle)} "
                     f"OR {_has_text(store, 'q.speaker_text', needle)})")
        params += [speaker, needle, needle]
    if text:
        scan = _has_text(store, "q.text", _contains(text))
        if _indexed(store, [text], QUOTE_INDEX) and store.engine == "postgresql":
            candidates, match, candidates_params, match_params = _pg_quotes_holding(store, text)
            where.append(f"CASE WHEN q.doc_id IN (SELECT c.doc_id FROM ({candidates}) c) THEN {match} ELSE false END")
            params += candidates_params + match_params
        elif _indexed(store, [text], QUOTE_INDEX):
            keys, keys_params = _quotes_holding(store, text)
            where.append(f"(q.doc_id, q.id) IN (SELECT k.doc_id, k.quote_id FROM ({keys}) k)")
            params += keys_params
        else:
            where.append(scan)
            params.append(_contains(text))
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    shared, shared_params = filter_sql(filters, "quotes")
    return where + shared, params + shared_params


def _quotes_holding(store: Store, text: str, index: _IndexWords | None = None,
                    holds: tuple[str, str] | None = None) -> tuple[str, list[Any]]:
    """(SQL of (doc_id, quote_id, published, start_char), its parameters) for the quotes whose text holds `text`
    (a run of ASCII letters, digits and underscores), from the quotes' word index (DuckDB: migrations 014, 018;
    PostgreSQL: 019): the quotes holding a word that holds `text`, which is what a scan of their texts finds, and
    of the few quotes the index cannot speak for (the empty word), those whose text holds it. DuckDB's rows carry
    each quote's place in the quotes' order, so a page is taken from them alone. A whole-word search
    (`search_quotes`) gives its words' `index` rows and the condition (and its parameter) an unsure quote's text
    must meet (`holds`)."""
    if store.engine == "postgresql":  # migration 019
        candidates, match, candidates_params, match_params = _pg_quotes_holding(store, text)
        return _pg_quotes_of(f"({candidates})", match), candidates_params + match_params
    # one pass over the index for both (the empty word is in `words`: migration 011 listed it); the unsure
    # quotes' texts are matched under a CASE, which no engine evaluates before the join (DuckDB scanned every
    # quote's text when the test stood alone)
    index = index or _index_words(store, QUOTE_INDEX, "h", like=_contains(text))
    condition, param = holds or (_has_text(store, "q.text", _contains(text)), _contains(text))
    sql = f"""WITH hits AS MATERIALIZED (
                  SELECT {index.word} AS word, h.doc_id, h.quote_id, h.published, h.start_char FROM {index.rows} h
                  WHERE {index.condition})
              SELECT DISTINCT doc_id, quote_id, published, start_char FROM hits WHERE word <> {index.empty}
              UNION
              SELECT h.doc_id, h.quote_id, h.published, h.start_char
              FROM hits h JOIN quotes q ON q.doc_id = h.doc_id AND q.id = h.quote_id
              WHERE h.word = {index.empty} AND CASE WHEN h.word = {index.empty} THEN {condition} ELSE false END"""
    return sql, [*index.params, param]


def _quote_page_of(store: Store, keys: str, params: list[Any], limit: int | None, offset: int, counted: bool = False,
                   count_cap: int | None = None) -> Rows:
    """DuckDB: a page of quotes (in the quotes' order) from `keys` (`_quotes_holding`'s rows), their total up to
    `count_cap` + 1 when `counted`: the page cut from the keys first, then its quotes found by their ids (a scan
    of every quote's ids: DuckDB has no index to look them up), then read by their row ids. Joining the page to
    the quotes' every column decompressed every quote's text first (at 100,000 articles of distinct texts: 200 ms,
    against 100)."""
    capped = "every_key" if count_cap is None else f"(SELECT 1 AS one FROM every_key LIMIT {int(count_cap) + 1}) c"
    sql = f"""
        WITH every_key AS MATERIALIZED ({keys}),
             k AS MATERIALIZED (SELECT * FROM every_key
                                ORDER BY published DESC NULLS LAST, doc_id, start_char {_page(limit, offset)}),
             r AS MATERIALIZED (SELECT q.rowid AS row_id, k.published, k.doc_id, k.start_char
                                FROM k JOIN quotes q ON q.doc_id = k.doc_id AND q.id = k.quote_id)
        SELECT q.published AS date, q.speaker_name AS speaker, q.speaker_code, q.speaker_text,
               q.cue_lemma AS cue, q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char,
               d.title{f", (SELECT count(*) FROM {capped}) AS total_rows" if counted else ""}
        FROM r JOIN quotes q ON q.rowid = r.row_id
        LEFT JOIN documents d ON d.id = r.doc_id
        ORDER BY r.published DESC NULLS LAST, r.doc_id, r.start_char"""
    return store.fetch(sql, params)


def _quote_page_from_index(store: Store, text: str | None, others: tuple[Any, ...], sort: str | None) -> bool:
    """Whether a page of quotes is taken from the word index alone: a search of `text` with no other condition
    (`others`) and the quotes' own order."""
    return bool(text) and sort is None and not any(others) and _indexed(store, [text], QUOTE_INDEX)


def quotes(store: Store, speaker: str | None = None, text: str | None = None, since: str | None = None,
           until: str | None = None, doc_id: str | None = None, limit: int | None = None, offset: int = 0,
           *, filters: Filter | None = None, sort: str | None = None, descending: bool = False,
           counted: bool = False, count_cap: int | None = None) -> Rows:
    """Quotes, newest article first (or by `sort`); `speaker` matches a code, or part of a name or of the
    speaker's words; `counted` adds `total_rows` as `events` does (up to `count_cap` + 1)."""
    if text and _quote_page_from_index(store, text, (speaker, since, until, doc_id, filters and filters.given()),
                                       sort) and store.engine == "postgresql":
        return _pg_quotes_page(store, *_pg_quotes_holding(store, text), True, limit, offset,
                               count_cap + 1 if counted and count_cap is not None else (None if counted else 0))
    if text and _quote_page_from_index(store, text, (speaker, since, until, doc_id, filters and filters.given()),
                                       sort):
        keys, params = _quotes_holding(store, text)
        return _quote_page_of(store, keys, params, limit, offset, counted, count_cap)
    where, params = _quotes_where(store, speaker, text, since, until, doc_id, filters)
    order = _order(QUOTE_SORTS, sort, descending, QUOTE_ORDER)
    # the page first (from the quotes' own columns, migration 009), then its articles' titles (as `events` does)
    page_order = _order(dict.fromkeys(QUOTE_SORTS, "p.sort_key"), sort, descending,
                        "p.date DESC NULLS LAST, p.doc_id, p.start_char")
    with _date_bound(store, "quotes q", "q.published", True, where, sort, limit, offset) as (bound, bound_params):
        sql = _titled_page(
            """q.published AS date, q.speaker_name AS speaker, q.speaker_code, q.speaker_text,
               q.cue_lemma AS cue, q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char""",
            """p.date, p.speaker, p.speaker_code, p.speaker_text, p.cue, p.kind, p.text, p.doc_id, p.quote_id,
               p.start_char, p.end_char""",
            _page_extras(store, "quotes", QUOTE_SORTS, sort, _quotes_from(*where), where, counted, count_cap),
            _quotes_from(order, *where), where + bound, order, page_order, limit, offset, counted,
            # a quote's text is long: a speaker's quotes or a first page took 118-135 ms at 100,000 articles of
            # distinct texts cut from every column, 24-51 by row id (an event's evidence is short, and its pages
            # gained less than they lost on texts that repeat); one article's quotes, which the zone maps of
            # their document find, took 15 ms one way and 22 the other
            "quotes q" if store.engine == "duckdb" and not doc_id else None)
        return store.fetch(sql, (params if counted else []) + params + bound_params)


QUOTE_ORDER = "q.published DESC NULLS LAST, q.doc_id, q.start_char"


def _quotes_from(*sql: str) -> str:
    """The quotes' tables for a query whose other parts are `sql`: the quotes, joined to their articles only
    when those parts read an article's column."""
    return QUOTES_FROM if _reads_documents(*sql) else "FROM quotes q"


def count_quotes(store: Store, speaker: str | None = None, text: str | None = None, since: str | None = None,
                 until: str | None = None, doc_id: str | None = None, *, filters: Filter | None = None) -> int:
    """How many quotes `quotes` lists for the same arguments (all pages together)."""
    if text and _quote_page_from_index(store, text, (speaker, since, until, doc_id, filters and filters.given()),
                                       None):
        keys, params = _quotes_holding(store, text)
        return int(store.fetch(f"SELECT count(*) AS n FROM ({keys}) k", params)[0]["n"])
    where, params = _quotes_where(store, speaker, text, since, until, doc_id, filters)
    return _first(store.fetch(_count_sql(store, "quotes", _quotes_from(*where), where), params))


HUNDREDTH = Decimal("0.01")


def _rounded(rows: Rows, *keys: str) -> Rows:
    """Means to two decimals, the same whatever order the engine summed in: a mean of Goldstein scores (tenths)
    that is exactly x.xx5 came out of one plan's float sum a hair under and of another's a hair over, and
    rounded 0.01 apart. Nine decimals first take that noise away (a mean of tenths over fewer than 10 million
    events that is not a tie is further from one), then ties go to the even digit."""
    for row in rows:
        for key in keys:
            if row.get(key) is not None:
                row[key] = float(Decimal(f"{float(row[key]):.9f}").quantize(HUNDREDTH, ROUND_HALF_EVEN))
    return rows


def pairs(store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
          root: str | None = None, min_events: int = 1, limit: int | None = None, offset: int = 0,
          *, filters: Filter | None = None) -> Rows:
    """Who does what to whom: (source, target) with event counts and mean Goldstein, busiest first."""
    if not (actor or since or until or root or (filters and filters.given())) and store.pair_totals():
        # every pair: the totals the store keeps as it stores each batch (migration 012)
        rows = store.fetch(f"""
            SELECT source, target, events, goldstein / events AS mean_goldstein, cooperation, conflict
            FROM pair_totals WHERE events >= {int(min_events)}
            ORDER BY events DESC, source, target {_page(limit, offset)}""")
        return _named_pairs(store, _rounded(_ints(rows, "events", "cooperation", "conflict"), "mean_goldstein"))
    where, params = _date_filter(EVENT_DATE, since, until)
    shared, shared_params = filter_sql(filters, "events", store.engine)
    where += shared
    params += shared_params
    # both actors found in the document (a name is never null in the actors table, migration 009 copies it)
    where += ["NOT e.negated", "e.source_name IS NOT NULL", "e.target_name IS NOT NULL"]
    if actor:
        where.append(_event_actor(store.engine))
        params += [actor] * 4
    if root:
        where.append("e.root = ?")
        params.append(root)
    source, target = "coalesce(e.source_code, e.source_name)", "coalesce(e.target_code, e.target_name)"
    sql = f"""
        SELECT {source} AS source, {target} AS target, count(*) AS events,
               avg(e.goldstein) AS mean_goldstein,
               sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict
        {_events_from(*where)}
        {_where(where)}
        GROUP BY {source}, {target}
        HAVING count(*) >= {int(min_events)}
        ORDER BY count(*) DESC, {source}, {target} {_page(limit, offset)}"""
    return _named_pairs(store, _rounded(_ints(store.fetch(sql, params), "events", "cooperation", "conflict"),
                                        "mean_goldstein"))


def _named_pairs(store: Store, rows: Rows) -> Rows:
    """Pairs with the display names of their source and target."""
    names = display_names(store, {r["source"] for r in rows} | {r["target"] for r in rows})
    for row in rows:
        row["source_name"], row["target_name"] = names.get(row["source"], row["source"]), names.get(row["target"],
                                                                                                row["target"])
    return rows


def display_names(store: Store, codes: set[str]) -> dict[str, str]:
    """The canonical name most actors with each code carry (USAGOV: United States government); a key that
    is no code (an uncoded actor's name) is its own name."""
    if not codes:
        return {}
    if store.code_names():  # the counts the store keeps (migration 013)
        rows = store.fetch(f"""SELECT code, name, actors AS n FROM code_names WHERE code {IN_LIST}
                               ORDER BY code, actors DESC, name""", (sorted(codes),))
    else:
        rows = store.fetch(f"""SELECT code, name, count(*) AS n FROM actors WHERE code {IN_LIST}
                               GROUP BY code, name ORDER BY code, count(*) DESC, name""", (sorted(codes),))
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row["code"], row["name"])
    return names


def _ints(rows: Rows, *keys: str) -> Rows:
    # PostgreSQL sums to numeric, DuckDB to hugeint: both become plain ints.
    for row in rows:
        for key in keys:
            row[key] = int(row[key] or 0)
    return rows


def timeline(store: Store, actor: str | None = None, partner: str | None = None, by: str = "month",
             since: str | None = None, until: str | None = None, *, filters: Filter | None = None) -> Rows:
    """Events per period for an actor (or a pair, or everyone): cooperation vs conflict."""
    if by not in PERIODS:
        raise NewsgraphError(Errors.E023, what="--by", value=by, why=f"use one of {', '.join(PERIODS)}")
    width = PERIODS[by]
    where, params = _date_filter(EVENT_DATE, since, until)
    where += ["NOT e.negated", f"length({EVENT_DATE}) >= {width}"]
    who, who_params = _actor_filter(actor, partner, store.engine)
    # PostgreSQL reads one actor's events side by side from the indexes that hold all this counts (migration
    # 023), unless another filter needs the table's rows: four scans would then fetch them row by row (USA's
    # timeline of root 04 at 100,000 articles: 39 ms with the OR's bitmap scan, 79 side by side)
    one = None
    if store.engine == "postgresql" and set(filters.given() if filters else ()) <= _ACTOR_INDEX_FILTERS:
        if actor and not partner:
            one, who, who_params = actor, [], []
        elif not actor and filters is not None and filters.actor:  # the API's ?actor=
            one, filters = filters.actor, replace(filters, actor=None)
    shared, shared_params = filter_sql(filters, "events", store.engine)
    where += who + shared
    params += who_params + shared_params
    tables = _events_from(*where)
    if one:
        tables, params = _events_by_side(f"{EVENT_DATE}, e.quad_class, e.goldstein", where, params, one)
        where = []
    period = f"substr({EVENT_DATE}, 1, {width})"
    quads = ",\n".join(f"sum(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END) AS quad{q}" for q in (1, 2, 3, 4))
    sql = f"""
        SELECT {period} AS period, count(*) AS events,
               sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict, {quads},
               avg(e.goldstein) AS mean_goldstein
        {tables}
        {_where(where)}
        GROUP BY {period} ORDER BY {period}"""
    return _rounded(_ints(store.fetch(sql, params), "events", "cooperation", "conflict", "quad1", "quad2",
                          "quad3", "quad4"), "mean_goldstein")


# The filters (`Filter`'s fields) that read only what migration 023's indexes hold beside an event's actor
_ACTOR_INDEX_FILTERS = {"actor", "since", "until", "quad_class"}
# The tests of an event's actor (`_event_actor`'s four), one per index of migration 023, in its order: each index
# holds the columns of the tests before it.
_ACTOR_TESTS = tuple(test for tests in zip(_actor_tests("e.source"), _actor_tests("e.target"), strict=True)
                     for test in tests)


def _events_by_side(columns: str, where: list[str], params: list[Any], actor: str) -> tuple[str, list[Any]]:
    """PostgreSQL: a FROM clause (the subquery `e`, with `columns`) of the events passing `where` whose source or
    target is `actor`, and its parameters (`params` being those of `where`): one scan per test of the actor
    (`_ACTOR_TESTS`), UNION ALL, each event kept by the first test it passes. When `columns` and `where` read
    only what migration 023's indexes hold, each scan reads an index alone; `_event_actor`'s OR of the four
    tests reads every event it selects from the table (a bitmap scan of the four indexes)."""
    scans: list[str] = []
    scan_params: list[Any] = []
    for k, test in enumerate(_ACTOR_TESTS):
        # IS NOT TRUE: a null column (an uncoded actor, no target) is no match, as in the OR
        clauses = where + [test] + ([f"({' OR '.join(_ACTOR_TESTS[:k])}) IS NOT TRUE"] if k else [])
        scans.append(f"SELECT {columns} {_events_from(*clauses)}{_where(clauses)}")
        scan_params += params + [actor] * (k + 1)
    return "FROM (" + "\n UNION ALL ".join(scans) + ") e", scan_params


def _actor_filter(actor: str | None, partner: str | None, engine: str | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (over the event `e`'s own actor columns) for an actor, or a pair, or everyone."""
    if actor and partner:
        source, target = _event_side(engine, "source"), _event_side(engine, "target")
        return ([f"(({source} AND {target}) OR ({source} AND {target}))"],
                [actor, actor, partner, partner, partner, partner, actor, actor])
    if actor:
        return [_event_actor(engine)], [actor] * 4
    return [], []


def undated(store: Store, actor: str | None = None, partner: str | None = None, *,
            filters: Filter | None = None) -> dict[str, int]:
    """How many events (of an actor, a pair, or everyone) and articles have no date: no date filter and
    no timeline can show them (a filter's dates are left out here: no date can pass them)."""
    where, params = _actor_filter(actor, partner, store.engine)
    if filters is not None:
        shared, shared_params = filter_sql(Filter(**{**filters.given(), "since": None, "until": None}), "events",
                                           store.engine)
        where += shared
        params += shared_params
    where += ["NOT e.negated", f"{EVENT_DATE} IS NULL"]
    events_sql = f"""
        SELECT count(*) AS events, count(DISTINCT e.doc_id) AS articles
        {_events_from(*where)}
        {_where(where)}"""
    counts = _ints(store.fetch(events_sql, params), "events", "articles")[0]
    if not actor and not (filters and filters.given()):
        counts["articles"] = int(store.fetch("SELECT count(*) AS n FROM documents WHERE published IS NULL")[0]["n"])
    return counts


def undated_note(counts: dict[str, int], what: str = "this timeline") -> str | None:
    """The sentence that tells a user what a date-bound answer leaves out; None when nothing is undated."""
    if not counts["events"] and not counts["articles"]:
        return None
    return (f"{counts['events']} events ({counts['articles']} articles) have no date: they are not on {what}")


def actors(store: Store, name: str | None = None, limit: int | None = 100, offset: int = 0, *,
           filters: Filter | None = None) -> Rows:
    """Actors across the corpus (by code and canonical name), most documents first: the totals the store keeps
    up to date as it stores each batch (migration 006), not an aggregate over every actor and mention. Under a
    filter, the actors of the articles that pass it, counted over those articles alone."""
    if filters is not None and filters.given():
        return _filtered_actors(store, name, limit, offset, filters)
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append(f"(a.code = ? OR lower(a.name) {_like(_contains(name))})")
        params += [name, _contains(name)]
    sql = f"""
        SELECT a.name, a.code, a.type, a.country, a.sector, a.documents, a.mentions
        FROM actor_totals a
        {_where(where)}
        ORDER BY a.documents DESC, a.mentions DESC, a.name, a.key {_page(limit, offset)}"""
    return _ints(store.fetch(sql, params), "documents", "mentions")


def _filtered_actors(store: Store, name: str | None, limit: int | None, offset: int, filters: Filter) -> Rows:
    """`actors` over the articles passing `filters`: the same groups and order as actor_totals, counted here."""
    where, params = filter_sql(filters, "documents")
    if name:
        where.append(f"(a.code = ? OR lower(a.name) {_like(_contains(name))})")
        params += [name, _contains(name)]
    sql = f"""
        SELECT a.name, a.code, a.type, a.country, a.sector, count(DISTINCT a.doc_id) AS documents,
               count(m.n) AS mentions
        FROM actors a JOIN documents d ON d.id = a.doc_id
        LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_id = a.id
        {_where(where)}
        GROUP BY a.name, a.code, a.type, a.country, a.sector
        ORDER BY count(DISTINCT a.doc_id) DESC, count(m.n) DESC, a.name, a.code NULLS FIRST, a.type NULLS FIRST,
                 a.country NULLS FIRST, a.sector NULLS FIRST {_page(limit, offset)}"""
    return _ints(store.fetch(sql, params), "documents", "mentions")


def _documents_holding(store: Store, text: str, scan: str) -> tuple[str, list[Any]]:
    """DuckDB: (a condition on the document `d`, its parameters): its title or text holds `text` (a run of ASCII
    letters, digits and underscores), from the word index (migrations 011, 018): those holding a word that holds
    it, exactly what `scan` (two `_contains` parameters) finds, and of the few the index cannot speak for (the
    empty word), those `scan` finds (read first: as a subquery beside the scan of those few, DuckDB read every
    text). The keys of the index's rows are given as a subquery (reading the 41,750 ids of "election" into a list
    took 250 ms at 100,000 articles, finding them 92, at load 6)."""
    index = _index_words(store, DOCUMENT_INDEX, "h", like=_contains(text))
    unsure = [r["doc_key"] for r in store.fetch(f"""SELECT DISTINCT h.doc_key FROM {index.rows} h
                                                   WHERE {index.word} = {index.empty}""")]
    if unsure:
        unsure = [r["key"] for r in store.fetch(f"SELECT d.key FROM documents d WHERE d.key {KEY_LIST} AND {scan}",
                                                [unsure, _contains(text), _contains(text)])]
    return (f"d.key IN (SELECT h.doc_key FROM {index.rows} h WHERE {index.condition} AND {index.word} <> "
            f"{index.empty} UNION ALL SELECT unnest(?::INTEGER[]))", [*index.params, unsure])


def documents(store: Store, text: str | None = None, limit: int | None = 50, offset: int = 0, *,
              filters: Filter | None = None) -> Rows:
    """Stored articles, newest first; `text` searches titles and bodies (case-insensitive)."""
    where, params = filter_sql(filters, "documents")
    source = "documents d"
    if text:
        title = "coalesce(d.title, '')"
        scan = f"({_has_text(store, 'd.text', _contains(text))} OR {_has_text(store, title, _contains(text))})"
        if _indexed(store, [text], DOCUMENT_INDEX) and store.engine == "postgresql":
            holding, holding_params = _pg_documents_holding(store, text)
            if not where:  # the index's rows carry each document's date: the page is cut from them alone
                source = f"({holding}) d"
            else:
                where.append(f"d.id IN (SELECT h.id FROM ({holding}) h)")
            params += holding_params
        elif _indexed(store, [text], DOCUMENT_INDEX):
            holding, holding_params = _documents_holding(store, text, scan)
            where.append(holding)
            params += holding_params
        else:
            where.append(scan)
            params += [_contains(text)] * 2
    with _date_bound(store, "documents d", "d.published", True, where, None, limit, offset) as (bound, bound_params):
        return _ints(store.fetch(_documents_page(store, source, where + bound, limit, offset), params + bound_params),
                     "events", "quotes")


def _page_counts(store: Store) -> tuple[str, str, str]:
    """(the joins, the events' and the quotes' number) of the articles of a page `p` (a CTE of their `id`s): kept
    (migration 021), else counted for the page's ids (a count correlated to each article grouped every event and
    quote, 30-50 ms at 100,000 articles on DuckDB)."""
    if store.document_counts():
        return "LEFT JOIN document_counts c ON c.doc_id = p.id", "c.events", "c.quotes"
    return ("""LEFT JOIN (SELECT doc_id, count(*) AS n FROM events WHERE doc_id IN (SELECT id FROM p)
                          GROUP BY doc_id) ev ON ev.doc_id = p.id
               LEFT JOIN (SELECT doc_id, count(*) AS n FROM quotes WHERE doc_id IN (SELECT id FROM p)
                          GROUP BY doc_id) qu ON qu.doc_id = p.id""", "ev.n", "qu.n")


def _documents_page(store: Store, source: str, where: list[str], limit: int | None, offset: int) -> str:
    """The SQL of `documents`' page of the articles in `source` that pass `where`."""
    # the page of documents first, then the leads, events and quotes of those documents only: a lead cut from
    # every matching text before the page was (DuckDB decompresses a block of texts for each); the lead is
    # stored (migration 017), as cutting even 50 texts cost DuckDB 30-60 ms at 100,000 articles; the numbers of
    # events and quotes are kept (migration 021), else counted for the page's ids
    counts, events, quotes = _page_counts(store)
    return f"""
        WITH p AS MATERIALIZED (SELECT d.id, d.published FROM {source} {_where(where)}
                                ORDER BY d.published DESC NULLS LAST, d.id {_page(limit, offset)})
        SELECT d.id, d.input_id, d.title, d.published, d.published_from, d.source, d.url, d.analyser,
               coalesce({events}, 0) AS events, coalesce({quotes}, 0) AS quotes,
               {"d.lead" if "lead" in store.column_types("documents") else "substr(d.text, 1, 240)"} AS lead
        FROM p JOIN documents d ON d.id = p.id {counts}
        ORDER BY p.published DESC NULLS LAST, p.id"""


def count_documents(store: Store, *, filters: Filter | None = None) -> int:
    """How many stored articles pass `filters`."""
    where, params = filter_sql(filters, "documents")
    if not where:
        return store.count("documents")
    return int(store.fetch(f"SELECT count(*) AS n FROM documents d {_where(where)}", params)[0]["n"])


def filter_choices(store: Store, limit: int = 200) -> dict[str, Rows]:
    """The outlets and actor countries stored, most articles first: what the filter bar offers."""
    outlets = store.fetch(f"""SELECT source AS value, count(*) AS documents FROM documents WHERE source IS NOT NULL
                             GROUP BY source ORDER BY count(*) DESC, source LIMIT {int(limit)}""")
    countries = store.fetch(f"""SELECT country AS value, count(DISTINCT doc_id) AS documents FROM actors
                               WHERE country IS NOT NULL GROUP BY country ORDER BY count(DISTINCT doc_id) DESC,
                               country LIMIT {int(limit)}""")
    return {"outlets": _ints(outlets, "documents"), "countries": _ints(countries, "documents")}


def by_country(store: Store, *, filters: Filter | None = None) -> dict[str, Rows]:
    """The corpus by country: events with an actor of each country (either side, negated ones left out)
    with their mean Goldstein score, and the places named in the articles by country and first-level
    region (admin1, GDELT's code such as USTX)."""
    where, params = filter_sql(filters, "events")
    where.append("NOT e.negated")
    events_sql = f"""
        SELECT country, count(*) AS events, avg(goldstein) AS mean_goldstein,
               sum(CASE WHEN quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) AS conflict
        FROM (SELECT DISTINCT e.doc_id, e.id, e.goldstein, e.quad_class, c.country
              {EVENTS_FROM}
              JOIN actors c ON c.doc_id = e.doc_id AND (c.id = e.source OR c.id = e.target)
              {_where(where + ["c.country IS NOT NULL"])}) per_country
        GROUP BY country ORDER BY count(*) DESC, country"""
    countries = _rounded(_ints(store.fetch(events_sql, params), "events", "cooperation", "conflict"),
                         "mean_goldstein")
    doc_where, doc_params = filter_sql(filters, "documents")
    places_sql = f"""
        SELECT p.country, p.admin1, count(*) AS mentions, count(DISTINCT p.doc_id) AS articles
        FROM places p JOIN documents d ON d.id = p.doc_id
        {_where(doc_where + ["p.country IS NOT NULL"])}
        GROUP BY p.country, p.admin1 ORDER BY count(*) DESC, p.country, p.admin1"""
    places = _ints(store.fetch(places_sql, doc_params), "mentions", "articles")
    return {"countries": countries, "places": places, "regions": _by_region(store, filters, places)}


def _by_region(store: Store, filters: Filter | None, places: Rows) -> Rows:
    """The first-level regions the articles name (the places rows with an admin1), each with the events of
    those articles under the filter (negated ones left out) and their mean Goldstein score: what the filter's
    `region` selects, so a region's count is what a click on it lists."""
    where, params = filter_sql(filters, "events")
    sql = f"""
        SELECT r.admin1, count(*) AS events, avg(e.goldstein) AS mean_goldstein,
               sum(CASE WHEN e.quad_class <= 2 THEN 1 ELSE 0 END) AS cooperation,
               sum(CASE WHEN e.quad_class >= 3 THEN 1 ELSE 0 END) AS conflict
        {EVENTS_FROM}
        JOIN (SELECT DISTINCT doc_id, admin1 FROM places WHERE admin1 IS NOT NULL) r ON r.doc_id = e.doc_id
        {_where(where + ["NOT e.negated"])}
        GROUP BY r.admin1"""
    events = {r["admin1"]: r for r in _rounded(_ints(store.fetch(sql, params), "events", "cooperation", "conflict"),
                                                "mean_goldstein")}
    regions = []
    for place in places:
        if place["admin1"]:
            counted = events.get(place["admin1"], {})
            regions.append({**place, "events": counted.get("events", 0),
                            "mean_goldstein": counted.get("mean_goldstein"),
                            "cooperation": counted.get("cooperation", 0), "conflict": counted.get("conflict", 0)})
    return regions


# -- search on word boundaries ---------------------------------------------------------------------------
EXCERPT_CHARS = 240


def search_words(text: str) -> list[str]:
    """The words a search looks for, in order (punctuation and markup between them are not searched)."""
    return re.findall(r"\w+", text)


def _phrase(words: list[str], engine: str) -> str:
    """A case-insensitive regular expression for the words in order, each whole (not inside a longer word),
    anything but ASCII letters, digits and underscores between them: the words as DuckDB's RE2 sees them (its
    \\b and \\W are ASCII's), and as the word indexes keep them. PostgreSQL's own word edges (\\m, \\M, \\W)
    take its locale's letters for parts of words (`é` in `éelection`): there the edges are spelled out, with
    lookaround so that matches next to each other are all counted, and both engines find the same words."""
    if engine == "postgresql":
        return "(?<![0-9A-Za-z_])" + "[^0-9A-Za-z_]+".join(words) + "(?![0-9A-Za-z_])"
    body = r"\W+".join(words)
    return rf"(?i)\b{body}\b"


def _matches(column: str, engine: str) -> str:
    return f"({column} ~* ?)" if engine == "postgresql" else f"regexp_matches({column}, ?)"


def _hits(column: str, engine: str) -> str:
    """How many times the pattern (one parameter) occurs in `column`."""
    if engine == "postgresql":
        return f"(SELECT count(*) FROM regexp_matches({column}, ?, 'gi'))"
    return f"len(regexp_extract_all({column}, ?))"


def excerpt(text: str, words: list[str], width: int = EXCERPT_CHARS) -> str:
    """The stretch of `text` around the first whole-word match (its start when none), on one line."""
    found = re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE) if words else None
    start = 0 if found is None else max(0, found.start() - width // 3)
    if start:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (found.start() if found else start) else start
    piece = re.sub(r"\s+", " ", text[start:start + width]).strip()
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


_INDEXED_WORD = re.compile(r"[0-9A-Za-z_]+")
DOCUMENT_INDEX, QUOTE_INDEX = "document_words", "quote_words"
KEY_LIST = "IN (SELECT unnest(?::INTEGER[]))"  # IN_LIST of integers (DuckDB's document keys)
NO_WORD = -1  # DuckDB: the id that stands for a word the vocabulary lacks (ids count from 1)


class _IndexWords(NamedTuple):
    """How a search reads a word index (`DOCUMENT_INDEX`, `QUOTE_INDEX`) for some words (`_index_words`)."""

    rows: str  # the index's rows, as a table expression (aliased by the caller)
    word: str  # a row's word id (migration 018)
    empty: str  # the empty word (a text the index cannot speak for: a search scans it) in that column, as SQL
    condition: str  # the row's word is one of those looked for, or the empty word
    params: list[Any]  # the condition's parameters


def _index_words(store: Store, index: str, alias: str, words: list[str] | None = None,
                 like: str | None = None) -> _IndexWords:
    """DuckDB: the rows of `index` (as `alias`) of the `words` (lowercased), or of the words holding the `LIKE`
    pattern `like`, and of the empty word. The rows hold word ids (migration 018), looked up first: given as a
    list, they reach the scan of the index, which reads the row groups their zone maps admit (a condition on the
    words joined to the index was checked after joining all 36 million rows). PostgreSQL's index is read by
    migration 019's functions (`_pg_*` below)."""
    if like is None:
        found = store.fetch(f"SELECT id, word FROM words WHERE word {IN_LIST}", [["", *(words or [])]])
    else:
        found = store.fetch(f"SELECT id, word FROM words WHERE word {_like(like)} OR word = ''", [like])
    empty = next((r["id"] for r in found if r["word"] == ""), NO_WORD)
    return _IndexWords(index_rows(index), f"{alias}.word_id", str(int(empty)), f"{alias}.word_id {KEY_LIST}",
                       [sorted(r["id"] for r in found)])


def _indexed(store: Store, words: list[str], index: str) -> bool:
    """Whether the store's word index of documents or quotes (`DOCUMENT_INDEX`, `QUOTE_INDEX`) answers a search
    of `words`: each a run of ASCII letters, digits and underscores, as the index keeps them."""
    if not all(_INDEXED_WORD.fullmatch(w) for w in words):
        return False
    return store.word_index() if index == DOCUMENT_INDEX else store.quote_word_index()


def _exact_words(store: Store, words: list[str]) -> bool:
    """Whether the word index alone says which texts hold `words` as whole words, in order: one word, whose
    edges `_phrase` draws where the index does (runs of ASCII letters, digits and underscores). A phrase needs
    its words in order: the index gives the candidates, and their texts are matched."""
    return len(words) == 1


def _scored_by_index(store: Store, words: list[str], pattern: str, score: str) -> tuple[str, list[Any]]:
    """DuckDB: (SQL of (doc, hits) for the documents that hold the phrase, `doc` their integer key (migration
    018), its parameters) from the word index: a single word's counts are the index's own (a title's count five
    times); a phrase is looked for, as before, in the texts of the documents holding all its words; the few
    documents the index cannot speak for are scanned (their keys read first: as a subquery, DuckDB read every
    text before it)."""
    distinct = sorted({w.lower() for w in words})
    index = _index_words(store, DOCUMENT_INDEX, "h", words=distinct)
    unsure = sorted({r["doc"] for r in store.fetch(f"SELECT h.doc_key AS doc FROM {index.rows} h "
                                                   f"WHERE {index.word} = {index.empty}")})
    found = (f"SELECT h.doc_key AS doc, sum(h.in_text) + 5 * sum(h.in_title) AS hits FROM {index.rows} h "
             f"WHERE {index.condition} AND {index.word} <> {index.empty} GROUP BY h.doc_key "
             f"HAVING count(DISTINCT {index.word}) = {len(distinct)}")
    title = "coalesce(d.title, '')"
    matches = f"({_matches('d.text', store.engine)} OR {_matches(title, store.engine)})"
    if not _exact_words(store, words):  # the documents holding every word, and the unsure ones: their texts
        # (a CASE, so that the texts matched are those alone: DuckDB matched every text before the join)
        return (f"SELECT d.key AS doc, {score} AS hits FROM documents d WHERE CASE WHEN d.key IN (SELECT doc "
                f"FROM ({found}) f) OR d.key {KEY_LIST} THEN {matches} ELSE false END",
                [pattern, pattern, *index.params, unsure, pattern, pattern])
    if not unsure:
        return found, index.params
    return (f"SELECT f.doc, f.hits FROM ({found}) f WHERE f.doc NOT {KEY_LIST} "
            f"UNION ALL SELECT d.key, {score} FROM documents d WHERE d.key {KEY_LIST} AND {matches}",
            [*index.params, unsure, pattern, pattern, unsure, pattern, pattern])


def search_documents(store: Store, q: str, limit: int | None = 50, offset: int = 0, *,
                     filters: Filter | None = None) -> Rows:
    """Articles whose title or body holds the words of `q` as whole words, in order: most matches first (a
    title match counts as five), each with an excerpt around its first match and its `hits`."""
    words = search_words(q)
    if not words:
        return []
    pattern = _phrase(words, store.engine)
    where, params = filter_sql(filters, "documents")
    title = "coalesce(d.title, '')"
    score = f"({_hits('d.text', store.engine)} + 5 * {_hits(title, store.engine)})"
    if _indexed(store, words, DOCUMENT_INDEX) and store.engine == "postgresql":
        matched, params = _pg_matched(store, words, pattern, score, where, params, limit, offset)
    elif _indexed(store, words, DOCUMENT_INDEX):
        scored, scored_params = _scored_by_index(store, words, pattern, score)
        matched = (f"SELECT d.id, d.published, s.hits FROM ({scored}) s JOIN documents d ON d.key = s.doc "
                   f"{_where(where)}")
        params = scored_params + params
    else:
        where.append(f"({_matches('d.text', store.engine)} OR {_matches(title, store.engine)})")
        matched = f"SELECT d.id, d.published, {score} AS hits FROM documents d {_where(where)}"
        params = [pattern, pattern] + params + [pattern, pattern]
    # the page of matches first, then the events and quotes of those articles only (as `documents` does)
    counts, events, quotes = _page_counts(store)
    sql = f"""
        WITH p AS MATERIALIZED ({matched}
                                ORDER BY hits DESC, d.published DESC NULLS LAST, d.id {_page(limit, offset)})
        SELECT d.id, d.input_id, d.title, d.published, d.source, d.url, d.text, p.hits,
               coalesce({events}, 0) AS events, coalesce({quotes}, 0) AS quotes
        FROM p JOIN documents d ON d.id = p.id {counts}
        ORDER BY p.hits DESC, p.published DESC NULLS LAST, p.id"""
    rows = _ints(store.fetch(sql, params), "events", "quotes", "hits")
    for row in rows:
        text = row.pop("text")
        row["excerpt"] = excerpt(text, words)
        row["lead"] = text[:EXCERPT_CHARS]
    return rows


def _searched_quotes_by_index(store: Store, words: list[str], pattern: str, limit: int | None,
                              offset: int) -> Rows:
    """`search_quotes` with no filter, its page taken from the quotes' word index (DuckDB: migrations 014, 018;
    PostgreSQL: 019): the quotes holding every word, newest first, and the few the index cannot speak for (the
    empty word); the texts of those are matched (of all, when the index alone cannot say: `_exact_words`) as the
    page is cut, under a CASE on the candidate's row, so that no engine matches every quote's text before joining
    them."""
    if store.engine == "postgresql":  # migration 019: the quotes of the documents whose quotes hold every word
        return _pg_quotes_page(store, PG_QUOTED, _matches("q.text", store.engine), [sorted({w.lower() for w in words})],
                               [pattern], _exact_words(store, words), limit, offset)
    distinct = sorted({w.lower() for w in words})
    exact = _exact_words(store, words)
    index = _index_words(store, QUOTE_INDEX, "h", words=distinct)
    if exact:  # as `quotes --text` takes its page: joining every candidate to its quote cost DuckDB 0.1-2 s
        keys, params = _quotes_holding(store, distinct[0], index, (_matches("q.text", store.engine), pattern))
        return _quote_page_of(store, keys, params, limit, offset)
    unsure = f"max(CASE WHEN {index.word} = {index.empty} THEN 1 ELSE 0 END)"
    sql = f"""
        WITH c AS MATERIALIZED (
            SELECT h.doc_id, h.quote_id, h.published, h.start_char, {unsure} = 1 AS unsure
            FROM {index.rows} h WHERE {index.condition}
            GROUP BY h.doc_id, h.quote_id, h.published, h.start_char
            HAVING count(DISTINCT {index.word}) - {unsure} = {len(distinct)} OR {unsure} = 1)
        SELECT q.published AS date, q.speaker_name AS speaker, q.speaker_code, q.speaker_text, q.cue_lemma AS cue,
               q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char, d.title
        FROM c JOIN quotes q ON q.doc_id = c.doc_id AND q.id = c.quote_id
        LEFT JOIN documents d ON d.id = c.doc_id
        WHERE CASE WHEN c.doc_id IS NOT NULL THEN {_matches("q.text", store.engine)} ELSE true END
        ORDER BY c.published DESC NULLS LAST, c.doc_id, c.start_char {_page(limit, offset)}"""
    return store.fetch(sql, [*index.params, pattern])


def search_quotes(store: Store, q: str, limit: int | None = 50, offset: int = 0, *,
                  filters: Filter | None = None) -> Rows:
    """Quotes holding the words of `q` as whole words, in order; newest article first."""
    words = search_words(q)
    if not words:
        return []
    where, params = filter_sql(filters, "quotes")
    pattern = _phrase(words, store.engine)
    matches = _matches("q.text", store.engine)
    if not where and _indexed(store, words, QUOTE_INDEX):
        return _searched_quotes_by_index(store, words, pattern, limit, offset)
    if _indexed(store, words, QUOTE_INDEX) and store.engine == "postgresql":
        # migration 019: the quotes of the documents whose quotes hold every word, their texts matched
        where.append(f"CASE WHEN q.doc_id IN (SELECT c.doc_id FROM ({PG_QUOTED}) c) THEN {matches} ELSE false END")
        params += [sorted({w.lower() for w in words}), pattern]
    elif _indexed(store, words, QUOTE_INDEX):
        # the quotes holding every word (migrations 014, 018) and those the index cannot speak for
        distinct = sorted({w.lower() for w in words})
        index = _index_words(store, QUOTE_INDEX, "w", words=distinct)
        held = (f"(q.doc_id, q.id) IN (SELECT w.doc_id, w.quote_id FROM {index.rows} w WHERE {index.condition} "
                f"AND {index.word} <> {index.empty} GROUP BY w.doc_id, w.quote_id HAVING count(*) = {len(distinct)})")
        unsure = f"(SELECT w.doc_id, w.quote_id FROM {index.rows} w WHERE {index.word} = {index.empty})"
        if _exact_words(store, words):
            where.append(f"({held} OR ((q.doc_id, q.id) IN {unsure} AND {matches}))")
        else:  # their texts matched: a CASE, so that the match reads those texts only, not every quote's
            where.append(f"CASE WHEN {held} OR (q.doc_id, q.id) IN {unsure} THEN {matches} ELSE false END")
        params += [*index.params, pattern]
    else:
        where.append(matches)
        params.append(pattern)
    sql = f"""
        SELECT p.*, d.title
        FROM (SELECT q.published AS date, q.speaker_name AS speaker, q.speaker_code, q.speaker_text,
                     q.cue_lemma AS cue, q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char
              {_quotes_from(*where)}
              {_where(where)}
              ORDER BY {QUOTE_ORDER} {_page(limit, offset)}) AS p
        LEFT JOIN documents d ON d.id = p.doc_id
        ORDER BY p.date DESC NULLS LAST, p.doc_id, p.start_char"""
    return store.fetch(sql, params)


# -- PostgreSQL's word index (migration 019) ------------------------------------------------------------------
# One row per document (`document_terms`): its words, each with its score (`word:hits`, the search page's count:
# in the text, and five times in the title), and its quotes' words, two arrays under GIN indexes; the row carries
# the document's date, the first key of the order of documents and of quotes (a quote's date is its article's),
# so a page is cut from these rows before any document or quote is read. `document_word_hits` lists the scores
# each word has. The empty word marks a document whose text, or a quote's, the index cannot speak for (migration
# 011): a search matches those texts itself.
# The index is read through migration 019's functions, which always read its GIN indexes.
PG_UNSURE = "(SELECT u.doc_id FROM documents_with_terms(ARRAY['']) u)"
# the documents whose quotes hold every word of an array (one parameter), and those the index cannot speak for
PG_QUOTED = "SELECT * FROM documents_quoting_all(?::TEXT[]) UNION SELECT * FROM documents_quoting_any(ARRAY[''])"


def _pg_terms(condition: str) -> str:
    """The array of the document terms (`word:hits`, every score) of the words `h.word` for which `condition`."""
    return f"ARRAY(SELECT h.word || ':' || h.hits FROM document_word_hits h WHERE {condition})"


def _pg_documents_holding(store: Store, text: str) -> tuple[str, list[Any]]:
    """(SQL of (id, published) of the documents whose title or text holds `text`, its parameters): those holding a
    word that holds `text` (with any score), which is what a scan of their texts finds, and of the few the index
    cannot speak for, those whose text or title holds it."""
    title = "coalesce(u.title, '')"
    pattern = _contains(text)
    scan = f"({_has_text(store, 'u.text', pattern)} OR {_has_text(store, title, pattern)})"
    sql = f"""SELECT t.doc_id AS id, t.published
              FROM documents_with_terms({_pg_terms(f"h.word IN (SELECT v.word FROM words v WHERE v.word {_like(pattern)})")}) t
              UNION
              SELECT u.id, u.published FROM documents u WHERE u.id IN {PG_UNSURE} AND {scan}"""
    return sql, [_contains(text)] * 3


def _pg_matched(store: Store, words: list[str], pattern: str, score: str, where: list[str], params: list[Any],
                limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """(SQL of (id, published, hits) of the documents holding the phrase and passing `where`, its parameters),
    enough of them for the page at `offset`: a single word's documents score by score, best first, with the
    index's counts, until the page is full (the documents of one word at 100,000 articles are 40,000); a phrase
    is looked for in the texts of the documents holding all its words. The few documents the index cannot speak
    for are matched and counted in their texts."""
    distinct = sorted({w.lower() for w in words})
    unsure = [r["doc_id"] for r in store.fetch(PG_UNSURE[1:-1])]
    title = "coalesce(d.title, '')"
    matches = f"({_matches('d.text', store.engine)} OR {_matches(title, store.engine)})"
    also = "".join(f" AND {clause}" for clause in where)
    if not _exact_words(store, words):  # a CASE, so that the texts matched are those of the candidates alone
        holding = " INTERSECT ".join(f"SELECT doc_id FROM documents_with_terms({_pg_terms('h.word = ?')})"
                                     for _ in distinct)
        return (f"SELECT d.id, d.published, {score} AS hits FROM documents d WHERE CASE WHEN d.id IN ({holding}) "
                f"OR d.id = ANY(?::TEXT[]) THEN {matches} ELSE false END{also}",
                [pattern, pattern, *distinct, unsure, pattern, pattern, *params])
    found = [tuple(r.values()) for r in store.fetch(
        f"SELECT d.id, d.published, {score} AS hits FROM documents d WHERE d.id = ANY(?::TEXT[]) AND {matches}{also}",
        [pattern, pattern, unsure, pattern, pattern, *params])] if unsure else []
    scores = [r["hits"] for r in store.fetch("SELECT hits FROM document_word_hits WHERE word = ? ORDER BY hits DESC",
                                             distinct)]
    joined = "JOIN documents d ON d.id = t.doc_id" if where else ""
    need = None if limit is None else offset + limit
    done, size = 0, 1
    # every document scoring at least the last score read is found: stop when they fill the page
    while done < len(scores) and (need is None or not done or
                                  sum(1 for row in found if row[2] >= scores[done - 1]) < need):
        found += [tuple(r.values()) for r in store.fetch(f"""
            SELECT t.doc_id, t.published, k.hits FROM unnest(?::INTEGER[]) AS k(hits)
            CROSS JOIN LATERAL documents_with_terms(ARRAY[?::TEXT || ':' || k.hits]) t {joined}
            WHERE t.doc_id <> ALL(?::TEXT[]){also}""",
            [scores[done:done + size], distinct[0], unsure, *params])]
        done, size = done + size, size * 2
    return ("SELECT * FROM unnest(?::TEXT[], ?::TEXT[], ?::INTEGER[]) AS d(id, published, hits)",
            [[row[0] for row in found], [row[1] for row in found], [int(row[2]) for row in found]])


def _pg_quotes_holding(store: Store, text: str) -> tuple[str, str, list[Any], list[Any]]:
    """The quotes whose text holds `text` (a run of ASCII letters, digits and underscores), from the index: (SQL of
    the candidates' (doc_id, published): the documents whose quotes hold a word that holds `text`, and those whose
    quotes the index cannot speak for; the test of a quote `q` of theirs (what a scan tests); the parameters of
    each)."""
    pattern = _contains(text)
    return (f"SELECT * FROM documents_quoting_any(ARRAY(SELECT v.word FROM words v WHERE v.word {_like(pattern)} "
            f"OR v.word = ''))", _has_text(store, "q.text", pattern), [pattern], [pattern])


def _pg_quotes_of(documents: str, match: str) -> str:
    """SQL of (doc_id, quote_id, published, start_char) of the quotes of `documents` (a table or subquery of
    (doc_id, published)) that `match` finds, each document's in order: read from the quotes' index on their
    document, a document at a time (as a join, even a lateral one, which the planner makes a join, it misjudged
    how many documents there are and matched every quote of the store: 0.8 s at 10,000 articles; `OFFSET 0`
    keeps the subquery whole). In the documents' order, a page needs only its first documents' quotes."""
    return (f"SELECT c.doc_id, q.quote_id, c.published, q.start_char FROM {documents} c CROSS JOIN LATERAL ("
            f"SELECT q.id AS quote_id, q.start_char FROM quotes q WHERE q.doc_id = c.doc_id AND {match} "
            f"ORDER BY q.start_char OFFSET 0) q")


def _pg_quotes_page(store: Store, candidates: str, match: str, candidates_params: list[Any], match_params: list[Any],
                    each_holds: bool, limit: int | None, offset: int, count: int | None = 0) -> Rows:
    """A page of the quotes `match` finds among those of the `candidates` (SQL of (doc_id, published)) in the
    quotes' order. Quotes are in the order of their documents (a quote's date is its article's), so when each
    candidate holds a quote `match` finds (`each_holds`, but for those the index cannot speak for), the page is
    among the quotes of the first `offset + limit` candidates and those: only theirs are read. `count` adds
    `total_rows`, the quotes found counted up to `count` (None: all; 0: no count)."""
    order = "published DESC NULLS LAST, doc_id"  # the documents' order, and so their quotes'
    first = f" LIMIT {int(offset) + int(limit)}" if each_holds and limit is not None else ""
    unsure = "SELECT * FROM documents_quoting_any(ARRAY[''])"
    counted = ""
    if count != 0:
        capped = f" LIMIT {int(count)}" if count is not None else ""
        counted = f", (SELECT count(*) FROM ({_pg_quotes_of('every_doc', match)}{capped}) n) AS total_rows"
    sql = f"""
        WITH every_doc AS MATERIALIZED ({candidates}),
             docs AS MATERIALIZED ((SELECT * FROM every_doc ORDER BY {order}{first})
                                   UNION ({unsure})),
             k AS MATERIALIZED ({_pg_quotes_of(f"(SELECT * FROM docs ORDER BY {order}) ", match)}
                                ORDER BY c.{order}, q.start_char {_page(limit, offset)})
        SELECT q.published AS date, q.speaker_name AS speaker, q.speaker_code, q.speaker_text, q.cue_lemma AS cue,
               q.kind, q.text, q.doc_id, q.id AS quote_id, q.start_char, q.end_char, d.title{counted}
        FROM k JOIN quotes q ON q.doc_id = k.doc_id AND q.id = k.quote_id LEFT JOIN documents d ON d.id = k.doc_id
        ORDER BY k.published DESC NULLS LAST, k.doc_id, k.start_char"""
    return store.fetch(sql, candidates_params + match_params + (match_params if count != 0 else []))


VERBS = {"events": events, "quotes": quotes, "pairs": pairs, "timeline": timeline, "actors": actors,
         "documents": documents}
