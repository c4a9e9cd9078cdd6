# Two commands from a fresh clone:  make lab  (open the explainer)  and  make test  (run every test).
# Each creates .venv and installs what it needs on first use, and again when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed
# JupyterLab's defaults for this environment: no "get notified about news?" pop-up over the lessons
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
# axe-core, which the accessibility tests inject into every exported page (package.json pins it; npm ci installs
# exactly package-lock.json's version into node_modules/, which git ignores)
AXE := node_modules/axe-core/axe.min.js

.PHONY: lab reset-lessons app test test-fast mutants html slides bench bench-classroom outputs setup clean

lab: $(READY) $(LAB_OVERRIDES)  ## open the explainer in JupyterLab at the index, on a working copy in lessons/ (PORT=8888; Ctrl+C twice stops it)
	$(BIN)/python tools/lab.py $(if $(PORT),--port $(PORT),)

reset-lessons:  ## put the repository's lessons back in lessons/ (edits made in JupyterLab there are lost)
	$(PYTHON) tools/lab.py --reset

app: $(READY)  ## serve the notebooks as a code-free app (Voilà) on 127.0.0.1; Ctrl+C stops it
	$(BIN)/python tools/app.py

test: $(READY) $(LAB_OVERRIDES) $(AXE)  ## run the unit, content, widget, notebook and browser tests
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(READY) $(LAB_OVERRIDES) $(AXE)  ## the unit, content, safety and widget tests: no browser, no notebooks, no export (about 2½ minutes on 2 cores)
	REDSPOTS_TESTS=fast $(BIN)/python -m pytest tests redspots -m "not browser and not server" --ignore=tests/test_export.py --ignore=tests/test_slides.py \
		-o addopts="--doctest-modules -p no:cacheprovider" -n 2 $(PYTEST_ARGS)

mutants: $(READY) $(AXE)  ## plant every one-line bug of tools/bugs.py, one at a time: the fast tests must catch each (SAMPLE=N: N of them)
	$(BIN)/python tools/plant_bugs.py $(if $(SAMPLE),--sample $(SAMPLE) --seed "$(SEED)",)

html: $(READY)  ## export every notebook to offline HTML pages in build/html (with index.html)
	$(BIN)/python -m redspots.export --output-dir build/html

slides: $(READY)  ## write a reveal.js deck per lesson (speaker notes on S, explorers working) to build/slides, offline
	$(BIN)/python -m redspots.export --slides --output-dir build/slides

bench: $(READY)  ## print speed and size measurements, each against a baseline measured in the same run
	$(BIN)/python benchmarks/run.py

bench-classroom: $(READY)  ## a real JupyterHub with 1, 5 and 20 students: memory and click cost per student (minutes)
	$(BIN)/python benchmarks/classroom.py

outputs: $(READY)  ## re-run every notebook and store its outputs (no widget state), which the notebook tests compare against
	$(BIN)/python tools/store_outputs.py notebooks/*.ipynb

setup: $(READY) $(LAB_OVERRIDES) $(AXE)

$(LAB_OVERRIDES): jupyter-settings/overrides.json $(READY)
	mkdir -p $(dir $@)
	cp $< $@

# Without npm the accessibility tests and the views' tests (jsdom) are skipped on this machine, and fail in CI
# (CI=true), never pass unseen.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found (Debian: apt-get install npm): the accessibility tests cannot run"; fi

$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "redspots needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test,app,classroom]"
	touch $(READY)

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) build dist node_modules
