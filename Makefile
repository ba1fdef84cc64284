# Samverkansportalen: `make demo` runs the app, `make test` runs the whole suite.
# The system's Python 3.11+ at /usr/bin/python3 when it can make a venv, else python3 on PATH.
# Debian's interpreter is linked statically; a pyenv build links libpython as a shared library,
# which costs every call: documents (WeasyPrint is pure Python) render about a sixth slower with
# it (docs/documents.md, "Speed"). PYTHON=... chooses another.
PYTHON ?= $(shell /usr/bin/python3 -c 'import ensurepip, sys; assert sys.version_info >= (3, 11)' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo serve test install lint format messages bench worker check-deploy bandit clean cluster-test

$(BIN)/django-admin: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/django-admin

demo: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py load_demo
	$(MAKE) --no-print-directory serve

# The demo again, on the data already loaded; the local signing service's time stamps and CRLs
# (docs/identity-and-signatures.md) are served beside it and stopped with it, and so is the local
# OpenID Provider for login with e-ID (identity/provider) when Node.js is installed.
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py signing_pki init
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py signing_pki animate & \
	  animator=$$!; trap 'kill $$animator' EXIT INT TERM; \
	  DJANGO_SETTINGS_MODULE=config.settings.local identity/provider/serve.sh $(HOST) \
	  $(BIN)/python manage.py runserver $(HOST)

# Lint, formatting, the layers, dead code (vulture; tests/config/test_dead_code.py looks further),
# migrations and the whole suite, in three runs. First every test but the browser journeys and the
# real Celery workers, spread over the cores (pytest-xdist: one process and one test database per
# core; PYTEST_WORKERS=0 runs them in this process). Then the browser journeys, spread the same
# way (each worker its own live server, Chromium and local providers on ports of their own). Then
# the real workers, one at a time: two Celery workers on the one broker queue would take each
# other's jobs. A run that selects no test (PYTEST_ARGS=tests/funding has no browser test) exits
# with 5, which passes.
PYTEST_WORKERS ?= auto
test: install
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/vulture
	$(MAKE) bandit
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser and not celery_worker" $(PYTEST_ARGS) \
	|| [ $$? = 5 ]
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "browser" $(PYTEST_ARGS) || [ $$? = 5 ]
	$(BIN)/pytest -m "celery_worker" $(PYTEST_ARGS) || [ $$? = 5 ]

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .

# Regenerate our own Swedish and English catalogues (viewflow's strings live in translations/viewflow).
messages: install
	$(BIN)/python manage.py makemessages -l sv -l en --ignore=.venv --ignore=var --ignore=bench \
	--ignore=translations
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=translations

# Every benchmark, one table (bench/README.md): PostgreSQL 15 and Redis on 127.0.0.1 (started if
# installed but stopped); the 1,000,000-task database is built first if missing (8–16 min).
bench: install
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	mkdir -p var
	$(BIN)/python -m bench.run $(BENCH_ARGS)

worker: install
	$(BIN)/celery -A config worker --loglevel=info

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$(openssl rand -hex 32) \
	DJANGO_ALLOWED_HOSTS=samverkan.example.se DATABASE_URL=postgres://app@127.0.0.1/app TRUSTED_PROXIES=127.0.0.1 \
	CACHE_URL=redis://127.0.0.1:6379/1 CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
	CLAMAV_ADDRESS=tcp://127.0.0.1:3310 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Security lint of our own code: any high-severity finding fails.
# Every package of ours: the import layers' list in pyproject.toml, so a new app is scanned too.
BANDIT_PATHS := $(shell python3 -c "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['tool']['importlinter']['root_packages']))")
bandit: install
	$(BIN)/bandit --quiet --recursive $(BANDIT_PATHS) --exclude '*/migrations/*,*/tests/*' \
	--severity-level high

clean:
	rm -rf var/test-*.sqlite3* var/test-private* var/test-earchive*

# Regenerate the read API's OpenAPI schema after changing api/ (tests/api checks it is current).
.PHONY: schema
schema: install
	$(BIN)/python manage.py spectacular --settings=config.settings.test --lang en --validate --file api/openapi.yaml

# The application on a cluster of network namespaces (run as root): a load balancer, two web
# hosts, two workers, a scheduler, PostgreSQL behind PgBouncer, Redis and clamd, each in its own
# namespace; applications sent through the balancer while a web host and a worker are killed.
# Prints a table, writes var/cluster-test.json (docs/deployment.md, "The cluster test").
cluster-test: install
	mkdir -p var
	CLUSTER_VENV=$(abspath $(VENV)) /usr/bin/python3 scripts/cluster/run.py $(CLUSTER_ARGS)
