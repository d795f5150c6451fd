# The two set-up commands of the README. Both work on a fresh Debian machine as
# root with nothing prepared: they make .venv, install Graphviz when `dot` is
# missing, install the package, and run.
#
# `make test` installs exactly the versions in requirements/dev.lock (made by
# `make lock`), so CI runs what was tested; `make test-latest` runs the same
# suite against the newest release of every dependency. CONTRIBUTING.md has the routine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/dev.lock
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND := noninteractive
# pip's own notices would hide the output that matters.
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The whole suite with the tools of one environment: $(call suite,BIN-DIR)
define suite
	$(1)/ruff check src tests benchmarks examples
	$(1)/mypy
	$(1)/pytest -q
endef

.PHONY: demo test test-latest lock fuzz lint bench graphviz clean docs

demo: graphviz $(VENV)/.installed
	$(BIN)/govgraph check examples/devon/devon.yaml
	$(BIN)/govgraph render examples/devon/devon.yaml --collapse service_area -o examples/devon/devon.svg
	$(BIN)/govgraph render examples/devon/devon.yaml --collapse service_area -o examples/devon/devon.png
	$(BIN)/govgraph render examples/devon/devon.yaml -o examples/devon/devon-full.svg
	@echo "Drew examples/devon/devon.svg and .png (board-paper view) and examples/devon/devon-full.svg (every body)"

test: graphviz $(VENV)/.installed-dev
	$(call suite,$(BIN))
	$(MAKE) --no-print-directory docs

# The newest releases of everything, in a venv of its own; the lock is not consulted.
test-latest: graphviz
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -q --upgrade pip setuptools
	.venv-latest/bin/pip install -q --upgrade --upgrade-strategy eager -e '.[dev]'
	.venv-latest/bin/pip freeze --exclude-editable > .venv-latest/versions.txt
	$(call suite,.venv-latest/bin)
	@echo "Passed with the newest releases; their versions are in .venv-latest/versions.txt"

# Rewrites requirements/dev.lock from the newest releases that pyproject.toml admits.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -q --upgrade pip setuptools
	.venv-lock/bin/pip install -q '.[dev]'
	{ echo "# Exact versions for make test and make demo (pip constraints). Made by 'make lock' on"; \
	  echo "# $$(date -u +%Y-%m-%d) with $$(.venv-lock/bin/python --version); see CONTRIBUTING.md."; \
	  .venv-lock/bin/pip freeze --all | grep -v '^govgraph[ =@]'; } > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK)
	rm -rf .venv-lock build src/*.egg-info
	@echo "Wrote $(LOCK); now run make test and make test-latest and record both in CONTRIBUTING.md"

# The fuzzer of tests/test_fuzz.py at length: GOVGRAPH_FUZZ_EXAMPLES mutated examples (5,000 unless set).
fuzz: graphviz $(VENV)/.installed-dev
	GOVGRAPH_FUZZ_EXAMPLES=$${GOVGRAPH_FUZZ_EXAMPLES:-5000} $(BIN)/pytest -q tests/test_fuzz.py \
	  -k survives --hypothesis-show-statistics

bench: $(VENV)/.installed-dev bench-import bench-export bench-diagrams
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_queries.py

# The documentation site, into site/ (mkdocs.yml; strict: a broken link or missing page fails).
docs: graphviz $(VENV)/.installed-dev
	$(BIN)/ruff check docs/hooks
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Installing Graphviz (dot was not found)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq graphviz >/dev/null; }

# pip, setuptools and the build run without isolation, so the build backend is the locked one too.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q -c $(LOCK) pip setuptools

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install -q --no-build-isolation -c $(LOCK) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install -q --no-build-isolation -c $(LOCK) -e '.[dev]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .venv-latest .venv-lock build site .mypy_cache .ruff_cache .hypothesis

# Parts of `make bench`, each runnable alone: importing the 116 organograms of 2013 with every
# rule (issue 12), every export format on 10,000 bodies (issue 13), drawing large structures and
# measuring the drawings (issue 15).
.PHONY: bench-import bench-export bench-diagrams
bench-import: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_import.py
bench-export: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_export.py
bench-diagrams: graphviz $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/diagram_metrics.py examples/devon/devon.svg examples/devon/devon-full.svg

# --- Browser tests (issue 16) -----------------------------------------------------
# The HTML report is tested in a real headless browser: Debian's chromium and its
# driver, installed here when missing. Selenium (a dev extra) is pointed at these two
# programs, so nothing is downloaded at test time.
CHROMIUM     := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: browser
browser:
	@{ [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; } || { \
	  echo "Installing chromium and chromium-driver (the HTML report's browser tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: browser

# Issue 14 (speed), part of `make bench`: each rule's time per 100k bodies, peak memory and
# the 1x/3x/10x sizes (bench-rules); `govgraph check FOLDER` on the 116 organograms in one
# process (bench-check-many); the floor under load + all rules, in turns with it and the
# networkx script (bench-floor).
.PHONY: bench-rules bench-check-many bench-floor
bench: bench-rules bench-check-many bench-floor
bench-rules: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_rules.py
bench-floor: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/floor.py
bench-check-many: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_check_many.py
