# newsgraph: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLE ?= examples/sample_article.txt
# the sample's own publication date, so its relative dates ("on Tuesday") resolve
PUBLISHED ?= $(if $(filter examples/sample_article.txt,$(ARTICLE)),2024-03-20,)
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[model,test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph analyze $(ARTICLE) --format summary $(if $(PUBLISHED),--published $(PUBLISHED))

test: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py $(SHARED)/eval/polnear/dev/text

eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
