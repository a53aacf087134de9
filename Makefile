# planparse developer commands. Everything installs itself into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
SAMPLE := samples/sefton_homelessness_2018_23.word-sections.pdf

.PHONY: install demo test eval lint schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/planparse extract $(SAMPLE) --format table

test: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/python tools/eval.py --shared $(SHARED)

lint: $(STAMP)
	$(BIN)/ruff check src tests tools

schema: $(STAMP)
	$(BIN)/planparse schema -o schemas/action-plan.schema.json

clean:
	rm -rf $(VENV) eval build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
