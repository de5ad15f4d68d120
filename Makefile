# borderlink: two commands for a newcomer, `make demo` and `make test`.
# Both build .venv from pyproject.toml on first use; nothing else is assumed but python3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_SCALE ?= 3000

.PHONY: demo test lint typecheck unit venv system-deps bench clean

$(STAMP): pyproject.toml
	@{ command -v pkg-config && pkg-config --exists icu-uc && command -v chromium \
		&& command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 \
		|| $(MAKE) --no-print-directory system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,ftm]'
	touch $(STAMP)

venv: $(STAMP)

# Debian packages: ICU headers (followthemoney's PyICU builds from source),
# Chromium for the browser tests, poppler for PDF checks.
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libicu-dev pkg-config chromium poppler-utils fonts-noto-cjk >/dev/null; \
	else echo "install libicu-dev, pkg-config, chromium, poppler-utils and fonts-noto-cjk with your system's package manager"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

test: lint typecheck unit

demo: $(STAMP)
	$(BIN)/borderlink demo --out $(DEMO_DIR) --scale $(DEMO_SCALE)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache .pytest_cache
