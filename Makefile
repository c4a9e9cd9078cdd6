# Two commands from a fresh clone:  make lab  (open the explainer)  and  make test  (run every test).
# Each creates .venv and installs what it needs on first use, and again when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed

.PHONY: lab app test test-fast html bench bench-classroom outputs setup clean

# JupyterLab refuses to run as root unless told to (containers, CI machines, Binder-like images).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(READY)  ## open the explainer in JupyterLab
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

app: $(READY)  ## serve the notebooks as a code-free app (Voilà) on 127.0.0.1; Ctrl+C stops it
	$(BIN)/python tools/app.py

test: $(READY)  ## run the unit, content, widget, notebook and browser tests
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(READY)  ## the unit, content, safety and widget tests: no browser, no notebooks, no export (under a minute)
	REDSPOTS_TESTS=fast $(BIN)/python -m pytest tests redspots -m "not browser" --ignore=tests/test_export.py \
		-o addopts="--doctest-modules -p no:cacheprovider" -n 2 $(PYTEST_ARGS)

html: $(READY)  ## export every notebook to offline HTML pages in build/html (with index.html)
	$(BIN)/python -m redspots.export --output-dir build/html

bench: $(READY)  ## print speed and size measurements, each against a baseline measured in the same run
	$(BIN)/python benchmarks/run.py

bench-classroom: $(READY)  ## a real JupyterHub with 1, 5 and 20 students: memory and click cost per student (minutes)
	$(BIN)/python benchmarks/classroom.py

outputs: $(READY)  ## re-run every notebook and store its outputs (no widget state), which the notebook tests compare against
	$(BIN)/python tools/store_outputs.py notebooks/*.ipynb

setup: $(READY)

$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "redspots needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test,app,classroom]"
	touch $(READY)

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) build dist
