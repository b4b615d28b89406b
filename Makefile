# Entry points (cookiecutter-data-science style). Two commands do all the set-up:
#   make report   -> .venv, install, demo data -> reports/ (index.html)
#   make test     -> .venv, dev extras, the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
CONSTRAINTS := requirements/constraints.txt
DATA   ?= data/raw
OUT    ?= reports
LANG_REPORT ?= id
# First run on a machine without a pseudonym key: create one (make report BUAT_KUNCI= to refuse)
BUAT_KUNCI ?= --buat-kunci

.PHONY: help install install-dev install-lab report test browser lint lab demo-data validate clean-reports constraints bench

help:
	@echo "make report   build the report set from $(DATA) into $(OUT)/ (index.html)"
	@echo "make test     run the whole test suite (ruff, pytest, doctests)"
	@echo "make lab      JupyterLab on the project's kernel"
	@echo "make demo-data  regenerate data/raw (banyumanik, seed 2026)"

$(BIN)/python:
	@echo "[setup] creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.stamp-base: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	@echo "[setup] installing kinerja-analysis (pinned by $(CONSTRAINTS))"
	@$(PIP) install -q -c $(CONSTRAINTS) -e .
	@touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-base
	@echo "[setup] installing dev extras"
	@$(PIP) install -q -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

$(VENV)/.stamp-lab: $(VENV)/.stamp-base
	@echo "[setup] installing JupyterLab"
	@$(PIP) install -q -c $(CONSTRAINTS) -e '.[lab]'
	@$(BIN)/python -m ipykernel install --sys-prefix --name kinerja-analysis --display-name "kinerja-analysis (Python 3.11)" >/dev/null
	@touch $@

install: $(VENV)/.stamp-base
install-dev: $(VENV)/.stamp-dev
install-lab: $(VENV)/.stamp-lab

report: install
	$(BIN)/kinerja report --data $(DATA) --out $(OUT) --lang $(LANG_REPORT) --pdf $(BUAT_KUNCI)

test: install-dev browser
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

# The browser test drives Debian's chromium (no browser download: the network only reaches
# the package registries). Installed here when running as root with apt (CI); elsewhere the
# test is skipped with a message unless CI=true.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "[setup] installing Debian chromium for the browser test"; \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "[setup] chromium not found: the browser test will be skipped"; fi; }

lint: install-dev
	$(BIN)/ruff check src tests

lab: install-lab
	$(BIN)/jupyter lab notebooks/

demo-data: install
	$(BIN)/kinerja demo-data --out data/raw --scale banyumanik --seed 2026

validate: install
	$(BIN)/kinerja validate --data $(DATA)

# Scale benchmark (minutes; several GB in a temp folder, deleted afterwards) -> benchmarks/results.md
BASELINE ?= 661c597
bench: install
	$(BIN)/python benchmarks/bench.py --baseline $(BASELINE)

clean-reports:
	rm -rf $(OUT)/*/ $(OUT)/index.html $(OUT)/results.json $(OUT)/manifest.json

# Regenerate the lock after changing dependencies in pyproject.toml (needs a fresh venv).
constraints:
	rm -rf /tmp/kinerja-lock && $(PYTHON) -m venv /tmp/kinerja-lock
	/tmp/kinerja-lock/bin/pip install -q -e '.[dev,lab]'
	/tmp/kinerja-lock/bin/pip freeze --exclude-editable > $(CONSTRAINTS)
