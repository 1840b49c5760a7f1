# vnpe — every target sets itself up: a fresh machine needs only Python 3.11 and the package registry.
# `make report`  executes the notebooks on seeds/ and writes self-contained HTML reports to reports/
# `make test`    unit + property tests and nbval over every notebook (what CI runs)
# `make lab`     JupyterLab on notebooks/ with the project's environment as kernel

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never
# Printed sets and dict orders must not vary between the run that saved the notebook outputs and nbval.
export PYTHONHASHSEED := 0

.PHONY: setup test unit nbval report lab kernel lint bench clean outputs

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv>=0.13,<0.14"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e ".[dev]"
	touch $(STAMP)

# Unit tests in two processes (pytest-xdist; a file's tests stay together, so module fixtures are built once).
UNIT_ARGS := -n 2 --dist loadfile tests --doctest-modules vnpe

test: $(STAMP)
	$(BIN)/python -m pytest $(UNIT_ARGS)
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

unit: $(STAMP)
	$(BIN)/python -m pytest $(UNIT_ARGS)

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

report: $(STAMP)
	$(BIN)/vnpe report seeds -o reports $(ARGS)

# The project's environment as a named Jupyter kernel ("vnpe"), registered for the current user.
kernel: $(STAMP)
	$(BIN)/python -m ipykernel install --user --name vnpe --display-name "Python (vnpe)"

# JupyterLab on notebooks/ with the "vnpe" kernel; extra options pass through:
# make lab ARGS="--port 8899 --no-browser". As root (containers, CI) --allow-root is added.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
lab: kernel
	$(BIN)/jupyter lab notebooks/ $(ROOT_FLAG) $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check vnpe tests benchmarks

# Re-execute every notebook in place (after a change to vnpe/), so that nbval compares against fresh outputs.
outputs: $(STAMP)
	cd notebooks && for nb in *.ipynb; do \
	  ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done
	$(BIN)/python -c "$$STRIP_TIMINGS" notebooks/*.ipynb

# Execution timestamps that the kernel writes into cell metadata change on every run: drop them.
define STRIP_TIMINGS
import sys, nbformat
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
endef
export STRIP_TIMINGS

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python "$$b" || exit 1; done

clean:
	rm -rf $(VENV) reports .pytest_cache
