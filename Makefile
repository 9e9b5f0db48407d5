PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench demo dist smoke deb deb-smoke windows windows-smoke clean

$(STAMP): pyproject.toml
	bash build/system-deps.sh
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	bash build/system-deps.sh window
	$(BIN)/python main.py resources/demo/demo-2020.perfdesk

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_pdf.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_ui.py

dist: $(STAMP)
	PY=$(BIN)/python build/build.sh

smoke: dist
	$(BIN)/python build/smoke.py

deb: dist
	bash build/deb.sh

deb-smoke: deb
	bash build/deb_smoke.sh

windows: $(STAMP)
	HOST_PY=$(BIN)/python bash build/windows.sh

windows-smoke: windows
	PY=$(BIN)/python HOST_PY=$(BIN)/python bash build/windows_smoke.sh

demo: $(STAMP)
	$(BIN)/python tools/build_demo.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis dist dist-windows build/work
