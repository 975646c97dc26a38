"""The README's own query examples, run on the sample store `make run` builds: each returns rows."""
from __future__ import annotations

import json
import shlex

import pytest
from click.testing import CliRunner

from conftest import ROOT
from newsgraph.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_queries() -> list[list[str]]:
    """Every `newsgraph query ...` line in the README's code blocks, as arguments (a | b gives two)."""
    found = []
    in_code = False
    for line in README.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        command = line.split("#", 1)[0].strip()
        if not in_code or not command.startswith("newsgraph query "):
            continue
        head, *alternatives = command.split(" | ")
        args = shlex.split(head)[1:]
        found.append(args)
        found += [[*args[:1], alt.strip()] for alt in alternatives]
    return found


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, nlp) -> str:
    """The store `make run` builds from examples/."""
    db = str(tmp_path_factory.mktemp("readme") / "newsgraph.duckdb")
    done = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "sample_article.txt"),
                                     str(ROOT / "examples" / "more_articles.jsonl"), "--db", db,
                                     "--published", "2024-03-20", "--quiet"])
    assert done.exit_code == 0, done.output
    return db


def test_readme_has_query_examples():
    verbs = {args[1] for args in readme_queries()}
    assert verbs == {"events", "quotes", "pairs", "timeline", "actors", "documents"}


@pytest.mark.parametrize("args", readme_queries(), ids=" ".join)
def test_readme_query_example_returns_rows(sample_db, args):
    args = [a for a in args if a not in ("--format", "csv")]  # the rows as JSON, whatever the example prints
    result = CliRunner().invoke(main, [*args, "--db", sample_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout), f"no rows for: newsgraph {' '.join(args)}"


def test_readme_python_query_example_returns_rows(sample_db):
    import newsgraph
    from newsgraph import query

    store = newsgraph.open(sample_db, read_only=True)
    try:
        assert query.pairs(store, since="2021")
    finally:
        store.close()
