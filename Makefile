# Two commands do all set-up on a fresh machine:
#   make run   install, migrate, load the demo catalogue (when empty) and serve on http://127.0.0.1:5000
#   make test  install what the tests need (Debian packages included) and run the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test system-deps translations db demo bench clean

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
	$(BIN)/flask catalog demo --if-empty
	$(BIN)/flask search reindex --quiet

run: demo
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Debian packages the tests use: Chromium for the browser tests, PostgreSQL for
# the engine tests, Redis for the rate limits shared by several gunicorn workers.
# Installed only when missing; needs root (CI and these machines are). apt waits up
# to 10 minutes for another apt run to release its lock rather than failing.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$$need postgresql"; \
	command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need="$$need redis-server"; \
	fc-list 2>/dev/null | grep -qi "noto sans" || need="$$need fonts-noto-core"; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ]; then $(APT_GET) update -qq && $(APT_GET) install -y -qq $$need >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo $(APT_GET) update -qq && sudo $(APT_GET) install -y -qq $$need >/dev/null; \
	  else echo "Please install:$$need"; exit 1; fi; \
	fi

test: system-deps install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
