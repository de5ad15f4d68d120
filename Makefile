# borderlink: two commands for a newcomer, `make demo` and `make test`.
# Both build .venv from pyproject.toml on first use; nothing else is assumed but python3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_SCALE ?= 3000

.PHONY: demo test lint typecheck unit spark-test venv system-deps spark-deps bench clean web-assets

$(STAMP): pyproject.toml
	@{ command -v pkg-config && pkg-config --exists icu-uc && command -v chromium && command -v npm \
		&& command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 \
		|| $(MAKE) --no-print-directory system-deps
	@command -v java >/dev/null 2>&1 || $(MAKE) --no-print-directory spark-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,ftm,web,spark]'
	touch $(STAMP)

venv: $(STAMP) web-assets

# The web app's browser libraries, from npm at build time into the package's static
# folder (gitignored): Cytoscape.js for the link chart, Swagger UI for /docs. Never a CDN.
WEB_VENDOR := src/borderlink/web/static/vendor
WEB_BUILD := build/web-assets
web-assets: $(WEB_VENDOR)/.built

$(WEB_VENDOR)/.built: Makefile
	mkdir -p $(WEB_BUILD) $(WEB_VENDOR)
	cd $(WEB_BUILD) && npm install --no-audit --no-fund --silent cytoscape@3 swagger-ui-dist@5
	cp $(WEB_BUILD)/node_modules/cytoscape/dist/cytoscape.min.js $(WEB_VENDOR)/
	cp $(WEB_BUILD)/node_modules/swagger-ui-dist/swagger-ui-bundle.js $(WEB_VENDOR)/
	cp $(WEB_BUILD)/node_modules/swagger-ui-dist/swagger-ui.css $(WEB_VENDOR)/
	touch $@

# Debian packages: ICU headers (followthemoney's PyICU builds from source),
# Chromium for the browser tests, poppler for PDF checks.
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libicu-dev pkg-config chromium poppler-utils fonts-noto-cjk npm >/dev/null; \
	else echo "install libicu-dev, pkg-config, chromium, poppler-utils, fonts-noto-cjk and npm with your system's package manager"; fi

# Java for the [spark] extra (--engine spark and its tests): Debian's OpenJDK 17.
spark-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			openjdk-17-jre-headless >/dev/null; \
	else echo "install Java 17 (e.g. openjdk-17-jre-headless) with your system's package manager"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) web-assets
	$(BIN)/pytest -q -p no:cacheprovider

# Spark and DuckDB agree on one generated world (Spark local mode; a few minutes).
spark-test: $(STAMP)
	BORDERLINK_SPARK_PARTITIONS=2 $(BIN)/pytest -q -p no:cacheprovider -m spark

test: lint typecheck unit spark-test

demo: $(STAMP) web-assets
	$(BIN)/borderlink demo --out $(DEMO_DIR) --scale $(DEMO_SCALE)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache .pytest_cache $(WEB_BUILD) $(WEB_VENDOR)
