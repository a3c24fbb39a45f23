# Two commands do all set-up on a fresh machine:
#   make run   install, migrate, load the demo site (when the catalogue is empty) and serve on http://127.0.0.1:5000
#   make test  install what the tests need (Debian packages included) and run the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi.py
# Python's compiled modules (and pytest's assertion-rewritten test modules) kept inside the
# virtualenv, never in the checkout, and reused from one process to the next. Some machines
# (these among them) set PYTHONDONTWRITEBYTECODE, and then every process compiled the
# application and rewrote every test module from source again: 17 of the 25 seconds each
# test worker took to start, three runs and two workers per `make test`, and again in every
# server a test starts (gunicorn, the worker, the benchmarks).
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-clock install install-test system-deps translations db demo bench clean

$(BIN)/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -D "messages wtforms" -d marketplace/translations -f >/dev/null

db: install
	$(BIN)/flask db upgrade
	$(BIN)/flask catalog load-reference
	$(BIN)/flask programme load-plans

demo: db
	$(BIN)/flask demo --if-empty
	$(BIN)/flask analyze
	$(BIN)/flask search reindex --quiet

run: demo
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Debian packages the tests use: Chromium for the browser tests, PostgreSQL for the
# engine tests, Redis for the rate limits shared by several gunicorn workers, Noto fonts
# for the screenshots, faketime (libfaketime) for the PostgreSQL server when the tests'
# clock is moved. Installed only when missing; needs root (CI and these machines are).
# Another apt-get holding the dpkg lock is waited for (up to 10 minutes), not a failure.
APT_GET = DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$$need postgresql"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need="$$need redis-server"; \
	fc-list 2>/dev/null | grep -qi "noto sans" || need="$$need fonts-noto-core"; \
	ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || need="$$need faketime"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ]; then $(APT_GET) update -qq && $(APT_GET) install -y -qq $$need >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo $(APT_GET) update -qq && sudo $(APT_GET) install -y -qq $$need >/dev/null; \
	  else echo "Please install:$$need"; exit 1; fi; \
	fi

# The suite runs three times (tests/clock.py): on today, then with the clock of the tests
# and of their PostgreSQL server moved one year and three years ahead (browser tests
# left out of those two, and the tests marked `undated`: the sweeps of input handling,
# headers and schemas, migrations, in which no day enters; they run on today's run). Independent tests run in parallel (pytest-xdist, one worker
# per core; the browser tests stay together in one worker).
#   make test CLOCK=+2y6m          one run, on another day instead (also -90d, 2031-12-31)
#   make test PYTEST_ARGS="-k catalog -x"
PYTEST = $(BIN)/python -m pytest
XDIST ?= -n auto --dist loadgroup
CLOCK_RUNS ?= +1y +3y
test: system-deps install-test
ifeq ($(strip $(CLOCK)),)
	$(PYTEST) $(XDIST) $(PYTEST_ARGS)
	@for offset in $(CLOCK_RUNS); do \
	  echo "== the suite with the clock moved $$offset (OCOP_TEST_CLOCK=$$offset; browser and undated tests left out)"; \
	  OCOP_TEST_CLOCK=$$offset $(PYTEST) $(XDIST) -m "not e2e and not undated" $(PYTEST_ARGS) || exit 1; \
	done
else
	$(MAKE) --no-print-directory test-clock OFFSET='$(CLOCK)'
endif

# One run on another day: make test-clock OFFSET=+2y (browser tests left out).
test-clock: system-deps install-test
	OCOP_TEST_CLOCK='$(OFFSET)' $(PYTEST) $(XDIST) -m "not e2e and not undated" $(PYTEST_ARGS)

# Every figure of BENCHMARKS.md, measured again (PostgreSQL and Redis for the sustained load,
# wrk for the pages under load). The sustained load lasts LOAD_SECONDS (300 for the recorded
# figures):  make bench LOAD_SECONDS=30   a quick check;  BENCH_ARGS="--only load" one benchmark.
LOAD_SECONDS ?= 300
bench: install-test
	@need=""; \
	command -v wrk >/dev/null 2>&1 || need="$$need wrk"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$$need postgresql"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need="$$need redis-server"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ]; then $(APT_GET) install -y -qq $$need >/dev/null; \
	  else sudo $(APT_GET) install -y -qq $$need >/dev/null; fi; \
	fi
	$(BIN)/python -m bench.run --load-seconds $(LOAD_SECONDS) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
