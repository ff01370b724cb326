# The README's commands. `make demo` starts the app with demo data;
# `make test` runs ruff and the whole test suite.
PYTHON ?= python3
# `PORT=8001 make demo` serves the demo on another port.
PORT ?= 8000
DEMO_URL := http://127.0.0.1:$(PORT)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The compiled Welsh (and any later) catalogues: built from the .po files in
# git by Babel, pure Python, so nobody needs GNU gettext installed.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: demo test install assets messages lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/build/app.css: node_modules/.package-lock.json static/scss/app.scss static/build.mjs
	npm run --silent build

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel --quiet compile -i $< -o $@

install: $(STAMP) static/build/app.css $(CATALOGUES)

assets: static/build/app.css

demo: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=$${SITE_URL:-$(DEMO_URL)} $(BIN)/python manage.py seed_demo
	SITE_URL=$${SITE_URL:-$(DEMO_URL)} DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# After changing words on screen: add the new strings to the Welsh catalogue
# (needs GNU gettext's xgettext), then translate them in locale/cy/.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l cy -e html,txt,py --no-location --no-wrap \
		--ignore 'node_modules/*' --ignore 'static/*' --ignore 'tests/*' --ignore 'docs/*'

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles db.sqlite3 $(CATALOGUES)
