# planparse developer commands. Everything installs itself into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
SAMPLE := samples/sefton_homelessness_2018_23.word-sections.pdf
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# the table finder `make eval` uses: auto, native, camelot-lattice, camelot-stream, ...
TABLES ?= auto

.PHONY: install tesseract chromium demo test eval eval-scans bench fuzz lint schema clean

# OCR needs Tesseract's English data (Debian's tesseract-ocr): installed when missing
tesseract:
	@ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || \
	  ( command -v apt-get >/dev/null && \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq tesseract-ocr >/dev/null ) || \
	  echo "warning: could not install tesseract-ocr; scanned pages will not be read"

# The HTML report is tested in a real browser: Debian's chromium (headless), installed when
# missing; without it those tests fail
chromium:
	@command -v chromium >/dev/null 2>&1 || \
	  ( command -v apt-get >/dev/null && \
	    $(SUDO) apt-get update -qq && \
	    $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core \
	      >/dev/null ) || \
	  echo "warning: could not install chromium; the report's browser tests will fail"

$(STAMP): pyproject.toml
	@# Debian's python3 has no venv module until python3-venv is installed
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || \
	  ( command -v apt-get >/dev/null && $(SUDO) apt-get update -qq && \
	    $(SUDO) apt-get install -y -qq python3-venv >/dev/null ) || true
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: tesseract chromium $(STAMP)

demo: install
	$(BIN)/planparse extract $(SAMPLE) --format table

test: install
	$(BIN)/ruff check src tests tools examples
	$(BIN)/mypy src/planparse
	$(BIN)/pytest -q

# the dev layouts and the real-dev plans, scored; `make eval TABLES=camelot-lattice`
eval: install
	$(BIN)/python tools/eval.py --shared $(SHARED) --tables $(TABLES)

# the real-dev plans made into image-only scans, read by OCR (about 1 s a page)
eval-scans: install tesseract
	$(BIN)/python tools/eval.py --shared $(SHARED) --tables $(TABLES) --corpus real-dev-scanned

bench: install
	$(BIN)/python tools/bench.py --shared $(SHARED)

# 350 damaged PDFs made from the dev corpus, each through `planparse extract --timeout 60`
fuzz: install
	$(BIN)/python tests/fuzz/run.py --shared $(SHARED) --count 350 --timeout 60 --jobs 2

lint: $(STAMP)
	$(BIN)/ruff check src tests tools examples
	$(BIN)/mypy src/planparse

schema: $(STAMP)
	$(BIN)/planparse schema plan -o schemas/action-plan.schema.json
	$(BIN)/planparse schema diff -o schemas/plan-diff.schema.json

clean:
	rm -rf $(VENV) eval build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
