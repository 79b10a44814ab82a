# Two commands for a fresh machine: `make run` and `make test`.
# Django 6.1 needs Python 3.12+; use the first of these that is new enough.
PYTHON := $(shell for p in python3.13 python3.12 python3 python; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# Settings read PORT too: links in emails and pages point at the port `make run` serves on.
export PORT

.PHONY: run test install python lint bench clean browser

python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Rendezvous needs Python 3.12 or newer (Django 6.1), and none was found."; \
		echo "Install one (e.g. 'pyenv install 3.13', or your OS package python3.13) and run make again."; \
		exit 1; fi

$(STAMP): requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory python
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Replacing $(VENV): it was made with an older Python."; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py demo_data
	@echo "Serving http://127.0.0.1:$(PORT)/ with a task worker beside it (Ctrl-C stops both)."
	@trap 'kill 0' INT TERM EXIT; \
		$(BIN)/python manage.py db_worker --interval 1 --no-startup-delay & \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

browser:
	@./scripts/ensure-chromium

test: install browser
	$(BIN)/python -m pytest $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) db.sqlite3 .test-db*.sqlite3 .pytest_cache .ruff_cache
