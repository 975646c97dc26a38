# newsgraph: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLE ?= examples/sample_article.txt
DB ?= newsgraph.duckdb
PORT ?= 8000
# the sample's own publication date, so its relative dates ("on Tuesday") resolve
PUBLISHED ?= $(if $(filter examples/sample_article.txt,$(ARTICLE)),2024-03-20,)
# the read-only reference folder: beside this checkout, else beside the repository it was cloned from (a clone
# made elsewhere, e.g. in a temporary folder), else as given: make test SHARED=...
SHARED ?= $(firstword $(wildcard ../shared) $(wildcard $(shell git config --get remote.origin.url 2>/dev/null)/../shared) ../shared)
STAMP := $(VENV)/.installed
# The suite runs in this many processes (pytest-xdist), a test file to each at a time: most of its time is one
# core analysing articles, so on the two-core machine it was made for two take 8 minutes instead of 15.
TEST_WORKERS ?= 2

.PHONY: run analyze test lint bench bench-scale fuzz eval clean bytecode

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[model,postgres,dask,web,test]'
	touch $(STAMP)

# An editable install leaves the package's modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set (this
# sandbox) every process compiles them again at start (80 ms of `newsgraph query`): compiled once here, as
# `pip install` does for a wheel; an edited module is compiled afresh (Python checks its time).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q src >/dev/null

# Ingest the sample articles (already stored ones are skipped) and start the web page.
run: $(STAMP) bytecode
	$(BIN)/newsgraph ingest examples/sample_article.txt examples/more_articles.jsonl --db $(DB) --published 2024-03-20
	$(BIN)/newsgraph serve --db $(DB) --port $(PORT)

# Print the analysis of one article: make analyze ARTICLE=path [PUBLISHED=YYYY-MM-DD]
analyze: $(STAMP)
	$(BIN)/newsgraph analyze $(ARTICLE) --format summary $(if $(PUBLISHED),--published $(PUBLISHED))

# The tests use a throwaway PostgreSQL server and Debian's Chromium: installed and started here.
test: $(STAMP) bytecode
	$(BIN)/ruff check src tests scripts bench
	./scripts/chromium.sh >/dev/null
	NEWSGRAPH_SHARED=$(SHARED) NEWSGRAPH_TEST_PG=$$(./scripts/postgres.sh) NEWSGRAPH_REQUIRE_PG=1 NEWSGRAPH_REQUIRE_BROWSER=1 \
		$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP) bytecode
	$(BIN)/python bench/startup.py $(SHARED)/eval/polnear/dev/text
	$(BIN)/python bench/throughput.py $(SHARED)/eval/polnear/dev/text
	$(BIN)/python bench/ingest.py $(SHARED)/eval/polnear/train/text
	$(BIN)/python bench/serve_latency.py $(SHARED)/eval/polnear/dev/text
	./scripts/chromium.sh >/dev/null
	$(BIN)/python bench/pages.py $(SHARED)/eval/polnear/dev/text --records 1000
	$(BIN)/python bench/scaling.py --sizes 10,100,1000

# A store of RECORDS replayed records (default 100,000) on DuckDB and PostgreSQL: storing, queries, exports, API.
RECORDS ?= 100000
bench-scale: $(STAMP) bytecode
	$(BIN)/python bench/scale.py $(SHARED)/eval/polnear/dev/text --records $(RECORDS) $(SCALE_ARGS)

# Ten thousand odd inputs through the Python API, the readers and the HTTP API (about 15 minutes).
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --count 10000

# Tune and check figures side by side: make eval [EVAL_ARGS="--quick --only plover re3d --keep DIR"]
eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py --shared $(SHARED) $(EVAL_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
